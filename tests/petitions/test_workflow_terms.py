"""A case's time-limit circumstances (complex, remote, second complaint, several places), the
person denounced and the notice to them, the assigned handler, and texts that would reveal the
denouncer — services and pages. Deadlines counted by hand from the laws' numbers."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from danchu.core.audit.models import AuditEvent
from danchu.petitions import services_workflow as services
from danchu.petitions.domain import deadlines
from danchu.petitions.domain import workflow as wf
from danchu.petitions.errors import PetitionError
from danchu.petitions.models import Case, CaseEvent, CaseParty
from tests.conftest import make_user
from tests.petitions.test_workflow_services import (
    ACCUSED_SUMMARY,
    ON,
    RECEIVED_ON,
    SECRET,
    document_text,
    make_case,
    refusals,
    sealed_denunciation,
    snapshot,
)

pytestmark = pytest.mark.django_db


# --- the limits beside due_date, counted by hand ---------------------------------------------


@pytest.mark.parametrize(
    ("received_on", "multi_location", "expected"),
    [
        # Law on Denunciations Art. 24(1): 7 working days; Mon 2/3 → Wed 11/3.
        (date(2026, 3, 2), False, date(2026, 3, 11)),
        # … up to 10 working days when verified at several places: → Mon 16/3.
        (date(2026, 3, 2), True, date(2026, 3, 16)),
        # Received on a Friday: 10 working days → Fri 20/3.
        (date(2026, 3, 6), True, date(2026, 3, 20)),
    ],
)
def test_denunciation_processing_limit(received_on, multi_location, expected):
    assert (
        deadlines.denunciation_process_due(received_on, multi_location=multi_location) == expected
    )
    kind_due = wf.receipt_due("denunciation", received_on, multi_location=multi_location)
    assert kind_due == expected


@pytest.mark.parametrize(
    ("function", "start", "expected"),
    [
        # Art. 24(2): transfer within 5 working days; Mon 2/3 → Mon 9/3.
        (deadlines.denunciation_transfer_due, date(2026, 3, 2), date(2026, 3, 9)),
        # Art. 38(2): report on an overdue case within 5 working days; Wed 11/3 → Wed 18/3.
        (deadlines.overdue_report_due, date(2026, 3, 11), date(2026, 3, 18)),
    ],
)
def test_working_day_limits_of_denunciations(function, start, expected):
    assert function(start) == expected


@pytest.mark.parametrize(
    ("decided_on", "instance", "expected"),
    [
        # Law on Complaints Art. 32: a first decision within 3 working days; Thu 19/3 → Tue 24/3.
        (date(2026, 3, 19), 1, date(2026, 3, 24)),
        # Art. 41(1): a second decision within 7 days; Thu 19/3 → Thu 26/3.
        (date(2026, 3, 19), 2, date(2026, 3, 26)),
        # The 7th day is Sunday 29/3: the limit ends on Monday 30/3 (Civil Code Art. 148(4)).
        (date(2026, 3, 22), 2, date(2026, 3, 30)),
    ],
)
def test_sending_a_complaint_decision(decided_on, instance, expected):
    assert deadlines.decision_send_due(decided_on, instance=instance) == expected


@pytest.mark.parametrize(
    ("first_known_on", "remote", "expected"),
    [
        # Law on Complaints Art. 33(1): 30 days; 2/3 → Wed 1/4.
        (date(2026, 3, 2), False, date(2026, 4, 1)),
        # 45 days in a remote area: 2/3 → Thu 16/4.
        (date(2026, 3, 2), True, date(2026, 4, 16)),
        # The 30th day is Saturday 4/4: the limit ends on Monday 6/4 (Civil Code Art. 148(4)).
        (date(2026, 3, 5), False, date(2026, 4, 6)),
    ],
)
def test_second_complaint_window(first_known_on, remote, expected):
    assert deadlines.second_complaint_window_end(first_known_on, remote=remote) == expected


# --- complaint terms -------------------------------------------------------------------------


def test_complexity_and_remoteness_recompute_an_accepted_complaints_limit(tree, personas):
    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "complaint")
    services.complaint_accept(actor=officer, case=case, on=ON)
    case.refresh_from_db()
    assert case.due_on == date(2026, 4, 8)  # Art. 28: 30 days from Mon 9/3
    services.case_set_terms(actor=officer, case=case, complex=True)
    case.refresh_from_db()
    assert case.due_on == date(2026, 4, 23)  # complex: 45 days
    services.case_set_terms(actor=officer, case=case, remote=True)
    case.refresh_from_db()
    assert case.due_on == date(2026, 5, 8)  # remote and complex: 60 days
    audit = AuditEvent.objects.filter(action=services.TERMS_ACTION, target_id=str(case.pk))
    assert [a.data.get("due_on") for a in audit.order_by("pk")] == ["2026-04-23", "2026-05-08"]


def test_a_second_complaint_is_set_before_acceptance_with_its_first_decision_date(tree, personas):
    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "complaint")
    before = snapshot(case)
    with pytest.raises(PetitionError) as caught:
        services.case_set_terms(actor=officer, case=case, instance=2)
    assert str(caught.value) == services.message("first_known_required")
    with pytest.raises(PetitionError) as caught:
        services.case_set_terms(
            actor=officer, case=case, instance=2, first_known_on=date(2026, 3, 3)
        )
    assert str(caught.value) == services.message("first_known_after")
    assert snapshot(case) == before
    assert [r["reason"] for r in refusals(case)] == ["first_known_required", "first_known_after"]

    first = make_case(tree.agency_a, "complaint", status="resolved")
    services.case_set_terms(
        actor=officer,
        case=case,
        instance=2,
        first_known_on=date(2026, 2, 10),
        earlier_case=first,
        remote=True,
    )
    case.refresh_from_db()
    assert (case.instance, case.earlier_case_id, case.first_decision_known_on) == (
        2,
        first.pk,
        date(2026, 2, 10),
    )
    assert case.decision_known_on is None  # the Art. 9 date of a first complaint is another
    services.complaint_accept(actor=officer, case=case, on=ON)
    case.refresh_from_db()
    assert case.due_on == date(2026, 5, 8)  # Art. 37: remote, 60 days from 9/3
    with pytest.raises(PetitionError) as caught:
        services.case_set_terms(actor=officer, case=case, instance=1)
    assert str(caught.value) == services.message("instance_after_accept")


def test_the_first_instance_case_must_be_of_a_body_below(tree, personas):
    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "complaint")
    same_unit = make_case(tree.commune_a, "complaint", status="resolved")
    elsewhere = make_case(tree.commune_b, "complaint", status="resolved")
    feedback = make_case(tree.agency_a, "feedback", status="answered")
    for earlier in (same_unit, elsewhere, feedback):
        with pytest.raises(PetitionError) as caught:
            services.case_set_terms(
                actor=officer,
                case=case,
                instance=2,
                first_known_on=date(2026, 2, 20),
                earlier_case=earlier,
            )
        assert str(caught.value) == services.message("earlier_case")
    case.refresh_from_db()
    assert (case.instance, case.earlier_case_id) == (1, None)


@pytest.mark.parametrize(
    ("first_known_on", "expected_status", "problem"),
    [
        # Received Mon 2/3. Known 26/1: the 30 days ended on Wed 25/2 → time-barred.
        (date(2026, 1, 26), "not_accepted", None),
        # Known 10/2: the 30 days end on Thu 12/3 → still within Art. 33.
        (date(2026, 2, 10), "received", "not_time_barred"),
    ],
)
def test_a_second_complaint_is_time_barred_by_article_33_not_the_90_days(
    tree, personas, first_known_on, expected_status, problem
):
    chair = personas["chair_a"]
    case = make_case(tree.commune_a, "complaint", handler=chair)
    services.case_set_terms(actor=chair, case=case, instance=2, first_known_on=first_known_on)
    if problem:
        with pytest.raises(PetitionError):
            services.complaint_refuse(
                actor=chair, case=case, grounds=["time_barred"], reason="Hết thời hạn.", on=ON
            )
        assert refusals(case)[-1]["reason"] == problem
    else:
        services.complaint_refuse(
            actor=chair, case=case, grounds=["time_barred"], reason="Hết thời hạn.", on=ON
        )
    case.refresh_from_db()
    assert case.status == expected_status


def test_several_places_lengthen_a_denunciations_processing_before_acceptance(tree, personas):
    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a)
    assert case.due_on == date(2026, 3, 11)
    services.case_set_terms(actor=officer, case=case, multi_location=True)
    case.refresh_from_db()
    assert (case.multi_location, case.due_on) == (True, date(2026, 3, 16))
    with pytest.raises(PetitionError) as caught:
        services.case_set_terms(actor=officer, case=case, complex=True)
    assert str(caught.value) == services.message("terms_kind")
    services.denunciation_accept(
        actor=officer, case=case, accused_summary=ACCUSED_SUMMARY, on=date(2026, 3, 13)
    )
    audit = AuditEvent.objects.get(action="petitions.case_accepted", target_id=str(case.pk))
    assert audit.data["late"] is False  # 13/3 is within the 10 working days, not the 7
    with pytest.raises(PetitionError) as caught:
        services.case_set_terms(actor=officer, case=case, multi_location=False)
    assert str(caught.value) == services.message("multi_location_late")


# --- handlers --------------------------------------------------------------------------------


def test_a_denunciation_waits_for_its_assigned_handler(tree, personas):
    officer, chair = personas["officer_a"], personas["chair_a"]
    unassigned = sealed_denunciation(tree.commune_a, handler=None)
    before = snapshot(unassigned)
    for actor in (officer, chair):
        with pytest.raises(PetitionError) as caught:
            services.denunciation_accept(
                actor=actor, case=unassigned, accused_summary=ACCUSED_SUMMARY, on=ON
            )
        assert str(caught.value) == services.message("unassigned")
    assert snapshot(unassigned) == before
    assert [r["reason"] for r in refusals(unassigned)] == ["unassigned", "unassigned"]


def test_only_the_handler_or_the_head_of_the_unit_takes_the_steps(tree, personas):
    officer, chair = personas["officer_a"], personas["chair_a"]
    other_officer = make_user("0911000099", "commune_officer", tree.commune_a)
    complaint = make_case(tree.commune_a, "complaint")
    services.complaint_accept(actor=officer, case=complaint, on=ON)
    complaint.refresh_from_db()
    assert complaint.handler_id == officer.pk  # the first to act on a complaint handles it
    before = snapshot(complaint)
    with pytest.raises(PetitionError) as caught:
        services.complaint_resolve(
            actor=other_officer, case=complaint, decision="Giữ nguyên.", on=ON
        )
    assert str(caught.value) == services.message("not_handler")
    assert snapshot(complaint) == before
    assert refusals(complaint)[-1]["reason"] == "not_handler"
    # The commune chair, who resolves first complaints (Law on Complaints Art. 17), may.
    services.complaint_resolve(actor=chair, case=complaint, decision="Giữ nguyên.", on=ON)
    assert Case.objects.get(pk=complaint.pk).status == "resolved"


# --- the accused and the notice to them ------------------------------------------------------


def test_the_accused_is_recorded_and_acceptance_needs_one(tree, personas):
    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a)
    CaseParty.objects.filter(case=case).delete()
    with pytest.raises(PetitionError) as caught:
        services.denunciation_accept(
            actor=officer, case=case, accused_summary=ACCUSED_SUMMARY, on=ON
        )
    assert str(caught.value) == services.message("accused_required")
    with pytest.raises(PetitionError) as caught:
        services.case_add_accused(actor=officer, case=case, full_name="  ")
    assert str(caught.value) == services.message("party_name")
    party = services.case_add_accused(
        actor=officer, case=case, full_name="Ông Lê Văn Địa", address="UBND xã An Phú"
    )
    assert (party.role, party.full_name) == ("accused", "Ông Lê Văn Địa")
    assert AuditEvent.objects.filter(
        action=services.ACCUSED_ACTION, target_id=str(case.pk)
    ).exists()
    feedback = make_case(tree.commune_a, "feedback")
    with pytest.raises(PetitionError) as caught:
        services.case_add_accused(actor=officer, case=feedback, full_name="Ai đó")
    assert str(caught.value) == services.message("terms_kind")


@pytest.mark.parametrize(
    "summary",
    [
        f"Theo bà {SECRET['full_name']}, cán bộ thu tiền.",
        "Theo ba tran thi bi mat, can bo thu tien.",  # without diacritics
        "Liên hệ 0987 654 321 để biết thêm.",  # the phone with spaces
        "Liên hệ +84 987.654.321 để biết thêm.",  # the phone in international form
        f"Người có CCCD {SECRET['id_number']} cho biết.",
    ],
)
def test_a_summary_for_the_accused_that_reveals_the_denouncer_is_refused(tree, personas, summary):
    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a)
    before = snapshot(case)
    with pytest.raises(PetitionError) as caught:
        services.denunciation_accept(actor=officer, case=case, accused_summary=summary, on=ON)
    assert str(caught.value) == services.message("identity_in_text")
    assert snapshot(case) == before


def test_the_notice_to_the_accused_has_its_own_reference_and_the_officers_summary(tree, personas):
    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a, subject="Tố cáo của người ở ngõ Kín")
    services.denunciation_accept(actor=officer, case=case, accused_summary=ACCUSED_SUMMARY, on=ON)
    event = CaseEvent.objects.get(case=case, action=services.NOTIFY_ACCUSED)
    text = document_text(event.document)
    assert ACCUSED_SUMMARY in text
    assert event.note.startswith("BTC-26-") and event.note in text
    assert case.tracking_code not in text
    assert "ngõ Kín" not in text
    assert event.public is False


def test_a_conclusion_that_names_the_denouncer_is_refused(tree, personas):
    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a)
    services.denunciation_accept(actor=officer, case=case, accused_summary=ACCUSED_SUMMARY, on=ON)
    with pytest.raises(PetitionError) as caught:
        services.denunciation_conclude(
            actor=officer,
            case=case,
            conclusion=f"Bà {SECRET['full_name']} tố cáo đúng.",
            on=date(2026, 3, 20),
        )
    assert str(caught.value) == services.message("identity_in_text")
    assert Case.objects.get(pk=case.pk).status == "accepted"


# --- pages -----------------------------------------------------------------------------------


def test_the_case_page_sets_terms_and_records_the_accused(client, tree, personas):
    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "complaint", handler=officer)
    client.force_login(officer)
    page = client.get(reverse("petitions:workflow_case", args=[case.pk]))
    assert page.status_code == 200
    assert b'name="terms-complex"' in page.content
    assert b'name="accused-full_name"' in page.content
    response = client.post(
        reverse("petitions:workflow_case_step", args=[case.pk, "terms"]),
        {"terms-instance": "1", "terms-complex": "on"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("petitions:workflow_case_step", args=[case.pk, "accused"]),
        {"accused-full_name": "Chủ tịch UBND xã", "accused-address": ""},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.complex is True
    assert case.parties.filter(role="accused", full_name="Chủ tịch UBND xã").exists()
    response = client.post(
        reverse("petitions:workflow_case_step", args=[case.pk, "terms"]),
        {"terms-instance": "2", "terms-earlier_code": "KHONG-CO"},
    )
    assert response.status_code == 400
    assert services.message("earlier_case") in response.content.decode()


def test_another_units_officer_cannot_set_terms_or_add_the_accused(client, tree, personas):
    case = make_case(tree.commune_a, "complaint")
    client.force_login(personas["officer_b"])
    for action, data in (
        ("terms", {"terms-instance": "1", "terms-complex": "on"}),
        ("accused", {"accused-full_name": "X"}),
    ):
        response = client.post(
            reverse("petitions:workflow_case_step", args=[case.pk, action]), data
        )
        assert response.status_code == 404
    case.refresh_from_db()
    assert case.complex is False and not case.parties.exists()


def test_received_denunciation_page_shows_the_transfer_limit(client, tree, personas):
    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a, received_on=RECEIVED_ON)
    client.force_login(officer)
    page = client.get(reverse("petitions:workflow_case", args=[case.pk]))
    assert "09/03/2026" in page.content.decode()


def test_terms_and_accused_endpoints_permission_matrix(client, tree, personas):
    from tests.petitions.test_workflow_views import EVERYONE, HANDLERS

    case = make_case(tree.commune_a, "complaint")
    posts = {
        "terms": {"terms-instance": "1", "terms-remote": "on"},
        "accused": {"accused-full_name": "Chủ tịch UBND xã"},
    }
    for action, data in posts.items():
        url = reverse("petitions:workflow_case_step", args=[case.pk, action])
        client.logout()
        assert client.post(url, data).status_code == 302  # to the login page
        for name in EVERYONE:
            if name in HANDLERS:
                continue
            client.force_login(personas[name])
            assert client.post(url, data).status_code == 404, (action, name)
    case.refresh_from_db()
    assert case.remote is False and not case.parties.exists()
    client.force_login(personas["officer_a"])
    for action, data in posts.items():
        url = reverse("petitions:workflow_case_step", args=[case.pk, action])
        assert client.get(url).status_code == 405
        assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.remote is True and case.parties.filter(role="accused").count() == 1
    feedback = make_case(tree.commune_a, "feedback")
    url = reverse("petitions:workflow_case_step", args=[feedback.pk, "terms"])
    assert client.post(url, posts["terms"]).status_code == 404  # no terms for feedback


def test_a_name_that_only_contains_the_denouncers_is_not_refused(tree, personas):
    from danchu.petitions.sealing import seal_case_identity

    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a)
    seal_case_identity(case, {"full_name": "Nguyễn Văn An", "phone": "0912345678"})
    services.case_add_accused(actor=officer, case=case, full_name="Nguyễn Văn Anh")
    assert case.parties.filter(full_name="Nguyễn Văn Anh").exists()
    with pytest.raises(PetitionError):
        services.case_add_accused(actor=officer, case=case, full_name="ông Nguyễn Văn An")


def test_the_head_does_not_act_on_or_route_a_denunciation_assigned_to_another(tree, personas):
    from danchu.petitions.services_intake import case_route

    officer, chair = personas["officer_a"], personas["chair_a"]
    other_officer = make_user("0911000098", "commune_officer", tree.commune_a)
    case = sealed_denunciation(tree.commune_a)  # assigned to officer_a
    with pytest.raises(PetitionError) as caught:
        services.case_add_accused(actor=chair, case=case, full_name="Trần Thị Bí Mật")
    assert str(caught.value) == services.message("not_handler")  # no answer to a guess
    unassigned = sealed_denunciation(tree.commune_a, handler=None)
    with pytest.raises(PetitionError):
        case_route(actor=other_officer, case=unassigned, handler=other_officer)
    with pytest.raises(PetitionError):
        case_route(actor=other_officer, case=case, handler=other_officer)
    unassigned.refresh_from_db()
    case.refresh_from_db()
    assert (unassigned.handler_id, case.handler_id) == (None, officer.pk)
    case_route(actor=chair, case=unassigned, handler=other_officer)
    assert Case.objects.get(pk=unassigned.pk).handler_id == other_officer.pk


def test_papers_to_the_accused_and_the_public_carry_the_reference_not_the_code(tree, personas):
    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a, subject="Tố cáo của người ở ngõ Kín")
    services.denunciation_accept(actor=officer, case=case, accused_summary=ACCUSED_SUMMARY, on=ON)
    reference = CaseEvent.objects.get(case=case, action=services.NOTIFY_ACCUSED).note
    services.denunciation_extend(actor=officer, case=case, reason="Cần xác minh thêm.", on=ON)
    services.denunciation_conclude(
        actor=officer, case=case, conclusion="Tố cáo đúng một phần.", on=date(2026, 3, 20)
    )
    services.denunciation_publish(
        actor=officer, case=case, place="Niêm yết tại trụ sở UBND xã", on=date(2026, 3, 23)
    )
    for action in ("extend", "conclude", "publish"):
        text = document_text(CaseEvent.objects.get(case=case, action=action).document)
        assert reference in text, action
        assert case.tracking_code not in text, action
        assert "ngõ Kín" not in text, action


# --- the content as verifiers see it (Art. 56) -----------------------------------------------

LETTER = (
    "Tôi là Trần Thị Bí Mật, ở Số 7 ngõ Kín, thôn Một, điện thoại 0987.654.321, "
    "CCCD 001234567890. Tôi tố cáo cán bộ địa chính thu tiền trái phép; tran thi bi mat ký."
)


def test_redaction_strips_the_denouncers_identity_from_the_content(tree, personas):
    from danchu.petitions.sealing import REDACTED, redact_identity

    case = sealed_denunciation(tree.commune_a, content=LETTER)
    redacted = redact_identity(case, LETTER)
    for value in SECRET.values():
        assert value not in redacted
    assert "tran thi bi mat" not in redacted
    assert "0987.654.321" not in redacted
    assert redacted.count(REDACTED) == 5
    assert "Tôi tố cáo cán bộ địa chính thu tiền trái phép" in redacted
    feedback = make_case(tree.commune_a, "feedback", content=LETTER)
    assert redact_identity(feedback, LETTER) == LETTER  # nothing sealed, nothing stripped


def test_only_the_handler_reads_the_content_whole_on_pages_and_api(client, tree, personas):
    officer, chair = personas["officer_a"], personas["chair_a"]
    case = sealed_denunciation(tree.commune_a, content=LETTER)
    urls = [
        reverse("petitions:workflow_case", args=[case.pk]),
        reverse("petitions:intake_case", args=[case.pk]),
        f"/api/v1/petitions/{case.pk}",
    ]

    def text(response) -> str:
        if response["Content-Type"].startswith("application/json"):
            return response.json()["content"]
        return response.content.decode()

    for url in urls:
        client.force_login(chair)
        body = text(client.get(url))
        assert "cán bộ địa chính thu tiền trái phép" in body, url
        assert SECRET["full_name"] not in body and "0987.654.321" not in body, url
        client.force_login(officer)
        assert "0987.654.321" in text(client.get(url)), url


def test_back_to_a_first_complaint_clears_the_second_complaints_facts(tree, personas):
    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "complaint", decision_known_on=date(2026, 1, 5))
    first = make_case(tree.agency_a, "complaint", status="resolved")
    services.case_set_terms(
        actor=officer, case=case, instance=2, first_known_on=date(2026, 2, 10), earlier_case=first
    )
    services.case_set_terms(actor=officer, case=case, instance=1)
    case.refresh_from_db()
    assert (case.instance, case.earlier_case_id, case.first_decision_known_on) == (1, None, None)
    assert case.decision_known_on == date(2026, 1, 5)


def test_a_complaint_transferred_in_is_time_barred_from_the_day_it_was_first_lodged(tree, personas):
    from danchu.petitions.services_intake import lodged_on

    chair_a, officer_b = personas["chair_a"], personas["officer_b"]
    # Known on 5/12/2025; lodged at commune A on Mon 2/3/2026 — day 87 of the 90 (Art. 9).
    original = make_case(tree.commune_a, "complaint", decision_known_on=date(2025, 12, 5))
    services.complaint_transfer(
        actor=chair_a,
        case=original,
        to_unit=tree.commune_b,
        reason="Không thuộc thẩm quyền.",
        on=date(2026, 3, 16),
    )
    received = Case.objects.get(transferred_from=original)
    assert received.received_on == date(2026, 3, 16)  # day 101: past the 90 days
    assert lodged_on(received) == date(2026, 3, 2)
    with pytest.raises(PetitionError) as caught:
        services.complaint_refuse(
            actor=officer_b,
            case=received,
            grounds=["time_barred"],
            reason="Hết thời hiệu.",
            on=date(2026, 3, 17),
        )
    assert str(caught.value) == services.message("not_time_barred")


# --- review: every text of a denunciation's steps, and what others read -----------------------


def test_an_extension_reason_naming_the_denouncer_is_refused(tree, personas):
    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a)
    services.denunciation_accept(actor=officer, case=case, accused_summary=ACCUSED_SUMMARY, on=ON)
    before = snapshot(case)
    with pytest.raises(PetitionError) as caught:
        services.denunciation_extend(
            actor=officer, case=case, reason=f"Cần gặp lại bà {SECRET['full_name']}.", on=ON
        )
    assert str(caught.value) == services.message("identity_in_text")
    assert snapshot(case) == before


def test_redaction_handles_punctuation_international_phones_and_keeps_other_numbers(tree, personas):
    from danchu.petitions.sealing import REDACTED, redact_identity

    case = sealed_denunciation(tree.commune_a)
    text = (
        "Ngày 12 3 2024 người ở Số 7 ngõ Kín thôn Một (số +84 987 654 321) báo tin; "
        "TRẦN THỊ BÍ MẬT đã ký."
    )
    redacted = redact_identity(case, text)
    assert redacted.startswith("Ngày 12 3 2024 người ở ")
    assert "ngõ Kín" not in redacted and "654" not in redacted and "TRẦN" not in redacted
    assert redacted.count(REDACTED) == 3


def test_others_read_the_subject_and_notes_without_the_denouncer(client, tree, personas):
    officer, chair = personas["officer_a"], personas["chair_a"]
    case = sealed_denunciation(
        tree.commune_a, subject=f"Đơn của bà {SECRET['full_name']} tố cáo cán bộ địa chính"
    )
    client.force_login(chair)
    page = client.get(reverse("petitions:workflow_case", args=[case.pk])).content.decode()
    assert SECRET["full_name"] not in page and "tố cáo cán bộ địa chính" in page
    queue = client.get(reverse("petitions:workflow_queue", args=[tree.commune_a.code]))
    assert SECRET["full_name"] not in queue.content.decode()
    client.force_login(officer)
    page = client.get(reverse("petitions:workflow_case", args=[case.pk])).content.decode()
    assert SECRET["full_name"] in page  # the handler reads the letter as sent


def test_the_timeline_reads_in_words(client, tree, personas):
    from django.utils.translation import gettext

    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "complaint")
    services.case_set_terms(actor=officer, case=case, complex=True)
    client.force_login(officer)
    page = client.get(reverse("petitions:workflow_case", args=[case.pk])).content.decode()
    assert gettext("Time-limit circumstances set") in page


def test_a_second_decision_paper_cites_article_41(tree, personas):
    officer = personas["officer_a"]
    case = make_case(tree.commune_a, "complaint", instance=2)
    services.complaint_accept(actor=officer, case=case, on=ON)
    services.complaint_dialogue(
        actor=officer,
        case=case,
        held_on=ON,
        participants="Người khiếu nại; UBND xã",
        opinions="Giữ ý kiến.",
    )
    services.complaint_resolve(actor=officer, case=case, decision="Giữ nguyên.", on=ON)
    text = document_text(CaseEvent.objects.get(case=case, action="resolve").document)
    assert "Điều 41" in text and "07 ngày" in text and "Điều 32" not in text
