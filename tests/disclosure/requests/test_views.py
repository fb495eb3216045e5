"""Pages: the public form and status page, and the officials' list, detail, actions and logbook,
with the permission matrix (own unit, parent, other commune, anonymous)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from danchu.disclosure.models import InformationRequest
from tests.disclosure.requests.conftest import VALID, request_input

pytestmark = pytest.mark.django_db

PERSONAL = (
    VALID.full_name,
    VALID.address,
    VALID.id_number,
    "0912345678",
    VALID.information,
    VALID.purpose,
)


def _form_data(**changes):
    data = {
        "full_name": VALID.full_name,
        "address": VALID.address,
        "id_number": VALID.id_number,
        "contact": VALID.contact,
        "information": VALID.information,
        "purpose": VALID.purpose,
        "delivery_form": VALID.delivery_form,
    }
    data.update(changes)
    return data


# --- public -------------------------------------------------------------------------------------


def test_the_public_form_works_without_javascript(client, tree):
    url = "/units/90001/information-requests/new/"
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'method="post"' in content
    assert "hx-" not in content
    assert 'type="radio"' in content
    response = client.post(url, _form_data())
    created = InformationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/information-requests/status/{created.tracking_code}/"
    assert created.requester is None
    assert created.channel == "electronic"


def test_the_public_form_shows_errors_and_keeps_what_was_typed(client, tree):
    response = client.post("/units/90001/information-requests/new/", _form_data(id_number="12345"))
    assert response.status_code == 200
    assert not InformationRequest.objects.exists()
    content = response.content.decode()
    assert 'class="field has-error"' in content
    assert VALID.purpose in content


@pytest.mark.parametrize("code", ["90001-001", "99999", "90001-C01x"])
def test_no_form_for_units_that_do_not_receive_requests(client, tree, code):
    assert client.get(f"/units/{code}/information-requests/new/").status_code == 404


def test_the_public_status_page_shows_no_personal_data(client, personas, tree, receive):
    item = receive(personas["officer_a"], tree.commune_a, channel="post")
    response = client.get(f"/information-requests/status/{item.tracking_code}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert item.tracking_code in content
    assert item.due_on.strftime("%d/%m/%Y") in content
    for value in PERSONAL:
        assert value not in content
    # The same for a signed-in stranger, and for an official of the unit.
    for who in ("resident", "officer_a"):
        client.force_login(personas[who])
        content = client.get(f"/information-requests/status/{item.tracking_code}/").content
        for value in PERSONAL:
            assert value not in content.decode()


def test_the_requester_sees_the_answer_on_the_status_page(client, personas, tree):
    client.force_login(personas["resident"])
    client.post("/units/90001/information-requests/new/", _form_data())
    item = InformationRequest.objects.get()
    assert item.requester == personas["resident"]
    client.force_login(personas["officer_a"])
    client.post(f"/information-requests/{item.pk}/provide/", {"answer": "Dự toán: 12 tỷ đồng"})
    client.force_login(personas["resident"])
    content = client.get(f"/information-requests/status/{item.tracking_code}/").content.decode()
    assert "Dự toán: 12 tỷ đồng" in content


def test_status_lookup(client, personas, tree, receive):
    item = receive(personas["officer_a"], tree.commune_a)
    assert client.get("/information-requests/status/").status_code == 200
    response = client.get("/information-requests/status/", {"code": item.tracking_code.lower()})
    assert response["Location"] == f"/information-requests/status/{item.tracking_code}/"
    assert client.get("/information-requests/status/", {"code": "TT-1"}).status_code == 404
    assert client.get("/information-requests/status/TT-1/").status_code == 404


# --- officials: the permission matrix -------------------------------------------------------------


def _official_urls(item, unit_code):
    return [
        f"/units/{unit_code}/information-requests/",
        f"/units/{unit_code}/information-requests/receive/",
        f"/units/{unit_code}/information-requests/logbook.xlsx",
        f"/units/{unit_code}/information-requests/logbook.csv",
        f"/information-requests/{item.pk}/",
    ]


def _action_posts(item):
    return [
        (f"/information-requests/{item.pk}/provide/", {"answer": "Trả lời"}),
        (f"/information-requests/{item.pk}/refuse/", {"ground": "secret", "reason": "Mật"}),
        (f"/information-requests/{item.pk}/complex/", {}),
        (
            f"/information-requests/{item.pk}/extend/",
            {"extended_to": (item.due_on + timedelta(days=2)).isoformat(), "notice": "Cần thêm"},
        ),
    ]


# (unit attribute, persona, expected): own unit, parent commune, other commune, province,
# a village head and a resident of the commune.
MATRIX = [
    ("commune_a", "officer_a", 200),
    ("commune_a", "chair_a", 200),
    ("commune_a", "province_officer", 404),
    ("commune_a", "officer_b", 404),
    ("commune_a", "agency_head_a", 404),
    ("commune_a", "village_head_a1", 404),
    ("commune_a", "resident", 404),
    ("agency_a", "agency_head_a", 200),
    ("agency_a", "officer_a", 404),  # each unit answers for itself
    ("agency_a", "officer_b", 404),
]


@pytest.mark.parametrize(("unit_attr", "who", "expected"), MATRIX)
def test_official_pages_permission_matrix(
    client, personas, tree, receive, unit_attr, who, expected
):
    unit = getattr(tree, unit_attr)
    handler = personas["agency_head_a"] if unit_attr == "agency_a" else personas["officer_a"]
    item = receive(handler, unit)
    client.force_login(personas[who])
    for url in _official_urls(item, unit.code):
        assert client.get(url).status_code == expected, url
    if expected == 404:
        for url, data in _action_posts(item):
            assert client.post(url, data).status_code == 404, url
        item.refresh_from_db()
        assert (item.status, item.complex, item.extended_to) == ("received", False, None)


def test_official_pages_send_anonymous_visitors_to_log_in(client, personas, tree, receive):
    item = receive(personas["officer_a"], tree.commune_a)
    for url in _official_urls(item, "90001"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login" in response["Location"] or "dang-nhap" in response["Location"]
    for url, data in _action_posts(item):
        assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.status == "received"


def test_actions_from_the_detail_page(client, personas, tree, receive):
    item = receive(personas["officer_a"], tree.commune_a, channel="electronic")
    client.force_login(personas["officer_a"])
    detail = f"/information-requests/{item.pk}/"
    content = client.get(detail).content.decode()
    assert VALID.full_name in content
    # A simple request offers no extension until it is classified as complex.
    assert "/complex/" in content and "/extend/" not in content

    response = client.post(f"{detail}refuse/", {"ground": "secret", "reason": " "})
    assert response.status_code == 400
    assert "has-error" in response.content.decode()

    assert client.post(f"{detail}complex/").status_code == 302
    item.refresh_from_db()
    assert item.complex
    assert "/extend/" in client.get(detail).content.decode()
    new_date = (item.due_on + timedelta(days=5)).strftime("%d/%m/%Y")
    response = client.post(f"{detail}extend/", {"extended_to": new_date, "notice": "Cần thêm"})
    assert response.status_code == 302
    content = client.get(detail).content.decode()
    assert "Cần thêm" in content  # the written notice is in the history
    assert "/extend/" not in content  # once only
    assert client.post(f"{detail}provide/", {"answer": "Đã gửi qua thư điện tử"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "provided"


def test_an_official_logs_a_paper_request(client, personas, tree):
    client.force_login(personas["officer_a"])
    received_on = timezone.localdate() - timedelta(days=1)
    response = client.post(
        "/units/90001/information-requests/receive/",
        _form_data(channel="in_person", complex="on", received_on=received_on.strftime("%d/%m/%Y")),
    )
    item = InformationRequest.objects.get()
    assert response["Location"] == f"/information-requests/{item.pk}/"
    assert (item.channel, item.complex, item.received_on) == ("in_person", True, received_on)
    assert item.requester is None


# --- the list: filters, overdue flags, constant queries -------------------------------------------


def test_list_filters_and_overdue_flags(client, personas, tree, receive):
    officer = personas["officer_a"]
    old = receive(
        officer,
        tree.commune_a,
        data=request_input(full_name="Trần Văn Quá Hạn"),
        received_on=timezone.localdate() - timedelta(days=40),
    )
    fresh = receive(officer, tree.commune_a, data=request_input(full_name="Lê Thị Mới"))
    client.force_login(officer)
    content = client.get("/units/90001/information-requests/").content.decode()
    assert old.tracking_code in content and fresh.tracking_code in content
    overdue = client.get("/units/90001/information-requests/", {"status": "overdue"})
    assert old.tracking_code in overdue.content.decode()
    assert fresh.tracking_code not in overdue.content.decode()
    by_name = client.get("/units/90001/information-requests/", {"q": "Lê Thị"})
    assert fresh.tracking_code in by_name.content.decode()
    assert old.tracking_code not in by_name.content.decode()
    by_channel = client.get("/units/90001/information-requests/", {"channel": "in_person"})
    assert "Lê Thị Mới" not in by_channel.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_and_detail_query_counts_do_not_grow(client, personas, tree, receive):
    officer = personas["officer_a"]
    first = receive(officer, tree.commune_a)
    receive(officer, tree.commune_a, channel="electronic")
    client.force_login(officer)
    urls = [
        "/units/90001/information-requests/",
        "/units/90001/information-requests/?status=overdue&q=Nguy",
        f"/information-requests/{first.pk}/",
        f"/information-requests/status/{first.tracking_code}/",
    ]
    small = {url: _queries(client, url) for url in urls}
    for index in range(40):
        receive(officer, tree.commune_a, channel=("post", "in_person", "electronic")[index % 3])
    large = {url: _queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 12, large


# --- the logbook -----------------------------------------------------------------------------------


def test_logbook_xlsx_keeps_vietnamese(client, personas, tree, receive):
    receive(personas["officer_a"], tree.commune_a)
    receive(personas["officer_b"], tree.commune_b)  # another commune's request stays out
    client.force_login(personas["officer_a"])
    response = client.get("/units/90001/information-requests/logbook.xlsx")
    assert response.status_code == 200
    assert "so-theo-doi-yeu-cau-cung-cap-thong-tin-90001.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == 1
    assert VALID.full_name in rows[1]
    assert VALID.address in rows[1]
    assert VALID.information in rows[1]


def test_logbook_csv_keeps_vietnamese(client, personas, tree, receive):
    item = receive(personas["officer_a"], tree.commune_a)
    request_two = receive(personas["officer_a"], tree.commune_a, channel="in_person")
    client.force_login(personas["officer_a"])
    response = client.get("/units/90001/information-requests/logbook.csv", {"channel": "post"})
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert item.tracking_code in text
    assert request_two.tracking_code not in text  # the list's filters apply
    assert "Nguyễn Thị Hà" in text and "Dự toán ngân sách xã năm 2026" in text


def test_logbook_unknown_format_is_404(client, personas, tree):
    client.force_login(personas["officer_a"])
    assert client.get("/units/90001/information-requests/logbook.pdf").status_code == 404
