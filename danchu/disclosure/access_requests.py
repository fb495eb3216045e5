"""The only way interfaces fetch information requests."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.models import Unit
from danchu.disclosure.models import InformationRequest
from danchu.disclosure.permissions import HANDLE_REQUESTS
from danchu.disclosure.services_requests import accepts_requests

# What the public status page may show: no name, address, number, contact or content.
STATUS_FIELDS = (
    "tracking_code",
    "channel",
    "complex",
    "received_on",
    "due_on",
    "extended_to",
    "status",
    "answered_on",
    "requester_id",
    "unit__code",
    "unit__name",
)


def access_request_by_id(
    actor: Any, request_id: int, *, permission: str = HANDLE_REQUESTS
) -> InformationRequest:
    """The request if the actor holds ``permission`` over its unit; 404 otherwise."""
    request = (
        InformationRequest.objects.select_related("unit", "handled_by")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not has_perm(actor, permission, request):
        raise not_found()
    return request


def access_request_status(tracking_code: str) -> dict[str, Any]:
    """The public facts of a request by its tracking code (no personal data); 404 otherwise."""
    code = "".join((tracking_code or "").split()).upper()[:32]
    row = InformationRequest.objects.filter(tracking_code=code).values(*STATUS_FIELDS).first()
    if row is None:
        raise not_found()
    return row


def access_requesting_unit(actor: Any, code: str) -> Unit:
    """A unit that receives information requests (anyone may send one); 404 otherwise."""
    unit = access_unit_by_code(actor, code)
    if not accepts_requests(unit):
        raise not_found()
    return unit


def access_handling_unit(actor: Any, code: str) -> Unit:
    """A unit whose requests the actor handles; 404 otherwise."""
    unit = access_unit_by_code(actor, code, permission=HANDLE_REQUESTS)
    if not accepts_requests(unit):
        raise not_found()
    return unit
