"""The only way interfaces fetch units."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.units.models import Unit
from danchu.core.units.permissions import VIEW_UNIT


def access_unit_by_code(actor: Any, code: str, *, permission: str = VIEW_UNIT) -> Unit:
    """Return the unit with ``code`` if the actor holds ``permission`` over it; 404 otherwise."""
    unit = Unit.objects.select_related("parent", "successor").filter(code=code).first()
    if unit is None or not has_perm(actor, permission, unit):
        raise not_found()
    return unit


def access_unit_by_id(actor: Any, unit_id: int, *, permission: str = VIEW_UNIT) -> Unit:
    unit = Unit.objects.select_related("parent", "successor").filter(pk=unit_id).first()
    if unit is None or not has_perm(actor, permission, unit):
        raise not_found()
    return unit
