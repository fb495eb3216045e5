"""The meeting's rules at their legal boundaries (Law 10/2022 Art. 18; ND 59/2023 Art. 3; LAW.md
R-DEC-14..18): 2 days' notice and documents, more than 50% of those present, a board of 3–5,
exactly 2 witnesses, clusters from 200 households or scattered housing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from danchu.decisions.domain import meetings as m

MEETING_DAY = date(2026, 3, 10)
MEETING_AT = datetime(2026, 3, 10, 8, 0)


@pytest.mark.parametrize(
    ("sent", "meeting", "in_time"),
    [
        (date(2026, 3, 8), MEETING_DAY, True),  # exactly 2 days before
        (date(2026, 3, 7), MEETING_DAY, True),
        (date(2026, 3, 9), MEETING_DAY, False),  # 1 day
        (date(2026, 3, 10), MEETING_DAY, False),  # the same day
        (date(2026, 3, 11), MEETING_DAY, False),  # after the meeting
        # Times of day do not count: the day of the notice against the day of the meeting.
        (datetime(2026, 3, 8, 23, 59), MEETING_AT, True),
        (datetime(2026, 3, 9, 0, 1), datetime(2026, 3, 10, 23, 0), False),
        # Across a month end: 28 Feb → 2 Mar 2026 is 2 days.
        (date(2026, 2, 28), date(2026, 3, 2), True),
        (date(2026, 3, 1), date(2026, 3, 2), False),
    ],
)
def test_notice_at_least_two_calendar_days_before_the_meeting_day(sent, meeting, in_time):
    assert m.notice_in_time(sent, meeting) is in_time


def test_aware_times_are_read_in_vietnam_time():
    # 17:30 UTC on 7 March is 00:30 on 8 March in Hà Nội: two days before 10 March.
    sent = datetime(2026, 3, 7, 17, 30, tzinfo=UTC)
    assert m.local_day(sent) == date(2026, 3, 8)
    assert m.notice_in_time(sent, MEETING_DAY)
    assert not m.notice_in_time(sent + timedelta(days=1), MEETING_DAY)


@pytest.mark.parametrize(
    ("kind", "delivered", "ok"),
    [
        ("contribution", date(2026, 3, 8), True),
        ("contribution", date(2026, 3, 9), False),
        ("contribution", None, False),
        ("community_fund", date(2026, 3, 8), True),
        ("community_fund", date(2026, 3, 9), False),
        ("village_code", date(2026, 3, 8), True),
        ("village_code", date(2026, 3, 9), False),
        ("village_head", None, True),  # items 4–6 need no documents ahead
        ("board_member", None, True),
        ("other", None, True),
    ],
)
def test_documents_of_items_1_to_3_reach_households_two_days_before(kind, delivered, ok):
    assert m.documents_in_time(kind, delivered, MEETING_AT) is ok


@pytest.mark.parametrize(
    ("votes", "present", "approved"),
    [
        (2, 4, False),  # exactly 50% is not more than 50%
        (3, 4, True),
        (3, 5, True),
        (2, 5, False),
        (1, 1, True),
        (0, 1, False),
        (0, 0, False),  # nobody present approves nothing
        (51, 100, True),
        (50, 100, False),
    ],
)
def test_approved_by_more_than_half_of_those_present(votes, present, approved):
    assert m.approved_by_present(votes, present) is approved


@pytest.mark.parametrize(("votes", "present"), [(5, 4), (-1, 3), (1.5, 3), (True, 3)])
def test_approval_input_is_checked(votes, present):
    with pytest.raises(ValueError):
        m.approved_by_present(votes, present)


@pytest.mark.parametrize(
    ("members", "ok"), [(2, False), (3, True), (4, True), (5, True), (6, False), (0, False)]
)
def test_counting_board_has_three_to_five_people(members, ok):
    assert m.counting_board_size_ok(members) is ok


@pytest.mark.parametrize(("count", "ok"), [(1, False), (2, True), (3, False), (0, False)])
def test_exactly_two_witnesses(count, ok):
    assert m.witnesses_ok(count) is ok


@pytest.mark.parametrize(
    ("households", "scattered", "allowed"),
    [
        (199, False, False),
        (200, False, True),  # "từ 200 hộ gia đình trở lên"
        (350, False, True),
        (199, True, True),
        (12, True, True),
        (0, False, False),
    ],
)
def test_clusters_from_200_households_or_scattered_housing(households, scattered, allowed):
    assert m.clusters_allowed(households, scattered) is allowed


@pytest.mark.parametrize(
    ("counts", "present", "fits"),
    [
        ((2, 1, 0, 0), 3, True),
        ((2, 1, 1, 0), 3, False),
        ((1, 1, 0, 1), 3, True),
        ((0,) * 4, 0, True),
    ],
)
def test_a_count_holds_no_more_than_those_present(counts, present, fits):
    assert m.tally_fits(*counts, present) is fits


def test_documents_are_required_for_items_1_to_3_only():
    assert [k for k in m.rules.KINDS if m.documents_required(k)] == [
        "contribution",
        "community_fund",
        "village_code",
    ]
    with pytest.raises(ValueError):
        m.documents_required("unknown")
