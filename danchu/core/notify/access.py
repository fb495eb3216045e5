"""The only way interfaces fetch a notification or a fan-out: the same 404 for "does not
exist" and "not yours"."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.notify.models import FanOut, Notification
from danchu.core.notify.permissions import SEND_FANOUT


def access_notification_by_id(actor: Any, notification_id: int) -> Notification:
    """A notification shown on this site to ``actor`` — nobody else's."""
    if not getattr(actor, "is_authenticated", False):
        raise not_found()
    notification = Notification.objects.filter(
        pk=notification_id, recipient_id=actor.pk, in_app=True
    ).first()
    if notification is None:
        raise not_found()
    return notification


def access_fanout_by_id(actor: Any, fanout_id: int) -> FanOut:
    """A fan-out, for who started it or an official who may notify its unit."""
    fanout = FanOut.objects.select_related("unit").filter(pk=fanout_id).first()
    if fanout is None or not getattr(actor, "is_authenticated", False):
        raise not_found()
    if fanout.actor_id != actor.pk and not has_perm(actor, SEND_FANOUT, fanout):
        raise not_found()
    return fanout
