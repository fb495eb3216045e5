"""Scoped reads of the workflows: the officers' work queue and a case's timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models import Case as Conditional
from django.db.models.functions import Coalesce

from danchu.core.access.registry import scope_queryset
from danchu.core.units.models import Unit
from danchu.petitions.domain import workflow as wf
from danchu.petitions.models import Case, CaseEvent, SealedIdentity
from danchu.petitions.permissions import HANDLE

MINE = "mine"
UNASSIGNED = "none"


def with_overdue(queryset: QuerySet, today: date) -> QuerySet:
    """Annotate ``overdue``: open and past its current deadline."""
    return queryset.annotate(
        overdue=Conditional(
            When(Q(status__in=wf.OPEN_STATUSES) & Q(due_on__lt=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def queue_for(
    actor: Any,
    unit: Unit,
    *,
    today: date,
    kind: str = "",
    status: str = "",
    channel: str = "",
    overdue: bool = False,
    handler: str = "",
) -> QuerySet:
    """The unit's cases the actor handles, by deadline (open cases first, the earliest
    deadline first, cases without a deadline last), filtered."""
    queryset = scope_queryset(actor, HANDLE, Case.objects.filter(unit=unit), "unit__path")
    queryset = with_overdue(queryset.select_related("handler"), today).annotate(
        # Whether a sender is sealed, whatever the case became (see ``sealing.listed_subject``).
        sealed=Exists(SealedIdentity.objects.filter(case=OuterRef("pk")))
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(status=status)
    if channel:
        queryset = queryset.filter(channel=channel)
    if overdue:
        queryset = queryset.filter(overdue=True)
    if handler == MINE:
        queryset = queryset.filter(handler_id=getattr(actor, "pk", None))
    elif handler == UNASSIGNED:
        queryset = queryset.filter(handler__isnull=True)
    elif handler.isdigit():
        queryset = queryset.filter(handler_id=int(handler))
    return queryset.annotate(
        is_open=Conditional(
            When(status__in=wf.OPEN_STATUSES, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        sort_due=Coalesce("due_on", Value(date.max)),
    ).order_by("-is_open", "sort_due", "received_on", "pk")


def case_timeline(case: Case) -> list[CaseEvent]:
    """The steps of a case, oldest first, with their notices and actors (one query)."""
    return list(
        CaseEvent.objects.filter(case=case)
        .select_related("document", "actor")
        .order_by("created_at", "pk")
    )
