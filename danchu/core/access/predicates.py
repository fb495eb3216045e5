"""Composable permission predicates.

A predicate answers two questions the same way: ``check(actor, obj)`` for one object, and
``q(actor, path_field)`` for a queryset filter over objects whose unit path is ``path_field``.
Predicates combine with ``&``, ``|`` and ``~`` (negation works for single objects only).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from typing import Any

from django.db.models import Q

from danchu.core.access.roles import actor_scopes

NOTHING = Q(pk__in=[])


def unit_path_of(obj: Any) -> str | None:
    """The materialised path of the unit an object belongs to."""
    if obj is None:
        return None
    path = getattr(obj, "path", None)
    if isinstance(path, str):
        return path
    unit = getattr(obj, "access_unit", None)
    return getattr(unit, "path", None)


class Predicate:
    def __init__(
        self,
        name: str,
        check: Callable[[Any, Any], bool],
        q: Callable[[Any, str], Q] | None = None,
    ) -> None:
        self.name = name
        self._check = check
        self._q = q

    def __repr__(self) -> str:
        return f"<Predicate {self.name}>"

    def check(self, actor: Any, obj: Any = None) -> bool:
        return bool(self._check(actor, obj))

    def q(self, actor: Any, path_field: str) -> Q:
        if self._q is None:
            raise TypeError(f"Predicate {self.name} cannot filter a queryset.")
        return self._q(actor, path_field)

    def __and__(self, other: Predicate) -> Predicate:
        return Predicate(
            f"({self.name} & {other.name})",
            lambda a, o: self.check(a, o) and other.check(a, o),
            lambda a, f: self.q(a, f) & other.q(a, f),
        )

    def __or__(self, other: Predicate) -> Predicate:
        return Predicate(
            f"({self.name} | {other.name})",
            lambda a, o: self.check(a, o) or other.check(a, o),
            lambda a, f: self.q(a, f) | other.q(a, f),
        )

    def __invert__(self) -> Predicate:
        return Predicate(f"~{self.name}", lambda a, o: not self.check(a, o))


anyone = Predicate("anyone", lambda a, o: True, lambda a, f: Q())

is_authenticated = Predicate(
    "is_authenticated",
    lambda a, o: bool(getattr(a, "is_authenticated", False)),
    lambda a, f: Q() if getattr(a, "is_authenticated", False) else NOTHING,
)


def holds_role_over(*roles: str) -> Predicate:
    """True when the actor holds one of ``roles`` at the object's unit, or at an ancestor
    for roles that cover descendant units."""
    wanted = frozenset(roles)

    def check(actor: Any, obj: Any) -> bool:
        path = unit_path_of(obj)
        if path is None:
            return False
        return any(s.role in wanted and s.covers_path(path) for s in actor_scopes(actor))

    def q(actor: Any, path_field: str) -> Q:
        parts = []
        for s in actor_scopes(actor):
            if s.role not in wanted:
                continue
            if s.covers_descendants:
                parts.append(Q(**{f"{path_field}__startswith": s.path}))
            else:
                parts.append(Q(**{path_field: s.path}))
        return reduce(lambda x, y: x | y, parts) if parts else NOTHING

    return Predicate(f"holds_role_over{sorted(wanted)}", check, q)


def holds_role_at(*roles: str) -> Predicate:
    """True only when the actor holds one of ``roles`` at the object's unit itself, never
    through an ancestor, even for roles that cover descendant units. For duties the law gives
    each body for its own affairs (e.g. Law on Complaints Art. 17: a body settles complaints
    about its own decisions and acts). As a filter: ``path_field`` equal to a scope's path."""
    wanted = frozenset(roles)

    def check(actor: Any, obj: Any) -> bool:
        path = unit_path_of(obj)
        if path is None:
            return False
        return any(s.role in wanted and s.path == path for s in actor_scopes(actor))

    def q(actor: Any, path_field: str) -> Q:
        paths = sorted({s.path for s in actor_scopes(actor) if s.role in wanted})
        if not paths:
            return NOTHING
        if len(paths) == 1:
            return Q(**{path_field: paths[0]})
        return Q(**{f"{path_field}__in": paths})

    return Predicate(f"holds_role_at{sorted(wanted)}", check, q)


def holds_any_role() -> Predicate:
    return Predicate(
        "holds_any_role",
        lambda a, o: bool(actor_scopes(a)),
        lambda a, f: Q() if actor_scopes(a) else NOTHING,
    )


def _unit_of(obj: Any) -> Any:
    if obj is None:
        return None
    return (
        obj if hasattr(obj, "level") and hasattr(obj, "path") else getattr(obj, "access_unit", None)
    )


def at_level(*levels: str) -> Predicate:
    """True when the object's unit is at one of ``levels`` (province, commune, village,
    organisation). As a filter it reads the level column next to the path field."""
    wanted = frozenset(levels)

    def check(actor: Any, obj: Any) -> bool:
        unit = _unit_of(obj)
        return unit is not None and unit.level in wanted

    def q(actor: Any, path_field: str) -> Q:
        if not path_field.endswith("path"):
            raise TypeError(f"at_level needs a unit path field, got {path_field!r}")
        return Q(**{f"{path_field[:-4]}level__in": sorted(wanted)})

    return Predicate(f"at_level{sorted(wanted)}", check, q)


def _workplace_paths(actor: Any) -> frozenset[str]:
    """Paths of the organisations the actor's person works at today (loaded once per actor)."""
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "person_id", None):
        return frozenset()
    cached = getattr(actor, "_danchu_workplaces", None)
    if cached is not None:
        return cached
    from django.utils import timezone

    from danchu.core.people.models import Employment

    today = timezone.localdate()
    paths = frozenset(
        Employment.objects.filter(person_id=actor.person_id)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .values_list("organisation__path", flat=True)
    )
    actor._danchu_workplaces = paths
    return paths


works_at = Predicate(
    "works_at",
    lambda a, o: unit_path_of(o) in _workplace_paths(a),
    lambda a, f: Q(**{f"{f}__in": sorted(_workplace_paths(a))}) if _workplace_paths(a) else NOTHING,
)
