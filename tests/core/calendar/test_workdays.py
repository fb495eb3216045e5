"""Table tests for the working-day calendar (LAW.md §4.5).

Holidays of Labour Code Art. 112(1): 1 January; Tết (5 days); 30 April; 1 May; 2 September plus
one adjacent day; Hùng Kings' day (10th day of the 3rd lunar month). Saturday and Sunday are
weekly rest days. Civil Code Art. 147: the event day is not counted. Art. 148(5): a limit whose
last day is a day off ends on the next working day.
"""

from __future__ import annotations

from datetime import date

import pytest

from danchu.core.calendar import add_working_days, deadline, is_working_day
from danchu.core.calendar.models import AdjustmentKind, CalendarAdjustment

D = date

WORKING_DAY_TABLE = [
    # (day, working?, why)
    (D(2026, 11, 26), True, "an ordinary Thursday"),
    (D(2026, 11, 28), False, "Saturday is a weekly rest day"),
    (D(2026, 11, 29), False, "Sunday is a weekly rest day"),
    (D(2026, 1, 1), False, "1 January (Art. 112(1)(a))"),
    (D(2027, 1, 1), False, "1 January (Art. 112(1)(a))"),
    (D(2026, 2, 16), False, "Tết, 5 days (Art. 112(1)(b))"),
    (D(2026, 2, 17), False, "Tết: first day of the lunar year"),
    (D(2026, 2, 20), False, "Tết: last of the 5 days"),
    (D(2026, 2, 23), True, "the Monday after Tết"),
    (D(2026, 4, 30), False, "Victory Day 30 April (Art. 112(1)(c))"),
    (D(2026, 5, 1), False, "Labour Day 1 May (Art. 112(1)(d))"),
    (D(2026, 9, 2), False, "National Day 2 September (Art. 112(1)(đ))"),
    (D(2026, 9, 1), False, "the day adjacent to National Day (Art. 112(1)(đ))"),
    (D(2026, 4, 26), False, "Hùng Kings' day, 10/3 lunar, a Sunday in 2026 (Art. 112(1)(e))"),
    (D(2026, 4, 27), False, "the compensatory day off for Hùng Kings' day on a Sunday"),
    (D(2027, 4, 16), False, "Hùng Kings' day, 10/3 lunar, in 2027"),
]


@pytest.mark.parametrize(
    ("day", "working", "why"), WORKING_DAY_TABLE, ids=[c[2] for c in WORKING_DAY_TABLE]
)
def test_is_working_day(db, day, working, why):
    assert is_working_day(day) is working


DEADLINE_TABLE = [
    # (event day, n, unit, last day, why)
    (D(2026, 11, 26), 1, "days", D(2026, 11, 27), "the event day is not counted (Art. 147)"),
    (D(2026, 11, 26), 3, "days", D(2026, 11, 30), "last day Sunday 29/11 → Monday (Art. 148(5))"),
    (D(2026, 11, 23), 5, "days", D(2026, 11, 30), "last day Saturday 28/11 → Monday"),
    (D(2026, 4, 28), 2, "days", D(2026, 5, 4), "last day 30/4, then 1/5, Sat, Sun → Monday 4/5"),
    (D(2026, 12, 17), 15, "days", D(2027, 1, 4), "15 days end on 1/1 (holiday), then weekend"),
    (D(2026, 11, 2), 30, "days", D(2026, 12, 2), "30 plain days ending on a working day"),
    (D(2026, 11, 26), 1, "working_days", D(2026, 11, 27), "next working day"),
    (D(2026, 11, 27), 1, "working_days", D(2026, 11, 30), "a Friday event: the weekend is skipped"),
    (D(2026, 11, 26), 5, "working_days", D(2026, 12, 3), "5 working days across a weekend"),
    (D(2026, 4, 29), 1, "working_days", D(2026, 5, 4), "30/4 and 1/5 and the weekend are skipped"),
    (
        D(2026, 2, 13),
        1,
        "working_days",
        D(2026, 2, 23),
        "the 5 Tết days and two weekends are skipped",
    ),
    (D(2026, 11, 26), 0, "working_days", D(2026, 11, 26), "zero days: the day itself"),
]


@pytest.mark.parametrize(
    ("start", "n", "unit", "expected", "why"), DEADLINE_TABLE, ids=[c[4] for c in DEADLINE_TABLE]
)
def test_deadline(db, start, n, unit, expected, why):
    assert deadline(start, n, unit) == expected


def test_add_working_days_matches_deadline_in_working_days(db):
    for start, n, unit, expected, _why in DEADLINE_TABLE:
        if unit == "working_days":
            assert add_working_days(start, n) == expected


@pytest.mark.parametrize("unit", ["months", "", "ngày"])
def test_unknown_unit_is_refused(db, unit):
    with pytest.raises(ValueError):
        deadline(D(2026, 11, 26), 3, unit)


def test_negative_limits_are_refused(db):
    with pytest.raises(ValueError):
        add_working_days(D(2026, 11, 26), -1)


def test_official_adjustments_override_the_statutory_calendar(db):
    """Art. 112(3): the Prime Minister's yearly decisions add days off and swap working days."""
    wednesday = D(2026, 12, 30)
    saturday = D(2026, 12, 26)
    assert is_working_day(wednesday) and not is_working_day(saturday)
    CalendarAdjustment.objects.create(date=wednesday, kind=AdjustmentKind.DAY_OFF, reason="Nghỉ bù")
    CalendarAdjustment.objects.create(
        date=saturday, kind=AdjustmentKind.WORKING_DAY, reason="Làm bù"
    )
    assert not is_working_day(wednesday)
    assert is_working_day(saturday)
    # 3 working days after Thursday 24/12: Fri 25, Sat 26 (swapped in), Mon 28.
    assert add_working_days(D(2026, 12, 24), 3) == D(2026, 12, 28)
    # A plain-days limit ending on the extra day off moves to the next working day.
    assert deadline(D(2026, 12, 20), 10, "days") == D(2026, 12, 31)
