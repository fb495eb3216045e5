"""The reception rules at their boundaries (Law on Citizen Reception Arts 9, 15, 18, 24, 29)."""

from __future__ import annotations

from datetime import date, time

import pytest

from danchu.petitions.domain import reception as rules

pytestmark = pytest.mark.django_db  # the working-day calendar reads its adjustments table


# --- posting at least 5 working days ahead (Art. 24(4)) ----------------------------------------


@pytest.mark.parametrize(
    ("posted_on", "on", "ok"),
    [
        (date(2026, 3, 2), date(2026, 3, 9), True),  # Mon → next Mon: exactly 5 working days
        (date(2026, 3, 2), date(2026, 3, 6), False),  # Mon → Fri: 4
        (date(2026, 3, 2), date(2026, 3, 8), False),  # the Sunday before: still 4
        (date(2026, 3, 2), date(2026, 3, 10), True),
        (date(2026, 3, 6), date(2026, 3, 13), True),  # Fri → Fri over a weekend: 5
        (date(2026, 3, 6), date(2026, 3, 12), False),
        (date(2026, 2, 12), date(2026, 2, 26), True),  # over Tết (14–22/02/2026): 5
        (date(2026, 2, 12), date(2026, 2, 25), False),
        (date(2026, 2, 12), date(2026, 2, 19), False),  # a week later, but all of it Tết
    ],
)
def test_a_schedule_is_posted_at_least_five_working_days_ahead(posted_on, on, ok):
    assert rules.posted_in_time(posted_on, on) is ok


def test_earliest_day_and_latest_posting_day_agree():
    assert rules.earliest_reception_day(date(2026, 3, 2)) == date(2026, 3, 9)
    assert rules.latest_posting_day(date(2026, 3, 9)) == date(2026, 3, 2)
    assert rules.latest_posting_day(date(2026, 2, 26)) == date(2026, 2, 12)
    # A Monday reception may be posted up to the Monday before (the weekend counts for nothing).
    assert rules.latest_posting_day(date(2026, 3, 16)) == date(2026, 3, 9)


# --- how often (R-TCD-01) ----------------------------------------------------------------------


def test_a_week_without_a_reception_day_is_listed():
    days = [date(2026, 3, 4), date(2026, 3, 19)]  # the weeks of 2/3 and 16/3
    missing = rules.uncovered_periods(days, date(2026, 3, 2), date(2026, 3, 29), rules.WEEKLY)
    assert missing == [date(2026, 3, 9), date(2026, 3, 23)]


def test_every_week_covered_lists_nothing_and_days_outside_the_period_do_not_count():
    days = [date(2026, 3, 2), date(2026, 3, 15), date(2026, 3, 20)]
    assert rules.uncovered_periods(days, date(2026, 3, 2), date(2026, 3, 22), rules.WEEKLY) == []
    # Sunday 15/3 belongs to the week of 9/3 (weeks run Monday to Sunday).
    assert rules.uncovered_periods(
        [date(2026, 3, 15)], date(2026, 3, 9), date(2026, 3, 22), rules.WEEKLY
    ) == [date(2026, 3, 16)]
    assert rules.uncovered_periods(
        [date(2026, 3, 1)], date(2026, 3, 2), date(2026, 3, 8), rules.WEEKLY
    ) == [date(2026, 3, 2)]


def test_an_agency_head_needs_one_day_a_month():
    days = [date(2026, 1, 31), date(2026, 3, 1)]
    missing = rules.uncovered_periods(days, date(2026, 1, 1), date(2026, 4, 30), rules.MONTHLY)
    assert missing == [date(2026, 2, 1), date(2026, 4, 1)]
    assert rules.periods(date(2025, 12, 15), date(2026, 1, 2), rules.MONTHLY) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
    ]


def test_an_unknown_frequency_is_an_error():
    with pytest.raises(ValueError):
        rules.periods(date(2026, 1, 1), date(2026, 2, 1), "daily")


# --- slots -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "minutes", "expected"),
    [
        (time(8), time(9), 20, [time(8), time(8, 20), time(8, 40)]),
        (time(8), time(8, 50), 20, [time(8), time(8, 20)]),  # no partial slot
        (time(8), time(8, 10), 20, []),
        (time(7, 30), time(8, 30), 30, [time(7, 30), time(8)]),
    ],
)
def test_slots(start, end, minutes, expected):
    assert rules.slots(start, end, minutes) == expected


def test_a_slot_has_a_positive_length():
    with pytest.raises(ValueError):
        rules.slots(time(8), time(9), 0)


# --- group visits (Art. 29) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("people", "representatives", "problem"),
    [
        (1, 0, None),
        (4, 0, None),
        (4, 1, None),
        (5, 0, "too_few"),
        (5, 1, None),
        (5, 2, None),
        (5, 3, "too_many"),
        (10, 2, None),
        (10, 3, "too_many"),
        (11, 0, "too_few"),
        (11, 3, None),
        (11, 5, None),
        (11, 6, "too_many"),
    ],
)
def test_group_representatives(people, representatives, problem):
    assert rules.representatives_problem(people, representatives) == problem


def test_names_are_split_on_semicolons():
    assert rules.split_names(" Nguyễn Văn A ;; Trần Thị B; ") == ["Nguyễn Văn A", "Trần Thị B"]


# --- refusal grounds (Art. 9) ------------------------------------------------------------------


def test_the_four_refusal_grounds_of_article_9():
    assert list(rules.REFUSAL_GROUNDS) == [
        rules.INCAPACITATED,
        rules.THREATENING,
        rules.ALREADY_RESOLVED,
        rules.OTHER_LAW,
    ]
    text = rules.refusal_text(rules.THREATENING)
    assert "khoản 2 Điều 9" in text
    assert rules.is_refused(f"Đã hướng dẫn.\n{text}")
    assert not rules.is_refused("Đã hướng dẫn.")
