"""Pure intake rules: group representatives (Law on Citizen Reception Art. 29), the 90-day
complaint time bar (Law on Complaints Art. 9), the closed list of inadmissibility reasons, first
deadlines, tracking codes and text similarity."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.petitions.domain import intake as rules


@pytest.mark.parametrize(
    ("people", "count", "problem"),
    [
        # Fewer than 5: the law sets no number; none is required (decision documented).
        (1, 0, ""),
        (4, 0, ""),
        (4, 2, ""),
        (4, 5, "too_many"),
        # 5–10 people: 1 or 2 representatives.
        (5, 0, "too_few"),
        (5, 1, ""),
        (5, 2, ""),
        (5, 3, "too_many"),
        (10, 2, ""),
        (10, 3, "too_many"),
        # More than 10: at most 5.
        (11, 0, "too_few"),
        (11, 3, ""),
        (11, 5, ""),
        (11, 6, "too_many"),
        (30, 5, ""),
        (30, 6, "too_many"),
        (0, 0, "group_size"),
    ],
)
def test_group_representatives_follow_article_29(people, count, problem):
    assert rules.representatives_problem(people, count) == problem


def test_representatives_must_be_among_the_group():
    assert rules.representatives_problem(8, 1, all_in_group=False) == "not_in_group"
    assert rules.representatives_problem(8, 1, all_in_group=True) == ""


@pytest.mark.django_db
def test_time_bar_is_90_days_from_the_day_the_decision_was_known():
    known = date(2026, 3, 2)
    last = rules.time_bar_ends(known)
    assert last == date(2026, 5, 31) or last > date(2026, 5, 31)  # moved off a day off
    assert not rules.is_time_barred(known, date(2026, 5, 29))
    assert not rules.is_time_barred(known, last)
    assert rules.is_time_barred(known, date(2026, 6, 30))
    assert not rules.is_time_barred(None, date(2030, 1, 1))
    # Time lost to an obstacle is added back (Art. 9).
    assert not rules.is_time_barred(known, date(2026, 6, 30), excluded_days=40)


@pytest.mark.django_db
def test_time_bar_day_91_on_a_working_day():
    known = date(2026, 4, 1)  # + 90 days = 30/06/2026, a Tuesday
    assert rules.time_bar_ends(known) == date(2026, 6, 30)
    assert not rules.is_time_barred(known, date(2026, 6, 30))
    assert rules.is_time_barred(known, date(2026, 7, 1))


def test_inadmissible_reasons_are_the_laws_closed_list():
    assert len(rules.COMPLAINT_REASONS) == 9  # Law on Complaints Art. 11
    assert len(rules.DENUNCIATION_REASONS) == 4  # Law on Denunciations Art. 25
    kw = {"signed": False, "decision_known_on": None, "received_on": date(2026, 1, 5)}
    assert rules.inadmissible_problem("made_up", **kw) == "reason"
    assert rules.inadmissible_problem("kn_unsigned", **kw) == ""
    assert rules.inadmissible_problem("kn_unsigned", **{**kw, "signed": True}) == "signed"
    assert rules.inadmissible_problem("kn_time_barred", **kw) == "not_time_barred"


@pytest.mark.django_db
def test_first_deadlines():
    monday = date(2026, 3, 2)
    assert rules.first_due("unclassified", monday) == date(2026, 3, 11)  # 7 working days
    assert rules.first_due("denunciation", monday) == date(2026, 3, 11)
    assert rules.first_due("complaint", monday) == date(2026, 3, 16)  # 10 working days
    assert rules.first_due("feedback", monday) == date(2026, 3, 16)


def test_tracking_codes_are_short_and_unambiguous():
    codes = {rules.new_tracking_code(2026) for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) <= 16 and code.startswith("DT26-")
        assert not set(code[5:].replace("-", "")) & set("01IO")
    assert rules.clean_tracking_code(" dt26-abcd-efgh ") == "DT26-ABCD-EFGH"


def test_similarity_ignores_marks_case_and_punctuation():
    a = "Đường thôn Một bị sụt lún, xe không đi được."
    assert rules.similarity(a, "duong thon mot bi sut lun xe khong di duoc") == 1.0
    assert rules.similarity(a, a + " Đề nghị sửa.") >= rules.SIMILAR
    assert rules.similarity(a, "Trạm y tế thiếu thuốc cho người cao tuổi") < 0.3
