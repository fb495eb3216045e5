"""Links of the petitions pillar on unit pages: sending a case and the reception schedule for
everyone (communes and agencies; enterprises receive cases but hold no reception days), the
cases queue for the unit's officials and the statistics for statistics viewers; nothing on a
village or a province page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from danchu.core.units.domain.kinds import Kind
from tests.conftest import make_unit

pytestmark = pytest.mark.django_db

SEND = "Send feedback or a complaint"
RECEPTION = "Reception schedule"
CASES = "Cases"
STATISTICS = "Petition statistics"


def hrefs(client, unit) -> set[str]:
    response = client.get(reverse("units:detail", args=[unit.code]))
    assert response.status_code == 200
    text = response.content.decode()
    return {
        gettext(name) for name in (SEND, RECEPTION, CASES, STATISTICS) if gettext(name) in text
    } | {
        url
        for url in (
            reverse("petitions:intake_new", args=[unit.code]),
            reverse("petitions:reception_unit", args=[unit.code]),
            reverse("petitions:workflow_queue", args=[unit.code]),
            reverse("petitions:workflow_statistics", args=[unit.code]),
        )
        if f'href="{url}"' in text
    }


def urls(unit, *names: str) -> set[str]:
    return {reverse(f"petitions:{name}", args=[unit.code]) for name in names}


def test_the_public_sees_how_to_send_a_case_and_the_reception_schedule(client, tree):
    shown = hrefs(client, tree.commune_a)
    assert shown == {gettext(SEND), gettext(RECEPTION)} | urls(
        tree.commune_a, "intake_new", "reception_unit"
    )
    assert hrefs(client, tree.agency_a) == {gettext(SEND), gettext(RECEPTION)} | urls(
        tree.agency_a, "intake_new", "reception_unit"
    )


def test_an_enterprise_receives_cases_but_holds_no_reception_days(client, tree):
    enterprise = make_unit("90001-D01", "Công ty Cấp nước An Phú", Kind.ENTERPRISE, tree.commune_a)
    assert hrefs(client, enterprise) == {gettext(SEND)} | urls(enterprise, "intake_new")


def test_villages_and_provinces_have_no_petition_links(client, personas, tree):
    client.force_login(personas["province_officer"])
    assert hrefs(client, tree.village_a1) == set()
    assert hrefs(client, tree.province) == set()


@pytest.mark.parametrize(
    ("who", "official"),
    [
        ("officer_a", {"workflow_queue", "workflow_statistics"}),
        ("chair_a", {"workflow_queue", "workflow_statistics"}),
        ("front_a", {"workflow_statistics"}),
        ("province_officer", {"workflow_statistics"}),
        ("officer_b", set()),
        ("village_head_a1", set()),
        ("resident", set()),
    ],
)
def test_officials_see_the_queue_and_statistics_by_permission(
    client, personas, tree, who, official
):
    client.force_login(personas[who])
    shown = hrefs(client, tree.commune_a)
    expected = urls(tree.commune_a, "intake_new", "reception_unit", *official)
    assert {s for s in shown if s.startswith("/")} == expected
    assert (gettext(CASES) in shown) == ("workflow_queue" in official)
    assert (gettext(STATISTICS) in shown) == ("workflow_statistics" in official)
