"""Audiences of a fan-out, described rather than listed.

A description is a small JSON object stored on the ``FanOut`` row; the workers turn it into an
ordered queryset of user ids and walk it in batches (keyset pagination by user id):

- ``{"type": "households", "unit_id": X}``: every active user whose person is a current member
  (``left_on`` empty) of a current household in a village under unit X (or X itself);
- ``{"type": "role", "role": R, "unit_id": X}``: every active user holding role R today at unit
  X or at a unit under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.core.access.models import RoleAssignment, User
from danchu.core.people.models import HouseholdMember
from danchu.core.units.models import Unit


class UnknownAudience(ValueError):
    pass


@dataclass(frozen=True)
class HouseholdMembersUnder:
    unit_id: int

    def describe(self) -> dict[str, Any]:
        return {"type": "households", "unit_id": self.unit_id}


@dataclass(frozen=True)
class RoleHoldersUnder:
    role: str
    unit_id: int

    def describe(self) -> dict[str, Any]:
        return {"type": "role", "role": self.role, "unit_id": self.unit_id}


Audience = HouseholdMembersUnder | RoleHoldersUnder


def audience_from(description: dict[str, Any]) -> Audience:
    kind = description.get("type")
    try:
        if kind == "households":
            return HouseholdMembersUnder(int(description["unit_id"]))
        if kind == "role":
            return RoleHoldersUnder(str(description["role"]), int(description["unit_id"]))
    except (KeyError, TypeError, ValueError):
        pass
    raise UnknownAudience(description)


def audience_users(audience: Audience, unit: Unit | None = None) -> QuerySet[User]:
    """Active users of the audience, without duplicates, ordered by id."""
    unit = unit or Unit.objects.get(pk=audience.unit_id)
    if isinstance(audience, HouseholdMembersUnder):
        match = HouseholdMember.objects.filter(
            person_id=OuterRef("person_id"),
            left_on__isnull=True,
            household__left_on__isnull=True,
            household__village__path__startswith=unit.path,
        )
    else:
        match = RoleAssignment.objects.active_on(timezone.localdate()).filter(
            user_id=OuterRef("pk"), role_id=audience.role, unit__path__startswith=unit.path
        )
    return User.objects.filter(Exists(match), is_active=True).order_by("pk")


def audience_label(audience: Audience, unit: Unit) -> str:
    if isinstance(audience, HouseholdMembersUnder):
        return _("Household members in %(unit)s") % {"unit": unit.name}
    return _("Holders of role %(role)s in %(unit)s") % {"role": audience.role, "unit": unit.name}
