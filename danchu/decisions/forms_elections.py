"""Forms of the election and dismissal pages: shape only; the services decide what is allowed
(ND 59/2023 Arts 6–9)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.decisions.models import DismissalTrigger, MatterKind
from danchu.decisions.services_elections import TeamMemberData

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ELECTION_KINDS = [
    (MatterKind.VILLAGE_HEAD.value, MatterKind.VILLAGE_HEAD.label),
    (MatterKind.BOARD_MEMBER.value, MatterKind.BOARD_MEMBER.label),
]


class ElectionPlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Who is elected"), choices=ELECTION_KINDS)
    meeting_on = forms.DateField(label=_("Date of the election meeting"), widget=DATE)
    plan_issued_on = forms.DateField(
        label=_("Commune chair's decision and plan issued on"), widget=DATE
    )
    front_agreed_by = forms.CharField(
        label=_("Commune Front official who agreed to the plan"), max_length=150
    )
    term_years = forms.CharField(
        label=_("Term in years (blank: the province's term)"), max_length=4, required=False
    )


class TeamForm(forms.Form):
    decided_on = forms.DateField(label=_("Decision setting up the team issued on"), widget=DATE)
    leader_name = forms.CharField(
        label=_("Team leader (representative of the Front work committee)"), max_length=150
    )
    other_members = forms.CharField(
        label=_("Other members, one per line: full name; organisation or household represented"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def members(self) -> list[TeamMemberData]:
        data = self.cleaned_data
        out = [
            TeamMemberData(
                full_name=data["leader_name"],
                represents=str(_("Front work committee")),
                is_front_representative=True,
            )
        ]
        for line in (data.get("other_members") or "").splitlines():
            name, _sep, represents = line.partition(";")
            if name.strip():
                out.append(TeamMemberData(full_name=name, represents=represents))
        return out


class CandidateForm(forms.Form):
    full_name = forms.CharField(label=_("Candidate's full name"), max_length=150)
    nominated_by = forms.CharField(
        label=_("Nominated by (blank: self-nominated at the meeting or by the Front)"),
        max_length=150,
        required=False,
    )


class CandidatesSentForm(forms.Form):
    sent_on = forms.DateField(label=_("Minutes (Form 05) received by the commune on"), widget=DATE)
    front_head_name = forms.CharField(
        label=_("Head of the Front work committee"), max_length=150, required=False
    )


class NoticeForm(forms.Form):
    posted_on = forms.DateField(label=_("Posted at the culture house on"), widget=DATE)


class CandidateVotesForm(forms.Form):
    candidate = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    agree_count = forms.IntegerField(label=_("Households in favour"), min_value=0)


class DismissalForm(forms.Form):
    head_name = forms.CharField(label=_("Village head"), max_length=150)
    trigger = forms.ChoiceField(label=_("Trigger"), choices=DismissalTrigger.choices)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    petition_households = forms.IntegerField(
        label=_("Households that signed the petition"), min_value=0, required=False
    )
    front_head_name = forms.CharField(
        label=_("Head of the Front work committee (convenes the meeting)"), max_length=150
    )


class InterimHeadForm(forms.Form):
    name = forms.CharField(label=_("Interim head"), max_length=150)
    on = forms.DateField(label=_("Appointed on"), widget=DATE)
    front_agreed_by = forms.CharField(label=_("Commune Front official who agreed"), max_length=150)
