"""Every page and API endpoint × every persona: own unit, parent unit, other unit, anonymous.

An officer of one commune gets 404 for every object of another commune, exactly as for an
object that does not exist; anonymous visitors of a login-only page are sent to log in
(pages) or get 401 (API).
"""

from __future__ import annotations

import pytest

from danchu.core.access.tokens import api_token_create

ALL = [
    "chair_a",
    "officer_a",
    "front_a",
    "village_head_a1",
    "front_head_a1",
    "agency_head_a",
    "officer_b",
    "province_officer",
    "resident",
    "anonymous",
]
COMMUNE_A_VIEWERS = {"chair_a", "officer_a", "front_a"}
VILLAGE_A1_VIEWERS = COMMUNE_A_VIEWERS | {"village_head_a1", "front_head_a1"}
COMMUNE_A_MANAGERS = {"chair_a", "officer_a"}
TREE_EDITORS_A = COMMUNE_A_MANAGERS | {"province_officer"}

# (url template, who gets 200; everyone else logged in gets 404; anonymous gets `anon`)
PAGES = [
    ("/", set(ALL), 200),
    ("/units/90/", set(ALL), 200),
    ("/units/90001/", set(ALL), 200),
    ("/units/90001-001/", set(ALL), 200),
    ("/units/90002/", set(ALL), 200),
    ("/units/90001/villages/new/", TREE_EDITORS_A, 302),
    ("/units/90002/villages/new/", {"officer_b", "province_officer"}, 302),
    ("/units/90001/organisations/new/", TREE_EDITORS_A, 302),
    ("/units/90001/households/", COMMUNE_A_VIEWERS, 302),
    ("/units/90001-001/households/", VILLAGE_A1_VIEWERS, 302),
    ("/units/90001-002/households/", COMMUNE_A_VIEWERS, 302),
    ("/units/90002/households/", {"officer_b"}, 302),
    ("/units/90002-001/households/", {"officer_b"}, 302),
    ("/units/91001/households/", set(), 302),
    ("/units/90001-001/households/new/", COMMUNE_A_MANAGERS, 302),
    ("/units/90002-001/households/new/", {"officer_b"}, 302),
    ("/households/{a1}/", VILLAGE_A1_VIEWERS, 302),
    ("/households/{a2}/", COMMUNE_A_VIEWERS, 302),
    ("/households/{b1}/", {"officer_b"}, 302),
    ("/households/{c1}/", set(), 302),
    ("/households/{a1}/edit/", COMMUNE_A_MANAGERS, 302),
    ("/households/{b1}/edit/", {"officer_b"}, 302),
    ("/households/{a1}/members/new/", COMMUNE_A_MANAGERS, 302),
    ("/households/{b1}/members/new/", {"officer_b"}, 302),
    ("/households/999999/", set(), 302),
    ("/units/NOPE/", set(), 404),
    ("/account/", set(ALL) - {"anonymous"}, 302),
]

API = [
    ("/api/v1/units", set(ALL), 200),
    ("/api/v1/units/90001", set(ALL), 200),
    ("/api/v1/units?parent=90001", set(ALL), 200),
    ("/api/v1/units/90001/households", COMMUNE_A_VIEWERS, 401),
    ("/api/v1/units/90001-001/households", VILLAGE_A1_VIEWERS, 401),
    ("/api/v1/units/90002/households", {"officer_b"}, 401),
    ("/api/v1/households/{a1}", VILLAGE_A1_VIEWERS, 401),
    ("/api/v1/households/{a2}", COMMUNE_A_VIEWERS, 401),
    ("/api/v1/households/{b1}", {"officer_b"}, 401),
    ("/api/v1/households/{c1}", set(), 401),
    ("/api/v1/households/999999", set(), 401),
]


def _url(template: str, households) -> str:
    return template.format(
        a1=households.a1.pk, a2=households.a2.pk, b1=households.b1.pk, c1=households.c1.pk
    )


def _expected(persona: str, allowed: set[str], anon: int) -> int:
    if persona in allowed:
        return 200
    if persona == "anonymous":
        return anon
    return 404


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize(("template", "allowed", "anon"), PAGES, ids=[p[0] for p in PAGES])
def test_pages(client, personas, households, persona, template, allowed, anon):
    if persona != "anonymous":
        client.force_login(personas[persona])
    response = client.get(_url(template, households))
    assert response.status_code == _expected(persona, allowed, anon), (persona, template)


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize(("template", "allowed", "anon"), API, ids=[a[0] for a in API])
def test_api_with_token(client, personas, households, persona, template, allowed, anon):
    headers = {}
    if persona != "anonymous":
        _token, raw = api_token_create(actor=None, user=personas[persona], name="test")
        headers["Authorization"] = f"Bearer {raw}"
    response = client.get(_url(template, households), headers=headers)
    assert response.status_code == _expected(persona, allowed, anon), (persona, template)


@pytest.mark.parametrize("persona", ["officer_a", "officer_b", "village_head_a1"])
def test_api_with_session_matches_token(client, personas, households, persona):
    client.force_login(personas[persona])
    for template, allowed, anon in API:
        response = client.get(_url(template, households))
        assert response.status_code == _expected(persona, allowed, anon), template


def test_post_to_other_commune_is_404_and_changes_nothing(client, personas, households):
    client.force_login(personas["officer_a"])
    b1 = households.b1
    response = client.post(f"/households/{b1.pk}/edit/", {"address": "Đã bị sửa"})
    assert response.status_code == 404
    b1.refresh_from_db()
    assert b1.address == "Số B1-001"
    response = client.post("/units/90002/villages/new/", {"name": "Thôn Lạ", "kind": "village"})
    assert response.status_code == 404
    assert not households.b1.village.parent.children.filter(name="Thôn Lạ").exists()


def test_household_lists_show_only_own_households(client, personas, households):
    client.force_login(personas["village_head_a1"])
    data = client.get("/api/v1/units/90001-001/households").json()
    assert [h["code"] for h in data["items"]] == ["A1-001"]
    client.force_login(personas["officer_a"])
    data = client.get("/api/v1/units/90001/households").json()
    assert sorted(h["code"] for h in data["items"]) == ["A1-001", "A2-001"]
    page = client.get("/units/90001/households/").content.decode()
    assert "A1-001" in page and "A2-001" in page and "B1-001" not in page


def test_expired_role_grants_nothing(client, personas, households):
    from datetime import date

    assignment = personas["officer_a"].role_assignments.get()
    assignment.valid_to = date(2025, 12, 31)
    assignment.save()
    client.force_login(personas["officer_a"])
    assert client.get(f"/households/{households.a1.pk}/").status_code == 404


def test_revoked_token_is_refused(client, personas, households):
    from django.utils import timezone

    token, raw = api_token_create(actor=None, user=personas["officer_a"], name="test")
    token.revoked_at = timezone.now()
    token.save()
    response = client.get(
        f"/api/v1/households/{households.a1.pk}", headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 401
