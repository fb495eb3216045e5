"""No page issues a query per row: the count is the same for 2 rows as for 40."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from danchu.core.units.domain.kinds import Kind
from tests.conftest import make_household, make_unit


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(tree, n: int) -> None:
    for i in range(n):
        village = make_unit(f"90001-1{i:02d}", f"Thôn Thêm {i}", Kind.VILLAGE, tree.commune_a)
        make_household(village, f"G{i:03d}", members=3)


def test_public_pages_do_not_grow_with_data(client, tree, settings):
    settings.DANCHU_PUBLIC_PAGE_CACHE_SECONDS = 0  # count the rendering work, not cache hits
    urls = [
        "/",
        "/?q=thon",
        "/units/90/",
        "/units/90001/",
        "/units/90001-001/",
        "/api/v1/units?parent=90001",
    ]
    small = {url: _queries(client, url) for url in urls}
    _grow(tree, 40)
    large = {url: _queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 6, large


def test_official_pages_do_not_grow_with_data(client, personas, households, tree):
    client.force_login(personas["officer_a"])
    urls = [
        "/",
        "/units/90001/",
        "/units/90001/households/",
        "/units/90001/households/?q=nguyen",
        f"/households/{households.a1.pk}/",
        "/api/v1/units/90001/households",
        f"/api/v1/households/{households.a1.pk}",
        "/account/",
    ]
    small = {url: _queries(client, url) for url in urls}
    _grow(tree, 40)
    large = {url: _queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 12, large
