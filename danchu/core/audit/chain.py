"""Hash chaining of audit events: each event's hash covers its content and the previous hash,
so that altering, inserting or deleting an event breaks every hash after it."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64
PAYLOAD_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "actor_roles",
    "unit_id",
    "action",
    "target_type",
    "target_id",
    "data",
)


def canonical_payload(
    *,
    occurred_at: datetime,
    actor_id: int | None,
    actor_label: str,
    actor_roles: list[Any],
    unit_id: int | None,
    action: str,
    target_type: str,
    target_id: str,
    data: dict[str, Any],
) -> str:
    """A stable JSON text of the fields the hash covers (sorted keys, no spaces)."""
    content = {
        "occurred_at": occurred_at.isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "actor_roles": actor_roles,
        "unit_id": unit_id,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "data": data,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(previous_hash: str, payload: str) -> str:
    return hashlib.sha256(f"{previous_hash}\n{payload}".encode()).hexdigest()
