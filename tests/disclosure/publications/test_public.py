"""Public pages: the unit list (filters, pagination, constant queries with 10,000 rows, cache
invalidated on publish), the publication page, search, the Atom feed and the exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danchu.core.search.selectors import search
from danchu.disclosure.scale import bulk_publications
from danchu.disclosure.services_publications import publication_correct

LIST = "/publications/units/90001/"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def no_page_cache(settings):
    settings.DANCHU_PUBLIC_PAGE_CACHE_SECONDS = 0


def test_list_shows_published_only(client, make_published, make_draft):
    make_published()
    make_draft(title="Bản nháp chưa công bố")
    response = client.get(LIST)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Dự toán ngân sách xã An Phú năm 2027" in text
    assert "Bản nháp chưa công bố" not in text


def test_list_filters_by_item_and_period(client, tree, no_page_cache):
    bulk_publications(tree.commune_a, 30, until=date(2027, 3, 31))
    all_rows = client.get(LIST).context["page"].paginator.count
    assert all_rows == 30
    by_item = client.get(f"{LIST}?item=2").context["page"]
    assert by_item.paginator.count > 0
    assert {p.item.number for p in by_item.object_list} == {2}
    march = client.get(f"{LIST}?period=2027-03").context["page"]
    assert march.paginator.count == 30  # 2 – 31 March
    quarter = client.get(f"{LIST}?period=2027-Q1").context["page"]
    assert quarter.paginator.count == 30
    february = client.get(f"{LIST}?period=2027-02").context["page"]
    assert february.paginator.count == 0
    assert client.get(f"{LIST}?period=2026").context["page"].paginator.count == 0
    assert client.get(f"{LIST}?period=nonsense").context["page"].paginator.count == 30


def test_public_pages_issue_the_same_queries_for_10_and_10000_publications(
    client, tree, no_page_cache
):
    bulk_publications(tree.commune_a, 10)
    urls = [
        LIST,
        f"{LIST}?item=2&period={timezone.localdate().year}",
        f"{LIST}?page=2",
        "/publications/units/90001/feed/",
        "/publications/units/90001/export.json",
    ]
    small = {url: _queries(client, url) for url in urls}
    bulk_publications(tree.commune_a, 9990)
    from danchu.disclosure.models import Publication

    assert Publication.objects.filter(unit=tree.commune_a).count() == 10000
    large = {url: _queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 6, large


def test_publication_page_queries_do_not_grow_with_versions(
    client, make_published, personas, no_page_cache
):
    from danchu.disclosure.services_publications import attachment_add  # noqa: F401

    publication = make_published()
    url = f"/publications/{publication.pk}/"
    small = _queries(client, url)
    for n in range(5):
        publication_correct(
            actor=personas["officer_a"],
            publication=publication,
            title=f"Dự toán (lần {n + 2})",
            reason="Điều chỉnh",
        )
    assert _queries(client, url) == small


def test_anonymous_list_is_cached_and_invalidated_on_publish(client, make_published):
    make_published(title="Thông báo thứ nhất")
    first = client.get(LIST).content.decode()
    assert "Thông báo thứ nhất" in first
    with CaptureQueriesContext(connection) as ctx:
        client.get(LIST)
    assert len(ctx.captured_queries) <= 1  # from the cache (the version key only)
    make_published(title="Thông báo thứ hai", number=3)
    assert "Thông báo thứ hai" in client.get(LIST).content.decode()


def test_correction_invalidates_the_cached_page(
    client, make_published, personas, django_capture_on_commit_callbacks
):
    publication = make_published()
    url = f"/publications/{publication.pk}/"
    assert "(điều chỉnh)" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        publication_correct(
            actor=personas["officer_a"],
            publication=publication,
            title="Dự toán ngân sách (điều chỉnh)",
            reason="Sai số liệu",
        )
    text = client.get(url).content.decode()
    assert "Dự toán ngân sách (điều chỉnh)" in text
    assert "Sai số liệu" in text
    assert "Dự toán ngân sách xã An Phú năm 2027" in text  # the earlier version stays readable


def test_search_finds_the_budget_without_diacritics(make_published, make_draft):
    make_published()
    make_draft(title="Dự toán ngân sách bản nháp bí mật")
    page = search(AnonymousUser(), "du toan ngan sach", kinds=["disclosure.publication"])
    titles = [hit.entry.title for hit in page.object_list]
    assert titles == ["Dự toán ngân sách xã An Phú năm 2027"]
    assert search(AnonymousUser(), "18.450", kinds=["disclosure.publication"]).object_list


def test_search_follows_corrections(make_published, personas):
    publication = make_published()
    publication_correct(
        actor=personas["officer_a"],
        publication=publication,
        title="Quyết toán ngân sách xã An Phú năm 2026",
        reason="Nhầm tiêu đề",
    )
    hits = search(AnonymousUser(), "quyet toan", kinds=["disclosure.publication"]).object_list
    assert [h.entry.title for h in hits] == ["Quyết toán ngân sách xã An Phú năm 2026"]
    assert not search(AnonymousUser(), "tong thu", kinds=["disclosure.publication"]).object_list


def test_atom_feed(client, make_published, make_draft):
    publication = make_published()
    make_draft(title="Bản nháp")
    response = client.get("/publications/units/90001/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "<feed" in text and 'xmlns="http://www.w3.org/2005/Atom"' in text
    assert "Dự toán ngân sách xã An Phú năm 2027" in text
    assert f"/publications/{publication.pk}/" in text
    assert f"urn:danchu:publication:{publication.reference}" in text
    assert "Bản nháp" not in text


def test_csv_export_is_streamed(client, make_published, make_draft):
    publication = make_published()
    make_draft(title="Bản nháp")
    response = client.get("/publications/units/90001/export.csv")
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["reference", "item_code", "item_number", "item_title", "title"]
    assert len(rows) == 2
    assert rows[1][0] == publication.reference
    assert rows[1][4] == "Dự toán ngân sách xã An Phú năm 2027"


def test_json_export_is_paginated(client, tree, settings):
    settings.DANCHU_API_PAGE_SIZE = 4
    bulk_publications(tree.commune_a, 10, until=date(2027, 1, 31))
    first = json.loads(client.get("/publications/units/90001/export.json").content)
    assert first["count"] == 10 and first["pages"] == 3 and len(first["results"]) == 4
    assert first["unit"] == {"code": "90001", "name": "Xã An Phú"}
    assert first["results"][0]["published_on"] == str(date(2027, 1, 31) - timedelta(days=9))
    last = json.loads(client.get(first["next"].split("testserver")[1]).content)
    assert last["page"] == 2 and last["previous"]


def test_attachment_download_serves_the_file(client, make_draft, personas):
    from danchu.disclosure.services_publications import publication_publish
    from tests.disclosure.publications.conftest import PDF_BYTES, upload

    draft = make_draft(attachments=[upload("du-toan.pdf", PDF_BYTES)])
    publication_publish(actor=personas["officer_a"], publication=draft)
    attachment = draft.current_version.attachments.get()
    response = client.get(f"/publications/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_follow_and_unfollow(login, personas, tree):
    from danchu.disclosure.models import Follow

    client = login(personas["resident"])
    client.post("/publications/units/90001/follow/", {"item": "2"})
    assert Follow.objects.filter(user=personas["resident"], item__number=2).exists()
    client.post("/publications/units/90001/follow/", {"item": "2", "action": "unfollow"})
    assert not Follow.objects.exists()


def test_unit_page_links_to_the_publications(client, login, personas, tree):
    public = client.get("/units/90001/").content.decode()
    assert "/publications/units/90001/" in public
    assert "/publications/units/90001/manage/" not in public
    official = login(personas["officer_a"]).get("/units/90001/").content.decode()
    assert "/publications/units/90001/manage/" in official
