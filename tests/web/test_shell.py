"""The web shell: Vietnamese by default, English second, error pages, works without JS."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from danchu.web.views import server_error


def test_home_is_vietnamese_by_default(client, tree):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in body
    assert "Đăng nhập" in body
    assert "Tỉnh Thử Nghiệm" in body and "Tỉnh Bên Cạnh" in body


def test_english_is_the_second_language(client, tree):
    body = client.get("/units/90/").content.decode()
    assert 'href="/language/en/?next=/units/90/"' in body
    response = client.get("/language/en/?next=/units/90/")
    assert response.status_code == 302 and response["Location"] == "/units/90/"
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body and "Log in" in body
    client.get("/language/vi/")
    assert '<html lang="vi">' in client.get("/").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_language_switch_stays_on_the_site(client, db, target):
    response = client.get(f"/language/en/?next={target}")
    assert response["Location"] == "/"


def test_unknown_language_is_404(client, db):
    assert client.get("/language/fr/").status_code == 404


def test_search_finds_units_without_diacritics(client, tree):
    body = client.get("/?q=an phu").content.decode()
    assert "Xã An Phú" in body and "Phường Bình Minh" not in body
    body = client.get("/?q=BINH MINH").content.decode()
    assert "Phường Bình Minh" in body
    body = client.get("/?q=Đặc biệt không có").content.decode()
    assert "Không tìm thấy" in body


def test_search_partial_for_htmx(client, tree):
    response = client.get("/?q=an phu", headers={"HX-Request": "true", "HX-Target": "unit-results"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="unit-results"') and "<html" not in body


def test_unit_pages_navigate_province_commune_village(client, tree):
    body = client.get("/units/90/").content.decode()
    assert "/units/90001/" in body and "/units/90002/" in body
    body = client.get("/units/90001/").content.decode()
    assert "/units/90001-001/" in body and "Trạm Y tế xã An Phú" in body
    assert 'href="/units/90/"' in body  # breadcrumbs back up the tree
    body = client.get("/units/90001-001/").content.decode()
    assert 'href="/units/90001/"' in body and "Thôn Một" in body


def test_merged_unit_points_to_its_successor(client, tree):
    tree.commune_b.successor = tree.commune_a
    tree.commune_b.valid_to = tree.commune_b.valid_from
    tree.commune_b.save()
    body = client.get("/units/90002/").content.decode()
    assert 'href="/units/90001/"' in body


def test_children_list_paginates(client, tree, settings):
    settings.DANCHU_PAGE_SIZE = 1
    body = client.get("/units/90001/").content.decode()
    assert "Thôn Hai" in body and "Thôn Một" not in body  # ordered by folded name
    assert "?page=2" in body
    body = client.get("/units/90001/?page=2").content.decode()
    assert "Thôn Một" in body


def test_404_page_is_vietnamese(client, db):
    response = client.get("/units/khong-co/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.parametrize("path", ["/households/1/edit/", "/units/90001/villages/new/"])
def test_login_required_pages_redirect_anonymous(client, tree, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_500_page_is_vietnamese(db):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Hệ thống" in response.content.decode() or "lỗi" in response.content.decode()


def test_403_page_is_vietnamese(client, personas):
    from django.core.exceptions import PermissionDenied
    from django.urls import path

    def forbidden(request):
        raise PermissionDenied

    from danchu import urls

    urlpatterns = [path("forbidden/", forbidden), *urls.urlpatterns]
    module = type(
        "Urls", (), {"urlpatterns": urlpatterns, "handler403": "danchu.web.views.permission_denied"}
    )
    with override_settings(ROOT_URLCONF=module):
        response = client.get("/forbidden/")
    assert response.status_code == 403
    assert "không có quyền" in response.content.decode().lower()


def test_forms_have_labels_and_work_without_javascript(client, personas):
    client.force_login(personas["officer_a"])
    body = client.get("/units/90001/villages/new/").content.decode()
    assert '<form method="post"' in body and 'for="id_name"' in body and 'id="id_name"' in body


def test_api_docs_are_served(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/units/{code}/households" in schema["paths"]


def test_health(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_browser_language_does_not_switch_to_english(client, tree):
    body = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in body and "Đăng nhập" in body


def test_stylesheet_and_icon_are_found():
    from django.contrib.staticfiles import finders

    assert finders.find("danchu/site.css") and finders.find("danchu/favicon.svg")
