"""Reads of the intake step: a resident's own cases, the public steps of a case, the officials
who may handle a unit's cases."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from danchu.core.access.models import RoleAssignment
from danchu.core.units.models import Unit
from danchu.petitions.models.cases import CaseEvent
from danchu.petitions.permissions import HANDLING_ROLES


def public_events(case_pk: int) -> list[dict[str, Any]]:
    """The steps shown to the sender and on the tracking page: the step and its date only."""
    return list(
        CaseEvent.objects.filter(case_id=case_pk, public=True)
        .order_by("created_at", "pk")
        .values("action", "on", "to_status", "document_id")
    )


def handlers_of(unit: Unit) -> list[Any]:
    """Officials who hold ``petitions.handle`` over ``unit`` — a handling role held at the unit
    itself (``permissions.handlers``) — the candidates for assignment (one query)."""
    user_ids = (
        RoleAssignment.objects.active_on(timezone.localdate())
        .filter(unit=unit, role_id__in=HANDLING_ROLES)
        .values_list("user_id", flat=True)
    )
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    return list(users.order_by("full_name", "pk"))
