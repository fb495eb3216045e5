"""The only way interfaces fetch households and persons."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.people.models import Household
from danchu.core.people.permissions import VIEW_HOUSEHOLD


def access_household_by_id(
    actor: Any, household_id: int, *, permission: str = VIEW_HOUSEHOLD
) -> Household:
    """The household if the actor holds ``permission`` over its village; 404 otherwise."""
    household = (
        Household.objects.select_related("village", "village__parent", "representative")
        .filter(pk=household_id)
        .first()
    )
    if household is None or not has_perm(actor, permission, household):
        raise not_found()
    return household
