"""Writing audit events. Services call :func:`audit_record` inside their own transaction, so
the event and the change it records commit or roll back together."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from danchu.core.audit.chain import GENESIS_HASH, canonical_payload, event_hash
from danchu.core.audit.models import AuditEvent
from danchu.core.audit.registry import action_label

# Any constant: the key of the PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 0x64616E6368
SYSTEM_ACTOR_LABEL = "system"


class AuditOutsideTransaction(RuntimeError):
    """Audit events must be written in the same transaction as the change they record."""


def _actor_snapshot(actor: Any) -> tuple[int | None, str, list[list[str]]]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, SYSTEM_ACTOR_LABEL, []
    from danchu.core.access.roles import role_snapshot

    return actor.pk, str(actor), role_snapshot(actor)


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # SQLite: danchu opens every transaction as IMMEDIATE, which already holds the one write lock.


def audit_record(
    *,
    actor: Any,
    action: str,
    target: Model | None = None,
    unit: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Raises UnknownAuditAction for an unregistered action."""
    action_label(action)
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(action)
    _lock_chain()
    actor_id, actor_label, roles = _actor_snapshot(actor)
    clean_data = json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))
    fields = {
        "occurred_at": timezone.now(),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "actor_roles": roles,
        "unit_id": unit.pk if unit is not None else None,
        "action": action,
        "target_type": target._meta.label_lower if target is not None else "",
        "target_id": str(target.pk) if target is not None else "",
        "data": clean_data,
    }
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    previous = last or GENESIS_HASH
    return AuditEvent.objects.create(
        **fields, previous_hash=previous, hash=event_hash(previous, canonical_payload(**fields))
    )


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def audit_verify(chunk_size: int = 2000) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order; return how many events were checked and the first break."""
    checked = 0
    previous = GENESIS_HASH
    for event in _iter_events(chunk_size):
        if event.previous_hash != previous:
            return checked, ChainBreak(event.pk, "previous_hash")
        if event.hash != event_hash(previous, event.payload()):
            return checked, ChainBreak(event.pk, "hash")
        previous = event.hash
        checked += 1
    return checked, None


def _iter_events(chunk_size: int) -> Iterator[AuditEvent]:
    last_id = 0
    while True:
        with transaction.atomic():
            batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:chunk_size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1].pk
