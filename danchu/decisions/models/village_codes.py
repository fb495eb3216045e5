"""Village codes (hương ước, quy ước; ND 61/2023/NĐ-CP): the draft posted for comment, adoption
by the households (a matter of kind ``village_code``), recognition, suspension, abolition and
the annual review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VillageCodeStatus(models.TextChoices):
    DRAFTING = "drafting", _("Being drafted")
    POSTED = "posted", _("Draft posted for comment")
    ADOPTED = "adopted", _("Adopted, awaiting recognition")
    IN_EFFECT = "in_effect", _("Recognised and in effect")
    REFUSED = "refused", _("Recognition refused")
    SUSPENDED = "suspended", _("Suspended")
    PARTLY_SUSPENDED = "partly_suspended", _("Partly suspended")
    ABOLISHED = "abolished", _("Abolished")


class VillageCode(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="village_codes")
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=VillageCodeStatus.choices,
        default=VillageCodeStatus.DRAFTING,
    )
    draft_text = models.TextField(_("text"))
    # ND 61 Art. 9(1): posted for at least 30 days; the community sets the exact period.
    posted_on = models.DateField(_("draft posted on"), null=True, blank=True)
    comment_days = models.PositiveIntegerField(_("days posted for comment"), default=30)
    matter = models.OneToOneField(
        "decisions.Matter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_code",
    )
    dossier_sent_on = models.DateField(_("dossier sent on"), null=True, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    suspension_reported_on = models.DateField(_("report received on"), null=True, blank=True)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    suspended_part = models.TextField(_("suspended provisions"), blank=True)
    suspension_reason = models.TextField(_("grounds for suspension"), blank=True)
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)
    abolition_reason = models.TextField(_("grounds for abolition"), blank=True)
    # The papers of the code: the request for recognition (ND 61 Mẫu 01, Art. 11(1)), the
    # recognition decision issued here (Mẫu 03, Art. 11(2)), the latest suspension (Mẫu 04,
    # Art. 12) and the abolition (Mẫu 05, Art. 14).
    request_document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recognition_document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    suspension_document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    abolition_document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # ND 61 Art. 15(4): the yearly review is held on 18 November or another day the community
    # agreed (month and day; never 29 February, which most years lack).
    review_month = models.PositiveSmallIntegerField(_("review month"), default=11)
    review_day = models.PositiveSmallIntegerField(_("review day"), default=18)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("village code")
        verbose_name_plural = _("village codes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_month__gte=1, review_month__lte=12)
                & models.Q(review_day__gte=1, review_day__lte=31),
                name="village_code_review_day_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def access_unit(self):
        return self.unit

    @property
    def review_agreed(self) -> tuple[int, int]:
        """The (month, day) of the yearly review (ND 61 Art. 15(4))."""
        return (self.review_month, self.review_day)


class VillageCodeReview(models.Model):
    """The yearly review (ND 61 Art. 15(4)): on 18 November or a day the community agrees."""

    code = models.ForeignKey(VillageCode, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    summary = models.TextField(_("findings"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("village code review")
        verbose_name_plural = _("village code reviews")
        ordering = ["-reviewed_on"]
        constraints = [
            models.UniqueConstraint(fields=["code", "reviewed_on"], name="one_review_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.code_id}: {self.reviewed_on}"
