"""Time limits of a village code (ND 61/2023 Arts 9, 11, 12, 14, 15(4); R-HU-01–05), at their
boundaries: 29 against 30 days of posting; 3 and 5 working days across a weekend and public
holidays (Labour Code Art. 112, from core.calendar)."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.decisions.domain import village_codes as law


@pytest.mark.parametrize(
    ("comment_days", "allowed"), [(0, False), (29, False), (30, True), (31, True), (60, True)]
)
def test_the_draft_is_posted_for_at_least_30_days(comment_days, allowed):
    assert law.comment_period_allowed(comment_days) is allowed


# The posting day is not counted (Civil Code Art. 147(2), LAW.md §4.5): posted on 1 November for
# 30 days, the period runs 2 November – 1 December (to 24:00) and the vote may be held on 2 December.
@pytest.mark.parametrize(
    ("posted_on", "comment_days", "vote_on", "allowed"),
    [
        (date(2026, 11, 1), 30, date(2026, 11, 30), False),  # 29 days counted
        (date(2026, 11, 1), 30, date(2026, 12, 1), False),  # the period's last day
        (date(2026, 11, 1), 30, date(2026, 12, 2), True),  # the day after 30 counted days
        (date(2026, 11, 1), 30, date(2026, 12, 20), True),
        (date(2026, 11, 1), 45, date(2026, 12, 16), False),  # the community chose 45 days
        (date(2026, 11, 1), 45, date(2026, 12, 17), True),
        (date(2026, 2, 1), 30, date(2026, 3, 3), False),  # February: 28 days in the month
        (date(2026, 2, 1), 30, date(2026, 3, 4), True),
        (date(2026, 12, 15), 30, date(2027, 1, 14), False),  # across the year's end
        (date(2026, 12, 15), 30, date(2027, 1, 15), True),
    ],
)
def test_the_vote_waits_for_the_posting_period(posted_on, comment_days, vote_on, allowed):
    assert law.vote_date_allowed(posted_on, comment_days, vote_on) is allowed


@pytest.mark.parametrize(
    ("posted_on", "comment_days", "ends_on", "vote_from"),
    [
        (date(2026, 11, 1), 30, date(2026, 12, 1), date(2026, 12, 2)),
        (date(2026, 11, 1), 45, date(2026, 12, 16), date(2026, 12, 17)),
        (date(2026, 2, 1), 30, date(2026, 3, 3), date(2026, 3, 4)),
        (date(2028, 2, 1), 30, date(2028, 3, 2), date(2028, 3, 3)),  # a leap year
    ],
)
def test_the_posting_period_ends_at_the_end_of_its_30th_counted_day(
    posted_on, comment_days, ends_on, vote_from
):
    assert law.posting_ends_on(posted_on, comment_days) == ends_on
    assert law.earliest_vote_on(posted_on, comment_days) == vote_from


def test_a_period_shorter_than_30_days_cannot_be_set():
    with pytest.raises(ValueError):
        law.earliest_vote_on(date(2026, 11, 1), 29)
    with pytest.raises(ValueError):
        law.comment_period_allowed("30")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (date(2026, 11, 1), 31),  # the posting day and the 30 counted days
        (date(2026, 11, 2), 30),  # the first counted day
        (date(2026, 11, 30), 2),
        (date(2026, 12, 1), 1),  # the last day: comments are still taken until 24:00
        (date(2026, 12, 2), 0),  # the vote may be held
        (date(2026, 12, 9), 0),
    ],
)
def test_days_left_for_comments(today, left):
    assert law.comment_days_left(date(2026, 11, 1), 30, today) == left


# Working days (Mon–Fri less public holidays); the event day is not counted.
@pytest.mark.parametrize(
    ("start", "three", "five"),
    [
        # Monday: no weekend inside three working days; five run to the next Monday.
        (date(2026, 11, 2), date(2026, 11, 5), date(2026, 11, 9)),
        # Thursday: the weekend is skipped.
        (date(2026, 11, 5), date(2026, 11, 10), date(2026, 11, 12)),
        # Friday.
        (date(2026, 11, 6), date(2026, 11, 11), date(2026, 11, 13)),
        # Saturday: the count starts on Monday.
        (date(2026, 11, 7), date(2026, 11, 11), date(2026, 11, 13)),
        # Wednesday before 30 April and 1 May (Thu, Fri) and a weekend.
        (date(2026, 4, 29), date(2026, 5, 6), date(2026, 5, 8)),
        # Friday before Tết 2026 (16–20 February).
        (date(2026, 2, 13), date(2026, 2, 25), date(2026, 2, 27)),
        # Friday before National Day 2026 (31 August swapped, 1–2 September).
        (date(2026, 8, 28), date(2026, 9, 7), date(2026, 9, 9)),
    ],
)
@pytest.mark.django_db
def test_working_day_limits(start, three, five):
    assert law.suspension_due(start) == three  # Art. 12
    assert law.abolition_due(start) == five  # Art. 14
    assert law.dossier_due(start) == five  # Art. 11(1)
    assert law.recognition_due(start) == five  # Art. 11(2)


def test_the_review_day_is_18_november_unless_agreed():
    assert law.review_day(2026) == date(2026, 11, 18)
    assert law.review_day(2026, agreed=(12, 20)) == date(2026, 12, 20)


@pytest.mark.parametrize(
    ("status", "recognised_on", "reviewed_on", "year", "due"),
    [
        ("in_effect", date(2025, 3, 1), [], 2026, True),
        ("in_effect", date(2025, 3, 1), [date(2026, 11, 18)], 2026, False),
        # A review held on another agreed day counts for its year.
        ("in_effect", date(2025, 3, 1), [date(2026, 12, 20)], 2026, False),
        # Last year's review does not count this year.
        ("in_effect", date(2025, 3, 1), [date(2025, 11, 18)], 2026, True),
        # Recognised on the review day itself: due; the day after: next year.
        ("in_effect", date(2026, 11, 18), [], 2026, True),
        ("in_effect", date(2026, 11, 19), [], 2026, False),
        ("in_effect", date(2026, 11, 19), [], 2027, True),
        ("partly_suspended", date(2025, 3, 1), [], 2026, True),
        ("suspended", date(2025, 3, 1), [], 2026, True),
        ("abolished", date(2025, 3, 1), [], 2026, False),
        ("adopted", None, [], 2026, False),
        ("posted", None, [], 2026, False),
    ],
)
def test_which_codes_are_due_for_review(status, recognised_on, reviewed_on, year, due):
    assert (
        law.review_due(
            status=status, recognised_on=recognised_on, reviewed_on=reviewed_on, year=year
        )
        is due
    )


@pytest.mark.django_db
def test_an_extra_day_off_set_by_the_government_moves_the_limit():
    from danchu.core.calendar.models import CalendarAdjustment

    assert law.suspension_due(date(2026, 11, 6)) == date(2026, 11, 11)
    CalendarAdjustment.objects.create(date=date(2026, 11, 9), kind="day_off", reason="Nghỉ bù")
    assert law.suspension_due(date(2026, 11, 6)) == date(2026, 11, 12)
