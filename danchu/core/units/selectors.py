"""Reads over the unit tree."""

from __future__ import annotations

from django.db.models import QuerySet

from danchu.core.units.domain.kinds import Level
from danchu.core.units.models import Unit


def provinces() -> QuerySet[Unit]:
    return Unit.objects.current().filter(level=Level.PROVINCE).order_by("code")


def children_of(unit: Unit, *, level: str | None = None) -> QuerySet[Unit]:
    qs = Unit.objects.current().filter(parent=unit)
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("name_folded", "code")


def ancestors_of(unit: Unit) -> list[Unit]:
    """The chain from the root down to the unit's parent, in one query."""
    codes = unit.ancestor_codes
    if not codes:
        return []
    by_code = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    return [by_code[c] for c in codes if c in by_code]


def communes_of(province: Unit) -> QuerySet[Unit]:
    return children_of(province, level=Level.COMMUNE)
