"""The bell, the list with "mark as read", and who may see what."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danchu.core.notify.models import Notification
from tests.core.notify.conftest import NEWS


def _give(user, count, title="Tin"):
    Notification.objects.bulk_create(
        Notification(recipient=user, kind=NEWS, title=f"{title} {i}", url=f"/x/{i}/")
        for i in range(count)
    )


def _queries(client, method, url):
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, headers={"HX-Request": "true"})
    assert response.status_code in (200, 302), response.status_code
    return len(ctx), response


def test_bell_counts_unread_in_one_query_whatever_the_number(login, personas):
    resident = personas["resident"]
    client = login(resident)
    _give(resident, 2)
    few, response = _queries(client, "get", "/notify/bell/")
    body = response.content.decode()
    assert body.lstrip().startswith('<a id="notify-bell"') and "<html" not in body
    assert ">2 " in body
    _give(resident, 40)
    many, response = _queries(client, "get", "/notify/bell/")
    assert few == many <= 4  # session, user, (2FA devices,) the count
    assert ">42 " in response.content.decode()


def test_bell_count_is_one_indexed_query(personas):
    from danchu.core.notify.selectors import unread_count

    resident = personas["resident"]
    _give(resident, 3)
    Notification.objects.filter(pk=Notification.objects.order_by("id").first().pk).update(
        in_app=False
    )
    _give(personas["officer_a"], 2)
    with CaptureQueriesContext(connection) as ctx:
        assert unread_count(resident) == 2
    assert len(ctx) == 1
    assert "read_at" in ctx[0]["sql"] and "in_app" in ctx[0]["sql"]


def test_bell_include_loads_itself_with_htmx_and_works_as_a_link(login, personas):
    from django.template.loader import render_to_string

    html = render_to_string("notify/_bell.html", {})
    assert 'href="/notify/"' in html and 'hx-get="/notify/bell/"' in html
    assert 'hx-trigger="load, every 60s' in html
    loaded = login(personas["resident"]).get("/notify/bell/").content.decode()
    assert 'hx-trigger="every 60s' in loaded  # the loaded bell does not load itself again


def test_list_paginates_with_the_same_queries_for_2_and_40(login, personas, settings):
    settings.DANCHU_PAGE_SIZE = 50
    resident = personas["resident"]
    client = login(resident)
    _give(resident, 2)
    few, _ = _queries(client, "get", "/notify/")
    _give(resident, 38)
    many, response = _queries(client, "get", "/notify/")
    assert few == many
    page = response.content.decode()
    assert page.count('<li id="notification-') == 40


def test_mark_as_read_with_a_bounded_number_of_queries(login, personas):
    resident = personas["resident"]
    client = login(resident)
    _give(resident, 3)
    first, second, third = Notification.objects.filter(recipient=resident).order_by("id")
    count, response = _queries(client, "post", f"/notify/{first.pk}/read/")
    assert count <= 6
    assert response["HX-Trigger"] == "notify-read"
    assert f'id="notification-{first.pk}"' in response.content.decode()
    first.refresh_from_db()
    assert first.read_at is not None
    response = client.post(f"/notify/{second.pk}/read/", {"next": "/notify/?page=1"})
    assert response.status_code == 302 and response["Location"] == "/notify/?page=1"
    response = client.post(f"/notify/{third.pk}/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/notify/"
    assert not Notification.objects.filter(recipient=resident, read_at__isnull=True).exists()


def test_mark_all_as_read(login, personas):
    resident = personas["resident"]
    _give(resident, 5)
    _give(personas["officer_a"], 2)
    response = login(resident).post("/notify/read-all/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=resident, read_at__isnull=True).exists()
    assert Notification.objects.filter(read_at__isnull=True).count() == 2


def test_a_person_sees_only_their_own_notifications(login, personas):
    resident, officer = personas["resident"], personas["officer_a"]
    _give(officer, 1, title="Riêng của cán bộ")
    theirs = Notification.objects.get(recipient=officer)
    client = login(resident)
    assert "Riêng của cán bộ" not in client.get("/notify/").content.decode()
    assert client.post(f"/notify/{theirs.pk}/read/").status_code == 404
    assert client.post("/notify/999999/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert ">1 " not in client.get("/notify/bell/").content.decode()


@pytest.mark.parametrize("url", ["/notify/", "/notify/bell/", "/notify/preferences/"])
def test_pages_need_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response["Location"]
