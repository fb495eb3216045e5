"""Electing and dismissing the village head and board members (ND 59/2023 Arts 6–9; Law
10/2022 Art. 15(4)–(5))."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Election(models.Model):
    """An election held at a village meeting; its matter (kind ``village_head`` or
    ``board_member``) carries the households' vote. Dates are checked against ND 59 Art. 6."""

    matter = models.OneToOneField(
        "decisions.Matter", on_delete=models.PROTECT, related_name="election"
    )
    meeting_on = models.DateField(_("election meeting on"))
    plan_issued_on = models.DateField(_("commune chair's plan issued on"), null=True, blank=True)
    team_decided_on = models.DateField(_("election team set up on"), null=True, blank=True)
    candidates_sent_on = models.DateField(
        _("candidate list (Mẫu 05) sent on"), null=True, blank=True
    )
    notice_posted_on = models.DateField(_("publicly posted on"), null=True, blank=True)
    term_years = models.DecimalField(
        _("term in years"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    rerun_ordered = models.BooleanField(_("re-election ordered"), default=False)
    # ND 59 Art. 6(1): the Front work committee's candidate-list minutes (Mẫu 05).
    candidate_list_document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # ND 59 Art. 8: the person elected takes office on the commune's recognition, for the term.
    took_office_on = models.DateField(_("took office on"), null=True, blank=True)
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.meeting_on}"

    @property
    def access_unit(self):
        return self.matter.unit


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    nominated_by = models.CharField(_("nominated by"), max_length=150, blank=True)
    agree_count = models.PositiveIntegerField(_("households in favour"), default=0)
    elected = models.BooleanField(_("elected"), default=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["election", "full_name"], name="unique_candidate_name")
        ]

    def __str__(self) -> str:
        return self.full_name


class DismissalTrigger(models.TextChoices):
    RESIGNATION = "resignation", _("Written resignation")
    FRONT_PROPOSAL = "front", _("Proposal of the Front work committee head")
    # xgettext:no-python-format
    PETITION = "petition", _("Petition of at least 50% of households")


class Dismissal(models.Model):
    """Dismissing a village head (ND 59 Art. 9): the trigger, the meeting's matter, recognition,
    the interim head and the 60-day limit for ordering a new election."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="dismissals")
    head_name = models.CharField(_("village head"), max_length=150)
    trigger = models.CharField(_("trigger"), max_length=12, choices=DismissalTrigger.choices)
    petition_households = models.PositiveIntegerField(
        _("households petitioning"), null=True, blank=True
    )
    received_on = models.DateField(_("received on"))
    matter = models.OneToOneField(
        "decisions.Matter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dismissal",
    )
    recognised_on = models.DateField(_("dismissal recognised on"), null=True, blank=True)
    new_election_due = models.DateField(_("new election to be ordered by"), null=True, blank=True)
    new_election_ordered_on = models.DateField(_("new election ordered on"), null=True, blank=True)
    interim_head_name = models.CharField(_("interim head"), max_length=150, blank=True)
    interim_appointed_on = models.DateField(_("interim head appointed on"), null=True, blank=True)
    # ND 59 Art. 9(3): the commune People's Committee appoints with the commune Front's agreement.
    interim_front_agreed_by = models.CharField(
        _("commune Front official who agreed"), max_length=150, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dismissal of a village head")
        verbose_name_plural = _("dismissals of village heads")

    def __str__(self) -> str:
        return self.head_name

    @property
    def access_unit(self):
        return self.unit
