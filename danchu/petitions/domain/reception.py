"""Citizen reception rules (Law on Citizen Reception 42/2013/QH13; LAW.md §4.3, R-TCD-01…05).
Pure functions of dates, times and numbers: no database, no request.

- How often a leader receives (R-TCD-01): the commune chair at least one day per calendar
  week at the commune headquarters (Art. 15(2)(d)); heads of state agencies at least one day
  per calendar month (Art. 18(2)). :func:`uncovered_periods` lists the weeks or months of a
  period without a reception day.
- Posting (R-TCD-02, Art. 24(4)): a schedule is posted at least 5 working days before the
  day. Counted like every limit in danchu (``core.calendar``): the posting day is not counted,
  the reception day may be the fifth working day.
- Slots of ``minutes`` between the start and the end of a reception day.
- Group visits (R-TCD-05, Art. 29): 5–10 people name 1 or 2 representatives; more than 10 at
  most 5.
- Refusal grounds (Art. 9).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext_lazy as _

from danchu.core.calendar import add_working_days

POSTING_WORKING_DAYS = 5  # Art. 24(4)
WEEKLY = "weekly"  # the commune chair, Art. 15(2)(d)
MONTHLY = "monthly"  # heads of state agencies, Art. 18(2)

GROUP_THRESHOLD = 5  # Art. 29: from 5 people a group names representatives
SMALL_GROUP_MAX = 10
SMALL_GROUP_REPRESENTATIVES = (1, 2)
LARGE_GROUP_REPRESENTATIVES = (1, 5)
NAME_SEPARATOR = ";"


# --- how often ---------------------------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of ``day``'s calendar week."""
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def periods(start: date, end: date, frequency: str) -> list[date]:
    """The first day of every calendar week (Monday) or month touching ``start``…``end``."""
    if frequency not in (WEEKLY, MONTHLY):
        raise ValueError(f"frequency must be {WEEKLY!r} or {MONTHLY!r}, got {frequency!r}")
    if end < start:
        return []
    out = []
    if frequency == WEEKLY:
        current = week_start(start)
        while current <= end:
            out.append(current)
            current += timedelta(days=7)
    else:
        current = month_start(start)
        while current <= end:
            out.append(current)
            current = _next_month(current)
    return out


def uncovered_periods(
    reception_days: Iterable[date], start: date, end: date, frequency: str
) -> list[date]:
    """The weeks (their Monday) or months (their first day) of ``start``…``end`` in which the
    leader has no reception day (R-TCD-01). A week or month only partly inside the period
    counts by its days inside it."""
    key = week_start if frequency == WEEKLY else month_start
    covered = {key(day) for day in reception_days if start <= day <= end}
    return [first for first in periods(start, end, frequency) if first not in covered]


# --- posting -----------------------------------------------------------------------------------


def earliest_reception_day(posted_on: date) -> date:
    """The first day a schedule posted on ``posted_on`` may announce (Art. 24(4))."""
    return add_working_days(posted_on, POSTING_WORKING_DAYS)


def posted_in_time(posted_on: date, on: date) -> bool:
    """True when a schedule posted on ``posted_on`` is at least 5 working days ahead of ``on``."""
    return on >= earliest_reception_day(posted_on)


def latest_posting_day(on: date) -> date:
    """The last day on which a schedule for ``on`` may still be posted."""
    day = on - timedelta(days=POSTING_WORKING_DAYS)
    while not posted_in_time(day, on):
        day -= timedelta(days=1)
    while posted_in_time(day + timedelta(days=1), on):
        day += timedelta(days=1)
    return day


# --- slots -------------------------------------------------------------------------------------


def slots(starts_at: time, ends_at: time, minutes: int) -> list[time]:
    """The start of every whole slot of ``minutes`` from ``starts_at`` to ``ends_at``."""
    if minutes <= 0:
        raise ValueError("minutes must be positive")
    anchor = date(2000, 1, 1)
    current = datetime.combine(anchor, starts_at)
    end = datetime.combine(anchor, ends_at)
    step = timedelta(minutes=minutes)
    out = []
    while current + step <= end:
        out.append(current.time())
        current += step
    return out


# --- group visits ------------------------------------------------------------------------------


def representatives_allowed(people: int) -> tuple[int, int]:
    """(fewest, most) representatives a group of ``people`` names (Art. 29); fewer than 5
    people speak for themselves (0, people)."""
    if people < 1:
        raise ValueError("people must be at least 1")
    if people < GROUP_THRESHOLD:
        return (0, people)
    if people <= SMALL_GROUP_MAX:
        return SMALL_GROUP_REPRESENTATIVES
    return LARGE_GROUP_REPRESENTATIVES


def representatives_problem(people: int, representatives: int) -> str | None:
    """None when ``representatives`` fits the group; "too_few" or "too_many" otherwise."""
    fewest, most = representatives_allowed(people)
    if representatives < fewest:
        return "too_few"
    if representatives > most:
        return "too_many"
    return None


def split_names(text: str) -> list[str]:
    """ "Nguyễn Văn A; Trần Thị B" → the names, blanks dropped (a group's representatives)."""
    return [part.strip() for part in text.split(NAME_SEPARATOR) if part.strip()]


# --- refusal (Art. 9) --------------------------------------------------------------------------

INCAPACITATED = "incapacitated"
THREATENING = "threatening"
ALREADY_RESOLVED = "already_resolved"
OTHER_LAW = "other_law"

REFUSAL_GROUNDS = {
    INCAPACITATED: (
        _(
            "Intoxicated, or mentally ill or otherwise unable to understand or control "
            "their acts (Art. 9(1))"
        ),
        "Người trong tình trạng say do dùng chất kích thích, người mắc bệnh tâm thần hoặc một "
        "bệnh khác làm mất khả năng nhận thức hoặc khả năng điều khiển hành vi của mình "
        "(khoản 1 Điều 9 Luật Tiếp công dân)",
    ),
    THREATENING: (
        _("Threatening or insulting, or breaking the rules of the reception place (Art. 9(2))"),
        "Người có hành vi đe dọa, xúc phạm cơ quan, tổ chức, đơn vị, người tiếp công dân, "
        "người thi hành công vụ hoặc có hành vi khác vi phạm nội quy nơi tiếp công dân "
        "(khoản 2 Điều 9 Luật Tiếp công dân)",
    ),
    ALREADY_RESOLVED: (
        _(
            "A matter already resolved lawfully, reviewed and explained in writing, raised "
            "again and again (Art. 9(3))"
        ),
        "Người khiếu nại, tố cáo về vụ việc đã giải quyết đúng chính sách, pháp luật, được cơ "
        "quan nhà nước có thẩm quyền kiểm tra, rà soát, giải quyết bằng văn bản và đã được "
        "tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài "
        "(khoản 3 Điều 9 Luật Tiếp công dân)",
    ),
    OTHER_LAW: (
        _("Another case provided by law (Art. 9(4))"),
        "Trường hợp khác theo quy định của pháp luật (khoản 4 Điều 9 Luật Tiếp công dân)",
    ),
}
REFUSAL_MARK = "Từ chối tiếp công dân"


def refusal_choices() -> list[tuple[str, object]]:
    return [(code, labels[0]) for code, labels in REFUSAL_GROUNDS.items()]


def refusal_text(ground: str) -> str:
    """The line written in the logbook's handling column for a refusal (Art. 9)."""
    return f"{REFUSAL_MARK}: {REFUSAL_GROUNDS[ground][1]}."


def is_refused(handling: str) -> bool:
    return REFUSAL_MARK in (handling or "")
