"""Information requests (Law on Access to Information 104/2016/QH13 Arts 24–31): receive,
classify as complex, extend once, provide, refuse. Each function is atomic, re-checks the
permission and writes its audit event in the same transaction; a refusal leaves nothing written.

Public interface:

    request_receive(actor=..., unit=..., data=RequestInput(...))        # a resident, online
    request_receive(actor=..., unit=..., data=..., channel=..., complex=..., received_on=...,
                    entered_by_official=True)  # an official enters a paper or in-person one
    request_mark_complex(actor=..., request=...)
    request_extend(actor=..., request=..., extended_to=..., notice=...)
    request_provide(actor=..., request=..., answer=...)
    request_refuse(actor=..., request=..., ground=..., reason=...)
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.units.domain.kinds import Kind
from danchu.core.units.models import Unit
from danchu.disclosure.domain import requests as rules
from danchu.disclosure.models import (
    InformationRequest,
    RefusalGround,
    RequestChannel,
    RequestStatus,
)
from danchu.disclosure.permissions import HANDLE_REQUESTS

NOTIFICATION_KIND = "disclosure.request_answered"
UPDATE_NOTIFICATION_KIND = "disclosure.request_deadline_changed"
MARKED_COMPLEX_ACTION = "disclosure.request_marked_complex"
# How far back an official may date a paper request they enter late.
MAX_BACKDATE_DAYS = 366


class RequestError(ValueError):
    """A request change that cannot be made; the message is in the user's language. ``field``
    names the form field it concerns, when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class RequestInput:
    """What a request must state (Art. 24(2))."""

    full_name: str
    address: str
    id_number: str
    contact: str
    information: str
    purpose: str
    delivery_form: str


def accepts_requests(unit: Unit) -> bool:
    """Commune-level authorities and state agencies provide the information they create or
    receive (Art. 9); villages and enterprises are not bodies under this law."""
    return unit.valid_to is None and (unit.is_commune or unit.kind == Kind.AGENCY)


def _today() -> date:
    return timezone.localdate()


def _clean_input(data: RequestInput) -> dict[str, str]:
    full_name = rules.plain_text(data.full_name)
    if not full_name:
        raise RequestError(_("Please enter your full name."), "full_name")
    address = rules.plain_text(data.address)
    if not address:
        raise RequestError(_("Please enter your place of residence."), "address")
    id_number = rules.clean_identity_number(data.id_number)
    if id_number is None:
        raise RequestError(
            _(
                "Enter a 12-digit citizen identity number, a 9-digit identity card number "
                "or a passport number."
            ),
            "id_number",
        )
    contact = rules.clean_contact(data.contact)
    if contact is None:
        raise RequestError(
            _("Enter a phone number or an e-mail address where we can reach you."), "contact"
        )
    information = rules.plain_text(data.information, multiline=True)
    if not information:
        raise RequestError(_("Please describe the information you request."), "information")
    purpose = rules.plain_text(data.purpose)
    if not purpose:
        raise RequestError(_("Please state the purpose of your request."), "purpose")
    if data.delivery_form not in rules.DeliveryForm.values:
        raise RequestError(_("Choose how you want to receive the information."), "delivery_form")
    limits = {"full_name": 150, "address": 255, "contact": 150, "purpose": 255}
    values = {
        "full_name": full_name,
        "address": address,
        "contact": contact,
        "purpose": purpose,
    }
    for field, maximum in limits.items():
        if len(values[field]) > maximum:
            raise RequestError(
                _("This is too long (at most %(max)d characters).") % {"max": maximum}, field
            )
    return {
        "requester_name": full_name,
        "requester_address": address,
        "requester_id_number": id_number,
        "requester_contact": contact,
        "information": information,
        "purpose": purpose,
        "delivery_form": data.delivery_form,
    }


TRACKING_SUFFIX_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _next_tracking_code(unit: Unit, year: int) -> str:
    """ "TT-15271-2026-000123-K7QX": the unit's code, the year, the next number of that unit's
    requests in that year (the logbook's order), and four random characters so that the codes,
    the only key to the public status page, cannot be guessed by counting. Called with the unit
    row locked."""
    prefix = f"TT-{unit.code}-{year}-"
    last = (
        InformationRequest.objects.filter(unit=unit, tracking_code__startswith=prefix)
        .order_by("-tracking_code")
        .values_list("tracking_code", flat=True)
        .first()
    )
    number = int(last[len(prefix) :].split("-")[0]) + 1 if last else 1
    suffix = "".join(secrets.choice(TRACKING_SUFFIX_ALPHABET) for _ in range(4))
    return f"{prefix}{number:06d}-{suffix}"


def request_receive(
    *,
    actor: Any,
    unit: Unit,
    data: RequestInput,
    channel: str = RequestChannel.ELECTRONIC,
    complex: bool = False,
    received_on: date | None = None,
    entered_by_official: bool = False,
) -> InformationRequest:
    """Log a valid request in the tracking book (Art. 26) with its tracking code and due date.

    Anyone, signed in or not, may send a request electronically (Art. 24(1)); a signed-in
    requester is linked to it and notified of the answer. With ``entered_by_official`` an
    official who handles the unit's requests enters one received in person, by post/fax or by
    e-mail, may date it in the past and classify it as complex on receipt."""
    if not accepts_requests(unit):
        raise RequestError(_("This unit does not receive information requests."))
    today = _today()
    if entered_by_official:
        if not has_perm(actor, HANDLE_REQUESTS, unit):
            raise NotPermitted()
        if channel not in RequestChannel.values:
            raise RequestError(_("Choose how the request was received."), "channel")
        requester = None
    else:
        if channel != RequestChannel.ELECTRONIC or complex or received_on not in (None, today):
            raise NotPermitted()
        requester = actor if getattr(actor, "is_authenticated", False) else None
    received_on = received_on or today
    if received_on > today:
        raise RequestError(_("The date of receipt cannot be in the future."), "received_on")
    if received_on < today - timedelta(days=MAX_BACKDATE_DAYS):
        raise RequestError(_("The date of receipt is more than a year ago."), "received_on")
    fields = _clean_input(data)
    due_on = rules.answer_due(received_on, channel, complex)
    with transaction.atomic():
        # One writer per unit at a time, so that tracking numbers follow each other.
        list(Unit.objects.select_for_update().filter(pk=unit.pk).values_list("pk", flat=True))
        request = InformationRequest.objects.create(
            unit=unit,
            tracking_code=_next_tracking_code(unit, received_on.year),
            channel=channel,
            complex=complex,
            received_on=received_on,
            due_on=due_on,
            requester=requester,
            **fields,
        )
        audit_record(
            actor=actor,
            action="disclosure.request_received",
            target=request,
            unit=unit,
            data={
                "tracking_code": request.tracking_code,
                "channel": channel,
                "complex": complex,
                "received_on": received_on,
                "due_on": due_on,
            },
        )
    return request


def _locked_open(actor: Any, request: InformationRequest) -> InformationRequest:
    """Re-check the permission and reload the request under a row lock."""
    if not has_perm(actor, HANDLE_REQUESTS, request):
        raise NotPermitted()
    locked = (
        InformationRequest.objects.select_for_update().select_related("unit").get(pk=request.pk)
    )
    if locked.status != RequestStatus.RECEIVED:
        raise RequestError(_("This request has already been answered."))
    return locked


EXTENSION_MESSAGES = {
    "closed": lambda: _("This request has already been answered."),
    "already_extended": lambda: _("The deadline of a request can be extended only once."),
    "expired": lambda: _("The deadline has already passed; it can no longer be extended."),
    "notice_required": lambda: _(
        "Write the notice to the requester: why more time is needed and until when."
    ),
    "not_later": lambda: _("The new deadline must be later than the current one."),
    "not_complex": lambda: _(
        "Only a request for complex information can be extended; classify it as complex first."
    ),
}


def request_extend(
    *, actor: Any, request: InformationRequest, extended_to: date | None, notice: str
) -> InformationRequest:
    """Extend the deadline once, with a written notice (Arts 29–31)."""
    notice = rules.plain_text(notice, multiline=True)
    with transaction.atomic():
        locked = _locked_open(actor, request)
        problem = rules.extension_problem(
            complex_request=locked.complex,
            channel=locked.channel,
            status=locked.status,
            due_on=locked.due_on,
            extended_to=locked.extended_to,
            new_date=extended_to,
            notice=notice,
            today=_today(),
        )
        if problem == "too_long":
            latest = rules.latest_extension(locked.due_on, locked.channel)
            raise RequestError(
                _("An extension can reach %(date)s at the latest.")
                % {"date": latest.strftime("%d/%m/%Y")},
                "extended_to",
            )
        if problem is not None:
            field = {"notice_required": "notice", "not_later": "extended_to"}.get(problem)
            raise RequestError(EXTENSION_MESSAGES[problem](), field)
        locked.extended_to = extended_to
        locked.handled_by = actor
        locked.save(update_fields=["extended_to", "handled_by", "updated_at"])
        audit_record(
            actor=actor,
            action="disclosure.request_extended",
            target=locked,
            unit=locked.unit,
            data={
                "tracking_code": locked.tracking_code,
                "from": locked.due_on,
                "to": extended_to,
                "notice": notice,
            },
        )
        _notify_requester(
            actor,
            locked,
            _("Your information request %(code)s was extended to %(date)s")
            % {"code": locked.tracking_code, "date": extended_to.strftime("%d/%m/%Y")},
            UPDATE_NOTIFICATION_KIND,
        )
    return locked


COMPLEX_MESSAGES = {
    "closed": lambda: _("This request has already been answered."),
    "already_complex": lambda: _("This request is already classified as complex."),
    "already_extended": lambda: _("The deadline of this request has already been extended."),
    "notice_expired": lambda: _(
        "The time to notify the requester that the request is complex has passed."
    ),
}


def request_mark_complex(*, actor: Any, request: InformationRequest) -> InformationRequest:
    """Classify a request as complex within the notice period and set the longer deadline
    (Arts 29(2), 30(2), 31(2)); the requester is told the new deadline."""
    with transaction.atomic():
        locked = _locked_open(actor, request)
        problem = rules.complex_problem(
            status=locked.status,
            complex=locked.complex,
            extended_to=locked.extended_to,
            notice_due=rules.complex_notice_due(locked.received_on, locked.channel),
            today=_today(),
        )
        if problem is not None:
            raise RequestError(COMPLEX_MESSAGES[problem]())
        before = locked.due_on
        locked.complex = True
        locked.due_on = rules.answer_due(locked.received_on, locked.channel, True)
        locked.handled_by = actor
        locked.save(update_fields=["complex", "due_on", "handled_by", "updated_at"])
        audit_record(
            actor=actor,
            action=MARKED_COMPLEX_ACTION,
            target=locked,
            unit=locked.unit,
            data={"tracking_code": locked.tracking_code, "from": before, "to": locked.due_on},
        )
        _notify_requester(
            actor,
            locked,
            _("Your information request %(code)s needs more time: answer due by %(date)s")
            % {"code": locked.tracking_code, "date": locked.due_on.strftime("%d/%m/%Y")},
            UPDATE_NOTIFICATION_KIND,
        )
    return locked


def _notify_requester(
    actor: Any, request: InformationRequest, title: str, kind: str = NOTIFICATION_KIND
) -> None:
    if request.requester_id is None:
        return
    from danchu.core.notify.services import notify_send

    notify_send(
        actor=actor,
        kind=kind,
        recipients=[request.requester_id],
        title=title,
        url=reverse("disclosure:request_status", args=[request.tracking_code]),
    )


def request_provide(*, actor: Any, request: InformationRequest, answer: str) -> InformationRequest:
    """Record that the information was provided, with the answer given (Arts 29–31)."""
    answer = rules.plain_text(answer, multiline=True)
    if not answer:
        raise RequestError(
            _("Write the answer: the information provided, or where and how to obtain it."),
            "answer",
        )
    with transaction.atomic():
        locked = _locked_open(actor, request)
        locked.status = RequestStatus.PROVIDED
        locked.answer = answer
        locked.answered_on = _today()
        locked.handled_by = actor
        locked.save(update_fields=["status", "answer", "answered_on", "handled_by", "updated_at"])
        audit_record(
            actor=actor,
            action="disclosure.request_answered",
            target=locked,
            unit=locked.unit,
            data={"tracking_code": locked.tracking_code, "answered_on": locked.answered_on},
        )
        _notify_requester(
            actor,
            locked,
            _("Your information request %(code)s was answered") % {"code": locked.tracking_code},
        )
    return locked


def request_refuse(
    *, actor: Any, request: InformationRequest, ground: str, reason: str
) -> InformationRequest:
    """Refuse in writing, with a ground from Art. 28 and the reason (R-TTTT-03)."""
    reason = rules.plain_text(reason, multiline=True)
    problem = rules.refusal_problem(
        ground=ground, reason=reason, grounds=tuple(RefusalGround.values)
    )
    if problem == "ground":
        raise RequestError(_("Choose the ground for refusal from the law's list."), "ground")
    if problem == "reason":
        raise RequestError(_("A refusal must give its reason in writing."), "reason")
    with transaction.atomic():
        locked = _locked_open(actor, request)
        locked.status = RequestStatus.REFUSED
        locked.refusal_ground = ground
        locked.refusal_reason = reason
        locked.answered_on = _today()
        locked.handled_by = actor
        locked.save(
            update_fields=[
                "status",
                "refusal_ground",
                "refusal_reason",
                "answered_on",
                "handled_by",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="disclosure.request_refused",
            target=locked,
            unit=locked.unit,
            data={
                "tracking_code": locked.tracking_code,
                "ground": ground,
                "answered_on": locked.answered_on,
            },
        )
        _notify_requester(
            actor,
            locked,
            _("Your information request %(code)s was answered") % {"code": locked.tracking_code},
        )
    return locked
