"""The pure rules of household ballots and the online team (Law 10/2022 Art. 19; ND 59/2023
Arts 4–5; LAW.md R-DEC-09, R-DEC-12–14), at the law's boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.decisions.domain import ballots as b


def _team(size: int, *, leader_front: bool = True, it: bool = False) -> list[b.MemberFacts]:
    members = [b.MemberFacts(full_name=f"Thành viên {i}") for i in range(size)]
    if size:
        members[0] = b.MemberFacts(
            full_name="Trưởng ban", is_leader=True, is_front_representative=leader_front
        )
    if it and size > 1:
        members[1] = b.MemberFacts(full_name="Kỹ thuật viên", represents=b.REPRESENTS_IT)
    return members


@pytest.mark.parametrize(
    ("size", "problems"),
    [
        (2, [b.TEAM_TOO_SMALL]),
        (3, []),
        (5, []),
        (6, [b.TEAM_TOO_LARGE]),
    ],
)
def test_a_team_has_three_to_five_members(size, problems):
    assert b.team_problems(_team(size)) == problems


def test_the_team_is_led_by_the_front_representative_alone():
    assert b.team_problems(_team(3, leader_front=False)) == [b.TEAM_LEADER_NOT_FRONT]
    leaderless = [b.MemberFacts(full_name=f"N{i}") for i in range(3)]
    assert b.team_problems(leaderless) == [b.TEAM_NO_LEADER]
    two = [
        b.MemberFacts(full_name=f"N{i}", is_leader=True, is_front_representative=True)
        for i in range(3)
    ]
    assert b.team_problems(two) == [b.TEAM_SEVERAL_LEADERS]
    assert b.team_problems([*_team(2), b.MemberFacts(full_name=" ")]) == [b.TEAM_UNNAMED_MEMBER]


def test_the_online_team_needs_a_person_proficient_in_it():
    assert b.team_problems(_team(3), needs_it=True) == [b.TEAM_NO_IT]
    assert b.team_problems(_team(3, it=True), needs_it=True) == []


@pytest.mark.parametrize(
    ("issued", "due"),
    [
        (date(2026, 11, 2), date(2026, 11, 4)),  # Monday → Wednesday: exactly 2 days
        (date(2026, 11, 5), date(2026, 11, 7)),  # plain calendar days
    ],
)
def test_the_plan_reaches_the_commune_within_two_days(issued, due):
    assert b.plan_send_due(issued) == due


def test_the_real_calendar_moves_a_last_day_off_to_the_next_working_day(db):
    from danchu.core.calendar import deadline

    # Thursday 5/11/2026 + 2 days = Saturday 7/11 → Monday 9/11 (Civil Code Art. 148(5)).
    assert b.plan_send_due(date(2026, 11, 5), deadline) == date(2026, 11, 9)


@pytest.mark.parametrize(
    ("notice", "distribution", "in_time"),
    [
        (date(2026, 11, 2), date(2026, 11, 4), True),  # exactly 2 days before
        (date(2026, 11, 1), date(2026, 11, 4), True),
        (date(2026, 11, 3), date(2026, 11, 4), False),  # 1 day is not enough
        (date(2026, 11, 4), date(2026, 11, 4), False),
    ],
)
def test_the_notice_comes_at_least_two_days_before_distribution(notice, distribution, in_time):
    assert b.notice_in_time(notice, distribution) is in_time
    assert b.latest_notice_day(distribution) == date(2026, 11, 2)


@pytest.mark.parametrize(
    ("distribution", "deadline", "valid"),
    [
        (date(2026, 11, 4), date(2026, 11, 5), True),
        (date(2026, 11, 4), date(2026, 11, 4), False),
        (date(2026, 11, 4), date(2026, 11, 3), False),
    ],
)
def test_the_return_deadline_comes_after_distribution(distribution, deadline, valid):
    assert b.return_deadline_valid(distribution, deadline) is valid


@pytest.mark.parametrize(
    ("names", "valid"),
    [
        (["Lê Văn A", "Trần Thị B"], True),
        (["Lê Văn A"], False),
        (["Lê Văn A", "Trần Thị B", "Phạm C"], False),
        (["Lê Văn A", "lê  văn a"], False),
        (["Lê Văn A", " "], False),
    ],
)
def test_exactly_two_different_witnesses(names, valid):
    assert b.witnesses_valid(names) is valid


def test_codes_have_no_look_alike_symbols_and_carry_a_check_symbol():
    for look_alike in "0O1IL2Z5S8BVQ":
        assert look_alike not in b.CODE_ALPHABET
    assert len(b.CODE_ALPHABET) == 23
    codes = {b.new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == b.CODE_LENGTH
        assert b.code_well_formed(code)


def test_every_single_typo_and_neighbour_swap_is_caught():
    code = b.new_code()
    for position, symbol in enumerate(code):
        for replacement in b.CODE_ALPHABET:
            if replacement != symbol:
                typo = code[:position] + replacement + code[position + 1 :]
                assert not b.code_well_formed(typo)
    for position in range(len(code) - 1):
        if code[position] != code[position + 1]:
            swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
            assert not b.code_well_formed(swapped)


def test_typed_or_scanned_codes_are_normalised():
    code = b.new_code()
    printed = b.format_code(code)
    assert printed.count("-") == 2
    assert b.normalise_code(f"  {printed.lower()} ") == code
    assert b.normalise_code(f"https://x.vn/decisions/1/ballots/enter/?code={code}") == code
    assert b.normalise_code(code[:4] + " " + code[4:]) == code
