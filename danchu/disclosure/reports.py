"""Publicity compliance figures for the steering pillar, as plain (JSON-friendly) data.

    publicity_compliance(unit, period)          -> dict   one unit
    publicity_compliance_rollup(root, period)   -> dict   every publishing unit of a subtree

``period`` is a :class:`danchu.disclosure.domain.compliance.Period` or its key ("2026-Q2",
"2026-H1", "2026"). The figures follow Law 10/2022 Arts 12(3), 13(2)–(4) (communes), 47(2), 48
(agencies), 65(2), 66 (enterprises); see ``domain/compliance.py``. Rates are per cent with one
decimal over what could be assessed (due in the period, less what is not yet due); ``None``
when nothing was due. These functions do not check permissions: the caller holds
``disclosure.view_compliance`` over the unit (``has_perm``) before calling.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from danchu.core.units.models import Unit
from danchu.disclosure.domain.compliance import ComplianceResult, Period, Tally, rates
from danchu.disclosure.selectors_compliance import subtree_compliance, unit_compliance


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else Period.parse(period)


def _unit_data(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "kind": unit.kind}


def figures(result: ComplianceResult) -> dict[str, Any]:
    """Counts and rates of one assessment."""
    counts = result.counts()
    return {"counts": counts, "rates": rates(counts)}


def publicity_compliance(
    unit: Unit, period: Period | str, *, today: date | None = None
) -> dict[str, Any]:
    """Figures for one unit and period, with the references of what is late or missing."""
    wanted = _period(period)
    result = unit_compliance(unit, wanted, today=today)
    return {
        "unit": _unit_data(unit),
        "period": {
            "key": wanted.key,
            "start": wanted.start.isoformat(),
            "end": wanted.end.isoformat(),
        },
        "as_of": result.today.isoformat(),
        **figures(result),
        "late": [
            {"reference": e.publication.reference, "working_days_late": e.working_days_late}
            for e in result.late
        ],
        "missing": [
            {"reference": e.publication.reference, "due_on": e.publication.due_on.isoformat()}
            for e in result.missing
        ],
    }


def publicity_compliance_rollup(
    root: Unit, period: Period | str, *, today: date | None = None
) -> dict[str, Any]:
    """Totals over the subtree of ``root`` (found through the materialised path) and the
    figures of each publishing unit in it (commune level, agencies, enterprises), in a
    constant number of queries, never one per unit."""
    wanted = _period(period)
    day = today or timezone.localdate()
    per_unit = subtree_compliance(root, wanted, today=day)
    tally = Tally()
    units = []
    for unit, result in per_unit:
        counts = result.counts()
        tally.add(counts)
        units.append({"unit": _unit_data(unit), "counts": counts, "rates": rates(counts)})
    totals = {key: tally.counts.get(key, 0) for key in ComplianceResult(wanted, date.min).counts()}
    return {
        "unit": _unit_data(root),
        "period": {
            "key": wanted.key,
            "start": wanted.start.isoformat(),
            "end": wanted.end.isoformat(),
        },
        "as_of": day.isoformat(),
        "totals": {"counts": totals, "rates": rates(totals)},
        "units": units,
    }
