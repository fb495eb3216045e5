"""Permission matrix of every publication page and API endpoint, for the personas of
tests/conftest.py: the unit's own officials, the province (parent), another commune, a
village head, a resident and an anonymous visitor."""

from __future__ import annotations

import pytest
from django.utils import timezone

from danchu.disclosure.services_publications import attachment_add
from tests.disclosure.publications.conftest import PDF_BYTES, upload

OWN, PARENT, OTHER, HEAD, RESIDENT, ANON = (
    "officer_a",
    "province_officer",
    "officer_b",
    "village_head_a1",
    "resident",
    None,
)
EVERYONE = (OWN, "chair_a", PARENT, OTHER, HEAD, RESIDENT, ANON)


@pytest.fixture
def objects(make_draft, make_published, personas):
    published = make_published()
    draft = make_draft(title="Bản nháp", number=3)
    draft_file = attachment_add(
        actor=personas["officer_a"], publication=draft, upload=upload("nhap.pdf", PDF_BYTES)
    )
    with_file = make_published(title="Có tệp", number=5, attachments=[upload("a.pdf", PDF_BYTES)])
    return {
        "published": published,
        "draft": draft,
        "draft_file": draft_file,
        "published_file": with_file.current_version.attachments.get(),
    }


def _client(client, personas, who):
    client.logout()
    if who is not None:
        client.force_login(personas[who])
    return client


def _expect(who, allowed, denied=404, anonymous=302):
    if who is None:
        return anonymous
    return 200 if who in allowed else denied


PUBLIC_GET = [
    "/publications/units/90001/",
    "/publications/units/90001/?item=2&period=2026",
    "/publications/units/90001/feed/",
    "/publications/units/90001/export.json",
    "/publications/units/90001/export.csv",
    "/publications/{published}/",
    "/publications/attachments/{published_file}/",
]
MANAGER_GET = [
    "/publications/units/90001/manage/",
    "/publications/units/90001/new/",
    "/publications/{draft}/edit/",
    "/publications/{published}/correct/",
    "/publications/{published}/channels/",
    "/publications/{published}/broadcasts/",
    "/publications/{published}/notice/",
    "/publications/{published}/script/",
]


def _url(template: str, objects) -> str:
    return template.format(**{k: v.pk for k, v in objects.items()})


@pytest.mark.parametrize("who", EVERYONE)
def test_public_pages(client, personas, objects, who):
    c = _client(client, personas, who)
    for template in PUBLIC_GET:
        assert c.get(_url(template, objects)).status_code == 200, (who, template)


@pytest.mark.parametrize("who", EVERYONE)
def test_drafts_and_their_files_only_for_managers(client, personas, objects, who):
    c = _client(client, personas, who)
    expected = 200 if who in (OWN, "chair_a") else 404
    for template in ("/publications/{draft}/", "/publications/attachments/{draft_file}/"):
        assert c.get(_url(template, objects)).status_code == expected, (who, template)


@pytest.mark.parametrize("who", EVERYONE)
def test_manager_pages(client, personas, objects, who):
    c = _client(client, personas, who)
    for template in MANAGER_GET:
        response = c.get(_url(template, objects))
        assert response.status_code == _expect(who, (OWN, "chair_a")), (who, template)


@pytest.mark.parametrize("who", EVERYONE)
def test_relay_page(client, personas, objects, who):
    c = _client(client, personas, who)
    response = c.get(_url("/publications/{published}/relays/", objects))
    assert response.status_code == _expect(who, (OWN, "chair_a", HEAD)), who


@pytest.mark.parametrize("who", EVERYONE)
def test_manager_posts(client, personas, objects, who):
    c = _client(client, personas, who)
    expected = 302 if who in (OWN, "chair_a", None) else 404
    at = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    posts = [
        ("/publications/{draft}/attachments/", {"file": upload("b.pdf", PDF_BYTES)}),
        ("/publications/{draft}/schedule/", {"at": at}),
        ("/publications/attachments/{draft_file}/delete/", {}),
        ("/publications/{draft}/publish/", {}),
    ]
    for template, data in posts:
        response = c.post(_url(template, objects), data)
        assert response.status_code == expected, (who, template)
        if who is None:
            assert (
                response["Location"].startswith("/account/login") or "login" in response["Location"]
            )
    objects["draft"].refresh_from_db()
    assert (objects["draft"].status == "published") == (who in (OWN, "chair_a"))


@pytest.mark.parametrize("who", EVERYONE)
def test_follow_needs_a_login(client, personas, objects, who):
    from danchu.disclosure.models import Follow

    c = _client(client, personas, who)
    response = c.post("/publications/units/90001/follow/")
    assert response.status_code == 302
    assert Follow.objects.exists() == (who is not None)


def test_unknown_objects_are_404(client, personas, objects):
    c = _client(client, personas, OWN)
    for url in (
        "/publications/999999/",
        "/publications/999999/edit/",
        "/publications/attachments/999999/",
        "/publications/units/00000/",
        "/publications/units/00000/manage/",
    ):
        assert c.get(url).status_code == 404, url


# --- API -------------------------------------------------------------------------------------

API = "/test-api/disclosure"


@pytest.mark.urls("tests.disclosure.publications.api_urls")
@pytest.mark.parametrize("who", EVERYONE)
def test_api_reads(client, personas, objects, who):
    c = _client(client, personas, who)
    listing = c.get(f"{API}/units/90001/publications")
    assert listing.status_code == 200
    assert listing.json()["count"] == 2
    assert c.get(f"{API}/publications/{objects['published'].pk}").status_code == 200
    draft = c.get(f"{API}/publications/{objects['draft'].pk}")
    assert draft.status_code == (200 if who in (OWN, "chair_a") else 404), who


@pytest.mark.urls("tests.disclosure.publications.api_urls")
@pytest.mark.parametrize("who", EVERYONE)
def test_api_writes(client, personas, objects, who):
    c = _client(client, personas, who)
    manager = who in (OWN, "chair_a")
    denied = 401 if who is None else 404
    created = c.post(
        f"{API}/units/90001/publications",
        {"item": 7, "title": "Danh sách hộ nghèo", "decision_date": "2026-04-27"},
        content_type="application/json",
    )
    assert created.status_code == (201 if manager else denied), who
    published = c.post(
        f"{API}/publications/{objects['draft'].pk}/publish",
        {},
        content_type="application/json",
    )
    assert published.status_code == (200 if manager else denied), who
    corrected = c.post(
        f"{API}/publications/{objects['published'].pk}/correct",
        {"title": "Dự toán (điều chỉnh)", "reason": "Sai số"},
        content_type="application/json",
    )
    assert corrected.status_code == (200 if manager else denied), who
    objects["published"].refresh_from_db()
    assert (objects["published"].current_version.number == 2) == manager
