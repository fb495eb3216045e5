"""Stored notifications (the in-app channel and the record the digest reads), each person's
preferences per kind, and fan-outs to audiences described, not listed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.core.notify.domain import preferences as pref


class Delivery(models.TextChoices):
    NONE = pref.DELIVERY_NONE, _("In-app only")
    NOW = pref.DELIVERY_NOW, _("Waiting to be sent")
    DIGEST = pref.DELIVERY_DIGEST, _("Waiting for the daily digest")
    SENT = pref.DELIVERY_SENT, _("Sent")


class Mode(models.TextChoices):
    IMMEDIATE = pref.IMMEDIATE, _("At once")
    DIGEST = pref.DIGEST, _("In a daily digest")


class FanOutStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Sending")
    DONE = "done", _("Done")


class FanOut(models.Model):
    """One notification to an audience (e.g. every member of a current household in the
    villages under a unit). The audience is a description resolved by the workers in batches
    by user id, so the web request that starts it does not depend on its size."""

    kind = models.CharField(_("kind"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    audience = models.JSONField(_("audience"))
    status = models.CharField(
        _("status"), max_length=16, choices=FanOutStatus.choices, default=FanOutStatus.QUEUED
    )
    total = models.PositiveIntegerField(null=True, blank=True)
    processed = models.PositiveIntegerField(default=0)
    batches = models.PositiveIntegerField(default=0)
    last_user_id = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification to many")
        verbose_name_plural = _("notifications to many")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def access_unit(self):
        return self.unit

    @property
    def percent(self) -> int:
        if self.status == FanOutStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.processed * 100 // self.total)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,  # covered by notify_recipient_idx
    )
    kind = models.CharField(_("kind"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fanout = models.ForeignKey(
        FanOut, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    in_app = models.BooleanField(_("shown on this site"), default=True)
    delivery = models.CharField(
        _("delivery"), max_length=8, choices=Delivery.choices, default=Delivery.NONE
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notify_recipient_idx"),
            # The bell: one index-only count of a person's unread rows.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True, in_app=True),
                name="notify_unread_idx",
            ),
            # The digest: only rows still waiting for it.
            models.Index(
                fields=["recipient"],
                condition=models.Q(delivery=pref.DELIVERY_DIGEST),
                name="notify_digest_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A person's choice for one kind. Without a row, the kind's defaults apply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=80)
    channels = models.JSONField(_("channels"), default=list)
    mode = models.CharField(_("when"), max_length=16, choices=Mode.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notify_one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.mode} {self.channels}"
