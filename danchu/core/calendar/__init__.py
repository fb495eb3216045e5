"""The working-day calendar: the public API every deadline in danchu uses.

is_working_day(d) -> bool
add_working_days(start, n) -> date   # the n-th working day after start
deadline(start, n, unit) -> date     # unit: "days" or "working_days"
"""

from __future__ import annotations

from datetime import date


def is_working_day(d: date) -> bool:
    from danchu.core.calendar.workdays import is_working_day as _impl

    return _impl(d)


def add_working_days(start: date, n: int) -> date:
    from danchu.core.calendar.workdays import add_working_days as _impl

    return _impl(start, n)


def deadline(start: date, n: int, unit: str) -> date:
    from danchu.core.calendar.workdays import deadline as _impl

    return _impl(start, n, unit)


__all__ = ["add_working_days", "deadline", "is_working_day"]
