"""Scoped reads for citizen reception: the public schedule with free slots, the officials'
list of reception days, the leader's coverage (R-TCD-01), and the logbook (sổ tiếp công dân,
Art. 25(2)) as a page and as a table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danchu.common.text import fold
from danchu.core.access import roles
from danchu.core.access.models import RoleAssignment
from danchu.core.access.registry import scope_queryset
from danchu.core.units.models import Unit
from danchu.petitions.domain import reception as rules
from danchu.petitions.models import (
    ReceptionBooking,
    ReceptionEntry,
    ReceptionSchedule,
    ScheduleStatus,
)
from danchu.petitions.permissions import MANAGE_RECEPTION
from danchu.petitions.services_reception import reception_frequency

PUBLIC_DAYS_AHEAD = 92


def public_schedules(unit: Unit, today: date) -> QuerySet:
    """Reception days of the unit from today on, postponed ones included (with their reason)."""
    return ReceptionSchedule.objects.filter(
        unit=unit, on__gte=today, on__lte=today + timedelta(days=PUBLIC_DAYS_AHEAD)
    ).order_by("on", "starts_at", "pk")


def attach_free_slots(schedules: Iterable[ReceptionSchedule], today: date) -> None:
    """Set ``free_slots`` (and ``bookable``) on each schedule of a page: one query."""
    schedules = list(schedules)
    taken: dict[int, set[time]] = defaultdict(set)
    rows = ReceptionBooking.objects.filter(
        schedule__in=[s.pk for s in schedules], cancelled=False
    ).values_list("schedule_id", "starts_at")
    for schedule_id, starts_at in rows:
        taken[schedule_id].add(starts_at)
    for schedule in schedules:
        bookable = schedule.status == ScheduleStatus.PLANNED and schedule.on > today
        schedule.bookable = bookable  # type: ignore[attr-defined]
        schedule.free_slots = (  # type: ignore[attr-defined]
            [
                slot
                for slot in rules.slots(schedule.starts_at, schedule.ends_at, schedule.slot_minutes)
                if slot not in taken[schedule.pk]
            ]
            if bookable
            else []
        )


def unit_schedules(actor: Any, unit: Unit) -> QuerySet:
    """The unit's reception days the actor manages, newest first."""
    return scope_queryset(
        actor,
        MANAGE_RECEPTION,
        ReceptionSchedule.objects.filter(unit=unit),
        "unit__path",
    ).order_by("-on", "-starts_at", "-pk")


def schedule_bookings(schedule: ReceptionSchedule) -> QuerySet:
    return ReceptionBooking.objects.filter(schedule=schedule).order_by("starts_at", "pk")


def _leaders(unit: Unit, start: date, end: date) -> set[int]:
    role = roles.COMMUNE_CHAIR if unit.is_commune else roles.AGENCY_HEAD
    return set(
        RoleAssignment.objects.filter(unit=unit, role_id=role)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .values_list("user_id", flat=True)
    )


def _is_head_title(unit: Unit, title: str) -> bool:
    folded = fold(title)
    if unit.is_commune:
        return folded.startswith("chu tich")
    return not folded.startswith("pho")


def leader_coverage(unit: Unit, start: date, end: date) -> dict[str, Any]:
    """The weeks (commune chair, Art. 15(2)(d)) or months (agency head, Art. 18(2)) of
    ``start``…``end``, each with the head's reception days and whether it has one. A day
    counts when its leader holds the head's role over the unit or, with no account linked,
    when the position is the head's (chủ tịch; not phó). Postponed days do not count; their
    new day does. Two queries."""
    frequency = reception_frequency(unit)
    heads = _leaders(unit, start, end)
    days: dict[date, list[date]] = defaultdict(list)
    key = rules.week_start if frequency == rules.WEEKLY else rules.month_start
    rows = (
        ReceptionSchedule.objects.filter(unit=unit, on__gte=start, on__lte=end)
        .exclude(status=ScheduleStatus.POSTPONED)
        .values_list("on", "leader_id", "leader_title")
    )
    head_days = []
    for on, leader_id, title in rows:
        if leader_id in heads or (leader_id is None and _is_head_title(unit, title)):
            head_days.append(on)
            days[key(on)].append(on)
    missing = set(rules.uncovered_periods(head_days, start, end, frequency))
    periods = [
        {"first": first, "days": sorted(days[first]), "covered": first not in missing}
        for first in rules.periods(start, end, frequency)
    ]
    return {"frequency": frequency, "periods": periods, "missing": len(missing)}


def logbook_entries(
    actor: Any, unit: Unit, *, year: int | None = None, query: str = ""
) -> QuerySet:
    """The unit's logbook, newest first, for officials who manage its reception."""
    queryset = scope_queryset(
        actor, MANAGE_RECEPTION, ReceptionEntry.objects.filter(unit=unit), "unit__path"
    ).select_related("case")
    if year:
        queryset = queryset.filter(year=year)
    query = (query or "").strip()
    if query:
        queryset = queryset.filter(Q(full_name__icontains=query) | Q(content__icontains=query))
    return queryset.order_by("-year", "-number")


def logbook_columns() -> list[str]:
    """The columns of the logbook (Art. 25(2))."""
    return [
        _("No."),
        _("Date"),
        _("Full name"),
        _("Address"),
        _("Identity number"),
        _("People"),
        _("Content"),
        _("Handled earlier by"),
        _("Request"),
        _("How it was received and handled"),
        _("Leader's answer or instruction"),
        _("Case"),
    ]


def logbook_rows(queryset: QuerySet) -> Iterator[Sequence[Any]]:
    """One row per entry, in the order of the book, streamed in chunks."""
    rows = queryset.order_by("year", "number").values_list(
        "number",
        "year",
        "received_on",
        "full_name",
        "address",
        "id_number",
        "people",
        "content",
        "prior_handling",
        "request",
        "handling",
        "leader_answer",
        "case__tracking_code",
    )
    for row in rows.iterator(chunk_size=2000):
        number, year, *rest = row
        yield (f"{number}/{year}", *rest[:-1], rest[-1] or "")
