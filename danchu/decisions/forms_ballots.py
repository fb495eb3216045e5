"""Forms of the ballots and online-voting pages: shape only; the services decide what the law
allows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.decisions.domain import ballots as rules_ballots
from danchu.decisions.models import Choice, DecisionForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

NOTICE_CHANNEL_CHOICES = [
    ("posting", _("Posted at the culture house")),
    ("direct", _("Told to each household")),
    ("loudspeaker", _("Village loudspeaker")),
    ("phone", _("Telephone")),
    ("social_network", _("The village's social-network group")),
]

REPRESENTS_CHOICES = [
    ("", _("—")),
    (rules_ballots.REPRESENTS_VILLAGE, _("The village")),
    (rules_ballots.REPRESENTS_FRONT, _("The Front work committee")),
    (rules_ballots.REPRESENTS_ORGANISATION, _("A socio-political organisation")),
    (rules_ballots.REPRESENTS_HOUSEHOLD, _("A household representative")),
    (rules_ballots.REPRESENTS_IT, _("A person proficient in IT")),
]
REPRESENTS_LABELS = dict(REPRESENTS_CHOICES)


class BallotPlanForm(forms.Form):
    purpose = forms.CharField(label=_("Purpose and content"), widget=forms.Textarea)
    issued_on = forms.DateField(label=_("Plan issued on"), widget=DATE)
    sent_to_commune_on = forms.DateField(
        label=_("Sent to the commune chair and the commune Front on"),
        required=False,
        widget=DATE,
        help_text=_("Within 2 days of issuing the plan (ND 59/2023 Art. 4(2))."),
    )
    notice_channels = forms.MultipleChoiceField(
        label=_("How the households are notified"),
        choices=NOTICE_CHANNEL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    notice_posted_on = forms.DateField(
        label=_("Households notified on"),
        required=False,
        widget=DATE,
        help_text=_("At least 2 days before the ballots are handed out (Art. 19(2))."),
    )
    distribution_starts_on = forms.DateField(label=_("Ballots handed out from"), widget=DATE)
    return_deadline = forms.DateField(label=_("Ballots returned by"), widget=DATE)


class TeamForm(forms.Form):
    """Up to five members in rows; the leader is chosen once, so there is only one."""

    ROWS = rules_ballots.TEAM_MAX

    leader = forms.TypedChoiceField(
        label=_("Leads the team"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, ROWS + 1)],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, self.ROWS + 1):
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Member %(n)s: full name") % {"n": i}, max_length=150, required=False
            )
            self.fields[f"represents_{i}"] = forms.ChoiceField(
                label=_("Member %(n)s represents") % {"n": i},
                choices=REPRESENTS_CHOICES,
                required=False,
            )
            self.fields[f"front_{i}"] = forms.BooleanField(
                label=_("Member %(n)s represents the Front work committee") % {"n": i},
                required=False,
            )

    def rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"name_{i}"], self[f"represents_{i}"], self[f"front_{i}"]]
            for i in range(1, self.ROWS + 1)
        ]

    def members(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        members = []
        for i in range(1, self.ROWS + 1):
            name = data.get(f"name_{i}", "").strip()
            if not name:
                continue
            members.append(
                {
                    "full_name": name,
                    "represents": data.get(f"represents_{i}", ""),
                    "is_front_representative": bool(data.get(f"front_{i}"))
                    or data.get(f"represents_{i}") == rules_ballots.REPRESENTS_FRONT,
                    "is_leader": data.get("leader") == i,
                }
            )
        return members

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        leader = data.get("leader")
        if leader and not (data.get(f"name_{leader}") or "").strip():
            self.add_error("leader", _("The leader's row has no name."))
        return data

    @classmethod
    def initial_from(cls, team: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        if team is None:
            return initial
        for i, member in enumerate(team.members.all(), start=1):
            initial[f"name_{i}"] = member.full_name
            initial[f"represents_{i}"] = member.represents
            initial[f"front_{i}"] = member.is_front_representative
            if member.is_leader:
                initial["leader"] = i
        return initial


class BallotEntryForm(forms.Form):
    code = forms.CharField(
        label=_("Ballot code"),
        max_length=300,
        help_text=_("Type the code printed on the ballot, or scan its QR code."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )
    choice = forms.ChoiceField(
        label=_("The household's choice"), choices=Choice.choices, widget=forms.RadioSelect
    )
    other_opinion = forms.CharField(label=_("Other opinion"), max_length=500, required=False)


class CountForm(forms.Form):
    witness_1 = forms.CharField(
        label=_("First witnessing household representative"), max_length=150
    )
    witness_2 = forms.CharField(
        label=_("Second witnessing household representative"), max_length=150
    )


class PollAnswerForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Should the village vote on this matter online?"),
        choices=Choice.choices,
        widget=forms.RadioSelect,
    )
    other_opinion = forms.CharField(label=_("Other opinion"), max_length=500, required=False)


class PollEntryForm(PollAnswerForm):
    household_code = forms.CharField(label=_("Household number"), max_length=40)


class PollCloseForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("The online vote ends at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class FormChangeForm(forms.Form):
    form = forms.ChoiceField(label=_("Decide it by"), choices=DecisionForm.choices)
