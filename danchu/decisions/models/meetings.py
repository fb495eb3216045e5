"""Community meetings (Law 10/2022 Art. 18; ND 59/2023 Art. 3): the notice, the households
present, the secretary and counting board the meeting approves, and the counts per matter."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    NOTIFIED = "notified", _("Notice sent")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class VotingMethod(models.TextChoices):
    SHOW_OF_HANDS = "hands", _("Show of hands")
    SECRET_BALLOT = "secret", _("Secret ballot")


class Meeting(models.Model):
    """A meeting of the village's household representatives; it may decide several matters."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    scheduled_at = models.DateTimeField(_("meeting time"))
    place = models.CharField(_("place"), max_length=255)
    convenor_name = models.CharField(_("convened and chaired by"), max_length=150)
    # ND 59 Art. 3(3): Mẫu 01 reaches attendees at least 2 days ahead, on the chosen channels,
    # and is posted at the culture house.
    notice_channels = models.JSONField(_("notice channels"), default=list, blank=True)
    notice_sent_at = models.DateTimeField(_("notice sent at"), null=True, blank=True)
    notice_document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Art. 18(3); ND 59 Art. 3(6): villages of 200+ households may meet in clusters, on a plan
    # the commune People's Committee decides.
    cluster_plan_approved_on = models.DateField(
        _("cluster plan approved by the commune on"), null=True, blank=True
    )
    # Art. 18(3): a village under 200 households meets in clusters only when the village head
    # declares its housing scattered; the commune judges the declaration with the plan.
    scattered_housing = models.BooleanField(
        _("housing declared scattered by the village head"), default=False
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    eligible_households = models.PositiveIntegerField(
        _("households of the village"), null=True, blank=True
    )
    present_count = models.PositiveIntegerField(_("representatives present"), default=0)
    # Art. 18(4); ND 59 Art. 3(5): approved by more than 50% of the representatives present.
    secretary_name = models.CharField(_("secretary"), max_length=150, blank=True)
    secretary_votes = models.PositiveIntegerField(_("hands for the secretary"), default=0)
    voting_method = models.CharField(
        _("voting method"), max_length=8, choices=VotingMethod.choices, blank=True
    )
    voting_method_votes = models.PositiveIntegerField(_("hands for the method"), default=0)
    counting_board_votes = models.PositiveIntegerField(_("hands for the counting board"), default=0)
    witnesses = models.JSONField(_("witnessing representatives"), default=list, blank=True)
    # ND 59 Art. 3(5)(c): the counting minutes (Mẫu 02) of a secret ballot, made at the close.
    counting_minutes_document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("community meeting")
        verbose_name_plural = _("community meetings")
        ordering = ["-scheduled_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def access_unit(self):
        return self.unit


class MeetingCluster(models.Model):
    """One residential cluster's part of a split meeting; its chair reports to the village head."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(_("cluster"), max_length=120)
    chair_name = models.CharField(_("cluster chair"), max_length=150)
    place = models.CharField(_("place"), max_length=255, blank=True)
    scheduled_at = models.DateTimeField(_("time"), null=True, blank=True)
    reported_at = models.DateTimeField(_("results reported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting cluster")
        verbose_name_plural = _("meeting clusters")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"], name="unique_cluster_name")
        ]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    """A household present at the meeting, through its representative or an authorised member
    (Art. 18(2)). One row per household per meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey(
        MeetingCluster, null=True, blank=True, on_delete=models.PROTECT, related_name="attendance"
    )
    attendee = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attendee_name = models.CharField(_("attendee"), max_length=150)
    authorised = models.BooleanField(_("authorised member, not the representative"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "household"], name="one_attendance_per_household"
            )
        ]

    def __str__(self) -> str:
        return self.attendee_name


class SpeakerRegistration(models.Model):
    """A household member who disagrees with the representative registers to attend and speak
    (Art. 24(2))."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speakers")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("what they wish to say"), max_length=500, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration to speak")
        verbose_name_plural = _("registrations to speak")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_registration_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.person_id}"


class MeetingTally(models.Model):
    """The counted result of one matter at the meeting (or at one cluster of it): hands counted
    on the spot, or the counting board's count of a secret ballot (Mẫu 02). Counts, not
    individual votes: a show of hands and a secret ballot record no household's choice."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tallies")
    matter = models.ForeignKey(
        "decisions.Matter", on_delete=models.PROTECT, related_name="meeting_tallies"
    )
    cluster = models.ForeignKey(
        MeetingCluster, null=True, blank=True, on_delete=models.PROTECT, related_name="tallies"
    )
    method = models.CharField(_("voting method"), max_length=8, choices=VotingMethod.choices)
    present = models.PositiveIntegerField(_("representatives present"))
    agree = models.PositiveIntegerField(_("agree"))
    disagree = models.PositiveIntegerField(_("disagree"))
    other = models.PositiveIntegerField(_("other opinion"), default=0)
    invalid = models.PositiveIntegerField(_("invalid ballots"), default=0)
    other_opinions = models.TextField(_("other opinions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting count")
        verbose_name_plural = _("meeting counts")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "matter", "cluster"], name="one_tally_per_matter_and_cluster"
            ),
            models.UniqueConstraint(
                fields=["meeting", "matter"],
                condition=models.Q(cluster__isnull=True),
                name="one_tally_per_matter_without_cluster",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.matter_id}: {self.agree}/{self.present}"
