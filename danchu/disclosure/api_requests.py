"""API for information requests (Law on Access to Information 104/2016/QH13).

Public: send a request to a unit, and read a request's status by its tracking code (status and
dates only, no personal data). Officials who handle the unit's requests
(``disclosure.handle_requests``; 404 for anyone else, 401 without credentials): the list, one
request, and answering or refusing it, with the same services and checks as the pages.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from danchu.common.api_errors import refusal
from danchu.core.access.api_auth import ApiTokenAuth, api_auth
from danchu.core.access.errors import NotPermitted
from danchu.core.access.models import User
from danchu.disclosure.access_requests import (
    access_handling_unit,
    access_request_by_id,
    access_request_status,
    access_requesting_unit,
)
from danchu.disclosure.domain import requests as rules
from danchu.disclosure.models import InformationRequest
from danchu.disclosure.selectors_requests import STATUS_FILTERS, requests_in_unit
from danchu.disclosure.services_requests import (
    RequestError,
    RequestInput,
    request_provide,
    request_receive,
    request_refuse,
)

router = Router(tags=["information requests"])


def _anyone(request: HttpRequest) -> bool:
    """Public endpoints: a valid bearer token (tried first) links the request to its user."""
    return True


public_auth = [ApiTokenAuth(), _anyone]


class RequestIn(Schema):
    full_name: str
    address: str
    id_number: str
    contact: str
    information: str
    purpose: str
    delivery_form: str = rules.DeliveryForm.AT_OFFICE


class StatusOut(Schema):
    """What anyone may know of a request: no name, address, number, contact or content."""

    tracking_code: str
    unit_code: str
    unit_name: str
    channel: str
    complex: bool
    received_on: date
    due_on: date
    extended_to: date | None
    status: str
    answered_on: date | None
    overdue: bool


class RequestOut(Schema):
    id: int
    tracking_code: str
    unit_code: str
    channel: str
    complex: bool
    requester_name: str
    received_on: date
    due_on: date
    extended_to: date | None
    status: str
    answered_on: date | None
    overdue: bool

    @staticmethod
    def resolve_unit_code(obj: InformationRequest) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_overdue(obj: InformationRequest) -> bool:
        return rules.is_overdue(
            status=obj.status,
            due_on=obj.due_on,
            extended_to=obj.extended_to,
            today=timezone.localdate(),
        )


class RequestDetailOut(RequestOut):
    requester_address: str
    requester_id_number: str
    requester_contact: str
    information: str
    purpose: str
    delivery_form: str
    answer: str
    refusal_ground: str
    refusal_reason: str


class AnswerIn(Schema):
    answer: str


class RefuseIn(Schema):
    ground: str
    reason: str


def _status(row: dict) -> dict:
    return {
        "tracking_code": row["tracking_code"],
        "unit_code": row["unit__code"],
        "unit_name": row["unit__name"],
        "channel": row["channel"],
        "complex": row["complex"],
        "received_on": row["received_on"],
        "due_on": row["due_on"],
        "extended_to": row["extended_to"],
        "status": row["status"],
        "answered_on": row["answered_on"],
        "overdue": rules.is_overdue(
            status=row["status"],
            due_on=row["due_on"],
            extended_to=row["extended_to"],
            today=timezone.localdate(),
        ),
    }


@router.post("/units/{code}/information-requests", response={201: StatusOut}, auth=public_auth)
def create_request(request: HttpRequest, code: str, payload: RequestIn):
    """Send a request electronically (Art. 24); answer with its tracking code and due date."""
    actor = request.auth if isinstance(request.auth, User) else AnonymousUser()
    unit = access_requesting_unit(actor, code)
    try:
        created = request_receive(actor=actor, unit=unit, data=RequestInput(**payload.dict()))
    except (RequestError, NotPermitted) as exc:
        raise refusal(exc) from exc
    return Status(201, _status(access_request_status(created.tracking_code)))


@router.get("/information-requests/status/{tracking_code}", response=StatusOut, auth=None)
def request_status(request: HttpRequest, tracking_code: str):
    return _status(access_request_status(tracking_code))


@router.get("/units/{code}/information-requests", response=list[RequestOut], auth=api_auth)
@paginate(PageNumberPagination, page_size=settings.DANCHU_API_PAGE_SIZE)
def list_requests(
    request: HttpRequest, code: str, status: str = "", channel: str = "", q: str = ""
):
    unit = access_handling_unit(request.user, code)
    return requests_in_unit(
        request.user,
        unit,
        today=timezone.localdate(),
        status=status if status in STATUS_FILTERS else "",
        channel=channel,
        query=q[:100],
    ).select_related("unit")


@router.get("/information-requests/{request_id}", response=RequestDetailOut, auth=api_auth)
def get_request(request: HttpRequest, request_id: int):
    return access_request_by_id(request.user, request_id)


@router.post("/information-requests/{request_id}/answer", response=RequestDetailOut, auth=api_auth)
def answer_request(request: HttpRequest, request_id: int, payload: AnswerIn):
    item = access_request_by_id(request.user, request_id)
    try:
        return request_provide(actor=request.user, request=item, answer=payload.answer)
    except (RequestError, NotPermitted) as exc:
        raise refusal(exc) from exc


@router.post("/information-requests/{request_id}/refuse", response=RequestDetailOut, auth=api_auth)
def refuse_request(request: HttpRequest, request_id: int, payload: RefuseIn):
    item = access_request_by_id(request.user, request_id)
    try:
        return request_refuse(
            actor=request.user, request=item, ground=payload.ground, reason=payload.reason
        )
    except (RequestError, NotPermitted) as exc:
        raise refusal(exc) from exc
