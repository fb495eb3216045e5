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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("village code")
        verbose_name_plural = _("village codes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def access_unit(self):
        return self.unit


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
