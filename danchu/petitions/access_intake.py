"""The only way the intake pages fetch units and cases (a 404 for anything the visitor may not
see, so nobody learns which cases exist)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.models import Unit
from danchu.petitions.domain.intake import clean_tracking_code
from danchu.petitions.models.cases import Case
from danchu.petitions.permissions import RECEIVE, SEND
from danchu.petitions.services_intake import accepts_cases, is_owner

SESSION_RECEIPTS = "petitions_receipts"
SESSION_RECEIPTS_KEEP = 20

# What the public tracking page may show: no name, address, number, contact or content.
STATUS_FIELDS = (
    "pk",
    "tracking_code",
    "kind",
    "channel",
    "status",
    "received_on",
    "due_on",
    "satisfaction",
    "unit__name",
    "transferred_to__name",
)


def access_sending_unit(actor: Any, code: str) -> Unit:
    """A unit that receives petitions: anyone may send one."""
    unit = access_unit_by_code(actor, code, permission=SEND)
    if not accepts_cases(unit):
        raise not_found()
    return unit


def access_receiving_unit(actor: Any, code: str) -> Unit:
    """A unit whose cases the actor receives (desk intake)."""
    unit = access_unit_by_code(actor, code, permission=RECEIVE)
    if not accepts_cases(unit):
        raise not_found()
    return unit


def access_case_by_id(actor: Any, pk: int, *, permission: str = RECEIVE) -> Case:
    case = Case.objects.select_related("unit", "handler", "parent", "merged_into").filter(pk=pk)
    found = case.first()
    if found is None or not has_perm(actor, permission, found):
        raise not_found()
    return found


def access_case_status(tracking_code: str) -> dict[str, Any]:
    """The public facts of a case by its code; 404 otherwise."""
    code = clean_tracking_code(tracking_code)
    row = Case.objects.filter(tracking_code=code).values(*STATUS_FIELDS).first() if code else None
    if row is None:
        raise not_found()
    return row


def remember_receipt(request: HttpRequest, code: str) -> None:
    """The sender may open the receipt right after sending, in the same session."""
    codes = [c for c in request.session.get(SESSION_RECEIPTS, []) if c != code]
    request.session[SESSION_RECEIPTS] = [*codes, code][-SESSION_RECEIPTS_KEEP:]


def access_receipt(request: HttpRequest, tracking_code: str) -> Case:
    """The case whose receipt the visitor may see: sent in this session, or their own."""
    code = clean_tracking_code(tracking_code)
    case = Case.objects.select_related("unit").filter(tracking_code=code).first()
    if case is None:
        raise not_found()
    if code in request.session.get(SESSION_RECEIPTS, []) or is_owner(request.user, case):
        return case
    raise not_found()


def access_own_case(actor: Any, tracking_code: str) -> Case:
    """A case the signed-in resident sent."""
    case = (
        Case.objects.select_related("unit")
        .filter(tracking_code=clean_tracking_code(tracking_code))
        .first()
    )
    if case is None or not is_owner(actor, case):
        raise not_found()
    return case
