"""Workflow pages: permission matrix for every page and export, the queue's order, filters and
constant queries, the case page and its steps, and no denouncer identity anywhere."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from danchu.core.audit.models import AuditEvent
from danchu.petitions import services_workflow as services
from danchu.petitions.models import Case
from tests.petitions.test_workflow_services import (
    ON,
    SECRET,
    assert_no_identity,
    make_case,
    sealed_denunciation,
)

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


def pages(tree, case) -> list[tuple[str, set[str]]]:
    code = tree.commune_a.code
    return [
        (reverse("petitions:workflow_queue", args=[code]), HANDLERS),
        (reverse("petitions:workflow_queue_export", args=[code, "xlsx"]), HANDLERS),
        (reverse("petitions:workflow_queue_export", args=[code, "csv"]), HANDLERS),
        (reverse("petitions:workflow_case", args=[case.pk]), HANDLERS),
        (reverse("petitions:workflow_statistics", args=[code]), STATISTICS_VIEWERS),
        (
            reverse("petitions:workflow_statistics_export", args=[code, "xlsx"]) + "?period=2026",
            STATISTICS_VIEWERS,
        ),
        (
            reverse("petitions:workflow_statistics_export", args=[code, "csv"]) + "?period=2026",
            STATISTICS_VIEWERS,
        ),
    ]


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode()


def test_permission_matrix_of_every_page_and_export(tree, personas, client):
    case = sealed_denunciation(tree.commune_a)
    services.denunciation_accept(actor=personas["officer_a"], case=case, on=ON)
    for url, allowed in pages(tree, case):
        client.logout()
        anonymous = client.get(url)
        assert anonymous.status_code == 302, url
        assert "/login" in anonymous["Location"] or "next=" in anonymous["Location"]
        for name in EVERYONE:
            client.force_login(personas[name])
            response = client.get(url)
            expected = 200 if name in allowed else 404
            assert response.status_code == expected, (url, name, response.status_code)
            if expected == 200:
                assert_no_identity(body(response))


def test_step_endpoint_permissions(tree, personas, client):
    case = make_case(tree.commune_a, "feedback")
    url = reverse("petitions:workflow_case_step", args=[case.pk, "answer"])
    data = {"answer-answer": "Đã trả lời.", "answer-on": ON.isoformat()}
    for name in EVERYONE:
        if name in HANDLERS:
            continue
        client.force_login(personas[name])
        assert client.post(url, data).status_code == 404
    client.logout()
    assert client.post(url, data).status_code == 302
    assert Case.objects.get(pk=case.pk).status == "received"
    client.force_login(personas["officer_a"])
    assert client.get(url).status_code == 405
    response = client.post(url, data)
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == "answered"
    assert (
        client.post(
            reverse("petitions:workflow_case_step", args=[case.pk, "teleport"]), {}
        ).status_code
        == 404
    )


def test_the_case_page_offers_the_steps_the_state_machine_allows(tree, personas, client):
    case = make_case(tree.commune_a, "complaint")
    client.force_login(personas["officer_a"])
    url = reverse("petitions:workflow_case", args=[case.pk])
    page = client.get(url).content.decode()
    for action in ("accept", "refuse", "transfer", "withdraw"):
        assert reverse("petitions:workflow_case_step", args=[case.pk, action]) in page
    for action in ("resolve", "dialogue", "extend"):
        assert reverse("petitions:workflow_case_step", args=[case.pk, action]) not in page


def test_a_forbidden_step_posted_shows_the_reason_and_is_audited(tree, personas, client):
    case = make_case(tree.commune_a, "complaint")
    client.force_login(personas["officer_a"])
    response = client.post(
        reverse("petitions:workflow_case_step", args=[case.pk, "resolve"]),
        {"resolve-decision": "Bác đơn."},
    )
    assert response.status_code == 400
    assert gettext("The case must be accepted first.") in response.content.decode()
    assert AuditEvent.objects.filter(
        action=services.REFUSED_ACTION, target_id=str(case.pk)
    ).exists()
    assert Case.objects.get(pk=case.pk).status == "received"


def test_the_queue_is_sorted_by_deadline_filtered_and_shows_overdue_in_red(tree, personas, client):
    officer = personas["officer_a"]
    late = make_case(tree.commune_a, "feedback", due_on=date(2026, 3, 1), handler=officer)
    soon = make_case(tree.commune_a, "complaint", due_on=date(2099, 1, 5))
    later = make_case(tree.commune_a, "denunciation", due_on=date(2099, 2, 5))
    done = make_case(tree.commune_a, "feedback", status="answered", due_on=None)
    make_case(tree.commune_b, "feedback", due_on=date(2026, 3, 1))
    client.force_login(officer)
    url = reverse("petitions:workflow_queue", args=[tree.commune_a.code])
    response = client.get(url)
    codes = [c.tracking_code for c in response.context["page"].object_list]
    assert codes == [
        late.tracking_code,
        soon.tracking_code,
        later.tracking_code,
        done.tracking_code,
    ]
    page = response.content.decode()
    assert 'class="overdue"' in page
    assert gettext("Overdue") in page

    def filtered(**query):
        return [c.pk for c in client.get(url, query).context["page"].object_list]

    assert filtered(overdue="on") == [late.pk]
    assert filtered(kind="complaint") == [soon.pk]
    assert filtered(status="answered") == [done.pk]
    assert filtered(handler="mine") == [late.pk]
    assert filtered(handler=str(officer.pk)) == [late.pk]
    assert set(filtered(handler="none")) == {soon.pk, later.pk, done.pk}
    assert filtered(channel="post") == []


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queue_and_statistics_in_constant_queries(tree, personas, client):
    client.force_login(personas["officer_a"])
    officer = personas["officer_a"]
    for index in range(3):
        make_case(tree.commune_a, "feedback", handler=officer if index else None)
    queue = reverse("petitions:workflow_queue", args=[tree.commune_a.code])
    stats = reverse("petitions:workflow_statistics", args=[tree.commune_a.code]) + "?period=2026"
    export = reverse("petitions:workflow_queue_export", args=[tree.commune_a.code, "csv"])
    small = (_queries(client, queue), _queries(client, stats))
    for index in range(12):
        kind = ("feedback", "complaint", "denunciation")[index % 3]
        make_case(tree.commune_a, kind, handler=officer, channel=("web", "post")[index % 2])
        make_case(tree.agency_a, kind)
    assert (_queries(client, queue), _queries(client, stats)) == small
    with CaptureQueriesContext(connection) as captured:
        body(client.get(export))
    assert len(captured) <= small[0] + 2


def test_no_denouncer_identity_on_any_page_or_export(tree, personas, client):
    case = sealed_denunciation(tree.commune_a)
    officer = personas["officer_a"]
    services.denunciation_accept(actor=officer, case=case, on=ON)
    services.denunciation_extend(actor=officer, case=case, reason="Phức tạp.", on=ON)
    for name in ("chair_a", "officer_a", "front_a", "province_officer"):
        client.force_login(personas[name])
        for url, allowed in pages(tree, case):
            if name in allowed:
                assert_no_identity(body(client.get(url)))
    province = reverse("petitions:workflow_statistics", args=[tree.province.code])
    client.force_login(personas["province_officer"])
    text = body(client.get(province + "?period=2026"))
    assert tree.commune_a.name in text
    assert_no_identity(text)
    assert SECRET["full_name"] not in text
