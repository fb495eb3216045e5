"""Time limits of a village code (hương ước, quy ước; ND 61/2023/NĐ-CP, LAW.md §1.5, R-HU-01–05).

Pure functions on dates; working days come from ``danchu.core.calendar`` (weekends and public
holidays excluded; the day of the triggering event is not counted, Civil Code Art. 147):

* ND 61 Art. 9(1) (R-HU-01): the draft stays posted for at least 30 days; the community may set
  a longer period, never a shorter one. The posting day is not counted (Civil Code Art. 147(2),
  LAW.md §4.5) and the period ends at 24:00 of its last day (Art. 148(1)): posted on 1 November
  for 30 days, the period runs from 2 November to the end of 1 December, and the households may
  vote from 2 December.
* Art. 11 (R-HU-03): the dossier reaches the commune People's Committee within 5 working days of
  the adopting meeting (or the ballot deadline); the recognition decision is due within 5 working
  days of the complete dossier; the code takes effect on the recognition date.
* Art. 12 (R-HU-04): the commune answers a written report within 3 working days (suspension,
  Mẫu 04); Art. 14: abolition is decided within 5 working days (Mẫu 05).
* Art. 15(4) (R-HU-05): every year the community reviews its code on 18 November (National
  Great Unity Day) or on another day it agrees.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from danchu.core.calendar import add_working_days

MIN_COMMENT_DAYS = 30  # ND 61 Art. 9(1)
DOSSIER_WORKING_DAYS = 5  # Art. 11(1)
RECOGNITION_WORKING_DAYS = 5  # Art. 11(2)
SUSPENSION_WORKING_DAYS = 3  # Art. 12
ABOLITION_WORKING_DAYS = 5  # Art. 14
REVIEW_MONTH, REVIEW_DAY = 11, 18  # Art. 15(4): National Great Unity Day

# Statuses of a code whose text binds the community, wholly or in part, and so is reviewed.
REVIEWED_STATUSES = ("in_effect", "partly_suspended", "suspended")


def comment_period_allowed(comment_days: int) -> bool:
    """At least 30 days; the community may choose more (ND 61 Art. 9(1))."""
    if isinstance(comment_days, bool) or not isinstance(comment_days, int):
        raise ValueError(f"comment_days must be a whole number, got {comment_days!r}")
    return comment_days >= MIN_COMMENT_DAYS


def posting_ends_on(posted_on: date, comment_days: int = MIN_COMMENT_DAYS) -> date:
    """The last day of the posting period, which ends at 24:00 of that day: counted from the
    day after the posting day (Civil Code Arts 147(2), 148(1)); 1 November + 30 → 1 December."""
    if not comment_period_allowed(comment_days):
        raise ValueError(f"a draft is posted for at least {MIN_COMMENT_DAYS} days")
    return posted_on + timedelta(days=comment_days)


def earliest_vote_on(posted_on: date, comment_days: int = MIN_COMMENT_DAYS) -> date:
    """The first day the households may vote: the day after the posting period ended (posted on
    1 November for 30 days → 2 December)."""
    return posting_ends_on(posted_on, comment_days) + timedelta(days=1)


def vote_date_allowed(posted_on: date, comment_days: int, vote_on: date) -> bool:
    """Whether a vote on ``vote_on`` respects the posting period (R-HU-01)."""
    return vote_on >= earliest_vote_on(posted_on, comment_days)


def comment_days_left(posted_on: date, comment_days: int, today: date) -> int:
    """Days left for comments, today included (1 on the period's last day); 0 once the period
    has run, that is from the earliest vote day."""
    return max(0, (earliest_vote_on(posted_on, comment_days) - today).days)


def dossier_due(adopted_on: date) -> date:
    """Last day to send the recognition dossier (Mẫu 01, 02 and the text), Art. 11(1)."""
    return add_working_days(adopted_on, DOSSIER_WORKING_DAYS)


def recognition_due(dossier_complete_on: date) -> date:
    """Last day for the commune's recognition decision (Mẫu 03), Art. 11(2)."""
    return add_working_days(dossier_complete_on, RECOGNITION_WORKING_DAYS)


def suspension_due(report_received_on: date) -> date:
    """Last day to handle a written report by suspending (Mẫu 04), Art. 12."""
    return add_working_days(report_received_on, SUSPENSION_WORKING_DAYS)


def abolition_due(report_received_on: date) -> date:
    """Last day to decide an abolition (Mẫu 05), Art. 14."""
    return add_working_days(report_received_on, ABOLITION_WORKING_DAYS)


def review_day(year: int, agreed: tuple[int, int] | None = None) -> date:
    """The review day of ``year``: 18 November, or the (month, day) the community agreed."""
    month, day = agreed or (REVIEW_MONTH, REVIEW_DAY)
    return date(year, month, day)


def review_due(
    *,
    status: str,
    recognised_on: date | None,
    reviewed_on: Iterable[date],
    year: int,
    agreed: tuple[int, int] | None = None,
) -> bool:
    """Whether a code is due for its yearly review in ``year`` (Art. 15(4)).

    Due when the code binds the community (in effect, or suspended wholly or in part), was
    recognised on or before that year's review day, and no review is recorded in that year
    (a review held on another agreed day counts for its year).
    """
    if status not in REVIEWED_STATUSES or recognised_on is None:
        return False
    if recognised_on > review_day(year, agreed):
        return False
    return not any(day.year == year for day in reviewed_on)
