"""Forms of the meeting pages: shape only; the services in services_meetings decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.decisions.domain import meetings as domain
from danchu.decisions.models import DecisionForm, Matter, MatterStatus, VotingMethod

NOTICE_CHANNEL_CHOICES = [
    (domain.INVITATION, _("Invitation")),
    (domain.DIRECT, _("Direct notice to each household")),
    (domain.LOUDSPEAKER, _("Village loudspeaker")),
    (domain.PHONE, _("Phone")),
    (domain.SOCIAL_APP, _("The village's social-network app")),
]
CHANNEL_LABELS = dict([*NOTICE_CHANNEL_CHOICES, (domain.POSTING, _("Posted at the culture house"))])

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _now_local() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    scheduled_at = forms.DateTimeField(label=_("Meeting time"), widget=_DATETIME)
    place = forms.CharField(label=_("Place"), max_length=255)
    convenor_name = forms.CharField(label=_("Convened and chaired by"), max_length=150)
    matters = forms.ModelMultipleChoiceField(
        label=_("Matters to decide"),
        queryset=Matter.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Draft matters of the village proposed for a community meeting."),
    )

    def __init__(self, *args, village, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matters"].queryset = Matter.objects.filter(
            unit=village,
            status=MatterStatus.DRAFT,
            form=DecisionForm.MEETING,
            meeting__isnull=True,
        ).order_by("-created_at")


class NoticeForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=_("The notice reaches the households by"),
        choices=NOTICE_CHANNEL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("It is also posted at the culture house (ND 59/2023 Art. 3(3))."),
    )
    sent_at = forms.DateTimeField(label=_("Sent at"), widget=_DATETIME)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"sent_at": _now_local()})
        super().__init__(*args, **kwargs)


class DocumentsDeliveredForm(forms.Form):
    on = forms.DateField(label=_("Documents reached every household on"), widget=_DATE)


class ClusterForm(forms.Form):
    name = forms.CharField(label=_("Cluster"), max_length=120)
    chair_name = forms.CharField(label=_("Cluster chair"), max_length=150)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    scheduled_at = forms.DateTimeField(label=_("Time"), required=False, widget=_DATETIME)
    scattered = forms.BooleanField(
        label=_("The village's housing is scattered"),
        required=False,
        help_text=_("Needed only for a village of fewer than 200 households (Art. 18(3))."),
    )


class ClusterPlanApproveForm(forms.Form):
    on = forms.DateField(label=_("Approved by the commune on"), widget=_DATE)


class StartForm(forms.Form):
    started_at = forms.DateTimeField(label=_("Started at"), widget=_DATETIME)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"started_at": _now_local()})
        super().__init__(*args, **kwargs)


class CloseForm(forms.Form):
    ended_at = forms.DateTimeField(label=_("Ended at"), widget=_DATETIME)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"ended_at": _now_local()})
        super().__init__(*args, **kwargs)


class _ClusterChoiceMixin:
    def set_clusters(self, clusters) -> None:
        field = self.fields["cluster"]  # type: ignore[attr-defined]
        field.choices = [("", "—"), *((str(c.pk), c.name) for c in clusters)]
        field.required = bool(clusters)


class AttendanceForm(_ClusterChoiceMixin, forms.Form):
    household_code = forms.CharField(label=_("Household number"), max_length=40)
    attendee_name = forms.CharField(
        label=_("Attendee"),
        max_length=150,
        required=False,
        help_text=_("Leave empty when the household's representative attends."),
    )
    authorised = forms.BooleanField(
        label=_("Authorised member, not the representative"), required=False
    )
    cluster = forms.ChoiceField(label=_("Cluster"), required=False)

    def __init__(self, *args, clusters=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_clusters(clusters)

    def clean(self):
        data = super().clean()
        if data.get("authorised") and not (data.get("attendee_name") or "").strip():
            self.add_error("attendee_name", _("Name the authorised member who attends."))
        return data


class SpeakerForm(forms.Form):
    household_code = forms.CharField(label=_("Household number"), max_length=40)
    member_name = forms.CharField(label=_("Household member"), max_length=150)
    topic = forms.CharField(label=_("What they wish to say"), max_length=500, required=False)


class SecretaryForm(forms.Form):
    name = forms.CharField(label=_("Secretary"), max_length=150)
    votes = forms.IntegerField(label=_("Hands in favour"), min_value=0)


class VotingMethodForm(forms.Form):
    method = forms.ChoiceField(label=_("Voting method"), choices=VotingMethod.choices)
    votes = forms.IntegerField(label=_("Hands in favour"), min_value=0)


class CountingBoardForm(forms.Form):
    members = forms.CharField(
        label=_("Members of the vote-counting board"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One name a line, 3 to 5 people; the first leads the board."),
    )
    votes = forms.IntegerField(label=_("Hands in favour"), min_value=0)

    def clean_members(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["members"].splitlines() if line.strip()]


class WitnessesForm(forms.Form):
    first = forms.CharField(label=_("First witness"), max_length=150)
    second = forms.CharField(label=_("Second witness"), max_length=150)


class TallyForm(_ClusterChoiceMixin, forms.Form):
    matter = forms.ChoiceField(label=_("Matter"))
    cluster = forms.ChoiceField(label=_("Cluster"), required=False)
    agree = forms.IntegerField(label=_("Agree"), min_value=0)
    disagree = forms.IntegerField(label=_("Disagree"), min_value=0)
    other = forms.IntegerField(label=_("Other opinion"), min_value=0, initial=0, required=False)
    invalid = forms.IntegerField(label=_("Invalid ballots"), min_value=0, initial=0, required=False)
    other_opinions = forms.CharField(
        label=_("Other opinions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, matters=(), clusters=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matter"].choices = [(str(m.pk), m.title) for m in matters]
        self.set_clusters(clusters)
