"""Forms of the decisions pages: shape only; services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.decisions.models import Choice, DecisionForm, MatterKind, VoteChannel


class MatterForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=MatterKind.choices)
    form = forms.ChoiceField(label=_("Form"), choices=DecisionForm.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    front_agreed_by = forms.CharField(
        label=_("Front head who agreed (Art. 16)"), max_length=150, required=False
    )
    front_agreed_on = forms.DateField(
        label=_("Date of the agreement"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your household's choice"), choices=Choice.choices, widget=forms.RadioSelect
    )
    other_opinion = forms.CharField(label=_("Other opinion"), max_length=500, required=False)


class PaperVoteForm(forms.Form):
    household_code = forms.CharField(label=_("Household number"), max_length=40)
    choice = forms.ChoiceField(label=_("Choice"), choices=Choice.choices)
    channel = forms.ChoiceField(
        label=_("Recorded from"),
        choices=[c for c in VoteChannel.choices if c[0] != VoteChannel.ONLINE],
    )
    other_opinion = forms.CharField(label=_("Other opinion"), max_length=500, required=False)
