"""Reads of the intake step: a resident's own cases, the public steps of a case, the officials
who may handle a unit's cases."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from danchu.core.access.models import RoleAssignment
from danchu.core.access.registry import has_perm
from danchu.core.units.models import Unit
from danchu.petitions.models.cases import CaseEvent
from danchu.petitions.permissions import HANDLE


def public_events(case_pk: int) -> list[dict[str, Any]]:
    """The steps shown to the sender and on the tracking page: the step and its date only."""
    return list(
        CaseEvent.objects.filter(case_id=case_pk, public=True)
        .order_by("created_at", "pk")
        .values("action", "on", "to_status", "document_id")
    )


def handlers_of(unit: Unit) -> list[Any]:
    """Officials who hold ``petitions.handle`` over ``unit`` (candidates for assignment)."""
    today = timezone.localdate()
    user_ids = (
        RoleAssignment.objects.active_on(today)
        .filter(Q(unit=unit) | Q(unit__code__in=unit.ancestor_codes))
        .values_list("user_id", flat=True)
    )
    users = get_user_model().objects.filter(pk__in=set(user_ids), is_active=True)
    return [u for u in users.order_by("full_name", "pk") if has_perm(u, HANDLE, unit)]
