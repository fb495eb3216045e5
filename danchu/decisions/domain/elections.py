"""Electing and dismissing the village head: pure rules with exact integer arithmetic.

ND 59/2023 Art. 6 (timeline, team, candidates), Art. 8 (pass rule and recognition), Art. 9
(dismissal); Law 10/2022 Arts 15(4)–(5), 18(1), 21(1); LAW.md R-VH-01–06. The term of office
and the interim head's longest service are provincial choices [P]: they come from settings,
never from this module.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from danchu.core.calendar import deadline
from danchu.decisions.domain import rules

# R-VH-01 (ND 59 Art. 6(1)–(2)): "chậm nhất … ngày trước ngày tổ chức hội nghị bầu".
PLAN_DAYS_BEFORE = 20
TEAM_DAYS_BEFORE = 10
CANDIDATES_SENT_DAYS_BEFORE = 15
NOTICE_DAYS_BEFORE = 7
# R-VH-05 (ND 59 Art. 9(3)): a new election is ordered within 60 days of the recognition.
NEW_ELECTION_WITHIN_DAYS = 60
# R-VH-02 (ND 59 Art. 6(2)): at least one candidate.
MIN_CANDIDATES = 1


def timeline_applies(kind: str) -> bool:
    """ND 59 Art. 6 sets the plan, team, candidate-list and notice timeline for electing the
    village head only; board members are elected at a meeting the village head convenes (Law
    10/2022 Art. 18(1)) without that timeline."""
    return kind == rules.VILLAGE_HEAD


PLAN = "plan"
TEAM = "team"
CANDIDATES_SENT = "candidates_sent"
NOTICE = "notice"
STEPS = (PLAN, TEAM, CANDIDATES_SENT, NOTICE)
DAYS_BEFORE = {
    PLAN: PLAN_DAYS_BEFORE,
    TEAM: TEAM_DAYS_BEFORE,
    CANDIDATES_SENT: CANDIDATES_SENT_DAYS_BEFORE,
    NOTICE: NOTICE_DAYS_BEFORE,
}


def latest_date(step: str, meeting_on: date) -> date:
    """The last day ``step`` may be done for an election meeting on ``meeting_on`` (R-VH-01):
    "no later than N days before" the meeting, so exactly N days before is still in time."""
    if step not in DAYS_BEFORE:
        raise ValueError(f"unknown election step {step!r}")
    return meeting_on - timedelta(days=DAYS_BEFORE[step])


def step_in_time(step: str, meeting_on: date, done_on: date) -> bool:
    """Whether ``step`` done on ``done_on`` meets the ND 59 Art. 6 deadline."""
    return done_on <= latest_date(step, meeting_on)


@dataclass(frozen=True)
class TimelineStep:
    step: str
    due_by: date
    done_on: date | None
    in_time: bool | None  # None: not done yet
    overdue: bool  # not done and the last day has passed


def timeline(meeting_on: date, done: Mapping[str, date | None], today: date) -> list[TimelineStep]:
    """Each step of R-VH-01 with its last day, when it was done and whether that was in time."""
    out = []
    for step in STEPS:
        due_by = latest_date(step, meeting_on)
        done_on = done.get(step)
        out.append(
            TimelineStep(
                step=step,
                due_by=due_by,
                done_on=done_on,
                in_time=None if done_on is None else done_on <= due_by,
                overdue=done_on is None and today > due_by,
            )
        )
    return out


def candidates_valid(candidate_names: Iterable[str], team_names: Iterable[str]) -> bool:
    """R-VH-02: at least one candidate, and no candidate sits on the election team (names are
    compared case-insensitively, spaces normalised)."""
    candidates = {_name_key(n) for n in candidate_names}
    if len(candidates) < MIN_CANDIDATES:
        return False
    return not candidates & {_name_key(n) for n in team_names}


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def same_person_name(a: str, b: str) -> bool:
    return _name_key(a) == _name_key(b)


def election_winner(kind: str, eligible: int, counts: Mapping[int, int]) -> int | None:
    """The elected candidate's key, or None (R-VH-03; Law 10/2022 Art. 21(1); ND 59 Art. 8).

    ``counts`` maps each candidate to the households in favour. A candidate passes with more
    than 50% of ALL households of the village (``rules.passes``). If several pass, the one with
    the most votes wins; a tie at the top, or nobody passing, elects nobody and the commune
    People's Committee orders a re-election.
    """
    if kind not in (rules.VILLAGE_HEAD, rules.BOARD_MEMBER):
        raise ValueError(f"{kind!r} is not an election")
    passing = {key: n for key, n in counts.items() if rules.passes(kind, "village", eligible, n)}
    if not passing:
        return None
    best = max(passing.values())
    leaders = [key for key, n in passing.items() if n == best]
    return leaders[0] if len(leaders) == 1 else None


def petition_sufficient(eligible: int, petitioning: int) -> bool:
    """R-VH-04 (ND 59 Art. 9(1)): "từ 50% … trở lên", AT LEAST half of ALL households — exactly
    50% suffices (contrast the "more than 50%" needed to elect)."""
    for name, value in (("eligible", eligible), ("petitioning", petitioning)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a whole number ≥ 0, got {value!r}")
    if petitioning > eligible:
        raise ValueError(f"petitioning ({petitioning}) cannot exceed the households ({eligible})")
    return eligible > 0 and 2 * petitioning >= eligible


def new_election_due(recognised_on: date) -> date:
    """R-VH-05: the last day to order the new election, 60 days after the dismissal is
    recognised, counted as the Civil Code counts (the day of recognition is not counted; a last
    day that falls on a day off moves to the next working day, LAW.md §4.5)."""
    return deadline(recognised_on, NEW_ELECTION_WITHIN_DAYS, "days")


def new_election_in_time(recognised_on: date, ordered_on: date) -> bool:
    return ordered_on <= new_election_due(recognised_on)


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months; the 31st becomes the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_term(value: object) -> Decimal:
    try:
        term = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValueError(f"not a term in years: {value!r}") from None
    if term <= 0 or term != term.quantize(Decimal("0.5")):
        raise ValueError(f"a term is a positive number of half years, got {value!r}")
    return term


def term_for_province(
    province_code: str, terms: Mapping[str, object], allowed: Iterable[object]
) -> Decimal:
    """R-VH-06: the village head's term the province chose (2.5 or 5 years) [P], read from
    ``DANCHU_VILLAGE_HEAD_TERM_YEARS`` ({province code: term, "default": term})."""
    value = terms.get(province_code, terms.get("default"))
    if value is None:
        raise ValueError(f"no village-head term configured for province {province_code!r}")
    term = parse_term(value)
    if term not in {parse_term(a) for a in allowed}:
        raise ValueError(f"term {term} is not one of the allowed terms")
    return term


def term_end(took_office_on: date, term_years: Decimal) -> date:
    """The end of the term: the recognition date plus the term (5 years from 10/01/2027 →
    10/01/2032; 2.5 years → 10/07/2029)."""
    return add_months(took_office_on, int(term_years * 12))


def interim_until(appointed_on: date, max_months: int) -> date:
    """R-VH-06: the last day an interim head may serve [P: the province's maximum]."""
    return add_months(appointed_on, max_months)
