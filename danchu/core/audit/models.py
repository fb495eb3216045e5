"""The append-only audit log of official acts."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.core.audit.chain import PAYLOAD_FIELDS, canonical_payload


class AuditEvent(models.Model):
    """One official act. Rows are never updated or deleted: on PostgreSQL a trigger refuses
    it, everywhere the hash chain exposes it (`danchu audit verify`)."""

    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    actor_roles = models.JSONField(_("actor's roles"), default=list, encoder=DjangoJSONEncoder)
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["id"]
        indexes = [models.Index(fields=["unit", "occurred_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action}"

    def payload(self) -> str:
        return canonical_payload(**{name: getattr(self, name) for name in PAYLOAD_FIELDS})
