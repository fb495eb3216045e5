"""Statistics of petitions, complaints and denunciations for the steering pillar, as plain
(JSON-friendly) data, without personal data: counts only, never a name, subject or content.

    petitions_statistics(unit, period)          -> dict   the unit and the units below it
    petitions_statistics_rollup(root, period)   -> dict   totals and each unit of a subtree

``period`` is a :class:`Period` or its key ("2026", "2026-H1", "2026-Q2", "2026-05"). Cases
count in the period in which they were received.

Split, merged and transferred cases count once. A letter transferred to a unit of the subtree
being counted counts at the unit that received it (where it is handled), not also at the unit
that transferred it; a letter transferred outside the subtree counts where it was received. A
letter that mixes kinds is split into separate cases (Law on Citizen Reception Art. 25(3)): each
part (``Case.parent`` set) is a case handled on its own, with its own kind, deadline and
outcome, and counts; the letter it was split from (status ``split``) does not, or the same
letter would be received twice. A duplicate merged into another case (``Case.merged_into`` set,
status ``merged``) does not count either: its content is handled in the case it was merged into,
which counts. So "received" is the number of cases that are handled, not the number of records.

The figures: received, by kind and by
channel; extended (denunciations, Law on Denunciations Art. 30); and how the statutory limits
were kept (``domain.workflow.timeliness``): on time, late, pending, overdue; the on-time rate is
per cent with one decimal over the cases already assessable (on time + late + overdue), None
when there are none. These functions do not check permissions: the caller holds
``petitions.view_statistics`` over the unit before calling. A constant number of queries,
never one per unit or per case.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, Max, Q
from django.utils import timezone

from danchu.core.units.models import Unit
from danchu.petitions.domain import workflow as wf
from danchu.petitions.models import Case, CaseChannel, CaseKind
from danchu.petitions.services_intake import MERGED, SPLIT, TRANSFERRED

PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-(?:(Q[1-4])|(H[12])|(0[1-9]|1[0-2])))?$")
COUNT_KEYS = (
    "received",
    "on_time",
    "late",
    "pending",
    "overdue",
    "extended",
    "closed",
)


@dataclass(frozen=True)
class Period:
    key: str
    start: date
    end: date

    @classmethod
    def parse(cls, key: str) -> Period:
        """ "2026", "2026-H1", "2026-Q2" or "2026-05"; ValueError otherwise."""
        match = PERIOD_PATTERN.match((key or "").strip().upper())
        if not match:
            raise ValueError(f"unknown period {key!r}")
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            raise ValueError(f"year out of range: {year}")
        quarter, half, month = match.group(2), match.group(3), match.group(4)
        if quarter:
            first = (int(quarter[1]) - 1) * 3 + 1
            last = first + 2
        elif half:
            first = 1 if half == "H1" else 7
            last = first + 5
        elif month:
            first = last = int(month)
        else:
            first, last = 1, 12
        end = date(year, last, calendar.monthrange(year, last)[1])
        return cls(match.group(0), date(year, first, 1), end)

    @classmethod
    def current_year(cls, today: date | None = None) -> Period:
        return cls.parse(str((today or timezone.localdate()).year))

    def as_data(self) -> dict[str, str]:
        return {"key": self.key, "start": self.start.isoformat(), "end": self.end.isoformat()}


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else Period.parse(period)


def _unit_data(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "kind": unit.kind}


def _empty() -> dict[str, Any]:
    return {
        "counts": dict.fromkeys(COUNT_KEYS, 0),
        "by_kind": dict.fromkeys(CaseKind.values, 0),
        "by_channel": dict.fromkeys(CaseChannel.values, 0),
    }


def _rate(counts: dict[str, int]) -> float | None:
    assessed = counts["on_time"] + counts["late"] + counts["overdue"]
    if not assessed:
        return None
    return round(100 * counts["on_time"] / assessed, 1)


FIELDS = (
    "unit_id",
    "kind",
    "channel",
    "status",
    "received_on",
    "accepted_on",
    "concluded_on",
    "due_on",
    "instance",
    "complex",
    "remote",
    "multi_location",
    "extensions",
    "closed_on",
)


def _tally(root: Unit, period: Period, today: date) -> dict[int, dict[str, Any]]:
    """The figures of every unit of the subtree that received cases in the period (one
    query)."""
    rows = (
        Case.objects.filter(
            unit__path__startswith=root.path,
            received_on__gte=period.start,
            received_on__lte=period.end,
        )
        # Each letter once (see the module's docstring): not the split original, not a merged
        # duplicate.
        .exclude(status__in=(SPLIT, MERGED))
        .exclude(merged_into__isnull=False)
        # A letter transferred to a unit of the same subtree counts once, where it is handled.
        .exclude(status=TRANSFERRED, transferred_to__path__startswith=root.path)
        # The day of the step that closed the case — the one that moved it into its current
        # status — never a later event such as the resident's rating (Law 10/2022 Art.
        # 35(2)(a)), which would make an answer given on time look late.
        .annotate(
            closed_on=Max(
                "events__on",
                filter=Q(events__to_status=F("status")) & ~Q(events__from_status=F("status")),
            )
        )
        .values_list(*FIELDS)
        .order_by()
    )
    per_unit: dict[int, dict[str, Any]] = {}
    for row in rows.iterator(chunk_size=2000):
        values = dict(zip(FIELDS, row, strict=True))
        figures = per_unit.setdefault(values["unit_id"], _empty())
        counts = figures["counts"]
        counts["received"] += 1
        figures["by_kind"][values["kind"]] = figures["by_kind"].get(values["kind"], 0) + 1
        figures["by_channel"][values["channel"]] = (
            figures["by_channel"].get(values["channel"], 0) + 1
        )
        if values["extensions"]:
            counts["extended"] += 1
        if not wf.is_open(values["status"]):
            counts["closed"] += 1
        facts = wf.CaseFacts(
            kind=values["kind"],
            status=values["status"],
            received_on=values["received_on"],
            accepted_on=values["accepted_on"],
            concluded_on=values["concluded_on"],
            due_on=values["due_on"],
            instance=values["instance"],
            complex=values["complex"],
            remote=values["remote"],
            multi_location=values["multi_location"],
            extensions=values["extensions"],
        )
        if values["kind"] == CaseKind.UNCLASSIFIED:
            outcome = wf.OVERDUE if values["due_on"] and values["due_on"] < today else wf.PENDING
        else:
            closed_on = None if wf.is_open(values["status"]) else values["closed_on"]
            outcome = wf.timeliness(facts, closed_on=closed_on, today=today)
        counts[outcome] += 1
    return per_unit


def _merge(into: dict[str, Any], figures: dict[str, Any]) -> None:
    for section in ("counts", "by_kind", "by_channel"):
        for key, value in figures[section].items():
            into[section][key] = into[section].get(key, 0) + value


def _with_rate(figures: dict[str, Any]) -> dict[str, Any]:
    return {**figures, "on_time_rate": _rate(figures["counts"])}


def petitions_statistics(
    unit: Unit, period: Period | str, *, today: date | None = None
) -> dict[str, Any]:
    """The figures of ``unit`` and everything below it (a commune with its agencies)."""
    wanted = _period(period)
    day = today or timezone.localdate()
    total = _empty()
    for figures in _tally(unit, wanted, day).values():
        _merge(total, figures)
    return {
        "unit": _unit_data(unit),
        "period": wanted.as_data(),
        "as_of": day.isoformat(),
        **_with_rate(total),
    }


def petitions_statistics_rollup(
    root: Unit, period: Period | str, *, today: date | None = None
) -> dict[str, Any]:
    """Totals over the subtree of ``root`` and the figures of each unit in it that received
    cases in the period, in path order (two queries)."""
    wanted = _period(period)
    day = today or timezone.localdate()
    per_unit = _tally(root, wanted, day)
    units = Unit.objects.filter(pk__in=list(per_unit)).order_by("path")
    total = _empty()
    rows = []
    for unit in units:
        figures = per_unit[unit.pk]
        _merge(total, figures)
        rows.append({"unit": _unit_data(unit), **_with_rate(figures)})
    return {
        "unit": _unit_data(root),
        "period": wanted.as_data(),
        "as_of": day.isoformat(),
        "totals": _with_rate(total),
        "units": rows,
    }
