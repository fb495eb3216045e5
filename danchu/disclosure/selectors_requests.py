"""Scoped reads of information requests: the officials' list, the logbook (sổ theo dõi cung cấp
thông tin theo yêu cầu, Law on Access to Information Art. 26) and a request's history."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from danchu.core.access.registry import scope_queryset
from danchu.core.audit.models import AuditEvent
from danchu.core.audit.registry import action_label
from danchu.core.units.models import Unit
from danchu.disclosure.domain.requests import DeliveryForm
from danchu.disclosure.models import (
    InformationRequest,
    RefusalGround,
    RequestChannel,
    RequestStatus,
)
from danchu.disclosure.permissions import HANDLE_REQUESTS

OVERDUE = "overdue"
STATUS_FILTERS = (*RequestStatus.values, OVERDUE)


def with_deadline_flags(queryset: QuerySet, today: date) -> QuerySet:
    """Annotate ``effective_due`` (the extended date, else the due date) and ``overdue``."""
    return queryset.annotate(
        effective_due=Coalesce("extended_to", "due_on"),
    ).annotate(
        overdue=Case(
            When(
                Q(status=RequestStatus.RECEIVED) & Q(effective_due__lt=today),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def requests_in_unit(
    actor: Any,
    unit: Unit,
    *,
    today: date,
    status: str = "",
    channel: str = "",
    query: str = "",
    year: int | None = None,
) -> QuerySet:
    """The unit's requests the actor handles, newest first, filtered."""
    queryset = scope_queryset(
        actor,
        HANDLE_REQUESTS,
        InformationRequest.objects.filter(unit=unit),
        "unit__path",
    )
    queryset = with_deadline_flags(queryset, today)
    if status == OVERDUE:
        queryset = queryset.filter(overdue=True)
    elif status in RequestStatus.values:
        queryset = queryset.filter(status=status)
    if channel in RequestChannel.values:
        queryset = queryset.filter(channel=channel)
    if year:
        queryset = queryset.filter(received_on__year=year)
    query = query.strip()
    if query:
        queryset = queryset.filter(
            Q(tracking_code__icontains=query) | Q(requester_name__icontains=query)
        )
    return queryset.order_by("-received_on", "-id")


def logbook_columns() -> list[str]:
    """The columns of the tracking book (Art. 26)."""
    return [
        _("No."),
        _("Tracking code"),
        _("Received on"),
        _("Received"),
        _("Full name"),
        _("Place of residence"),
        _("Identity number"),
        _("Phone or e-mail"),
        _("Information requested"),
        _("Purpose"),
        _("How to receive it"),
        _("Complex information"),
        _("Answer due by"),
        _("Extended to"),
        _("Status"),
        _("Answered on"),
        _("Answer"),
        _("Ground for refusal"),
        _("Written reason"),
    ]


def logbook_rows(queryset: QuerySet) -> Iterator[Sequence[Any]]:
    """One row per request, oldest first, streamed from the database in chunks."""
    channels = dict(RequestChannel.choices)
    statuses = dict(RequestStatus.choices)
    grounds = dict(RefusalGround.choices)
    deliveries = dict(DeliveryForm.choices)
    yes, no = _("Yes"), _("No")
    rows = queryset.order_by("received_on", "id").values_list(
        "tracking_code",
        "received_on",
        "channel",
        "requester_name",
        "requester_address",
        "requester_id_number",
        "requester_contact",
        "information",
        "purpose",
        "delivery_form",
        "complex",
        "due_on",
        "extended_to",
        "status",
        "answered_on",
        "answer",
        "refusal_ground",
        "refusal_reason",
    )
    for number, row in enumerate(rows.iterator(chunk_size=2000), start=1):
        (
            code,
            received_on,
            channel,
            name,
            address,
            id_number,
            contact,
            information,
            purpose,
            delivery,
            complex_,
            due_on,
            extended_to,
            status,
            answered_on,
            answer,
            ground,
            reason,
        ) = row
        yield (
            number,
            code,
            received_on,
            str(channels.get(channel, channel)),
            name,
            address,
            id_number,
            contact,
            information,
            purpose,
            str(deliveries.get(delivery, delivery)),
            yes if complex_ else no,
            due_on,
            extended_to,
            str(statuses.get(status, status)),
            answered_on,
            answer,
            str(grounds.get(ground, ground)) if ground else "",
            reason,
        )


def request_history(request: InformationRequest) -> list[dict[str, Any]]:
    """The audit events of one request, oldest first (one query)."""
    events = AuditEvent.objects.filter(
        unit_id=request.unit_id,
        target_type=InformationRequest._meta.label_lower,
        target_id=str(request.pk),
    ).values("occurred_at", "actor_label", "action", "data")
    history = []
    for event in events.order_by("id"):
        try:
            label = action_label(event["action"])
        except LookupError:
            label = event["action"]
        history.append({**event, "label": label})
    return history
