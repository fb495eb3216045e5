"""The superior's oversight of overdue denunciations (Law on Denunciations Art. 38): the page of
the bodies directly under it, the request for a report, the handler's report, the escalation."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.notify.models import Notification
from danchu.petitions import services_oversight as oversight
from danchu.petitions import services_workflow as services
from danchu.petitions.errors import PetitionError
from danchu.petitions.models import CaseEvent
from danchu.petitions.sealing import seal_case_identity
from tests.petitions.test_workflow_services import SECRET, make_case, refusals, snapshot
from tests.petitions.test_workflow_views import EVERYONE

pytestmark = pytest.mark.django_db

DUE = date(2026, 4, 8)


def overdue_denunciation(unit, handler, **extra):
    case = make_case(
        unit,
        "denunciation",
        status="accepted",
        accepted_on=date(2026, 3, 9),
        due_on=DUE,
        handler=handler,
        **extra,
    )
    seal_case_identity(case, SECRET)
    return case


def test_the_superior_sees_the_overdue_denunciations_of_the_bodies_directly_below(
    client, tree, personas
):
    agency_case = overdue_denunciation(tree.agency_a, personas["agency_head_a"])
    commune_case = overdue_denunciation(tree.commune_a, personas["officer_a"])
    make_case(tree.agency_a, "denunciation", status="accepted", due_on=date(2099, 1, 1))
    make_case(tree.agency_a, "complaint", status="accepted", due_on=DUE)
    commune_page = reverse("petitions:oversight_overdue", args=[tree.commune_a.code])
    province_page = reverse("petitions:oversight_overdue", args=[tree.province.code])
    allowed = {commune_page: {"chair_a"}, province_page: {"province_officer"}}
    for url, who in allowed.items():
        for name in EVERYONE:
            client.force_login(personas[name])
            response = client.get(url)
            assert response.status_code == (200 if name in who else 404), (url, name)
    client.force_login(personas["chair_a"])
    body = client.get(commune_page).content.decode()
    assert agency_case.tracking_code in body and commune_case.tracking_code not in body
    assert "Lấn chiếm" not in body  # no subject or content, only the unit, code and dates
    client.force_login(personas["province_officer"])
    body = client.get(province_page).content.decode()
    assert commune_case.tracking_code in body and agency_case.tracking_code not in body


def test_the_oversight_page_queries_do_not_grow_with_the_cases(client, tree, personas):
    client.force_login(personas["chair_a"])
    url = reverse("petitions:oversight_overdue", args=[tree.commune_a.code])
    overdue_denunciation(tree.agency_a, personas["agency_head_a"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(8):
        overdue_denunciation(tree.agency_a, personas["agency_head_a"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_superior_asks_once_and_the_handler_is_told(client, tree, personas):
    chair, head = personas["chair_a"], personas["agency_head_a"]
    case = overdue_denunciation(tree.agency_a, head)
    client.force_login(chair)
    response = client.post(reverse("petitions:oversight_request", args=[case.pk]))
    assert response.status_code == 302
    event = CaseEvent.objects.get(case=case, action=oversight.REQUESTED)
    assert event.public is False
    audit = AuditEvent.objects.get(action=oversight.REQUEST_ACTION, target_id=str(case.pk))
    assert audit.data["late"] is True  # asked months after the lapse, not within 5 working days
    assert Notification.objects.filter(recipient=head, title__contains=case.tracking_code).exists()
    before = snapshot(case)
    with pytest.raises(PetitionError) as caught:
        oversight.report_request(actor=chair, case=case)
    assert str(caught.value) == oversight._messages()["already_requested"]
    assert snapshot(case) == before
    assert refusals(case)[-1]["reason"] == "already_requested"


def test_only_the_superior_asks_and_only_for_an_overdue_denunciation(client, tree, personas):
    case = overdue_denunciation(tree.agency_a, personas["agency_head_a"])
    for name in ("officer_a", "agency_head_a", "officer_b", "province_officer"):
        client.force_login(personas[name])
        response = client.post(reverse("petitions:oversight_request", args=[case.pk]))
        assert response.status_code == 404, name
    with pytest.raises(NotPermitted):
        oversight.report_request(actor=personas["officer_a"], case=case)
    assert not CaseEvent.objects.filter(case=case, action=oversight.REQUESTED).exists()
    on_time = make_case(tree.agency_a, "denunciation", status="accepted", due_on=date(2099, 1, 1))
    with pytest.raises(PetitionError) as caught:
        oversight.report_request(actor=personas["chair_a"], case=on_time)
    assert str(caught.value) == oversight._messages()["not_overdue"]


def test_the_handler_reports_within_five_working_days(client, tree, personas):
    chair, head = personas["chair_a"], personas["agency_head_a"]
    case = overdue_denunciation(tree.agency_a, head)
    with pytest.raises(PetitionError) as caught:
        oversight.report_submit(actor=head, case=case, report="Đang xác minh.")
    assert str(caught.value) == oversight._messages()["no_request"]
    oversight.report_request(actor=chair, case=case, on=date(2026, 4, 9))
    with pytest.raises(PetitionError) as caught:
        oversight.report_submit(actor=head, case=case, report=f"Bà {SECRET['full_name']} ...")
    assert str(caught.value) == oversight._messages()["identity_in_text"]
    # Requested Thu 9/4; the 5 working days end on Thu 16/4: a report on Fri 17/4 is late.
    oversight.report_submit(
        actor=head, case=case, report="Đang xác minh tại hai địa điểm.", on=date(2026, 4, 17)
    )
    audit = AuditEvent.objects.get(action=oversight.REPORT_ACTION, target_id=str(case.pk))
    assert (audit.data["report_by"], audit.data["late"]) == ("2026-04-16", True)
    with pytest.raises(PetitionError):
        oversight.report_submit(actor=head, case=case, report="Lần nữa.")
    client.force_login(head)
    page = client.get(reverse("petitions:workflow_case", args=[case.pk])).content.decode()
    assert "Đang xác minh tại hai địa điểm." in page  # on the timeline
    assert 'name="report-report"' not in page  # answered: no open request


def test_the_case_page_offers_the_report_while_a_request_is_open(client, tree, personas):
    chair, head = personas["chair_a"], personas["agency_head_a"]
    case = overdue_denunciation(tree.agency_a, head)
    oversight.report_request(actor=chair, case=case)
    client.force_login(head)
    page = client.get(reverse("petitions:workflow_case", args=[case.pk]))
    assert b'name="report-report"' in page.content
    response = client.post(
        reverse("petitions:workflow_case_step", args=[case.pk, "report"]),
        {"report-report": "Đã xác minh xong, đang dự thảo kết luận."},
    )
    assert response.status_code == 302
    assert CaseEvent.objects.filter(case=case, action=oversight.REPORTED).exists()


def test_an_overdue_denunciation_escalates_to_the_superior(tree, personas):
    chair = personas["chair_a"]
    case = overdue_denunciation(tree.agency_a, personas["agency_head_a"])
    services.petitions_alerts_run(today=date(2026, 4, 10))
    to_chair = Notification.objects.filter(recipient=chair)
    assert to_chair.count() == 1
    assert to_chair.get().url == reverse("petitions:oversight_overdue", args=[tree.commune_a.code])
    assert case.tracking_code not in to_chair.get().title  # the superior sees the unit and date


def test_the_superior_reads_the_report_and_is_told_of_it(client, tree, personas):
    chair, head = personas["chair_a"], personas["agency_head_a"]
    case = overdue_denunciation(tree.agency_a, head)
    oversight.report_request(actor=chair, case=case)
    before = Notification.objects.filter(recipient=chair).count()
    oversight.report_submit(actor=head, case=case, report="Đang đối chiếu chứng từ thu tiền.")
    assert Notification.objects.filter(recipient=chair).count() == before + 1
    client.force_login(chair)
    page = client.get(reverse("petitions:oversight_overdue", args=[tree.commune_a.code]))
    assert "Đang đối chiếu chứng từ thu tiền." in page.content.decode()


def test_a_denunciation_late_in_processing_is_not_escalated_to_the_superior(tree, personas):
    chair = personas["chair_a"]
    make_case(
        tree.agency_a,
        "denunciation",
        due_on=date(2026, 3, 11),
        handler=personas["agency_head_a"],
    )
    services.petitions_alerts_run(today=date(2026, 3, 20))
    assert not Notification.objects.filter(recipient=chair).exists()


def test_an_enterprise_has_no_superior_in_the_oversight(client, tree, personas):
    from danchu.core.units.domain.kinds import Kind
    from tests.conftest import make_unit

    enterprise = make_unit("90001-D01", "Công ty TNHH Thử", Kind.ENTERPRISE, tree.commune_a)
    case = overdue_denunciation(enterprise, None)
    client.force_login(personas["chair_a"])
    page = client.get(reverse("petitions:oversight_overdue", args=[tree.commune_a.code]))
    assert case.tracking_code not in page.content.decode()
    response = client.post(reverse("petitions:oversight_request", args=[case.pk]))
    assert response.status_code == 404
