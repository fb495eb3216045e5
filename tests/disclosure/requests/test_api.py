"""The information-request API: public create and status, officials' list, detail, answer and
refuse with the same permission checks as the pages. The router is mounted on a test NinjaAPI
(tests/disclosure/requests/api_urls.py) until the lead mounts it on /api/v1/."""

from __future__ import annotations

import pytest

from danchu.core.access.tokens import api_token_create
from danchu.disclosure.models import InformationRequest
from tests.disclosure.requests.conftest import VALID

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.disclosure.requests.api_urls")]

API = "/api/test-requests"
PAYLOAD = {
    "full_name": VALID.full_name,
    "address": VALID.address,
    "id_number": VALID.id_number,
    "contact": VALID.contact,
    "information": VALID.information,
    "purpose": VALID.purpose,
    "delivery_form": VALID.delivery_form,
}
PERSONAL_KEYS = {
    "requester_name",
    "requester_address",
    "requester_id_number",
    "requester_contact",
    "information",
    "purpose",
    "answer",
    "refusal_reason",
}


def test_anyone_creates_a_request_and_reads_its_status(client, tree):
    response = client.post(
        f"{API}/units/90001/information-requests", PAYLOAD, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    item = InformationRequest.objects.get()
    assert body["tracking_code"] == item.tracking_code
    assert body["due_on"] == item.due_on.isoformat()
    assert item.requester is None

    status = client.get(f"{API}/information-requests/status/{item.tracking_code}")
    assert status.status_code == 200
    data = status.json()
    assert data["status"] == "received"
    assert not PERSONAL_KEYS & set(data)
    for value in (VALID.full_name, VALID.id_number, "0912345678", VALID.information):
        assert value not in status.content.decode()
    assert client.get(f"{API}/information-requests/status/TT-0").status_code == 404


def test_create_with_a_token_links_the_requester(client, personas, tree):
    _, raw = api_token_create(actor=None, user=personas["resident"], name="app")
    response = client.post(
        f"{API}/units/90001/information-requests",
        PAYLOAD,
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201
    assert InformationRequest.objects.get().requester == personas["resident"]


def test_create_refuses_bad_fields_and_wrong_units(client, tree):
    bad = {**PAYLOAD, "id_number": "123"}
    url = f"{API}/units/90001/information-requests"
    response = client.post(url, bad, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]
    village = f"{API}/units/90001-001/information-requests"
    assert client.post(village, PAYLOAD, content_type="application/json").status_code == 404
    assert not InformationRequest.objects.exists()


MATRIX = [
    ("commune_a", "officer_a", 200),
    ("commune_a", "province_officer", 404),
    ("commune_a", "officer_b", 404),
    ("commune_a", "resident", 404),
    ("agency_a", "agency_head_a", 200),
    ("agency_a", "officer_a", 404),  # each unit answers for itself
    ("agency_a", "officer_b", 404),
]


@pytest.mark.parametrize(("unit_attr", "who", "expected"), MATRIX)
def test_officials_endpoints_permission_matrix(
    client, personas, tree, receive, unit_attr, who, expected
):
    unit = getattr(tree, unit_attr)
    handler = personas["agency_head_a"] if unit_attr == "agency_a" else personas["officer_a"]
    item = receive(handler, unit)
    client.force_login(personas[who])
    listing = client.get(f"{API}/units/{unit.code}/information-requests")
    assert listing.status_code == expected
    detail = client.get(f"{API}/information-requests/{item.pk}")
    assert detail.status_code == expected
    if expected == 200:
        assert listing.json()["items"][0]["tracking_code"] == item.tracking_code
        assert detail.json()["requester_name"] == VALID.full_name
    else:
        answer = client.post(
            f"{API}/information-requests/{item.pk}/answer",
            {"answer": "Trả lời"},
            content_type="application/json",
        )
        refuse = client.post(
            f"{API}/information-requests/{item.pk}/refuse",
            {"ground": "secret", "reason": "Mật"},
            content_type="application/json",
        )
        assert (answer.status_code, refuse.status_code) == (404, 404)
        item.refresh_from_db()
        assert item.status == "received"


def test_officials_endpoints_need_credentials(client, personas, tree, receive):
    item = receive(personas["officer_a"], tree.commune_a)
    assert client.get(f"{API}/units/90001/information-requests").status_code == 401
    assert client.get(f"{API}/information-requests/{item.pk}").status_code == 401
    response = client.post(
        f"{API}/information-requests/{item.pk}/answer",
        {"answer": "Trả lời"},
        content_type="application/json",
    )
    assert response.status_code == 401
    item.refresh_from_db()
    assert item.status == "received"


def test_answer_and_refuse_with_a_token(client, personas, tree, receive):
    _, raw = api_token_create(actor=None, user=personas["officer_a"], name="app")
    headers = {"Authorization": f"Bearer {raw}"}
    first = receive(personas["officer_a"], tree.commune_a)
    second = receive(personas["officer_a"], tree.commune_a)
    response = client.post(
        f"{API}/information-requests/{first.pk}/answer",
        {"answer": "Dự toán đính kèm"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "provided"
    no_reason = client.post(
        f"{API}/information-requests/{second.pk}/refuse",
        {"ground": "secret", "reason": ""},
        content_type="application/json",
        headers=headers,
    )
    assert no_reason.status_code == 400
    second.refresh_from_db()
    assert second.status == "received"
    refused = client.post(
        f"{API}/information-requests/{second.pk}/refuse",
        {"ground": "not_responsible", "reason": "Thuộc thẩm quyền của Sở Tài chính"},
        content_type="application/json",
        headers=headers,
    )
    assert refused.json()["refusal_ground"] == "not_responsible"
    overdue = client.get(
        f"{API}/units/90001/information-requests", {"status": "overdue"}, headers=headers
    )
    assert overdue.json()["count"] == 0
