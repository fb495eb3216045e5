"""GET /tim-kiem: the page, its HTMX partial (same checks), the nothing-found message."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from danchu.core.units.domain.kinds import Kind
from tests.conftest import make_unit


def test_search_page_finds_duong(client, tree):
    make_unit("90001-003", "Đường giao thông thôn 3", Kind.VILLAGE, tree.commune_a)
    assert reverse("search:results") == "/tim-kiem"
    response = client.get("/tim-kiem", {"q": "duong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Đường</mark> giao thông thôn 3" in html
    assert 'href="/units/90001-003/"' in html
    assert '<label for="search-q">' in html and 'id="search-q"' in html
    assert 'value="duong"' in html


def test_empty_page_shows_the_form_only(client, db):
    response = client.get("/tim-kiem")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert "<mark>" not in response.content.decode()


def test_nothing_found_message(client, tree):
    response = client.get("/tim-kiem", {"q": "khongcogi"})
    message = gettext("Nothing found for “%(query)s”.") % {"query": "khongcogi"}
    assert message in response.content.decode()


def test_query_is_escaped(client, tree):
    response = client.get("/tim-kiem", {"q": "<script>x</script>"})
    html = response.content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_htmx_partial_applies_the_same_permission(client, personas, households):
    headers = {"HX-Request": "true", "HX-Target": "search-results"}
    response = client.get("/tim-kiem", {"q": "nguyen van"}, headers=headers)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="search-results"')
    assert "<html" not in html
    assert "A1-001" not in html and "B1-001" not in html

    client.force_login(personas["officer_a"])
    html = client.get("/tim-kiem", {"q": "nguyen van"}, headers=headers).content.decode()
    assert "A1-001" in html and "A2-001" in html
    assert "B1-001" not in html and "C1-001" not in html
    assert f'href="/households/{households.a1.pk}/"' in html


def test_results_page_paginates(client, tree, settings):
    settings.DANCHU_PAGE_SIZE = 2
    for index in range(5):
        make_unit(f"90001-3{index:02d}", f"Thôn Đường {index}", Kind.VILLAGE, tree.commune_a)
    first = client.get("/tim-kiem", {"q": "duong"}).content.decode()
    third = client.get("/tim-kiem", {"q": "duong", "page": 3}).content.decode()
    assert first.count("<mark>Đường</mark>") == 2
    assert third.count("<mark>Đường</mark>") == 1
    assert 'rel="next"' in first and 'rel="next"' not in third


def _queries(client, query: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/tim-kiem", {"q": query})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_results(client, personas, tree):
    client.force_login(personas["officer_a"])
    make_unit("90001-400", "Thôn Đường 0", Kind.VILLAGE, tree.commune_a)
    small = _queries(client, "thon duong")
    for index in range(1, 20):
        make_unit(f"90001-4{index:02d}", f"Thôn Đường {index}", Kind.VILLAGE, tree.commune_a)
    assert _queries(client, "thon duong") == small
