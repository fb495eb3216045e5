"""API for petitions, complaints and denunciations (issue #7 item 8; Law on Citizen Reception
42/2013/QH13 Art. 28(1); Law on Complaints 02/2011/QH13 Arts 8, 27; Law on Denunciations
25/2018/QH14 Arts 8, 9, 23–25, 47, 56; Law 10/2022/QH15 Arts 34–35).

Public (anyone; a bearer token links the signed-in sender, as the web form does):
    POST /units/{code}/petitions                  send a case; the same form checks and
                                                  ``case_receive`` (channel "web") as the page
    GET  /petitions/status/{tracking_code}        status, kind, dates and public steps only —
                                                  no name, address, phone, number or content
Officials of the unit (``petitions.receive`` / ``petitions.handle``; 404 for anyone else, 401
without credentials):
    GET  /units/{code}/petitions                  the unit's cases by deadline, paginated,
                                                  filtered by kind, status, channel, overdue
    GET  /petitions/{id}                          one case with its steps; never a denouncer's
                                                  identity (it is sealed and not unsealed here)
    POST /petitions/{id}/classify, /route         intake steps (``services_intake``)
    POST /petitions/{id}/steps/{action}           workflow steps (``services_workflow``) with
                                                  the same forms as the case page
Statistics (``petitions.view_statistics``): GET /units/{code}/petitions/statistics — counts
only (``reports.petitions_statistics_rollup``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from danchu.common.api_errors import refusal
from danchu.core.access.api_auth import ApiTokenAuth, api_auth
from danchu.core.access.errors import NotPermitted
from danchu.core.access.models import User
from danchu.core.units.models import Unit
from danchu.petitions import access_intake, access_workflow
from danchu.petitions.domain import workflow as wf
from danchu.petitions.errors import PetitionError
from danchu.petitions.forms_intake import CaseForm, ClassifyForm
from danchu.petitions.models import Case, CaseChannel, CaseKind, CaseParty
from danchu.petitions.ratelimits import api_rate_limited
from danchu.petitions.reports import Period, petitions_statistics_rollup
from danchu.petitions.sealing import listed_subject, redactor_for
from danchu.petitions.selectors_intake import public_events
from danchu.petitions.selectors_workflow import case_timeline, queue_for
from danchu.petitions.services_intake import case_classify, case_receive, case_route
from danchu.petitions.services_workflow import case_facts

router = Router(tags=["petitions"])


def _anyone(request: HttpRequest) -> bool:
    """Public endpoints: a valid bearer token (tried first) links the case to its sender."""
    return True


public_auth = [ApiTokenAuth(), _anyone]


# --- schemas -----------------------------------------------------------------------------------


class CaseIn(Schema):
    """What the public form asks (``forms_intake.CaseForm``)."""

    kind_hint: str
    subject: str
    content: str
    decision_known_on: date | None = None
    anonymous: bool = False
    full_name: str = ""
    address: str = ""
    phone: str = ""
    id_number: str = ""


class NoticeOut(Schema):
    action: str
    on: date
    status: str


class StatusOut(Schema):
    """What anyone may know of a case: no name, address, phone, number, subject or content."""

    tracking_code: str
    unit_name: str
    kind: str
    channel: str
    status: str
    received_on: date
    due_on: date | None
    overdue: bool
    transferred_to: str | None
    notices: list[NoticeOut]


class _CaseFields(Schema):
    id: int
    tracking_code: str
    unit_code: str
    kind: str
    channel: str
    status: str
    subject: str
    received_on: date
    accepted_on: date | None
    due_on: date | None
    extensions: int
    overdue: bool
    handler_id: int | None


class CaseOut(_CaseFields):
    """One row of the unit's list (``overdue`` is annotated by ``queue_for``)."""

    @staticmethod
    def resolve_unit_code(obj: Case) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_subject(obj: Case, context: dict[str, Any]) -> str:
        request = context["request"]
        return listed_subject(getattr(request, "auth", None) or request.user, obj)


class PartyOut(Schema):
    """A named party (CaseParty): a complainant, a representative, someone complained about or
    denounced — never a denouncer, whose identity is only in the sealed row."""

    role: str
    full_name: str


class StepOut(Schema):
    action: str
    on: date
    from_status: str
    to_status: str
    note: str
    public: bool
    document_id: int | None


class CaseDetailOut(_CaseFields):
    content: str
    complex: bool
    remote: bool
    instance: int
    group_size: int
    anonymous: bool
    sealed: bool
    inadmissible_reason: str
    conclusion: str
    concluded_on: date | None
    published_on: date | None
    transferred_to: str | None
    parties: list[PartyOut]
    steps: list[StepOut]
    allowed_actions: list[str]


class ClassifyIn(Schema):
    kind: str
    reason: str = ""


class RouteIn(Schema):
    handler_id: int | None = None
    to_unit: str = ""


class StepIn(Schema):
    """The fields of every step's form; each step reads its own (see the case page)."""

    on: date | None = None
    grounds: list[str] = []
    reason: str = ""
    to_unit: str = ""
    participants: str = ""
    opinions: str = ""
    result: str = ""
    decision: str = ""
    sent_on: date | None = None
    signed: bool = False
    continue_ground: str = ""
    conclusion: str = ""
    place: str = ""
    answer: str = ""
    note: str = ""
    accused_summary: str = ""
    instance: int | None = None
    complex: bool = False
    remote: bool = False
    first_known_on: date | None = None
    earlier_code: str = ""
    multi_location: bool = False
    full_name: str = ""
    address: str = ""


# --- helpers -----------------------------------------------------------------------------------


def _invalid(form: forms.Form) -> HttpError:
    """400 with the form's messages, in the user's language."""
    messages = [str(m) for errors in form.errors.values() for m in errors]
    return HttpError(400, " ".join(messages) or _("Please check the data you sent."))


def _status(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "tracking_code": row["tracking_code"],
        "unit_name": row["unit__name"],
        "kind": row["kind"],
        "channel": row["channel"],
        "status": row["status"],
        "received_on": row["received_on"],
        "due_on": row["due_on"],
        "overdue": wf.is_overdue(
            status=row["status"], due_on=row["due_on"], today=timezone.localdate()
        ),
        "transferred_to": row["transferred_to__name"],
        "notices": [
            {"action": e["action"], "on": e["on"], "status": e["to_status"]}
            for e in public_events(row["pk"])
        ],
    }


def _detail(case: Case, actor: Any) -> dict[str, Any]:
    """One case for the unit's officials. Built field by field: a denouncer's identity is
    sealed and never read here."""
    redact = redactor_for(actor, case)
    today = timezone.localdate()
    parties = CaseParty.objects.filter(case=case).order_by("role", "pk").values("role", "full_name")
    return {
        "id": case.pk,
        "tracking_code": case.tracking_code,
        "unit_code": case.unit.code,
        "kind": case.kind,
        "channel": case.channel,
        "status": case.status,
        "subject": redact(case.subject),
        "received_on": case.received_on,
        "accepted_on": case.accepted_on,
        "due_on": case.due_on,
        "extensions": case.extensions,
        "overdue": wf.is_overdue(status=case.status, due_on=case.due_on, today=today),
        "handler_id": case.handler_id,
        "content": redact(case.content),
        "complex": case.complex,
        "remote": case.remote,
        "instance": case.instance,
        "group_size": case.group_size,
        "anonymous": case.anonymous,
        "sealed": hasattr(case, "sealed_identity"),
        "inadmissible_reason": case.inadmissible_reason,
        "conclusion": case.conclusion,
        "concluded_on": case.concluded_on,
        "published_on": case.published_on,
        "transferred_to": case.transferred_to.name if case.transferred_to_id else None,
        "parties": list(parties),
        "steps": [
            {
                "action": event.action,
                "on": event.on,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "note": redact(event.note),
                "public": event.public,
                "document_id": event.document_id,
            }
            for event in case_timeline(case)
        ],
        "allowed_actions": list(wf.allowed_actions(case_facts(case))),
    }


def _reload(case: Case, actor: Any) -> dict[str, Any]:
    return _detail(access_workflow.access_case_by_id(actor, case.pk), actor)


# --- public ------------------------------------------------------------------------------------


@router.post("/units/{code}/petitions", response={201: StatusOut}, auth=public_auth)
def create_case(request: HttpRequest, code: str, payload: CaseIn):
    """Send feedback, a recommendation, a complaint or a denunciation to a unit; answer with
    its tracking code, first deadline and status. A denouncer's identity is sealed at once."""
    if (too_many := api_rate_limited(request, "api_intake")) is not None:
        return too_many
    actor = request.auth if isinstance(request.auth, User) else AnonymousUser()
    unit = access_intake.access_sending_unit(actor, code)
    form = CaseForm(data=payload.dict())
    if not form.is_valid():
        raise _invalid(form)
    data = form.cleaned_data
    try:
        case = case_receive(
            actor=actor,
            unit=unit,
            channel=CaseChannel.WEB,
            subject=data["subject"],
            content=data["content"],
            sender=form.sender(),
            kind_hint=data["kind_hint"],
            anonymous=data["anonymous"],
            decision_known_on=data["decision_known_on"],
        )
    except (PetitionError, NotPermitted) as exc:
        raise refusal(exc) from exc
    return Status(201, _status(access_intake.access_case_status(case.tracking_code)))


@router.get("/petitions/status/{tracking_code}", response=StatusOut, auth=None)
def case_status(request: HttpRequest, tracking_code: str):
    """Follow a case by its code without signing in (issue #7 item 6)."""
    if (too_many := api_rate_limited(request, "api_track")) is not None:
        return too_many
    return _status(access_intake.access_case_status(tracking_code))


# --- officials ---------------------------------------------------------------------------------


@router.get("/units/{code}/petitions", response=list[CaseOut], auth=api_auth)
@paginate(PageNumberPagination, page_size=settings.DANCHU_API_PAGE_SIZE)
def list_cases(
    request: HttpRequest,
    code: str,
    kind: str = "",
    status: str = "",
    channel: str = "",
    overdue: bool = False,
):
    """The unit's cases by deadline (open first, the earliest deadline first)."""
    unit = access_workflow.access_queue_unit(request.user, code)
    return queue_for(
        request.user,
        unit,
        today=timezone.localdate(),
        kind=kind if kind in CaseKind.values else "",
        status=status if status in wf.STATUSES else "",
        channel=channel if channel in CaseChannel.values else "",
        overdue=overdue,
    ).select_related("unit")


@router.get("/petitions/{case_id}", response=CaseDetailOut, auth=api_auth)
def get_case(request: HttpRequest, case_id: int):
    return _detail(access_workflow.access_case_by_id(request.user, case_id), request.user)


@router.post("/petitions/{case_id}/classify", response=CaseDetailOut, auth=api_auth)
def classify_case(request: HttpRequest, case_id: int, payload: ClassifyIn):
    """Classify a received case (Law on Citizen Reception Art. 28(1); Law on Complaints Art. 11;
    Law on Denunciations Art. 25)."""
    case = access_intake.access_case_by_id(request.user, case_id)
    form = ClassifyForm(data=payload.dict())
    if not form.is_valid():
        raise _invalid(form)
    try:
        case_classify(
            actor=request.user,
            case=case,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
        )
    except (PetitionError, NotPermitted) as exc:
        raise refusal(exc) from exc
    return _reload(case, request.user)


@router.post("/petitions/{case_id}/route", response=CaseDetailOut, auth=api_auth)
def route_case(request: HttpRequest, case_id: int, payload: RouteIn):
    """Assign a handler of the unit, or transfer to the competent unit with a notice."""
    case = access_intake.access_case_by_id(request.user, case_id)
    handler = None
    if payload.handler_id is not None:
        handler = get_user_model().objects.filter(pk=payload.handler_id).first()
        if handler is None:
            raise HttpError(
                400, _("The handler must be an official who handles this unit's cases.")
            )
    to_unit = None
    if payload.to_unit.strip():
        to_unit = Unit.objects.filter(code=payload.to_unit.strip()).first()
        if to_unit is None:
            raise HttpError(400, _("No unit has this code."))
    try:
        case_route(actor=request.user, case=case, handler=handler, to_unit=to_unit)
    except (PetitionError, NotPermitted) as exc:
        raise refusal(exc) from exc
    return _reload(case, request.user)


@router.post("/petitions/{case_id}/steps/{action}", response=CaseDetailOut, auth=api_auth)
def case_step(request: HttpRequest, case_id: int, action: str, payload: StepIn):
    """A step of the case's statutory workflow (accept, refuse, transfer, dialogue, resolve,
    withdraw, extend, conclude, publish, answer, check, close), or of its terms ("terms":
    instance, complex, remote, first_known_on, earlier_code; multi_location for a
    denunciation) and parties ("accused": full_name, address), checked by the same form and
    run by the same service as on the case page."""
    from danchu.petitions.views_workflow import step_form, step_of

    case = access_workflow.access_case_by_id(request.user, case_id)
    step = step_of(action)
    machine = wf.machine_of(case.kind)
    if step is None or machine not in step.runs:
        raise HttpError(404, _("This step does not apply to a case of this kind."))
    data = {f"{action}-{key}": value for key, value in payload.dict().items() if value is not None}
    form = step_form(action, machine, data, case=case)
    if not form.is_valid():
        raise _invalid(form)
    try:
        step.runs[machine](request.user, case, form.cleaned_data)
    except (PetitionError, NotPermitted) as exc:
        raise refusal(exc) from exc
    return _reload(case, request.user)


@router.get("/units/{code}/petitions/statistics", response=dict, auth=api_auth)
def case_statistics(request: HttpRequest, code: str, period: str = ""):
    """Received, on time, late, pending, overdue, extended and closed, by kind and channel, for
    the unit and each unit below it (``period``: 2026, 2026-H1, 2026-Q2 or 2026-05; the
    current year by default). Counts only, no personal data."""
    unit = access_workflow.access_statistics_unit(request.user, code)
    today = timezone.localdate()
    try:
        wanted = Period.parse(period) if period else Period.current_year(today)
    except ValueError as exc:
        raise HttpError(
            400,
            _("A year (2026), a half (2026-H1), a quarter (2026-Q2) or a month (2026-05)."),
        ) from exc
    return petitions_statistics_rollup(unit, wanted, today=today)
