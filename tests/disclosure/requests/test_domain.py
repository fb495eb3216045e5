"""The deadline table (Law on Access to Information Arts 29–31), extensions, refusals and the
fields of a request (Art. 24)."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.disclosure.domain import requests as rules
from danchu.disclosure.models import RefusalGround

# A week with no holiday: received Monday 2 March 2026.
PLAIN = date(2026, 3, 2)
# Received Tuesday 28 April 2026: 30 April and 1 May are public holidays.
HOLIDAY = date(2026, 4, 28)


@pytest.mark.parametrize(
    ("channel", "complex_", "expected"),
    [
        # In person: simple information at once (same day); complex within 10 working days.
        ("in_person", False, date(2026, 3, 2)),
        ("in_person", True, date(2026, 3, 16)),
        # Electronic: simple within 3 working days; complex within 15 working days.
        ("electronic", False, date(2026, 3, 5)),
        ("electronic", True, date(2026, 3, 23)),
        # Post or fax: simple within 5 working days; complex as electronic.
        ("post", False, date(2026, 3, 9)),
        ("post", True, date(2026, 3, 23)),
    ],
)
def test_answer_due_in_a_plain_week(db, channel, complex_, expected):
    assert rules.answer_due(PLAIN, channel, complex_) == expected


@pytest.mark.parametrize(
    ("channel", "complex_", "expected"),
    [
        ("in_person", False, date(2026, 4, 28)),
        # 29/4, then 4–8/5, then 11–14/5: the 30/4 and 1/5 holidays are not counted.
        ("in_person", True, date(2026, 5, 14)),
        ("electronic", False, date(2026, 5, 5)),
        ("electronic", True, date(2026, 5, 21)),
        ("post", False, date(2026, 5, 7)),
        ("post", True, date(2026, 5, 21)),
    ],
)
def test_answer_due_across_the_may_holidays(db, channel, complex_, expected):
    assert rules.answer_due(HOLIDAY, channel, complex_) == expected


def test_answer_due_across_tet(db):
    # Friday 13 February 2026; Tết runs 16–20 February.
    assert rules.answer_due(date(2026, 2, 13), "electronic", False) == date(2026, 2, 25)


def test_complex_notice_is_three_working_days_online_and_by_post_and_on_the_spot_in_person(db):
    assert rules.complex_notice_due(HOLIDAY, "electronic") == date(2026, 5, 5)
    assert rules.complex_notice_due(HOLIDAY, "post") == date(2026, 5, 5)
    assert rules.complex_notice_due(HOLIDAY, "in_person") == HOLIDAY


def test_extension_maximum_by_channel(db):
    # In person: 10 working days from the due date.
    assert rules.latest_extension(date(2026, 3, 16), "in_person") == date(2026, 3, 30)
    # Electronic or post: 15 days; a last day on a holiday moves to the next working day.
    assert rules.latest_extension(date(2026, 3, 23), "electronic") == date(2026, 4, 7)
    assert rules.latest_extension(date(2026, 4, 15), "post") == date(2026, 5, 4)


def test_every_limit_cites_its_article():
    articles = {"in_person": "Art. 29", "electronic": "Art. 30", "post": "Art. 31"}
    assert set(rules.DEADLINES) == set(articles)
    for channel, row in rules.DEADLINES.items():
        assert set(row) == set(rules.KEYS)
        assert {limit.article for limit in row.values()} == {f"Law 104/2016 {articles[channel]}"}


def test_the_table_is_overridable_by_a_setting(db, settings):
    settings.DANCHU_INFORMATION_REQUEST_DEADLINES = {
        "electronic": {"simple": (5, "working_days"), "extension": (15, "working_days")}
    }
    assert rules.answer_due(PLAIN, "electronic", False) == date(2026, 3, 9)
    assert rules.latest_extension(date(2026, 3, 23), "electronic") == date(2026, 4, 13)
    # Entries not overridden keep the law's numbers.
    assert rules.answer_due(PLAIN, "post", False) == date(2026, 3, 9)
    settings.DANCHU_INFORMATION_REQUEST_DEADLINES = {"post": {"simple": (5, "weeks")}}
    with pytest.raises(ValueError):
        rules.limit("post", "simple")


def _extension(**overrides):
    values = {
        "complex_request": True,
        "channel": "in_person",
        "status": "received",
        "due_on": date(2026, 3, 16),
        "extended_to": None,
        "new_date": date(2026, 3, 30),
        "notice": "Cần tập hợp hồ sơ từ nhiều bộ phận",
        "today": date(2026, 3, 10),
    }
    values.update(overrides)
    return rules.extension_problem(**values)


def test_extension_rules(db):
    assert _extension() is None
    assert _extension(new_date=date(2026, 3, 31)) == "too_long"
    assert _extension(extended_to=date(2026, 3, 20)) == "already_extended"
    assert _extension(notice="   ") == "notice_required"
    assert _extension(new_date=date(2026, 3, 16)) == "not_later"
    assert _extension(today=date(2026, 3, 17)) == "expired"
    assert _extension(status="provided") == "closed"
    # Electronic: up to 15 days after the due date.
    assert _extension(channel="electronic", new_date=date(2026, 3, 31)) is None
    assert rules.MAX_EXTENSIONS == 1
    # Only complex information gets more time (Arts 29(2), 30(2), 31(2)).
    assert _extension(complex_request=False) == "not_complex"


def test_refusal_needs_a_ground_from_article_28_and_a_reason():
    grounds = tuple(RefusalGround.values)
    assert "provided_twice" in grounds
    assert rules.refusal_problem(ground="secret", reason="Thông tin mật", grounds=grounds) is None
    assert rules.refusal_problem(ground="secret", reason="  ", grounds=grounds) == "reason"
    assert rules.refusal_problem(ground="boring", reason="x", grounds=grounds) == "ground"


def test_overdue_counts_the_extension():
    kwargs = {"status": "received", "due_on": date(2026, 3, 5), "today": date(2026, 3, 6)}
    assert rules.is_overdue(extended_to=None, **kwargs)
    assert not rules.is_overdue(extended_to=date(2026, 3, 20), **kwargs)
    assert not rules.is_overdue(extended_to=None, **{**kwargs, "status": "provided"})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("001 090 012 345", "001090012345"),
        ("123456789", "123456789"),
        ("c1234567", "C1234567"),
        ("999090012345", None),  # no such province
        ("12345", None),
        ("", None),
    ],
)
def test_identity_numbers(raw, expected):
    assert rules.clean_identity_number(raw) == expected


def test_contacts_and_plain_text():
    assert rules.clean_contact("+84 912 345 678") == "0912345678"
    assert rules.clean_contact("ha@example.vn") == "ha@example.vn"
    assert rules.clean_contact("not a contact") is None
    assert rules.plain_text("Dự toán <b>ngân sách</b><script>alert(1)</script> & chi") == (
        "Dự toán ngân sách & chi"
    )
    assert rules.plain_text("dòng 1\r\n  dòng   2 ", multiline=True) == "dòng 1\ndòng 2"
