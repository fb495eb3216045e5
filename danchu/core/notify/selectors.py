"""Reads: a person's notifications and unread count, and effective preferences."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from danchu.core.notify.domain.preferences import Choice, effective_choice
from danchu.core.notify.models import Notification, NotificationPreference
from danchu.core.notify.registry import NotificationKind, registered_kinds


def unread_count(user: Any) -> int:
    """One indexed count (the partial index ``notify_unread_idx``)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(
        recipient_id=user.pk, read_at__isnull=True, in_app=True
    ).count()


def notifications_of(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient_id=user.pk, in_app=True).order_by("-id")


def choice_of(kind: NotificationKind, row: NotificationPreference | None) -> Choice:
    return effective_choice(
        urgent=kind.urgent,
        default_channels=kind.default_channels,
        stored_channels=row.channels if row is not None else None,
        stored_mode=row.mode if row is not None else None,
    )


def choices_of(user: Any) -> dict[str, Choice]:
    """The effective choice of ``user`` for every registered kind (one query)."""
    rows = {p.kind: p for p in NotificationPreference.objects.filter(user_id=user.pk)}
    return {k.name: choice_of(k, rows.get(k.name)) for k in registered_kinds()}


def choices_for_users(kind: NotificationKind, user_ids: Iterable[int]) -> dict[int, Choice]:
    """The effective choice of each user for one kind (one query for a whole batch)."""
    ids = list(user_ids)
    rows = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(kind=kind.name, user_id__in=ids).only(
            "user_id", "channels", "mode"
        )
    }
    return {uid: choice_of(kind, rows.get(uid)) for uid in ids}
