"""The compliance page and the quarterly-list button: who may see and press them, what they
show, pagination and a constant number of queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danchu.core.audit.models import AuditEvent
from danchu.core.documents.models import GeneratedDocument
from tests.disclosure.compliance.conftest import make_publication

WED_29_APRIL = date(2026, 4, 29)


def page_url(unit, period="2026-Q2"):
    return f"{reverse('disclosure:compliance_unit', args=[unit.code])}?period={period}"


def generate_url(unit):
    return reverse("disclosure:compliance_quarterly_list", args=[unit.code])


@pytest.fixture
def findings(tree):
    a = tree.commune_a
    return {
        "late": make_publication(
            a,
            "commune.02",
            decision=WED_29_APRIL,
            published=date(2026, 5, 11),
            title="Chậm một ngày",
        ),
        "missing": make_publication(a, "commune.01", decision=WED_29_APRIL, title="Chưa công khai"),
        "cut": make_publication(
            a,
            "commune.03",
            decision=date(2026, 6, 1),
            published=date(2026, 6, 1),
            title="Niêm yết thiếu ngày",
            channels=[("posting_village", date(2026, 6, 1), date(2026, 6, 29), tree.village_a1)],
        ),
        "relay": make_publication(
            a,
            "commune.07",
            decision=date(2026, 6, 1),
            published=date(2026, 6, 2),
            title="Chưa chuyển thông tin",
            broadcasts=[date(2026, 6, 2), date(2026, 6, 3)],
            relays=[tree.village_a1],
        ),
    }


# Who sees commune A's page: (persona, unit attribute, expected status).
MATRIX = [
    ("officer_a", "commune_a", 200),  # own unit
    ("chair_a", "commune_a", 200),
    ("front_a", "commune_a", 200),
    ("province_officer", "commune_a", 200),  # the parent province's officer
    ("province_officer", "province", 200),
    ("agency_head_a", "agency_a", 200),  # own agency
    ("village_head_a1", "village_a1", 200),  # own village
    ("village_head_a1", "commune_a", 404),  # the parent of one's own unit
    ("agency_head_a", "commune_a", 404),
    ("officer_a", "province", 404),  # the parent of one's own unit
    ("officer_b", "commune_a", 404),  # another commune
    ("officer_a", "commune_c", 404),  # a commune of another province
    ("resident", "commune_a", 404),
    (None, "commune_a", 404),  # anonymous
]


@pytest.mark.parametrize(("who", "where", "status"), MATRIX)
def test_permission_matrix_of_the_page(client, personas, tree, who, where, status):
    if who is not None:
        client.force_login(personas[who])
    response = client.get(page_url(getattr(tree, where)))
    assert response.status_code == status


def test_unknown_unit_is_the_same_404(client, personas):
    client.force_login(personas["officer_a"])
    assert client.get(reverse("disclosure:compliance_unit", args=["99999"])).status_code == 404


def test_the_page_shows_the_figures_and_the_lists(client, personas, tree, findings):
    client.force_login(personas["officer_a"])
    response = client.get(page_url(tree.commune_a))
    html = response.content.decode()
    for title in (
        "Chậm một ngày",
        "Chưa công khai",
        "Niêm yết thiếu ngày",
        "Chưa chuyển thông tin",
    ):
        assert title in html
    assert "Thôn Hai" in html  # the village that did not confirm the relay
    context = response.context
    assert context["counts"]["late"] == 1
    assert context["counts"]["missing"] == 1
    assert context["counts"]["posting_cut_short"] == 1
    assert context["counts"]["loudspeaker_short"] == 1
    assert context["counts"]["relay_missing"] == 1
    assert [e.working_days_late for e in context["late"].object_list] == [1]
    assert context["cut_short"].object_list[0]["place"] == "Thôn Một"
    assert context["can_generate"] is True
    assert generate_url(tree.commune_a) in html


def test_the_units_below_are_rolled_up(client, personas, tree, findings):
    make_publication(tree.agency_a, "agency.02", decision=WED_29_APRIL, title="Kế hoạch trạm")
    client.force_login(personas["province_officer"])
    response = client.get(page_url(tree.province))
    rows = {row["unit"].code: row["counts"] for row in response.context["below"].object_list}
    assert rows["90001"]["due"] == 4
    assert rows["90001-C01"]["missing"] == 1
    assert rows["90002"]["due"] == 0
    assert response.context["can_generate"] is False  # the province does not publish for A


def test_a_bad_period_falls_back_to_the_current_quarter(client, personas, tree):
    client.force_login(personas["officer_a"])
    response = client.get(page_url(tree.commune_a, "not-a-period"))
    assert response.status_code == 200
    assert response.context["period"].kind == "quarter"


def test_no_button_for_a_half_year(client, personas, tree):
    client.force_login(personas["officer_a"])
    response = client.get(page_url(tree.commune_a, "2026-H1"))
    assert response.context["can_generate"] is False
    assert generate_url(tree.commune_a) not in response.content.decode()


def test_lists_paginate(client, personas, tree, settings):
    settings.DANCHU_PAGE_SIZE = 2
    titles = [f"Chậm số {n}" for n in range(3)]
    for title in titles:
        make_publication(
            tree.commune_a,
            "commune.02",
            decision=WED_29_APRIL,
            published=date(2026, 5, 11),
            title=title,
        )
    client.force_login(personas["officer_a"])
    first = client.get(page_url(tree.commune_a)).context["late"]
    second = client.get(page_url(tree.commune_a) + "&late_page=2").context["late"]
    assert first.paginator.count == 3
    assert [e.publication.title for e in first.object_list] == titles[:2]
    assert [e.publication.title for e in second.object_list] == titles[2:]


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_page_queries_do_not_grow(client, personas, tree, findings):
    client.force_login(personas["officer_a"])
    url = page_url(tree.commune_a)
    _page_queries(client, url)  # warm the session and the calendar cache
    before = _page_queries(client, url)
    for n in range(15):
        make_publication(
            tree.commune_a,
            "commune.07",
            decision=WED_29_APRIL,
            published=date(2026, 5, 11) if n % 2 else None,
            channels=[("posting_village", date(2026, 5, 11), date(2026, 5, 12), tree.village_a2)],
            broadcasts=[date(2026, 5, 11)],
        )
    assert _page_queries(client, url) == before


def test_generate_from_the_page(client, personas, tree, findings):
    client.force_login(personas["officer_a"])
    response = client.post(generate_url(tree.commune_a), {"period": "2026-Q2"})
    document = GeneratedDocument.objects.get(doc_type="disclosure.quarterly_list")
    assert response.status_code == 302
    assert response.url == reverse("documents:detail", args=[document.pk])
    assert AuditEvent.objects.filter(action="disclosure.quarterly_list_generated").count() == 1
    # The officials who see compliance may read the paper.
    client.force_login(personas["province_officer"])
    assert client.get(response.url).status_code == 200


def test_generate_refuses_a_half_year_with_a_message(client, personas, tree):
    client.force_login(personas["officer_a"])
    response = client.post(generate_url(tree.commune_a), {"period": "2026-H1"}, follow=True)
    assert response.status_code == 200
    assert not GeneratedDocument.objects.exists()
    assert len(list(response.context["messages"])) == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [("province_officer", 403), ("village_head_a1", 404), ("officer_b", 404), (None, 404)],
)
def test_who_may_not_generate(client, personas, tree, who, status):
    if who is not None:
        client.force_login(personas[who])
    response = client.post(generate_url(tree.commune_a), {"period": "2026-Q2"})
    assert response.status_code == status
    assert not GeneratedDocument.objects.exists()


def test_generate_is_post_only(client, personas, tree):
    client.force_login(personas["officer_a"])
    assert client.get(generate_url(tree.commune_a)).status_code == 405
