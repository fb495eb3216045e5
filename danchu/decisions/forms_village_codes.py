"""Forms of the village code pages: shape only; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.decisions.domain.village_codes import MIN_COMMENT_DAYS


def _date(label: str | object, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


class CodeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    text = forms.CharField(label=_("Text of the draft"), widget=forms.Textarea(attrs={"rows": 16}))


class PostForm(forms.Form):
    posted_on = _date(_("Posted at the culture house on"))
    comment_days = forms.IntegerField(
        label=_("Days posted for comment"),
        initial=MIN_COMMENT_DAYS,
        min_value=MIN_COMMENT_DAYS,
        max_value=365,
        help_text=_("At least 30 days; the community may choose a longer period (ND 61 Art. 9)."),
    )


class VoteForm(forms.Form):
    vote_on = _date(_("Day of the households' vote"))
    front_agreed_by = forms.CharField(
        label=_("Head of the Front work committee who agreed (Art. 16)"), max_length=150
    )
    front_agreed_on = _date(_("Date of the agreement"))


class DossierForm(forms.Form):
    sent_on = _date(_("Dossier sent to the commune on"))


class ReportForm(forms.Form):
    received_on = _date(_("Written report received on"))


class SuspendForm(forms.Form):
    on = _date(_("Suspended on"))
    whole = forms.TypedChoiceField(
        label=_("What is suspended"),
        choices=[
            ("1", _("The whole code (the procedure was breached)")),
            ("0", _("Some provisions (their content is unsuitable)")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    provisions = forms.CharField(
        label=_("Suspended provisions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reason = forms.CharField(label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 4}))


class AbolishForm(forms.Form):
    on = _date(_("Abolished on"))
    reason = forms.CharField(label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 4}))


class ReviewDayForm(forms.Form):
    day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)


class ReviewForm(forms.Form):
    reviewed_on = _date(_("Reviewed on"))
    summary = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 6}))
