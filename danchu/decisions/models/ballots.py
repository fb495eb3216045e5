"""Household ballots (Law 10/2022 Art. 19; ND 59/2023 Art. 4): the plan, one printable ballot
per household with a unique code, and the count."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BallotPlan(models.Model):
    """The plan written by the village head and the Front work committee head (ND 59 Art.
    4(2)); sent to the commune within 2 days of issue; publicised at least 2 days before the
    ballots are handed out (Art. 19(2); ND 59 Art. 4(4))."""

    matter = models.OneToOneField(
        "decisions.Matter", on_delete=models.CASCADE, related_name="ballot_plan"
    )
    purpose = models.TextField(_("purpose and content"))
    issued_on = models.DateField(_("plan issued on"))
    sent_to_commune_on = models.DateField(_("sent to the commune on"), null=True, blank=True)
    notice_channels = models.JSONField(_("notice channels"), default=list, blank=True)
    notice_posted_on = models.DateField(_("public notice on"), null=True, blank=True)
    distribution_starts_on = models.DateField(_("ballots handed out from"))
    return_deadline = models.DateField(_("ballots returned by"))
    # ND 59 Art. 4(6)(a): two household representatives witness the count (Mẫu 04).
    witnesses = models.JSONField(_("witnessing representatives"), default=list, blank=True)
    counted_at = models.DateTimeField(_("counted at"), null=True, blank=True)
    # ND 59 Art. 4(6): the counting minutes (Mẫu 04) generated with the count.
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
        verbose_name = _("ballot plan")
        verbose_name_plural = _("ballot plans")

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.issued_on}"


class Ballot(models.Model):
    """One printed ballot for one household (Art. 19(3)). Its code is printed as text and QR;
    entering the returned paper links it to the household's one vote, so the same paper can
    never be entered twice."""

    matter = models.ForeignKey("decisions.Matter", on_delete=models.CASCADE, related_name="ballots")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("ballot code"), max_length=32, unique=True)
    vote = models.OneToOneField(
        "decisions.HouseholdVote",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ballot",
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["matter", "household"], name="one_ballot_per_household")
        ]

    def __str__(self) -> str:
        return self.code
