"""The only way the workflow pages fetch cases and units (a 404 for another unit's)."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.models import Unit
from danchu.petitions.models import Case
from danchu.petitions.permissions import HANDLE, VIEW_STATISTICS


def access_case_by_id(actor: Any, case_id: int, *, permission: str = HANDLE) -> Case:
    """The case if the actor holds ``permission`` (default: handle) over its unit; 404
    otherwise."""
    case = (
        Case.objects.select_related("unit", "handler", "transferred_to", "earlier_case")
        .filter(pk=case_id)
        .first()
    )
    if case is None or not has_perm(actor, permission, case):
        raise not_found()
    return case


def access_queue_unit(actor: Any, code: str) -> Unit:
    """A unit whose cases the actor handles; 404 otherwise."""
    return access_unit_by_code(actor, code, permission=HANDLE)


def access_statistics_unit(actor: Any, code: str) -> Unit:
    """A unit whose statistics the actor may see (handlers, the commune Front, the province,
    steering members); 404 otherwise."""
    return access_unit_by_code(actor, code, permission=VIEW_STATISTICS)


def first_instance_case(case: Case, code: str) -> Case | None:
    """The complaint with tracking ``code`` of a body directly under ``case``'s unit — the
    first-instance case a second complaint may be linked to (Law on Complaints Art. 7). Any
    other code reads as unknown, so the lookup tells nothing about other units' cases."""
    return (
        Case.objects.select_related("unit")
        .filter(tracking_code=code, unit__parent_id=case.unit_id)
        .first()
    )
