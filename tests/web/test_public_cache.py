"""Anonymous public pages come from the cache; a change to a unit shows at once."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from danchu.core.units.services import village_create


def _get(client, url: str, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    return response, len(ctx.captured_queries)


def test_second_anonymous_visit_needs_no_query(client, tree):
    first, queries = _get(client, "/units/90001/")
    assert first.status_code == 200 and queries > 0
    second, queries = _get(client, "/units/90001/")
    assert queries == 0
    assert second.content == first.content


def test_a_new_village_shows_at_once(client, personas, tree, django_capture_on_commit_callbacks):
    _get(client, "/units/90001/")
    with django_capture_on_commit_callbacks(execute=True):
        village_create(actor=personas["officer_a"], commune=tree.commune_a, name="Thôn Mới Lập")
    response, queries = _get(client, "/units/90001/")
    assert queries > 0 and "Thôn Mới Lập" in response.content.decode()


def test_languages_and_htmx_partials_are_cached_apart(client, tree):
    vietnamese = client.get("/units/90/").content.decode()
    partial = client.get("/units/90/", headers={"HX-Request": "true", "HX-Target": "unit-children"})
    assert "<html" not in partial.content.decode()
    english_client = client.__class__()
    english_client.cookies["django_language"] = "en"
    english = english_client.get("/units/90/").content.decode()
    assert '<html lang="vi">' in vietnamese and '<html lang="en">' in english


def test_logged_in_pages_are_never_cached(client, personas, tree):
    _get(client, "/units/90001/")
    client.force_login(personas["officer_a"])
    response, queries = _get(client, "/units/90001/")
    assert queries > 0 and "/units/90001/villages/new/" in response.content.decode()


def test_search_results_are_cached_per_query(client, tree):
    assert "Xã An Phú" in client.get("/?q=an phu").content.decode()
    assert "Xã An Phú" not in client.get("/?q=binh minh").content.decode()


def test_the_cache_is_bumped_only_when_the_change_commits(
    client, personas, tree, django_capture_on_commit_callbacks
):
    _get(client, "/units/90001/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        village_create(actor=personas["officer_a"], commune=tree.commune_a, name="Thôn Chưa Lưu")
        # Before commit, visitors still get the cached page (never the uncommitted data cached
        # under a new version).
        assert _get(client, "/units/90001/")[1] == 0
    assert callbacks


def test_odd_htmx_headers_cannot_poison_the_partial(client, tree):
    full = client.get("/?q=an", headers={"HX-Request": "false", "HX-Target": "unit-results"})
    assert "<html" in full.content.decode()
    partial = client.get("/?q=an", headers={"HX-Request": "true", "HX-Target": "unit-results"})
    assert "<html" not in partial.content.decode()
