"""The outcome rules with the law's numbers: 5 working days to send (Art. 20(3)) and to
recognise (Art. 21(2)) across weekends and public holidays; which body recognises; when each kind
takes effect (Art. 21(2); R-DEC-20–22)."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.core.calendar.models import CalendarAdjustment
from danchu.decisions.domain import outcomes as rules

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("ended_on", "due"),
    [
        # Monday: Tue–Fri, then Monday after the weekend is the 5th working day.
        (date(2026, 11, 2), date(2026, 11, 9)),
        (date(2026, 11, 16), date(2026, 11, 23)),
        # Friday 20/11: Mon 23, (Tue 24/11 Vietnam Cultural Day is a holiday), Wed, Thu, Fri,
        # then Monday 30/11.
        (date(2026, 11, 20), date(2026, 11, 30)),
        # Wednesday 29/04: 30/04 and 01/05 are public holidays, then a weekend.
        (date(2026, 4, 29), date(2026, 5, 8)),
        # Thursday before Tết: Friday 13/02 counts, 16–20/02 are Tết.
        (date(2026, 2, 12), date(2026, 2, 26)),
        # A meeting held on a Saturday: the first working day is the Monday.
        (date(2026, 11, 7), date(2026, 11, 13)),
    ],
)
def test_sending_is_due_five_working_days_after_the_vote(ended_on, due):
    assert rules.send_due(ended_on) == due
    assert rules.SEND_WITHIN_WORKING_DAYS == 5


@pytest.mark.parametrize(
    ("received_on", "due"),
    [
        (date(2026, 11, 20), date(2026, 11, 30)),
        (date(2026, 4, 29), date(2026, 5, 8)),
        (date(2026, 11, 2), date(2026, 11, 9)),
    ],
)
def test_recognition_is_due_five_working_days_after_receipt(received_on, due):
    assert rules.recognition_due(received_on) == due
    assert rules.RECOGNISE_WITHIN_WORKING_DAYS == 5


def test_an_extra_day_off_decided_for_the_year_moves_the_deadline():
    from danchu.core.calendar.workdays import clear_cache

    CalendarAdjustment.objects.create(date=date(2026, 11, 4), kind="day_off")
    clear_cache()
    assert rules.send_due(date(2026, 11, 2)) == date(2026, 11, 10)


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        ("contribution", ""),
        ("community_fund", ""),
        ("village_code", "ubnd"),
        ("village_head", "ubnd"),
        ("board_member", "front"),
        ("other", ""),
    ],
)
def test_which_body_recognises(kind, body):
    assert rules.recognising_body(kind) == body


ADOPTED, RECOGNISED, COMMUNE_DATE = date(2026, 11, 2), date(2026, 11, 6), date(2027, 1, 1)


@pytest.mark.parametrize(
    ("kind", "scope", "expected"),
    [
        ("contribution", "village", ADOPTED),
        ("community_fund", "village", ADOPTED),
        ("other", "village", ADOPTED),
        ("contribution", "commune", COMMUNE_DATE),
        ("community_fund", "commune", COMMUNE_DATE),
        ("village_code", "village", RECOGNISED),
        ("village_head", "village", RECOGNISED),
        ("board_member", "village", RECOGNISED),
    ],
)
def test_effective_date_per_kind_and_scope(kind, scope, expected):
    assert (
        rules.effective_date(
            kind,
            scope,
            adopted_on=ADOPTED,
            recognised_on=RECOGNISED,
            commune_date=COMMUNE_DATE,
        )
        == expected
    )


@pytest.mark.parametrize(
    ("kind", "scope"),
    [
        ("contribution", "commune"),
        ("village_code", "village"),
        ("village_head", "village"),
        ("board_member", "village"),
    ],
)
def test_no_effect_before_the_event_that_starts_it(kind, scope):
    assert rules.effective_date(kind, scope, adopted_on=ADOPTED) is None


@pytest.mark.parametrize(
    ("kind", "scope", "rule"),
    [
        ("other", "village", rules.ON_ADOPTION),
        ("contribution", "commune", rules.ON_COMMUNE_DATE),
        ("village_code", "village", rules.ON_COMMITTEE_RECOGNITION),
        ("board_member", "village", rules.ON_FRONT_RECOGNITION),
    ],
)
def test_effect_rules(kind, scope, rule):
    assert rules.effect_rule(kind, scope) == rule


@pytest.mark.parametrize(
    ("kind", "scope"), [("village_code", "commune"), ("other", "commune"), ("nope", "village")]
)
def test_invalid_kind_or_scope_raises(kind, scope):
    with pytest.raises(ValueError):
        rules.effect_rule(kind, scope)


@pytest.mark.parametrize(
    ("due", "done", "today", "overdue"),
    [
        (date(2026, 11, 9), None, date(2026, 11, 9), False),  # the last day itself
        (date(2026, 11, 9), None, date(2026, 11, 10), True),
        (date(2026, 11, 9), date(2026, 11, 12), date(2026, 11, 20), False),
        (None, None, date(2026, 11, 20), False),
    ],
)
def test_overdue(due, done, today, overdue):
    assert rules.is_overdue(due, done, today) is overdue
