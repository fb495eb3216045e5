"""Sending notifications, fan-out in batches, the daily digest, reading and preferences.

Public interface for the pillars (call from their services, inside their transaction):

    notify_send(actor=..., kind="petitions.answered", recipients=[user], title=..., body=...,
                url="/petitions/12/")
    notify_fanout(actor=..., kind="decisions.ballot_opening",
                  audience=HouseholdMembersUnder(unit.pk), title=..., body=..., url=...)

Both store rows and hand everything else to background tasks once the transaction commits:
the web request never sends a message nor walks an audience. Single notifications are a
consequence of an act the pillar has already authorised and audited, so ``notify_send`` writes
no audit event of its own; a fan-out is audited ("notify.fanout_started"). Marking a
notification read is a person's own housekeeping and is not audited.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.models import User
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.notify.audiences import Audience, audience_from, audience_users
from danchu.core.notify.backends.base import OutgoingMessage
from danchu.core.notify.channels import CHANNELS, Recipient, send_safely
from danchu.core.notify.domain import compose
from danchu.core.notify.domain.links import absolute, safe_link
from danchu.core.notify.domain.preferences import (
    CHANNEL_NAMES,
    DELIVERY_DIGEST,
    DELIVERY_NOW,
    DELIVERY_SENT,
    MODES,
    OUTSIDE_CHANNELS,
    Choice,
)
from danchu.core.notify.models import FanOut, FanOutStatus, Notification, NotificationPreference
from danchu.core.notify.permissions import SEND_FANOUT
from danchu.core.notify.registry import NotificationKind, notification_kind, registered_kinds
from danchu.core.notify.selectors import choice_of, choices_for_users
from danchu.core.units.models import Unit

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 1000


class NotifyError(ValueError):
    """A request the notification service refuses, with a message for the person."""


def batch_size() -> int:
    return int(getattr(settings, "DANCHU_NOTIFY_BATCH_SIZE", DEFAULT_BATCH_SIZE))


def _site_url() -> str:
    return getattr(settings, "DANCHU_SITE_URL", "") or ""


def _content(title: str, body: str, url: str) -> dict[str, str]:
    title = normalise_spaces(str(title))[:200]
    if not title:
        raise NotifyError(_("A notification needs a title."))
    return {"title": title, "body": str(body or "").strip(), "url": safe_link(url)}


def _actor_or_none(actor: Any) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _rows(
    kind: NotificationKind,
    choices: dict[int, Choice],
    *,
    actor: User | None,
    fanout: FanOut | None,
    content: dict[str, str],
) -> list[Notification]:
    now = timezone.now()
    return [
        Notification(
            recipient_id=user_id,
            kind=kind.name,
            actor=actor,
            fanout=fanout,
            in_app=choice.in_app,
            delivery=choice.delivery,
            created_at=now,
            **content,
        )
        for user_id, choice in choices.items()
    ]


# --- one or a few people ---------------------------------------------------------------------


def notify_send(
    *,
    actor: Any,
    kind: str,
    recipients: Iterable[User | int],
    title: str,
    body: str = "",
    url: str = "",
) -> list[Notification]:
    """Notify a few people (up to one batch; use :func:`notify_fanout` for audiences).

    Rows are stored at once; urgent kinds (or people who chose "at once") are sent on their
    outside channels by a task enqueued after commit; the rest wait for the daily digest.
    Raises UnknownNotificationKind for an unregistered kind."""
    spec = notification_kind(kind)
    content = _content(title, body, url)
    user_ids = list(dict.fromkeys(getattr(r, "pk", r) for r in recipients))
    if len(user_ids) > batch_size():
        # A programming error, not something a person typed.
        raise ValueError("notify_send is for a few recipients; use notify_fanout for audiences.")
    if not user_ids:
        return []
    with transaction.atomic():
        rows = Notification.objects.bulk_create(
            _rows(
                spec,
                choices_for_users(spec, user_ids),
                actor=_actor_or_none(actor),
                fanout=None,
                content=content,
            )
        )
        now_ids = [r.pk for r in rows if r.delivery == DELIVERY_NOW]
        if now_ids:
            from danchu.core.notify.tasks import deliver_notifications

            transaction.on_commit(lambda: deliver_notifications.enqueue(now_ids))
    return rows


# --- many people -----------------------------------------------------------------------------


def notify_fanout(
    *,
    actor: Any,
    kind: str,
    audience: Audience,
    title: str,
    body: str = "",
    url: str = "",
) -> FanOut:
    """Record a notification to an audience and hand it to the workers after commit.

    The request stores one FanOut row and one audit event; the workers resolve the audience in
    batches of ``DANCHU_NOTIFY_BATCH_SIZE`` (1,000) users by id. ``actor=None`` is the system
    (a scheduled task); a person must hold ``notify.send_fanout`` over the audience's unit."""
    spec = notification_kind(kind)
    content = _content(title, body, url)
    unit = Unit.objects.filter(pk=audience.unit_id).first()
    if unit is None:
        raise NotifyError(_("That unit does not exist."))
    if actor is not None and not has_perm(actor, SEND_FANOUT, unit):
        raise NotPermitted()
    with transaction.atomic():
        fanout = FanOut.objects.create(
            kind=spec.name,
            actor=_actor_or_none(actor),
            unit=unit,
            audience=audience.describe(),
            **content,
        )
        audit_record(
            actor=actor,
            action="notify.fanout_started",
            target=fanout,
            unit=unit,
            data={"kind": spec.name, "audience": fanout.audience, "title": content["title"]},
        )
        _enqueue_batch(fanout.pk, 0)
    return fanout


def fanout_resume_stalled(older_than_minutes: int = 10) -> int:
    """Enqueue again the next batch of unfinished fan-outs started more than
    ``older_than_minutes`` ago (the batch guard makes a duplicate a no-op)."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    stalled = FanOut.objects.filter(
        status__in=[FanOutStatus.QUEUED, FanOutStatus.RUNNING], created_at__lt=cutoff
    ).values_list("pk", "last_user_id")
    count = 0
    with transaction.atomic():
        for fanout_id, last_user_id in stalled:
            _enqueue_batch(fanout_id, last_user_id or 0)
            count += 1
    return count


def _enqueue_batch(fanout_id: int, after_user_id: int) -> None:
    from danchu.core.notify.tasks import fanout_batch

    transaction.on_commit(lambda: fanout_batch.enqueue(fanout_id, after_user_id))


def fanout_process_batch(fanout_id: int, after_user_id: int) -> int:
    """Store the notifications of the next batch of the audience (users with id above
    ``after_user_id``), send the immediate ones, and enqueue the following batch.

    A repeated or stale task (the fan-out's cursor has moved on) does nothing. Returns the
    number of notifications stored."""
    size = batch_size()
    with transaction.atomic():
        fanout = (
            FanOut.objects.select_for_update(of=("self",))
            .select_related("unit", "actor")
            .filter(pk=fanout_id)
            .first()
        )
        if fanout is None or fanout.status == FanOutStatus.DONE:
            return 0
        if fanout.last_user_id != after_user_id:
            return 0
        spec = notification_kind(fanout.kind)
        users = audience_users(audience_from(fanout.audience), fanout.unit)
        if fanout.status == FanOutStatus.QUEUED:
            fanout.status = FanOutStatus.RUNNING
            fanout.started_at = timezone.now()
            fanout.total = users.count()
        ids = list(users.filter(pk__gt=after_user_id).values_list("pk", flat=True)[: size + 1])
        more = len(ids) > size
        ids = ids[:size]
        if ids:
            Notification.objects.bulk_create(
                _rows(
                    spec,
                    choices_for_users(spec, ids),
                    actor=fanout.actor,
                    fanout=fanout,
                    content={"title": fanout.title, "body": fanout.body, "url": fanout.url},
                ),
                batch_size=size,
            )
            fanout.processed += len(ids)
            fanout.batches += 1
            fanout.last_user_id = ids[-1]
        if more:
            _enqueue_batch(fanout.pk, fanout.last_user_id)
        else:
            fanout.status = FanOutStatus.DONE
            fanout.finished_at = timezone.now()
            fanout.total = fanout.processed
        fanout.save()
    if ids:
        deliver_now(
            Notification.objects.filter(
                fanout_id=fanout_id,
                recipient_id__gt=after_user_id,
                recipient_id__lte=ids[-1],
                delivery=DELIVERY_NOW,
            )
        )
    return len(ids)


# --- sending on the outside channels --------------------------------------------------------


def _recipients(user_ids: Iterable[int]) -> dict[int, Recipient]:
    return {
        row[0]: Recipient(*row)
        for row in User.objects.filter(pk__in=list(user_ids), is_active=True).values_list(
            "pk", "email", "phone"
        )
    }


def _item(n: Notification) -> compose.Item:
    return compose.Item(n.title, n.body, absolute(n.url, _site_url()))


def _claim(queryset: QuerySet[Notification], state: str) -> list[Notification]:
    """Take the rows waiting in ``state`` and mark them sent, in one transaction, so that two
    workers never send the same notification (at most once)."""
    with transaction.atomic():
        rows = list(
            queryset.filter(delivery=state)
            .select_for_update()
            .only("pk", "recipient_id", "kind", "title", "body", "url")
            .order_by("recipient_id", "pk")
        )
        if rows:
            Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
                delivery=DELIVERY_SENT, sent_at=timezone.now()
            )
    return rows


def _preferences_by_user(user_ids: Sequence[int]) -> dict[int, dict[str, NotificationPreference]]:
    found: dict[int, dict[str, NotificationPreference]] = defaultdict(dict)
    for p in NotificationPreference.objects.filter(user_id__in=list(user_ids)).only(
        "user_id", "kind", "channels", "mode"
    ):
        found[p.user_id][p.kind] = p
    return found


def _outside_channels(kind_name: str, prefs: dict[str, NotificationPreference]) -> tuple[str, ...]:
    try:
        spec = notification_kind(kind_name)
    except LookupError:
        return ()
    return choice_of(spec, prefs.get(kind_name)).outside


def deliver_now(queryset: QuerySet[Notification]) -> int:
    """Send each waiting notification of ``queryset`` at once on the person's outside channels.
    Returns the number of messages handed to the channels."""
    rows = _claim(queryset, DELIVERY_NOW)
    if not rows:
        return 0
    user_ids = sorted({r.recipient_id for r in rows})
    people = _recipients(user_ids)
    prefs = _preferences_by_user(user_ids)
    outgoing: dict[str, list[OutgoingMessage]] = defaultdict(list)
    with translation.override(settings.LANGUAGE_CODE):
        for n in rows:
            person = people.get(n.recipient_id)
            if person is None:
                continue
            for name in _outside_channels(n.kind, prefs.get(n.recipient_id, {})):
                channel = CHANNELS[name]
                to = channel.address(person)
                if to:
                    text = compose.single(_item(n), short=channel.short)
                    outgoing[name].append(OutgoingMessage(to, text.subject, text.body, person.id))
    return sum(send_safely(name, messages) for name, messages in outgoing.items())


@dataclass(frozen=True)
class DigestReport:
    people: int
    notifications: int
    messages: int


def digest_send() -> DigestReport:
    """Send every person their notifications waiting for the digest: one message per person
    per outside channel. Walks people in batches by id; safe to run twice (sent rows are
    marked in the same transaction that takes them)."""
    size = batch_size()
    people_count = notifications = messages = 0
    after = 0
    while True:
        user_ids = list(
            Notification.objects.filter(delivery=DELIVERY_DIGEST, recipient_id__gt=after)
            .order_by("recipient_id")
            .values_list("recipient_id", flat=True)
            .distinct()[:size]
        )
        if not user_ids:
            break
        after = user_ids[-1]
        rows = _claim(Notification.objects.filter(recipient_id__in=user_ids), DELIVERY_DIGEST)
        notifications += len(rows)
        sent = _send_digests(rows)
        people_count += sent[0]
        messages += sent[1]
    return DigestReport(people_count, notifications, messages)


def _send_digests(rows: Sequence[Notification]) -> tuple[int, int]:
    by_person: dict[int, list[Notification]] = defaultdict(list)
    for n in rows:
        by_person[n.recipient_id].append(n)
    people = _recipients(by_person)
    prefs = _preferences_by_user(list(by_person))
    outgoing: dict[str, list[OutgoingMessage]] = defaultdict(list)
    reached = 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your notifications of the day")
        heading = _("New notifications for you:")
        more = _("and {count} more")
        for user_id, items in by_person.items():
            person = people.get(user_id)
            if person is None:
                continue
            per_channel: dict[str, list[compose.Item]] = defaultdict(list)
            mine = prefs.get(user_id, {})
            for n in items:
                for name in _outside_channels(n.kind, mine):
                    per_channel[name].append(_item(n))
            sent_any = False
            for name in OUTSIDE_CHANNELS:
                channel = CHANNELS[name]
                to = channel.address(person)
                if not per_channel[name] or not to:
                    continue
                text = compose.digest(
                    per_channel[name],
                    short=channel.short,
                    heading=heading,
                    more_label=more,
                    subject=subject,
                )
                outgoing[name].append(OutgoingMessage(to, text.subject, text.body, user_id))
                sent_any = True
            reached += sent_any
    total = sum(send_safely(name, messages) for name, messages in outgoing.items())
    return reached, total


# --- reading ---------------------------------------------------------------------------------


def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    if notification.recipient_id != getattr(actor, "pk", None):
        raise NotPermitted()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, actor: Any) -> int:
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted()
    return Notification.objects.filter(
        recipient_id=actor.pk, read_at__isnull=True, in_app=True
    ).update(read_at=timezone.now())


# --- preferences -----------------------------------------------------------------------------


def preferences_update(*, actor: Any, choices: dict[str, tuple[Iterable[str], str]]) -> int:
    """Store ``actor``'s choices: ``{kind: (channels, mode)}``. Unknown kinds raise; unknown
    channel names or modes are refused. Returns the number of kinds whose choice changed."""
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted()
    clean: dict[str, tuple[list[str], str]] = {}
    for kind, (channels, mode) in choices.items():
        notification_kind(kind)
        channel_list = [c for c in CHANNEL_NAMES if c in set(channels)]
        if set(channels) - set(CHANNEL_NAMES) or mode not in MODES:
            raise NotifyError(_("Unknown channel or delivery choice."))
        clean[kind] = (channel_list, mode)
    with transaction.atomic():
        existing = {
            p.kind: p
            for p in NotificationPreference.objects.select_for_update().filter(user_id=actor.pk)
        }
        known = {k.name: k for k in registered_kinds()}
        changed = []
        for kind, (channels, mode) in clean.items():
            row = existing.get(kind)
            before = choice_of(known[kind], row)
            if before.channels == frozenset(channels) and before.mode == mode:
                continue
            if row is None:
                NotificationPreference.objects.create(
                    user_id=actor.pk, kind=kind, channels=channels, mode=mode
                )
            else:
                row.channels, row.mode = channels, mode
                row.save(update_fields=["channels", "mode", "updated_at"])
            changed.append(kind)
        if changed:
            audit_record(
                actor=actor,
                action="notify.preferences_changed",
                target=None,
                data={
                    "kinds": {k: {"channels": clean[k][0], "mode": clean[k][1]} for k in changed}
                },
            )
    return len(changed)
