"""Forms of the outcome pages: shape only; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.decisions.models import DecisionForm


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label, initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )


class DrawUpForm(forms.Form):
    content = forms.CharField(label=_("Content of the decision"), widget=forms.Textarea)
    village_head_name = forms.CharField(
        label=_("Village head (commune chair for a commune-scope matter)"), max_length=150
    )
    front_head_name = forms.CharField(
        label=_(
            "Head of the Front work committee (commune Front chair for a commune-scope matter)"
        ),
        max_length=150,
    )
    representative_1 = forms.CharField(
        label=_("First household representative who signs"), max_length=150, required=False
    )
    representative_2 = forms.CharField(
        label=_("Second household representative who signs"), max_length=150, required=False
    )
    decided_at = forms.DateTimeField(
        label=_("Time of the decision (empty: the meeting or the end of voting)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "content": data["content"],
            "village_head_name": data["village_head_name"],
            "front_head_name": data["front_head_name"],
            "representative_names": (data["representative_1"], data["representative_2"]),
            "decided_at": data["decided_at"],
        }


class SendForm(forms.Form):
    sent_on = _date_field(_("Sent to the commune on"))


class ReceiveForm(forms.Form):
    received_on = _date_field(_("Received by the commune on"))


class RecogniseForm(forms.Form):
    on = _date_field(_("Recognised on"))


class RefuseForm(forms.Form):
    on = _date_field(_("Answered on"))
    reasons = forms.CharField(label=_("Reasons for refusing"), widget=forms.Textarea)


class EffectiveForm(forms.Form):
    on = _date_field(_("In effect from"))


class AnnulForm(forms.Form):
    on = _date_field(_("Annulled on"))
    grounds = forms.CharField(label=_("Grounds for annulment"), widget=forms.Textarea)


class AmendmentRequestForm(forms.Form):
    grounds = forms.CharField(label=_("Grounds for asking an amendment"), widget=forms.Textarea)


class AmendmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    form = forms.ChoiceField(label=_("Form"), choices=DecisionForm.choices)
    front_agreed_by = forms.CharField(
        label=_("Front head who agreed (Art. 16)"), max_length=150, required=False
    )
    front_agreed_on = forms.DateField(
        label=_("Date of the agreement"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ConsentForm(forms.Form):
    household_code = forms.CharField(label=_("Household number"), max_length=40)
    given_on = _date_field(_("Consent given on"))
