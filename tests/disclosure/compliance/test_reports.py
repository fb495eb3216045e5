"""Figures for one unit and the roll-up over a subtree, from hand-built rows, in a constant
number of queries (Law 10/2022 Arts 12(3), 13(2)–(4), 47(2), 48)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danchu.disclosure.domain.compliance import Period
from danchu.disclosure.reports import publicity_compliance, publicity_compliance_rollup
from danchu.disclosure.selectors_compliance import unit_compliance
from tests.conftest import make_unit
from tests.disclosure.compliance.conftest import make_publication

Q2 = Period.quarter(2026, 2)
TODAY = date(2026, 7, 1)
WED_29_APRIL = date(2026, 4, 29)  # due Fri 8/5 (30/4, 1/5 and the weekend skipped)


@pytest.fixture
def scenario(tree):
    a = tree.commune_a
    pubs = {
        "on_time": make_publication(
            a,
            "commune.02",
            decision=WED_29_APRIL,
            published=date(2026, 5, 8),
            channels=[("posting_hq", date(2026, 5, 8), None)],
        ),
        "late": make_publication(
            a, "commune.02", decision=WED_29_APRIL, published=date(2026, 5, 11)
        ),
        "missing": make_publication(a, "commune.01", decision=WED_29_APRIL),
        "cut": make_publication(
            a,
            "commune.03",
            decision=date(2026, 6, 1),
            published=date(2026, 6, 1),
            channels=[
                ("posting_hq", date(2026, 6, 1), date(2026, 6, 30)),  # 30 days: enough
                ("posting_village", date(2026, 6, 1), date(2026, 6, 29), tree.village_a2),
            ],
        ),
        "permanent": make_publication(
            a,
            "commune.04",
            decision=date(2026, 6, 1),
            published=date(2026, 6, 2),
            channels=[("posting_hq", date(2026, 6, 2), date(2026, 6, 15))],
        ),
        "support": make_publication(
            a,
            "commune.07",
            decision=date(2026, 6, 1),
            published=date(2026, 6, 3),
            broadcasts=[date(2026, 6, 3), date(2026, 6, 4)],
            relays=[tree.village_a1],
        ),
        "agency": make_publication(
            tree.agency_a,
            "agency.02",
            decision=WED_29_APRIL,
            published=date(2026, 5, 8),
            channels=[("posting_hq", date(2026, 5, 8), date(2026, 5, 26))],  # 19 of 20
        ),
        "b_missing": make_publication(tree.commune_b, "commune.02", decision=WED_29_APRIL),
        "other_province": make_publication(
            tree.commune_c, "commune.02", decision=WED_29_APRIL, published=date(2026, 5, 8)
        ),
        # Outside the period: due and published in Q3.
        "q3": make_publication(
            a, "commune.02", decision=date(2026, 7, 1), published=date(2026, 7, 2)
        ),
    }
    return pubs


def test_unit_figures(scenario, tree):
    result = unit_compliance(tree.commune_a, Q2, today=TODAY)
    refs = {name: pub.reference for name, pub in scenario.items()}
    assert [p.reference for p in result.on_time] == [
        refs["on_time"],
        refs["cut"],
        refs["permanent"],
        refs["support"],
    ]
    assert [(e.publication.reference, e.working_days_late) for e in result.late] == [
        (refs["late"], 1)
    ]
    assert [e.publication.reference for e in result.missing] == [refs["missing"]]
    cut = [(e.publication.reference, e.place_id, e.days_posted) for e in result.posting_cut_short]
    assert cut == [
        (refs["cut"], tree.village_a2.pk, 29),
        (refs["permanent"], None, 14),
    ]
    assert result.posting_cut_short[1].permanent
    assert [(e.publication.reference, e.consecutive_days) for e in result.loudspeaker_short] == [
        (refs["support"], 2)
    ]
    assert [(e.publication.reference, e.village_id) for e in result.relay_missing] == [
        (refs["support"], tree.village_a2.pk)
    ]


def test_publicity_compliance_is_plain_data(scenario, tree):
    figures = publicity_compliance(tree.commune_a, "2026-Q2", today=TODAY)
    assert figures["period"] == {"key": "2026-Q2", "start": "2026-04-01", "end": "2026-06-30"}
    assert figures["counts"] == {
        "due": 6,
        "on_time": 4,
        "late": 1,
        "missing": 1,
        "not_yet_due": 0,
        "published": 5,
        "posting_cut_short": 2,
        "loudspeaker_short": 1,
        "relay_missing": 1,
        "channel_missing": 14,
    }
    assert figures["rates"] == {
        "on_time_rate": 66.7,
        "late_rate": 16.7,
        "missing_rate": 16.7,
        "published_rate": 83.3,
    }
    assert figures["late"] == [{"reference": scenario["late"].reference, "working_days_late": 1}]
    assert figures["missing"] == [
        {"reference": scenario["missing"].reference, "due_on": "2026-05-08"}
    ]


def test_rollup_over_the_province(scenario, tree):
    rollup = publicity_compliance_rollup(tree.province, Q2, today=TODAY)
    by_code = {row["unit"]["code"]: row["counts"] for row in rollup["units"]}
    assert list(by_code) == ["90", "90001", "90001-C01", "90002"]  # path order, not province 91
    assert by_code["90"]["due"] == 0
    assert (by_code["90001"]["due"], by_code["90001"]["late"]) == (6, 1)
    agency = by_code["90001-C01"]
    assert (agency["on_time"], agency["posting_cut_short"]) == (1, 1)
    assert (by_code["90002"]["due"], by_code["90002"]["missing"]) == (1, 1)
    totals = rollup["totals"]["counts"]
    assert (totals["due"], totals["on_time"], totals["late"], totals["missing"]) == (8, 5, 1, 2)
    assert totals["posting_cut_short"] == 3
    assert rollup["totals"]["rates"]["on_time_rate"] == 62.5


def test_rollup_of_a_commune_covers_its_agencies(scenario, tree):
    rollup = publicity_compliance_rollup(tree.commune_a, Q2, today=TODAY)
    assert [row["unit"]["code"] for row in rollup["units"]] == ["90001", "90001-C01"]
    assert rollup["totals"]["counts"]["due"] == 7


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def test_queries_do_not_grow_with_units_or_publications(scenario, tree):
    unit_before = _queries(lambda: publicity_compliance(tree.commune_a, Q2, today=TODAY))
    rollup_before = _queries(lambda: publicity_compliance_rollup(tree.province, Q2, today=TODAY))
    for n in range(5):
        commune = make_unit(f"9000{n + 3}", f"Xã Mới {n}", "commune", tree.province)
        village = make_unit(f"9000{n + 3}-001", f"Thôn {n}", "village", commune)
        for _ in range(3):
            make_publication(
                commune,
                "commune.07",
                decision=WED_29_APRIL,
                published=date(2026, 5, 8),
                channels=[("posting_hq", date(2026, 5, 8), date(2026, 5, 9))],
                broadcasts=[date(2026, 5, 8)],
                relays=[village],
            )
            make_publication(tree.commune_a, "commune.07", decision=WED_29_APRIL)
    assert _queries(lambda: publicity_compliance(tree.commune_a, Q2, today=TODAY)) == unit_before
    after = _queries(lambda: publicity_compliance_rollup(tree.province, Q2, today=TODAY))
    assert after == rollup_before
    assert len(publicity_compliance_rollup(tree.province, Q2, today=TODAY)["units"]) == 9
