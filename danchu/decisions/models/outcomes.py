"""The community decision (Law 10/2022 Art. 20), its sending to the commune, recognition or
refusal (Art. 21(2)), and amendment or annulment (Art. 22)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SENT = "sent", _("Sent to the commune")
    IN_EFFECT = "in_effect", _("In effect")
    RECOGNISED = "recognised", _("Recognised")
    REFUSED = "refused", _("Recognition refused")
    AMENDMENT_REQUESTED = "amend", _("Amendment requested")
    ANNULLED = "annulled", _("Annulled")


class RecognisingBody(models.TextChoices):
    NONE = "", _("No recognition needed")
    COMMUNE_COMMITTEE = "ubnd", _("Commune People's Committee")
    COMMUNE_FRONT = "front", _("Commune Fatherland Front")


class CommunityDecision(models.Model):
    """The decision of one matter with every field Art. 20(2) requires. ``*_due`` dates are
    computed with ``core.calendar`` when the preceding step is recorded."""

    matter = models.OneToOneField(
        "decisions.Matter", on_delete=models.PROTECT, related_name="community_decision"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    decided_at = models.DateTimeField(_("time"))
    total_households = models.PositiveIntegerField(_("households of the community"))
    representatives_present = models.PositiveIntegerField(_("representatives present"))
    households_absent = models.PositiveIntegerField(_("households not represented"))
    form = models.CharField(_("form"), max_length=10)
    result = models.TextField(_("voting or ballot result"))
    content = models.TextField(_("content of the decision"))
    village_head_name = models.CharField(_("village head"), max_length=150)
    front_head_name = models.CharField(_("head of the Front work committee"), max_length=150)
    representative_1_name = models.CharField(_("household representative"), max_length=150)
    representative_2_name = models.CharField(_("household representative"), max_length=150)
    document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    send_due = models.DateField(_("to be sent by"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    # Art. 21(2): the 5 working days for recognition run from receipt by the commune; taken as
    # the sending date unless the commune records another.
    received_on = models.DateField(_("received by the commune on"), null=True, blank=True)
    recognising_body = models.CharField(
        _("recognised by"), max_length=8, choices=RecognisingBody.choices, blank=True
    )
    recognition_due = models.DateField(_("recognition due by"), null=True, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    refused_on = models.DateField(_("refused on"), null=True, blank=True)
    refusal_reasons = models.TextField(_("reasons for refusal"), blank=True)
    recognition_document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Art. 21(2): the written answer refusing recognition, with its reasons.
    refusal_document = models.ForeignKey(
        "documents.GeneratedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    effective_on = models.DateField(_("in effect from"), null=True, blank=True)
    annulled_on = models.DateField(_("annulled on"), null=True, blank=True)
    annulment_reason = models.TextField(_("grounds"), blank=True)
    # Art. 22: the commune People's Committee asks the community to amend the decision.
    amendment_requested_on = models.DateField(_("amendment requested on"), null=True, blank=True)
    amendment_grounds = models.TextField(_("grounds for the amendment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("community decision")
        verbose_name_plural = _("community decisions")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return str(self.matter)

    @property
    def access_unit(self):
        return self.matter.unit
