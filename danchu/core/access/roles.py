"""Role codes and an actor's scopes (which roles they hold where, today).

The roles themselves live in the ``Role`` table (seeded by a migration); these constants are
the codes the permission predicates refer to.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.utils import timezone

PROVINCE_OFFICER = "province_officer"
STEERING_MEMBER = "steering_member"
COMMUNE_CHAIR = "commune_chair"
COMMUNE_OFFICER = "commune_officer"
COMMUNE_FRONT = "commune_front"
VILLAGE_HEAD = "village_head"
FRONT_COMMITTEE_HEAD = "front_committee_head"
AGENCY_HEAD = "agency_head"
EMPLOYER = "employer"
TRADE_UNION = "trade_union"

# Officials who act for a commune or village (their scope follows the Role table).
LOCAL_OFFICIALS = (
    COMMUNE_CHAIR,
    COMMUNE_OFFICER,
    COMMUNE_FRONT,
    VILLAGE_HEAD,
    FRONT_COMMITTEE_HEAD,
)
# Those who lead an agency or an enterprise.
ORGANISATION_LEADERS = (AGENCY_HEAD, EMPLOYER)

# The seed of the Role table: (code, Vietnamese name, covers_descendants).
ROLE_TABLE: tuple[tuple[str, str, bool], ...] = import_module(
    "danchu.core.access.migrations.0002_seed_roles"
).ROLES


@dataclass(frozen=True)
class Scope:
    role: str
    unit_id: int
    unit_code: str
    path: str
    covers_descendants: bool

    def covers_path(self, path: str) -> bool:
        if path == self.path:
            return True
        return self.covers_descendants and path.startswith(self.path)


_CACHE_ATTR = "_danchu_scopes"


def actor_scopes(actor: Any) -> tuple[Scope, ...]:
    """The actor's active role scopes, loaded once per actor object (one query)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ()
    cached = getattr(actor, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from danchu.core.access.models import RoleAssignment

    rows = (
        RoleAssignment.objects.active_on(timezone.localdate())
        .filter(user_id=actor.pk, unit__valid_to__isnull=True)
        .values_list("role_id", "unit_id", "unit__code", "unit__path", "role__covers_descendants")
    )
    scopes = tuple(Scope(*row) for row in rows)
    setattr(actor, _CACHE_ATTR, scopes)
    return scopes


def forget_scopes(actor: Any) -> None:
    if hasattr(actor, _CACHE_ATTR):
        delattr(actor, _CACHE_ATTR)


def is_official(actor: Any) -> bool:
    return bool(actor_scopes(actor))


def role_snapshot(actor: Any) -> list[list[str]]:
    """What the audit trail keeps of the actor's roles at the time of an act."""
    return sorted([s.role, s.unit_code] for s in actor_scopes(actor))
