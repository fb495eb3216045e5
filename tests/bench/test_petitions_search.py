"""The petitions-search benchmark's code path at tiny size on the test database (in the test's
transaction), so that the benchmark keeps working as the search and the queue change; and its
pure parts."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from bench import petitions_search as bench
from danchu.core.search.models import SearchEntry
from danchu.core.search.selectors import search
from danchu.petitions.domain import workflow as wf
from danchu.petitions.intake_setup import CASE_SEARCH_KIND
from danchu.petitions.models import Case


def test_tracking_codes_are_unique_and_shaped_like_intakes():
    codes = {bench.tracking_code(i, 2026) for i in range(50_000)}
    assert len(codes) == 50_000
    assert all(len(code) == 14 and code.startswith("DT26-") for code in codes)


@pytest.mark.django_db  # deadlines read the working-day calendar
def test_every_status_of_every_machine_is_drawn():
    for kind in ("feedback", "complaint", "denunciation", "information", "inadmissible"):
        machine = wf.MACHINES[wf.machine_of(kind)]
        expected = {wf.RECEIVED} | {r.source for r in machine} | {r.target for r in machine}
        assert set(bench.statuses_of(kind)) == expected - {None}
    maker = bench.CaseMaker(date(2026, 11, 27))
    drawn = {(f["kind"], f["status"]) for f in (maker.fields(i) for i in range(20_000))}
    assert ("denunciation", "published") in drawn and ("information", "checked") in drawn
    assert ("complaint", "accepted") in drawn and ("unclassified", "received") in drawn


@pytest.mark.django_db
def test_load_verify_and_time_at_tiny_size():
    place = bench.build_places(3)
    figures = bench.run(place, cases=300, runs=2, sample=40, today=timezone.localdate(), chunk=120)
    assert figures["load"]["cases"] == figures["load"]["search_entries"] == 300
    assert Case.objects.count() == 300
    assert SearchEntry.objects.filter(kind=CASE_SEARCH_KIND).count() == 300
    assert figures["verified"]["equal_to_build_entry"]
    assert figures["commune_cases"] == 100
    assert figures["search_index_many"]["entries_written"] == 40

    by_query = {row["query"]: row for row in figures["search"]}
    assert by_query["a tracking code"]["matches"] == 1
    assert all(row["matches"] <= 100 and row["shown"] <= 50 for row in figures["search"])
    assert [row["rows"] for row in figures["queue"]][:2] == [100, 100]

    # The officer only ever finds the commune's own cases.
    page = search(place.officer, "thôn", kinds=[CASE_SEARCH_KIND])
    assert page.paginator.count > 0
    commune_path = place.communes[0].path
    assert all(hit.entry.unit_path.startswith(commune_path) for hit in page.object_list)
