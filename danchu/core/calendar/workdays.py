"""Working days and deadlines (LAW.md §4.5: Civil Code 91/2015/QH13 Arts 147–148, Labour Code
45/2019/QH14 Arts 111–112).

- A working day is Monday to Friday (Saturday and Sunday are the weekly rest days of state
  bodies), minus public holidays (Labour Code Art. 112(1), from the ``holidays`` package, with
  its compensatory days), adjusted by the per-year official decisions that an administrator
  enters (Art. 112(3)): extra days off, and Saturdays swapped into working days.
- A limit starts on the day after the triggering event: the event day is not counted
  (Civil Code Art. 147(2)–(3)).
- A limit of N plain days whose last day is a day off ends at the end of the next working day
  (Art. 148(5)). A limit of N working days counts working days only.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from functools import lru_cache

import holidays

WEEKLY_REST_DAYS = (5, 6)  # Saturday, Sunday (date.weekday())
UNITS = ("days", "working_days")

_lock = threading.Lock()
_adjustments_cache: dict[date, str] | None = None


@lru_cache(maxsize=64)
def _statutory_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """Public holidays (with compensatory days) and swapped working weekend days of a year."""
    calendar = holidays.country_holidays("VN", years=year)
    days_off = frozenset(d for d in calendar if d.year == year)
    weekend_workdays = frozenset(
        d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year
    )
    return days_off, weekend_workdays


def _adjustments() -> dict[date, str]:
    global _adjustments_cache
    cached = _adjustments_cache
    if cached is not None:
        return cached
    if not _django_ready():
        # Used outside a configured Django process: only statutory days apply.
        return {}
    with _lock:
        if _adjustments_cache is None:
            loaded = _load_adjustments()
            if loaded is None:
                return {}
            _adjustments_cache = loaded
        return _adjustments_cache


def _django_ready() -> bool:
    from django.apps import apps
    from django.conf import settings

    return settings.configured and apps.ready


def _load_adjustments() -> dict[date, str] | None:
    from django.db import DatabaseError

    from danchu.core.calendar.models import CalendarAdjustment

    try:
        return dict(CalendarAdjustment.objects.values_list("date", "kind"))
    except DatabaseError:
        # The table does not exist yet (before `migrate`): only statutory days apply.
        return None


def clear_cache() -> None:
    global _adjustments_cache
    with _lock:
        _adjustments_cache = None


def is_working_day(d: date) -> bool:
    """True when ``d`` is a working day for state bodies."""
    adjustment = _adjustments().get(d)
    if adjustment == "day_off":
        return False
    if adjustment == "working_day":
        return True
    days_off, weekend_workdays = _statutory_year(d.year)
    if d in weekend_workdays:
        return True
    if d.weekday() in WEEKLY_REST_DAYS:
        return False
    return d not in days_off


def next_working_day_on_or_after(d: date) -> date:
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (``start`` itself is not counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    current = start
    remaining = n
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def deadline(start: date, n: int, unit: str) -> date:
    """The last day of a limit of ``n`` ``unit`` ("days" or "working_days") that starts with
    the event on ``start`` (Civil Code Arts 147–148)."""
    if n < 0:
        raise ValueError("n must not be negative")
    if unit == "working_days":
        return add_working_days(start, n)
    if unit == "days":
        return next_working_day_on_or_after(start + timedelta(days=n))
    raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
