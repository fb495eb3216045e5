"""The compliance rules on hand-built data, with the calendar of LAW.md §4.5 (30/4 and 1/5 are
public holidays; Saturday and Sunday are rest days). Numbers come from Law 10/2022: 05 working
days (Art. 12(3)), 30 and 20 consecutive days (Arts 13(2), 48, 66), 03 loudspeaker days
(Art. 13(3)), permanent items 4 and 13 (Art. 13(2)), village relay (Art. 13(4))."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.core.calendar import deadline
from danchu.disclosure.domain.catalogue_data import catalogue_rows
from danchu.disclosure.domain.compliance import (
    ChannelSpan,
    ItemRules,
    Period,
    PeriodError,
    PublicationFacts,
    assess,
    longest_consecutive_run,
    loudspeaker_shortfall,
    percent,
    posting_shortfalls,
    quarterly_list_rows,
    rates,
    relay_gaps,
    working_days_late,
)

# The real calendar reads the administrator's adjustments from the database.
pytestmark = pytest.mark.django_db

RULES = {
    row["code"]: ItemRules(
        code=row["code"],
        number=row["number"],
        regime=row["regime"],
        title=row["title"],
        required_channels=tuple(row["required_channels"]),
        posting_days=row["posting_days"],
        permanent=row["permanent"],
        broadcast_days=row["broadcast_days"],
        village_relay=row["village_relay"],
    )
    for row in catalogue_rows()
}
BUDGET = RULES["commune.02"]  # posting 30 days
PERMANENT = RULES["commune.04"]  # posted permanently
SUPPORT = RULES["commune.07"]  # posting 30 days, loudspeaker 3 days, village relay
AGENCY_PLAN = RULES["agency.02"]  # posting 20 days

WED_29_APRIL = date(2026, 4, 29)
Q2 = Period.quarter(2026, 2)


def facts(rules=BUDGET, *, id=1, decision=WED_29_APRIL, due=None, published=None, **extra):
    return PublicationFacts(
        id=id,
        unit_id=1,
        reference=f"CK-{id}",
        title=extra.pop("title", f"Thông tin {id}"),
        item=rules,
        decision_date=decision,
        due_on=due or deadline(decision, 5, "working_days"),
        status="published" if published else "draft",
        published_on=published,
        **extra,
    )


def test_the_law_numbers_are_in_the_catalogue():
    assert (BUDGET.posting_days, BUDGET.permanent) == (30, False)
    assert PERMANENT.permanent and PERMANENT.posting_days is None
    assert (SUPPORT.broadcast_days, SUPPORT.village_relay) == (3, True)
    assert AGENCY_PLAN.posting_days == 20


def test_five_working_days_after_wednesday_29_april_2026_skip_the_holidays():
    """Thu 30/4 and Fri 1/5 are holidays, 2–3/5 the weekend: the 5th working day is Fri 8/5."""
    assert deadline(WED_29_APRIL, 5, "working_days") == date(2026, 5, 8)


@pytest.mark.parametrize(
    ("published", "late_by"),
    [
        (date(2026, 4, 30), 0),  # on a holiday, before the deadline
        (date(2026, 5, 8), 0),  # on the last day
        (date(2026, 5, 9), 1),  # Saturday after the deadline: late by one working day
        (date(2026, 5, 10), 1),  # Sunday
        (date(2026, 5, 11), 1),  # Monday, the next working day
        (date(2026, 5, 12), 2),
        (date(2026, 5, 18), 6),
    ],
)
def test_working_days_late(published, late_by):
    assert working_days_late(date(2026, 5, 8), published) == late_by


def test_published_on_time():
    result = assess([facts(published=date(2026, 5, 8))], Q2, today=date(2026, 7, 1))
    assert [p.reference for p in result.on_time] == ["CK-1"]
    assert result.late == () and result.missing == ()
    assert result.counts()["due"] == 1


def test_late_by_one_working_day_across_the_holiday():
    """Decision Wed 29/04/2026, due Fri 08/05; published Mon 11/05 → late by 1."""
    pub = facts(published=date(2026, 5, 11))
    result = assess([pub], Q2, today=date(2026, 7, 1))
    assert result.on_time == ()
    assert [(e.publication.reference, e.working_days_late) for e in result.late] == [("CK-1", 1)]


def test_missing_once_the_deadline_has_passed():
    pub = facts()  # due 08/05, never published
    on_due_day = assess([pub], Q2, today=date(2026, 5, 8))
    assert on_due_day.missing == ()
    assert on_due_day.not_yet_due == (pub,)
    after = assess([pub], Q2, today=date(2026, 5, 12))
    assert [(e.publication.reference, e.working_days_overdue) for e in after.missing] == [
        ("CK-1", 2)
    ]
    assert after.not_yet_due == ()


def test_a_draft_is_not_published_even_with_a_date():
    pub = PublicationFacts(
        id=9,
        unit_id=1,
        reference="CK-9",
        title="x",
        item=BUDGET,
        decision_date=WED_29_APRIL,
        due_on=date(2026, 5, 8),
        status="scheduled",
        published_on=date(2026, 5, 8),
    )
    assert [e.publication for e in assess([pub], Q2, today=date(2026, 6, 1)).missing] == [pub]


def test_deadline_checks_follow_the_due_date_and_channel_checks_the_publication_date():
    """Due in Q1, published in Q2: late in Q1's figures; its channels are checked in Q2."""
    pub = facts(
        decision=date(2026, 3, 20),  # due Fri 27/3
        published=date(2026, 4, 6),
        channels=(ChannelSpan("posting_hq", date(2026, 4, 6), date(2026, 4, 10)),),
    )
    q1 = assess([pub], Period.quarter(2026, 1), today=date(2026, 7, 1))
    q2 = assess([pub], Q2, today=date(2026, 7, 1))
    assert len(q1.late) == 1 and q1.posting_cut_short == ()
    assert q2.due == () and len(q2.posting_cut_short) == 1


# (rules, started, ended, cut short?, days posted)
POSTING_TABLE = [
    (BUDGET, date(2026, 6, 1), date(2026, 6, 29), True, 29),  # 29 days of a 30-day item
    (BUDGET, date(2026, 6, 1), date(2026, 6, 30), False, 30),  # 1–30 June: 30 days, enough
    (BUDGET, date(2026, 6, 1), None, False, None),  # still posted
    (AGENCY_PLAN, date(2026, 6, 1), date(2026, 6, 19), True, 19),  # 19 of 20 (Art. 48)
    (AGENCY_PLAN, date(2026, 6, 1), date(2026, 6, 20), False, 20),
    (PERMANENT, date(2026, 6, 1), None, False, None),  # permanent, no end: right
    (PERMANENT, date(2026, 6, 1), date(2027, 5, 31), True, 365),  # permanent with an end
]


@pytest.mark.parametrize(("rules", "started", "ended", "short", "posted"), POSTING_TABLE)
def test_posting_periods(rules, started, ended, short, posted):
    pub = facts(rules, published=started, channels=(ChannelSpan("posting_hq", started, ended),))
    found = posting_shortfalls(pub)
    assert bool(found) is short
    if short:
        (entry,) = found
        assert entry.days_posted == posted
        assert entry.days_required == (None if rules.permanent else rules.posting_days)
        assert entry.permanent is rules.permanent


def test_cut_short_at_one_village_culture_house_names_the_place():
    pub = facts(
        published=date(2026, 6, 1),
        channels=(
            ChannelSpan("posting_village", date(2026, 6, 1), date(2026, 6, 30), place_id=11),
            ChannelSpan("posting_village", date(2026, 6, 1), date(2026, 6, 29), place_id=12),
            ChannelSpan("website", date(2026, 6, 1), date(2026, 6, 2)),  # not a posting
        ),
    )
    assert [(e.place_id, e.days_posted) for e in posting_shortfalls(pub)] == [(12, 29)]


@pytest.mark.parametrize(
    ("days", "short_run"),
    [
        ((1, 2), 2),  # 2 of 3 days
        ((1, 2, 3), None),
        ((1, 2, 4, 5), 2),  # not consecutive
        ((3, 1, 2, 2), None),  # order and repeats do not matter
        ((), 0),
    ],
)
def test_loudspeaker_three_consecutive_days(days, short_run):
    pub = facts(
        SUPPORT, published=date(2026, 6, 1), broadcast_days=[date(2026, 6, d) for d in days]
    )
    short = loudspeaker_shortfall(pub)
    if short_run is None:
        assert short is None
    else:
        assert (short.consecutive_days, short.days_required) == (short_run, 3)


def test_items_without_broadcast_or_relay_ask_for_neither():
    pub = facts(BUDGET, published=date(2026, 6, 1))
    assert loudspeaker_shortfall(pub) is None
    assert relay_gaps(pub, [11, 12]) == []


def test_a_village_without_relay():
    pub = facts(SUPPORT, published=date(2026, 6, 1), relayed_village_ids=frozenset({11}))
    assert [e.village_id for e in relay_gaps(pub, [12, 11, 13])] == [12, 13]


def test_assess_collects_every_finding_for_what_was_published_in_the_period():
    pub = facts(
        SUPPORT,
        published=date(2026, 5, 8),
        channels=(ChannelSpan("posting_hq", date(2026, 5, 8), date(2026, 6, 5)),),  # 29 days
        broadcast_days=(date(2026, 5, 8), date(2026, 5, 9)),
        relayed_village_ids=frozenset({11}),
    )
    result = assess([pub], Q2, today=date(2026, 7, 1), village_ids=[11, 12])
    assert result.counts() == {
        "due": 1,
        "on_time": 1,
        "late": 0,
        "missing": 0,
        "not_yet_due": 0,
        "published": 1,
        "posting_cut_short": 1,
        "loudspeaker_short": 1,
        "relay_missing": 1,
        "channel_missing": 3,  # the website, and the culture houses of villages 11 and 12
    }
    assert result.relay_missing[0].village_id == 12
    assert sorted((e.channel, e.place_id) for e in result.channel_missing) == [
        ("posting_village", 11),
        ("posting_village", 12),
        ("website", None),
    ]


def test_required_channels_never_used():
    """Art. 13(1): every commune item goes on the website; Art. 13(2): items 1–3 and 5–12 are
    posted at the headquarters and at every village's culture house."""
    from danchu.disclosure.domain.compliance import channel_gaps

    nothing = facts(BUDGET, published=date(2026, 6, 1))
    assert sorted((e.channel, e.place_id) for e in channel_gaps(nothing, [11])) == [
        ("posting_hq", None),
        ("posting_village", 11),
        ("website", None),
    ]
    everything = facts(
        BUDGET,
        published=date(2026, 6, 1),
        channels=(
            ChannelSpan("website", date(2026, 6, 1)),
            ChannelSpan("posting_hq", date(2026, 6, 1), date(2026, 6, 30)),
            ChannelSpan("posting_village", date(2026, 6, 1), date(2026, 6, 30), place_id=11),
        ),
    )
    assert channel_gaps(everything, [11]) == []


def test_longest_run():
    assert longest_consecutive_run([]) == 0
    assert longest_consecutive_run([date(2026, 12, 31), date(2027, 1, 1)]) == 2


@pytest.mark.parametrize(
    ("key", "start", "end", "text"),
    [
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), "quý I năm 2026"),
        ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30), "quý II năm 2026"),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "quý IV năm 2026"),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30), "6 tháng đầu năm 2026"),
        ("2026-H2", date(2026, 7, 1), date(2026, 12, 31), "6 tháng cuối năm 2026"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "năm 2026"),
    ],
)
def test_periods(key, start, end, text):
    period = Period.parse(key)
    assert (period.key, period.start, period.end, period.vietnamese) == (key, start, end, text)
    assert period.contains(start) and period.contains(end)
    assert not period.contains(end.replace(day=1).replace(year=end.year + 1))


@pytest.mark.parametrize("bad", ["", "2026-Q5", "2026-H3", "Q2-2026", "26-Q1", None])
def test_bad_periods(bad):
    with pytest.raises(PeriodError):
        Period.parse(bad)


def test_quarter_of_and_previous():
    assert Period.quarter_of(date(2026, 11, 26)).key == "2026-Q4"
    assert Period.parse("2026-Q1").previous().key == "2025-Q4"
    assert Period.parse("2026-H1").previous().key == "2025-H2"


def test_rates_are_exact_per_cent_with_one_decimal():
    assert percent(1, 3) == 33.3
    assert percent(2, 3) == 66.7
    assert percent(1, 8) == 12.5
    assert percent(0, 0) is None
    figures = rates({"on_time": 2, "late": 1, "missing": 1, "not_yet_due": 5})
    assert figures == {
        "on_time_rate": 50.0,
        "late_rate": 25.0,
        "missing_rate": 25.0,
        "published_rate": 75.0,
    }


def test_quarterly_list_rows():
    pub = facts(
        SUPPORT,
        published=date(2026, 5, 8),
        title="Danh sách hộ nghèo được hỗ trợ",
        decision_ref="12/QĐ-UBND",
        channels=(
            ChannelSpan("posting_hq", date(2026, 5, 8), date(2026, 6, 8)),
            ChannelSpan("website", date(2026, 5, 8), None),
        ),
        broadcast_days=(date(2026, 5, 8),),
    )
    (row,) = quarterly_list_rows([pub])
    assert row == [
        "1",
        "Danh sách hộ nghèo được hỗ trợ (khoản 7 Điều 11)",
        "Số 12/QĐ-UBND ngày 29/04/2026",
        "Niêm yết tại trụ sở; Cổng, trang thông tin điện tử; Hệ thống loa truyền thanh",
        "Ngày 08/05/2026; niêm yết từ 08/05/2026 đến 08/06/2026",
    ]
    permanent = facts(
        PERMANENT,
        published=date(2026, 5, 8),
        channels=(ChannelSpan("posting_hq", date(2026, 5, 8), None),),
    )
    assert quarterly_list_rows([permanent])[0][-1] == (
        "Ngày 08/05/2026; niêm yết thường xuyên từ 08/05/2026"
    )
    agency = facts(AGENCY_PLAN, published=date(2026, 5, 8))
    assert quarterly_list_rows([agency])[0][1:] == [
        "Thông tin 1 (khoản 2 Điều 46)",
        "ngày 29/04/2026",
        "—",
        "Ngày 08/05/2026",
    ]
