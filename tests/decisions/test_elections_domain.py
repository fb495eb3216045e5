"""The pure election rules at their legal boundaries (ND 59/2023 Arts 6, 8, 9; R-VH-01–06)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from danchu.decisions.domain import elections as el

MEETING = date(2027, 3, 20)


@pytest.mark.parametrize(
    ("step", "days_before", "in_time"),
    [
        # R-VH-01: plan ≥ 20 days, team ≥ 10, candidate list (Mẫu 05) ≥ 15, notice ≥ 7.
        (el.PLAN, 21, True),
        (el.PLAN, 20, True),
        (el.PLAN, 19, False),
        (el.TEAM, 11, True),
        (el.TEAM, 10, True),
        (el.TEAM, 9, False),
        (el.CANDIDATES_SENT, 16, True),
        (el.CANDIDATES_SENT, 15, True),
        (el.CANDIDATES_SENT, 14, False),
        (el.NOTICE, 8, True),
        (el.NOTICE, 7, True),
        (el.NOTICE, 6, False),
    ],
)
def test_each_step_of_the_timeline_at_its_boundary(step, days_before, in_time):
    assert el.step_in_time(step, MEETING, MEETING - timedelta(days=days_before)) is in_time


def test_the_legal_numbers():
    assert (el.PLAN_DAYS_BEFORE, el.TEAM_DAYS_BEFORE) == (20, 10)
    assert (el.CANDIDATES_SENT_DAYS_BEFORE, el.NOTICE_DAYS_BEFORE) == (15, 7)
    assert el.NEW_ELECTION_WITHIN_DAYS == 60


def test_the_timeline_says_what_was_met_missed_and_pending():
    today = MEETING - timedelta(days=12)
    steps = {
        s.step: s
        for s in el.timeline(
            MEETING,
            {el.PLAN: MEETING - timedelta(days=25), el.TEAM: None, el.CANDIDATES_SENT: None},
            today,
        )
    }
    assert steps[el.PLAN].in_time is True and not steps[el.PLAN].overdue
    assert steps[el.CANDIDATES_SENT].in_time is None and steps[el.CANDIDATES_SENT].overdue
    assert steps[el.TEAM].due_by == MEETING - timedelta(days=10)
    assert not steps[el.TEAM].overdue and not steps[el.NOTICE].overdue
    with pytest.raises(ValueError):
        el.latest_date("vote", MEETING)


@pytest.mark.parametrize(
    ("candidates", "team", "valid"),
    [
        ([], ["Lê Văn Tổ"], False),  # at least one candidate (R-VH-02)
        (["Nguyễn Văn Ứng"], ["Lê Văn Tổ"], True),
        (["Nguyễn Văn Ứng"], [], True),
        (["Nguyễn Văn Ứng"], ["nguyễn  văn ứng "], False),  # no candidate on the team
    ],
)
def test_the_candidate_list(candidates, team, valid):
    assert el.candidates_valid(candidates, team) is valid


@pytest.mark.parametrize("kind", ["village_head", "board_member"])
@pytest.mark.parametrize(
    ("eligible", "counts", "winner"),
    [
        (10, {1: 6}, 1),  # 60% > 50%
        (10, {1: 5}, None),  # exactly 50% is not "more than 50%"
        (11, {1: 6}, 1),  # 6/11 = 54.5%
        (11, {1: 5}, None),
        (10, {1: 7, 2: 6}, 1),  # both pass: the most votes
        (10, {1: 6, 2: 6}, None),  # a tie at the top: nobody, re-election
        (10, {1: 6, 2: 4}, 1),
        (10, {}, None),
        (0, {1: 0}, None),
    ],
)
def test_the_winner_needs_more_than_half_of_all_households(kind, eligible, counts, winner):
    assert el.election_winner(kind, eligible, counts) == winner


def test_only_elections_have_a_winner():
    with pytest.raises(ValueError):
        el.election_winner("other", 10, {1: 6})
    with pytest.raises(ValueError):
        el.election_winner("village_head", 10, {1: 11})


@pytest.mark.parametrize(
    ("eligible", "petitioning", "sufficient"),
    [
        (10, 5, True),  # exactly 50%: "at least 50%" suffices
        (10, 4, False),
        (199, 100, True),  # 50.25%
        (199, 99, False),  # 49.7%
        (200, 100, True),  # exactly 50%
        (200, 99, False),  # 49.5%
        (3, 2, True),
        (3, 1, False),
        (0, 0, False),
    ],
)
def test_a_petition_needs_at_least_half_of_all_households(eligible, petitioning, sufficient):
    assert el.petition_sufficient(eligible, petitioning) is sufficient


def test_a_petition_cannot_exceed_the_households():
    with pytest.raises(ValueError):
        el.petition_sufficient(10, 11)
    with pytest.raises(ValueError):
        el.petition_sufficient(10, -1)


@pytest.mark.parametrize(
    ("ordered_after", "in_time"), [(0, True), (59, True), (60, True), (61, False)]
)
def test_a_new_election_is_ordered_within_60_days(db, ordered_after, in_time):
    recognised = date(2027, 1, 10)
    assert el.new_election_due(recognised) == date(2027, 3, 11)  # a Thursday
    ordered = recognised + timedelta(days=ordered_after)
    assert el.new_election_in_time(recognised, ordered) is in_time


@pytest.mark.parametrize(
    ("recognised", "due"),
    [
        (date(2027, 7, 3), date(2027, 9, 1)),  # the 60th day is a working day
        (date(2026, 11, 24), date(2027, 1, 25)),  # Saturday 23/1 → Monday
        (date(2027, 7, 4), date(2027, 9, 6)),  # National Day 2–3/9, then the weekend
    ],
)
def test_a_last_day_off_moves_the_60_days_to_the_next_working_day(db, recognised, due):
    """LAW.md §4.5 (Civil Code Art. 148): a limit ending on a day off ends on the next working
    day."""
    assert el.new_election_due(recognised) == due
    assert el.new_election_in_time(recognised, due)
    assert not el.new_election_in_time(recognised, due + timedelta(days=1))


@pytest.mark.parametrize(("kind", "applies"), [("village_head", True), ("board_member", False)])
def test_the_timeline_binds_the_village_heads_election_only(kind, applies):
    assert el.timeline_applies(kind) is applies


@pytest.mark.parametrize(
    ("terms", "province", "expected"),
    [
        ({"default": "5"}, "90", Decimal("5")),
        ({"90": "2.5", "default": "5"}, "90", Decimal("2.5")),
        ({"90": "2.5", "default": "5"}, "91", Decimal("5")),
    ],
)
def test_the_term_comes_from_the_province_setting(terms, province, expected):
    assert el.term_for_province(province, terms, ("2.5", "5")) == expected


@pytest.mark.parametrize("terms", [{"default": "3"}, {"90": "4"}, {}, {"default": "abc"}])
def test_a_term_not_allowed_is_a_configuration_error(terms):
    with pytest.raises(ValueError):
        el.term_for_province("90", terms, ("2.5", "5"))


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (date(2027, 1, 10), Decimal("5"), date(2032, 1, 10)),
        (date(2027, 1, 10), Decimal("2.5"), date(2029, 7, 10)),
        (date(2027, 8, 31), Decimal("2.5"), date(2030, 2, 28)),
    ],
)
def test_the_term_ends_a_term_after_recognition(start, years, end):
    assert el.term_end(start, years) == end


def test_the_interim_head_serves_at_most_the_configured_months():
    assert el.interim_until(date(2027, 1, 31), 6) == date(2027, 7, 31)
    assert el.interim_until(date(2027, 8, 31), 6) == date(2028, 2, 29)
