"""The petitions API (/api/v1/): public intake and status by tracking code without personal
data; the unit's officials list, read, classify, route and step cases through the same forms and
services as the pages; statistics for statistics viewers; a permission matrix for every
endpoint."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from danchu.core.access.tokens import api_token_create
from danchu.core.audit.models import AuditEvent
from danchu.petitions.models import Case, CaseEvent, CaseParty, SealedIdentity
from danchu.petitions.sealing import owner_digest
from tests.petitions.intake_helpers import COMPLAINANT, DENOUNCER, denounce, receive

pytestmark = pytest.mark.django_db

API = "/api/v1"
HANDLERS = {"chair_a", "officer_a"}
STATISTICS_VIEWERS = {"chair_a", "officer_a", "front_a", "province_officer"}
EVERYONE = [
    "chair_a",
    "officer_a",
    "front_a",
    "village_head_a1",
    "front_head_a1",
    "agency_head_a",
    "officer_b",
    "province_officer",
    "resident",
]
PAYLOAD = {
    "kind_hint": "complaint",
    "subject": "Khiếu nại quyết định thu hồi đất",
    "content": "Quyết định thu hồi đất của xã không đúng diện tích thực tế.",
    **COMPLAINANT,
}
IDENTITY_VALUES = tuple(DENOUNCER.values())


def post(client, url, data, **kwargs):
    return client.post(url, data, content_type="application/json", **kwargs)


def assert_no_denouncer(text: str) -> None:
    for value in IDENTITY_VALUES:
        assert value not in text


# --- public --------------------------------------------------------------------------------


def test_anyone_sends_a_case_and_follows_it_by_code_without_personal_data(client, tree):
    response = post(client, f"{API}/units/90001/petitions", PAYLOAD)

    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get()
    assert body["tracking_code"] == case.tracking_code
    assert body["status"] == "received"
    assert body["kind"] == "complaint"
    assert body["due_on"] == case.due_on.isoformat()
    assert case.channel == "web"
    assert case.owner_digest == ""
    assert CaseParty.objects.get(case=case).full_name == COMPLAINANT["full_name"]

    status = client.get(f"{API}/petitions/status/{case.tracking_code.lower()}")
    assert status.status_code == 200
    data = status.json()
    assert data["notices"] == [
        {"action": "received", "on": case.received_on.isoformat(), "status": "received"}
    ]
    assert not {"subject", "content", "full_name", "phone", "id_number", "parties"} & set(data)
    text = status.content.decode()
    for value in (*COMPLAINANT.values(), PAYLOAD["subject"], PAYLOAD["content"]):
        assert value not in text
    assert client.get(f"{API}/petitions/status/DT26-XXXX-XXXX").status_code == 404


def test_a_denunciation_sent_by_api_is_sealed_and_its_status_shows_no_identity(client, tree):
    payload = {
        "kind_hint": "denunciation",
        "subject": "Tố cáo thu tiền trái phép",
        "content": "Cán bộ xã thu tiền khi làm thủ tục đất đai.",
        **DENOUNCER,
    }
    response = post(client, f"{API}/units/90001/petitions", payload)

    assert response.status_code == 201
    case = Case.objects.get()
    assert SealedIdentity.objects.filter(case=case).exists()
    assert not CaseParty.objects.filter(case=case).exists()
    status = client.get(f"{API}/petitions/status/{case.tracking_code}")
    assert_no_denouncer(response.content.decode() + status.content.decode())
    assert payload["subject"] not in status.content.decode()


def test_a_token_links_the_signed_in_sender(client, personas, tree):
    _, raw = api_token_create(actor=None, user=personas["resident"], name="app")
    response = post(
        client,
        f"{API}/units/90001/petitions",
        PAYLOAD,
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201
    assert Case.objects.get().owner_digest == owner_digest(personas["resident"], 0)


def test_intake_refuses_bad_input_and_units_that_do_not_receive_cases(client, tree):
    url = f"{API}/units/90001/petitions"
    missing = post(client, url, {**PAYLOAD, "subject": ""})
    assert missing.status_code == 400
    bad_kind = post(client, url, {**PAYLOAD, "kind_hint": "gossip"})
    assert bad_kind.status_code == 400
    bad_phone = post(client, url, {**PAYLOAD, "phone": "12345"})
    assert bad_phone.status_code == 400
    assert bad_phone.json()["detail"] == gettext(
        "Enter a Vietnamese phone number of 10 or 11 digits."
    )
    anonymous_complaint = post(
        client,
        url,
        {
            **PAYLOAD,
            "anonymous": True,
            "full_name": "",
            "phone": "",
            "address": "",
            "id_number": "",
        },
    )
    assert anonymous_complaint.status_code == 400
    assert post(client, f"{API}/units/90001-001/petitions", PAYLOAD).status_code == 404
    assert post(client, f"{API}/units/99999/petitions", PAYLOAD).status_code == 404
    assert not Case.objects.exists()
    refused = AuditEvent.objects.filter(action="petitions.refused_step")
    assert refused.count() == 2  # the service's refusals are audited; shape errors are not
    assert all(
        value not in str(list(refused.values_list("data", flat=True)))
        for value in COMPLAINANT.values()
    )


# --- officials: permission matrix ---------------------------------------------------------


def endpoints(case: Case) -> list[tuple[str, str, dict | None, set[str]]]:
    """Every officials' endpoint: (method, url, payload, personas allowed)."""
    return [
        ("get", f"{API}/units/90001/petitions", None, HANDLERS),
        ("get", f"{API}/petitions/{case.pk}", None, HANDLERS),
        ("post", f"{API}/petitions/{case.pk}/classify", {"kind": "gossip"}, HANDLERS),
        ("post", f"{API}/petitions/{case.pk}/route", {}, HANDLERS),
        ("post", f"{API}/petitions/{case.pk}/steps/accept", {"on": "2000-01-01"}, HANDLERS),
        ("get", f"{API}/units/90001/petitions/statistics", None, STATISTICS_VIEWERS),
    ]


def call(client, method, url, payload, **kwargs):
    if method == "get":
        return client.get(url, **kwargs)
    return post(client, url, payload, **kwargs)


def test_permission_matrix_of_every_officials_endpoint(client, personas, tree):
    case = denounce(personas["resident"], tree.commune_a)
    events = CaseEvent.objects.count()
    for method, url, payload, allowed in endpoints(case):
        client.logout()
        assert call(client, method, url, payload).status_code == 401, url
        for name in EVERYONE:
            client.force_login(personas[name])
            response = call(client, method, url, payload)
            if name in allowed:
                # reads answer 200; the deliberately invalid writes are refused with 400
                assert response.status_code == (200 if method == "get" else 400), (url, name)
                assert_no_denouncer(response.content.decode())
            else:
                assert response.status_code == 404, (url, name, response.status_code)
    case.refresh_from_db()
    assert (case.status, case.kind, case.handler_id) == ("received", "denunciation", None)
    assert CaseEvent.objects.count() == events


def test_public_endpoints_answer_everyone(client, personas, tree):
    case = receive(personas["officer_a"], tree.commune_a)
    for name in [None, *EVERYONE]:
        client.logout()
        if name:
            client.force_login(personas[name])
        assert client.get(f"{API}/petitions/status/{case.tracking_code}").status_code == 200
        assert post(client, f"{API}/units/90001/petitions", PAYLOAD).status_code == 201
    assert Case.objects.count() == 1 + 1 + len(EVERYONE)


def test_an_agency_answers_for_itself(client, personas, tree):
    case = receive(personas["agency_head_a"], tree.agency_a)
    client.force_login(personas["agency_head_a"])
    assert client.get(f"{API}/units/{tree.agency_a.code}/petitions").json()["count"] == 1
    assert client.get(f"{API}/petitions/{case.pk}").status_code == 200
    client.force_login(personas["officer_b"])
    assert client.get(f"{API}/petitions/{case.pk}").status_code == 404


# --- officials: reading ---------------------------------------------------------------------


def test_detail_names_a_complainant_to_the_unit_but_never_a_denouncer(client, personas, tree):
    complaint = receive(personas["officer_a"], tree.commune_a, kind_hint="complaint")
    denunciation = denounce(personas["officer_a"], tree.commune_a)
    client.force_login(personas["officer_a"])

    shown = client.get(f"{API}/petitions/{complaint.pk}").json()
    assert shown["parties"] == [{"role": "sender", "full_name": COMPLAINANT["full_name"]}]
    assert shown["sealed"] is False
    assert shown["steps"][0]["action"] == "received"
    assert "accept" in shown["allowed_actions"]

    sealed = client.get(f"{API}/petitions/{denunciation.pk}")
    assert sealed.json()["sealed"] is True
    assert sealed.json()["parties"] == []
    assert_no_denouncer(sealed.content.decode())


def test_the_list_filters_paginates_and_keeps_its_query_count(client, personas, tree):
    officer = personas["officer_a"]
    complaint = receive(officer, tree.commune_a, kind_hint="complaint")
    receive(officer, tree.commune_a, kind_hint="feedback", subject="Đèn đường hỏng")
    late = receive(
        officer,
        tree.commune_a,
        channel="post",
        kind_hint="feedback",
        subject="Rác thải",
    )
    Case.objects.filter(pk=late.pk).update(due_on=date(2020, 1, 2))
    client.force_login(officer)
    url = f"{API}/units/90001/petitions"

    listing = client.get(url).json()
    assert listing["count"] == 3
    assert listing["items"][0]["tracking_code"] == late.tracking_code  # earliest deadline
    assert listing["items"][0]["overdue"] is True
    assert client.get(url, {"kind": "complaint"}).json()["items"][0]["id"] == complaint.pk
    assert client.get(url, {"overdue": "true"}).json()["count"] == 1
    assert client.get(url, {"status": "answered"}).json()["count"] == 0
    assert client.get(url, {"channel": "post"}).json()["count"] == 1
    assert client.get(url, {"kind": "nonsense"}).json()["count"] == 3

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(4):
        receive(officer, tree.commune_a, subject=f"Việc số {index}", content=f"Nội dung {index}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).json()["count"] == 7
    assert len(many) == len(few)


# --- officials: steps -----------------------------------------------------------------------


def test_a_denunciation_goes_through_its_steps_by_api_with_a_token(client, personas, tree):
    officer = personas["officer_a"]
    case = denounce(personas["resident"], tree.commune_a)
    _, raw = api_token_create(actor=None, user=officer, name="app")
    headers = {"Authorization": f"Bearer {raw}"}
    base = f"{API}/petitions/{case.pk}"

    classified = post(client, f"{base}/classify", {"kind": "denunciation"}, headers=headers)
    assert classified.status_code == 200, classified.content
    # Only the head of the unit assigns a denunciation (who may open the sealed identity).
    refused = post(client, f"{base}/route", {"handler_id": officer.pk}, headers=headers)
    assert refused.status_code in (400, 403), refused.content
    _, chair_raw = api_token_create(actor=None, user=personas["chair_a"], name="app")
    chair_headers = {"Authorization": f"Bearer {chair_raw}"}
    routed = post(client, f"{base}/route", {"handler_id": officer.pk}, headers=chair_headers)
    assert routed.json()["handler_id"] == officer.pk
    no_accused = post(
        client, f"{base}/steps/accept", {"accused_summary": "Thu tiền trái phép."}, headers=headers
    )
    assert no_accused.status_code == 400
    accused = post(
        client,
        f"{base}/steps/accused",
        {"full_name": "Cán bộ địa chính xã", "address": "UBND xã"},
        headers=headers,
    )
    assert accused.status_code == 200, accused.content
    accepted = post(
        client, f"{base}/steps/accept", {"accused_summary": "Thu tiền trái phép."}, headers=headers
    )
    assert accepted.json()["status"] == "accepted"

    no_reason = post(client, f"{base}/steps/extend", {"reason": ""}, headers=headers)
    assert no_reason.status_code == 400
    extended = post(
        client, f"{base}/steps/extend", {"reason": "Cần xác minh thêm"}, headers=headers
    )
    assert extended.json()["extensions"] == 1
    concluded = post(
        client, f"{base}/steps/conclude", {"conclusion": "Tố cáo đúng một phần."}, headers=headers
    )
    assert concluded.json()["status"] == "concluded"
    published = post(client, f"{base}/steps/publish", {"place": "Trụ sở xã"}, headers=headers)
    assert published.json()["status"] == "published"
    actions = [step["action"] for step in published.json()["steps"]]
    assert {"classified", "assigned", "accept", "extend", "conclude", "publish"} <= set(actions)
    for response in (classified, routed, accepted, extended, concluded, published):
        assert_no_denouncer(response.content.decode())


def test_forbidden_steps_are_refused_audited_and_change_nothing(client, personas, tree):
    officer = personas["officer_a"]
    complaint = receive(officer, tree.commune_a, kind_hint="complaint")
    client.force_login(officer)
    base = f"{API}/petitions/{complaint.pk}"

    resolve = post(client, f"{base}/steps/resolve", {"decision": "Bác đơn."})
    assert resolve.status_code == 400
    assert resolve.json()["detail"] == gettext("The case must be accepted first.")
    unknown = post(client, f"{base}/steps/extend", {"reason": "Lý do"})  # not for complaints
    assert unknown.status_code == 404
    assert post(client, f"{base}/steps/fly", {}).status_code == 404
    refuse = post(client, f"{base}/steps/refuse", {"grounds": [], "reason": "Không"})
    assert refuse.status_code == 400
    bad_unit = post(client, f"{base}/route", {"to_unit": "00000"})
    assert bad_unit.status_code == 400
    stranger = post(client, f"{base}/route", {"handler_id": personas["officer_b"].pk})
    assert stranger.status_code == 400
    assert stranger.json()["detail"] == gettext(
        "The handler must be an official who handles this unit's cases."
    )

    complaint.refresh_from_db()
    assert (complaint.status, complaint.handler_id) == ("received", None)
    refusals = AuditEvent.objects.filter(
        action__in=("petitions.workflow_refused", "petitions.refused_step"),
        target_id=str(complaint.pk),
    )
    assert refusals.count() == 2  # the resolve before acceptance and the stranger as handler


def test_a_complaint_is_accepted_and_refusals_need_grounds(client, personas, tree):
    officer = personas["officer_a"]
    first = receive(officer, tree.commune_a, kind_hint="complaint")
    second = receive(officer, tree.commune_a, kind_hint="complaint", subject="Khác")
    client.force_login(officer)

    accepted = post(client, f"{API}/petitions/{first.pk}/steps/accept", {})
    assert accepted.status_code == 200
    assert accepted.json()["accepted_on"] == timezone.localdate().isoformat()
    refused = post(
        client,
        f"{API}/petitions/{second.pk}/steps/refuse",
        {"grounds": ["court"], "reason": "Tòa án đã thụ lý vụ việc."},
    )
    assert refused.status_code == 200, refused.content
    assert refused.json()["status"] == "not_accepted"
    transfer = post(
        client,
        f"{API}/petitions/{first.pk}/steps/transfer",
        {"to_unit": "90002", "reason": "Không thuộc thẩm quyền"},
    )
    assert transfer.status_code == 400  # an accepted complaint is no longer transferred


# --- statistics ----------------------------------------------------------------------------


def test_statistics_count_without_personal_data(client, personas, tree):
    denounce(personas["resident"], tree.commune_a)
    receive(personas["officer_a"], tree.agency_a, kind_hint="feedback")
    client.force_login(personas["front_a"])
    response = client.get(f"{API}/units/90001/petitions/statistics")

    assert response.status_code == 200
    data = response.json()
    assert data["totals"]["counts"]["received"] == 2
    assert data["totals"]["by_kind"]["denunciation"] == 1
    assert [row["unit"]["code"] for row in data["units"]] == ["90001", "90001-C01"]
    text = response.content.decode()
    assert_no_denouncer(text)
    for value in COMPLAINANT.values():
        assert value not in text
    period = client.get(f"{API}/units/90001/petitions/statistics", {"period": "2020-Q1"})
    assert period.json()["totals"]["counts"]["received"] == 0
    bad = client.get(f"{API}/units/90001/petitions/statistics", {"period": "last year"})
    assert bad.status_code == 400


def test_the_api_does_not_link_a_denunciation_part_to_its_letter(client, tree, personas):
    """Issue #7 review: the letter's steps do not name its parts when one is a denunciation."""
    from danchu.petitions.services_intake import case_split

    officer = personas["officer_a"]
    letter = receive(officer, tree.commune_a, channel="post", kind_hint="")
    parts = case_split(
        actor=officer,
        case=letter,
        parts=[
            {"kind": "complaint", "subject": "Khiếu nại", "content": "Phần khiếu nại"},
            {"kind": "denunciation", "subject": "Tố cáo", "content": "Phần tố cáo"},
        ],
    )
    client.force_login(personas["chair_a"])
    for case in (letter, *parts):
        response = client.get(f"{API}/petitions/{case.pk}")
        assert response.status_code == 200
        others = {c.tracking_code for c in (letter, *parts) if c != case}
        assert not any(code in response.content.decode() for code in others), case
