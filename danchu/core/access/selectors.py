"""Reads about users and their roles."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from danchu.core.access.models import RoleAssignment


def current_assignments(actor: Any) -> QuerySet[RoleAssignment]:
    if not getattr(actor, "is_authenticated", False):
        return RoleAssignment.objects.none()
    return (
        RoleAssignment.objects.active_on(timezone.localdate())
        .filter(user_id=actor.pk)
        .select_related("role", "unit")
        .order_by("unit__path", "role_id")
    )
