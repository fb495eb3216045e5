"""reports.py: statistics per unit and period for the steering pillar, rolled up over a
subtree, in constant queries, without personal data."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danchu.core.units.domain.kinds import Kind
from danchu.petitions import services_workflow as services
from danchu.petitions.reports import Period, petitions_statistics, petitions_statistics_rollup
from tests.conftest import make_unit
from tests.petitions.test_workflow_services import (
    ACCUSED_SUMMARY,
    ON,
    SECRET,
    make_case,
    sealed_denunciation,
)

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-H2", date(2026, 7, 1), date(2026, 12, 31)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
    ],
)
def test_period_parse(key, start, end):
    period = Period.parse(key)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("key", ["", "26", "2026-Q5", "2026-13", "1999", "2026-h1x"])
def test_period_parse_refuses(key):
    with pytest.raises(ValueError):
        Period.parse(key)


def test_statistics_count_received_on_time_late_extended_by_kind_and_channel(tree, personas):
    officer = personas["officer_a"]
    on_time = make_case(tree.commune_a, "feedback")
    services.petition_answer(actor=officer, case=on_time, answer="Đã trả lời.", on=ON)
    late = make_case(tree.commune_a, "recommendation", channel="post")
    services.petition_answer(actor=officer, case=late, answer="Trả lời muộn.", on=date(2026, 3, 30))
    extended = sealed_denunciation(tree.commune_a)
    services.denunciation_accept(
        actor=officer, case=extended, accused_summary=ACCUSED_SUMMARY, on=ON
    )
    services.denunciation_extend(actor=officer, case=extended, reason="Phức tạp.", on=ON)
    make_case(tree.commune_a, "complaint", due_on=date(2026, 3, 16))  # overdue on TODAY
    make_case(tree.agency_a, "feedback", channel="hotline", due_on=date(2026, 6, 10))  # pending
    make_case(tree.commune_a, "feedback", received_on=date(2025, 12, 30))  # another period
    make_case(tree.commune_b, "feedback")  # another commune

    april = date(2026, 4, 1)
    figures = petitions_statistics(tree.commune_a, "2026-Q1", today=april)
    assert figures["counts"] == {
        "received": 5,  # the commune and its agency
        "on_time": 1,
        "late": 1,
        "pending": 2,  # the extended denunciation and the agency's feedback
        "overdue": 1,
        "extended": 1,
        "closed": 2,
    }
    assert figures["by_kind"]["feedback"] == 2
    assert figures["by_kind"]["denunciation"] == 1
    assert figures["by_channel"] == {"web": 3, "desk": 0, "post": 1, "hotline": 1, "box": 0}
    assert figures["on_time_rate"] == pytest.approx(33.3)

    # By June the extended denunciation's 60 days have run out.
    year = petitions_statistics(tree.commune_a, "2026", today=TODAY)
    assert year["counts"]["received"] == 5
    assert (year["counts"]["pending"], year["counts"]["overdue"]) == (1, 2)
    assert petitions_statistics(tree.commune_a, "2025", today=TODAY)["counts"]["received"] == 1
    assert SECRET["full_name"] not in json.dumps(year, ensure_ascii=False)


def test_rollup_over_the_province_lists_each_unit_and_totals(tree, personas):
    make_case(tree.commune_a, "feedback")
    make_case(tree.agency_a, "complaint")
    make_case(tree.commune_b, "denunciation")
    make_case(tree.commune_c, "feedback")  # another province
    rollup = petitions_statistics_rollup(tree.province, "2026", today=TODAY)
    assert [u["unit"]["code"] for u in rollup["units"]] == ["90001", "90001-C01", "90002"]
    assert rollup["totals"]["counts"]["received"] == 3
    assert rollup["totals"]["by_kind"]["denunciation"] == 1
    empty = petitions_statistics_rollup(tree.commune_c, "2025", today=TODAY)
    assert empty["units"] == []
    assert empty["totals"]["on_time_rate"] is None


def test_rollup_queries_do_not_grow_with_units_or_cases(tree):
    make_case(tree.commune_a, "feedback")
    with CaptureQueriesContext(connection) as small:
        petitions_statistics_rollup(tree.province, "2026", today=TODAY)
    for index in range(5):
        commune = make_unit(f"9000{index + 3}", f"Xã Mới {index}", Kind.COMMUNE, tree.province)
        for kind in ("feedback", "complaint", "denunciation"):
            make_case(commune, kind)
    with CaptureQueriesContext(connection) as large:
        rollup = petitions_statistics_rollup(tree.province, "2026", today=TODAY)
    assert len(rollup["units"]) == 6
    assert len(large) == len(small)


def test_a_later_rating_or_note_does_not_make_an_answer_given_on_time_late(tree, personas):
    """Issue #7 review: the closing date is the day of the closing step, not of the last event
    (the resident rates the answer weeks later)."""
    from danchu.petitions.models import CaseEvent

    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "feedback")
    services.petition_answer(actor=officer, case=case, answer="Đã trả lời.", on=ON)
    complaint = make_case(tree.commune_a, "complaint")
    services.complaint_refuse(
        actor=officer, case=complaint, grounds=["internal"], reason="Nội bộ.", on=ON
    )
    for rated in (case, complaint):
        CaseEvent.objects.create(case=rated, action="rated", on=date(2026, 5, 20), public=False)
    figures = petitions_statistics(tree.commune_a, "2026", today=TODAY)
    assert (figures["counts"]["on_time"], figures["counts"]["late"]) == (2, 0)


def test_a_split_letter_counts_by_its_parts_and_a_merged_duplicate_not_at_all(tree, personas):
    """Each handled case counts once (reports.py docstring): the parts of a split letter count,
    the letter they were split from does not (Law on Citizen Reception Art. 25(3)); a duplicate
    merged into another case does not count, the case it was merged into does."""
    from danchu.petitions.services_intake import case_merge, case_split
    from tests.petitions.intake_helpers import receive

    officer = personas["officer_a"]
    letter = receive(officer, tree.commune_a, channel="post", kind_hint="")
    complaint, feedback = case_split(
        actor=officer,
        case=letter,
        parts=[
            {"kind": "complaint", "subject": "Khiếu nại quyết định", "content": "Phần khiếu nại"},
            {"kind": "feedback", "subject": "Phản ánh đường thôn", "content": "Phần phản ánh"},
        ],
    )
    first = receive(officer, tree.commune_a, channel="web")
    duplicate = receive(officer, tree.commune_a, channel="hotline")
    duplicate = case_merge(actor=officer, case=duplicate, into=first)
    letter.refresh_from_db()
    assert (letter.status, duplicate.status) == ("split", "merged")
    assert {complaint.parent_id, feedback.parent_id} == {letter.pk}

    period = str(letter.received_on.year)
    figures = petitions_statistics(tree.commune_a, period, today=letter.received_on)
    # The two parts and the case the duplicate went into; not the letter, not the duplicate.
    assert figures["counts"]["received"] == 3
    assert figures["counts"]["closed"] == 0
    assert figures["by_kind"]["complaint"] == 1
    assert figures["by_kind"]["feedback"] == 2
    assert figures["by_kind"]["unclassified"] == 0
    assert figures["by_channel"]["post"] == 2  # the parts keep the letter's channel
    assert figures["by_channel"]["hotline"] == 0
    assert figures["by_channel"]["web"] == 1
    rollup = petitions_statistics_rollup(tree.province, period, today=letter.received_on)
    assert rollup["totals"]["counts"]["received"] == 3
    assert [u["counts"]["received"] for u in rollup["units"]] == [3]


def test_a_letter_transferred_within_the_subtree_counts_once(tree, personas):
    chair = personas["chair_a"]
    case = make_case(tree.commune_a, "feedback", received_on=date(2026, 3, 2))
    services.petition_transfer(
        actor=chair, case=case, to_unit=tree.agency_a, reason="Thuộc trạm y tế.", on=ON
    )
    period = Period.parse("2026")
    rollup = petitions_statistics_rollup(tree.commune_a, period, today=date(2026, 3, 10))
    assert rollup["totals"]["counts"]["received"] == 1
    agency = petitions_statistics(tree.agency_a, period, today=date(2026, 3, 10))
    assert agency["counts"]["received"] == 1  # where it is handled
