"""The workflow services: each step, its notice, its deadline, its audit event; every refusal
audited with nothing changed; the denouncer's identity nowhere; alerts once per case."""

from __future__ import annotations

import itertools
import zipfile
from datetime import date, timedelta

import pytest
from django.utils.translation import gettext

from danchu.core.audit.models import AuditEvent
from danchu.core.documents.models import DocumentFile, GeneratedDocument
from danchu.core.notify.models import Notification
from danchu.petitions import services_workflow as services
from danchu.petitions.domain.deadlines import due_date
from danchu.petitions.errors import PetitionError
from danchu.petitions.models import Case, CaseEvent, CaseParty, Extension
from danchu.petitions.sealing import seal_case_identity

RECEIVED_ON = date(2026, 3, 2)
ON = date(2026, 3, 9)
SECRET = {
    "full_name": "Trần Thị Bí Mật",
    "address": "Số 7 ngõ Kín, thôn Một",
    "phone": "0987654321",
    "id_number": "001234567890",
}
_codes = itertools.count(1)


def make_case(unit, kind, *, status="received", received_on=RECEIVED_ON, **extra) -> Case:
    from danchu.petitions.domain import workflow as wf

    fields = {
        "unit": unit,
        "tracking_code": f"WF-{next(_codes):06d}",
        "kind": kind,
        "channel": "web",
        "status": status,
        "subject": "Lấn chiếm đất công ở thôn Một",
        "content": "Nội dung đơn.",
        "received_on": received_on,
        "due_on": wf.receipt_due(kind, received_on) if kind != "unclassified" else None,
    }
    fields.update(extra)
    return Case.objects.create(**fields)


def sealed_denunciation(unit, *, handler="officer_a", **extra) -> Case:
    """A received denunciation with its accused recorded and its denouncer sealed, assigned to
    the persona ``handler`` (by full name; None for no assignment)."""
    if isinstance(handler, str):
        from danchu.core.access.models import User

        handler = User.objects.get(full_name=handler)
    case = make_case(unit, "denunciation", handler=handler, **extra)
    CaseParty.objects.create(case=case, role="accused", full_name="Ông Bị Tố")
    seal_case_identity(case, SECRET)
    return case


ACCUSED_SUMMARY = "Thu tiền của các hộ dân khi làm thủ tục đất đai không có căn cứ."


def document_text(document: GeneratedDocument) -> str:
    """The HTML and the DOCX text of a generated notice (the PDF is made from the HTML)."""
    parts = [document.title, document.summary]
    for stored in DocumentFile.objects.filter(document=document):
        content = stored.file.open("rb").read()
        if stored.format == "html":
            parts.append(content.decode("utf-8"))
        elif stored.format == "docx":
            with zipfile.ZipFile(stored.file.open("rb")) as archive:
                parts.append(archive.read("word/document.xml").decode("utf-8"))
        else:
            assert content.startswith(b"%PDF")
    return "\n".join(parts)


def assert_no_identity(text: str) -> None:
    for value in SECRET.values():
        assert value not in text


def refusals(case: Case) -> list[dict]:
    return list(
        AuditEvent.objects.filter(
            action=services.REFUSED_ACTION, target_id=str(case.pk)
        ).values_list("data", flat=True)
    )


def snapshot(case: Case) -> tuple:
    case.refresh_from_db()
    return (
        case.status,
        case.due_on,
        case.extensions,
        case.accepted_on,
        CaseEvent.objects.filter(case=case).count(),
        GeneratedDocument.objects.count(),
    )


# --- complaints ------------------------------------------------------------------------------


def test_complaint_accept_writes_the_notice_and_the_resolution_deadline(tree, personas):
    case = make_case(tree.commune_a, "complaint", complex=True)
    CaseParty.objects.create(case=case, role="sender", full_name="Nguyễn Văn Khiếu")

    services.complaint_accept(actor=personas["officer_a"], case=case, on=ON)

    case.refresh_from_db()
    assert case.status == "accepted"
    assert case.accepted_on == ON
    assert case.due_on == due_date("complaint", "resolve_first", ON, complex=True)
    assert case.handler == personas["officer_a"]
    event = CaseEvent.objects.get(case=case, action="accept")
    text = document_text(event.document)
    assert "thụ lý giải quyết khiếu nại" in text
    assert "Nguyễn Văn Khiếu" in text
    assert set(
        DocumentFile.objects.filter(document=event.document).values_list("format", flat=True)
    ) >= {"pdf"}
    audit = AuditEvent.objects.get(action="petitions.case_accepted", target_id=str(case.pk))
    assert audit.data["due_on"] == case.due_on.isoformat()
    assert audit.data["late"] is False


def test_resolving_before_acceptance_is_refused_audited_and_changes_nothing(tree, personas):
    case = make_case(tree.commune_a, "complaint")
    before = snapshot(case)

    with pytest.raises(PetitionError) as caught:
        services.complaint_resolve(
            actor=personas["officer_a"], case=case, decision="Bác đơn.", on=ON
        )

    assert str(caught.value) == gettext("The case must be accepted first.")
    assert snapshot(case) == before
    assert refusals(case) == [
        {"tracking_code": case.tracking_code, "step": "resolve", "reason": "no_acceptance"}
    ]


def test_complaint_refuse_needs_grounds_from_article_11_and_reasons(tree, personas):
    case = make_case(tree.commune_a, "complaint", signed=False)
    before = snapshot(case)
    with pytest.raises(PetitionError):
        services.complaint_refuse(actor=personas["chair_a"], case=case, grounds=[], reason="x")
    with pytest.raises(PetitionError):
        services.complaint_refuse(
            actor=personas["chair_a"], case=case, grounds=["unsigned"], reason="  "
        )
    with pytest.raises(PetitionError):
        services.complaint_refuse(
            actor=personas["chair_a"], case=case, grounds=["made_up"], reason="Lý do."
        )
    assert snapshot(case) == before
    assert [r["reason"] for r in refusals(case)] == [
        "grounds_required",
        "reason_required",
        "grounds_required",
    ]

    services.complaint_refuse(
        actor=personas["chair_a"],
        case=case,
        grounds=["unsigned"],
        reason="Đơn không có chữ ký.",
        on=ON,
    )
    case.refresh_from_db()
    assert case.status == "not_accepted"
    assert case.due_on is None
    text = document_text(CaseEvent.objects.get(case=case, action="refuse").document)
    assert "khoản 5 Điều 11" in text
    assert "Đơn không có chữ ký." in text


def test_complaint_refuse_checks_the_grounds_against_the_case(tree, personas):
    """Issue #7 review: the same checks as classifying a case not admissible."""
    chair = personas["chair_a"]
    signed = make_case(tree.commune_a, "complaint", signed=True)
    fresh = make_case(tree.commune_a, "complaint", signed=False, decision_known_on=date(2026, 1, 5))
    before = (snapshot(signed), snapshot(fresh))
    with pytest.raises(PetitionError) as caught:
        services.complaint_refuse(actor=chair, case=signed, grounds=["unsigned"], reason="X.")
    assert str(caught.value) == gettext(
        "The letter is signed or fingerprinted; choose another reason."
    )
    for case in (signed, fresh):
        with pytest.raises(PetitionError) as caught:
            services.complaint_refuse(
                actor=chair, case=case, grounds=["time_barred"], reason="Hết thời hiệu.", on=ON
            )
        assert "90" in str(caught.value)
    assert (snapshot(signed), snapshot(fresh)) == before
    assert [r["reason"] for r in refusals(signed)] == ["signed", "not_time_barred"]
    assert [r["reason"] for r in refusals(fresh)] == ["not_time_barred"]
    barred = make_case(
        tree.commune_a, "complaint", signed=True, decision_known_on=date(2025, 11, 1)
    )
    services.complaint_refuse(
        actor=chair, case=barred, grounds=["time_barred"], reason="Hết thời hiệu.", on=ON
    )
    barred.refresh_from_db()
    assert barred.status == "not_accepted"


def test_an_anonymous_case_is_not_accepted_as_a_complaint_or_denunciation(tree, personas):
    for kind, accept in (
        ("complaint", services.complaint_accept),
        (
            "denunciation",
            lambda **kw: services.denunciation_accept(accused_summary=ACCUSED_SUMMARY, **kw),
        ),
    ):
        case = make_case(tree.commune_a, kind, anonymous=True, handler=personas["officer_a"])
        before = snapshot(case)
        with pytest.raises(PetitionError) as caught:
            accept(actor=personas["officer_a"], case=case, on=ON)
        assert str(caught.value) == services._messages()["anonymous"]
        assert snapshot(case) == before
        assert [r["reason"] for r in refusals(case)] == ["anonymous"]


def test_a_denunciation_is_not_extended_after_its_deadline(tree, personas):
    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a)
    services.denunciation_accept(actor=officer, case=case, accused_summary=ACCUSED_SUMMARY, on=ON)
    case.refresh_from_db()
    before = snapshot(case)
    with pytest.raises(PetitionError) as caught:
        services.denunciation_extend(
            actor=officer, case=case, reason="Cần thêm thời gian.", on=case.due_on + timedelta(1)
        )
    assert str(caught.value) == services._messages()["extension_late"]
    assert snapshot(case) == before
    assert not Extension.objects.filter(case=case).exists()
    assert [r["reason"] for r in refusals(case)] == ["extension_late"]
    services.denunciation_extend(actor=officer, case=case, reason="Kịp hạn.", on=case.due_on)
    case.refresh_from_db()
    assert case.extensions == 1


def test_second_instance_complaint_needs_a_dialogue_then_records_when_it_was_sent(tree, personas):
    case = make_case(tree.commune_a, "complaint", instance=2, remote=True)
    officer = personas["officer_a"]
    services.complaint_accept(actor=officer, case=case, on=ON)
    case.refresh_from_db()
    assert case.due_on == due_date("complaint", "resolve_second", ON, remote=True)

    with pytest.raises(PetitionError) as caught:
        services.complaint_resolve(actor=officer, case=case, decision="Giữ nguyên.", on=ON)
    assert refusals(case)[0]["reason"] == "dialogue_required"
    assert str(caught.value) == gettext(
        "A second-instance complaint is resolved only after a dialogue with the parties."
    )
    with pytest.raises(PetitionError):
        services.complaint_dialogue(
            actor=officer, case=case, held_on=ON, participants="", opinions=""
        )

    services.complaint_dialogue(
        actor=officer,
        case=case,
        held_on=ON + timedelta(days=3),
        participants="Người khiếu nại; Chủ tịch UBND xã",
        opinions="Người khiếu nại giữ yêu cầu; UBND xã giữ quyết định.",
        result="Không thống nhất.",
    )
    minutes = CaseEvent.objects.get(case=case, action="dialogue")
    assert "Ý kiến của những người tham gia" in document_text(minutes.document)

    decided = ON + timedelta(days=10)  # Thursday 19/3
    services.complaint_resolve(
        actor=officer,
        case=case,
        decision="Giữ nguyên quyết định.",
        on=decided,
        sent_on=decided + timedelta(days=6),
    )
    case.refresh_from_db()
    assert case.status == "resolved"
    assert case.due_on is None
    audit = AuditEvent.objects.get(action="petitions.complaint_resolved", target_id=str(case.pk))
    assert audit.data["sent_on"] == "2026-03-25"
    # A second decision is sent within 7 days (Law on Complaints Art. 41): Thu 19/3 → Thu 26/3.
    assert audit.data["send_by"] == "2026-03-26"
    assert audit.data["sent_late"] is False
    assert "25/03/2026" in CaseEvent.objects.get(case=case, action="resolve").note


def test_withdrawal_must_be_signed_and_closes_the_complaint(tree, personas):
    case = make_case(tree.commune_a, "complaint")
    before = snapshot(case)
    with pytest.raises(PetitionError):
        services.case_withdraw(actor=personas["officer_a"], case=case, signed=False)
    with pytest.raises(PetitionError):
        services.case_withdraw(
            actor=personas["officer_a"], case=case, signed=True, continue_ground="slander"
        )
    assert snapshot(case) == before
    services.case_withdraw(actor=personas["officer_a"], case=case, signed=True, on=ON)
    case.refresh_from_db()
    assert case.status == "withdrawn"
    with pytest.raises(PetitionError):
        services.complaint_accept(actor=personas["officer_a"], case=case, on=ON)
    assert refusals(case)[-1]["reason"] == "withdrawn"


def test_an_officer_of_another_unit_is_refused_and_audited(tree, personas):
    from danchu.core.access.errors import NotPermitted

    case = make_case(tree.commune_a, "complaint")
    before = snapshot(case)
    for actor in (personas["officer_b"], personas["front_a"], personas["resident"]):
        with pytest.raises(NotPermitted):
            services.complaint_accept(actor=actor, case=case, on=ON)
    assert snapshot(case) == before
    assert [r["reason"] for r in refusals(case)] == ["not_permitted"] * 3


def test_a_step_of_another_kind_is_refused(tree, personas):
    case = make_case(tree.commune_a, "feedback")
    with pytest.raises(PetitionError):
        services.complaint_accept(actor=personas["officer_a"], case=case, on=ON)
    unclassified = make_case(tree.commune_a, "unclassified")
    with pytest.raises(PetitionError):
        services.complaint_accept(actor=personas["officer_a"], case=unclassified, on=ON)
    assert refusals(case)[0]["reason"] == "wrong_kind"
    assert refusals(unclassified)[0]["reason"] == "unclassified"


def test_a_future_date_is_refused(tree, personas):
    from django.utils import timezone

    case = make_case(tree.commune_a, "complaint")
    with pytest.raises(PetitionError):
        services.complaint_accept(
            actor=personas["officer_a"], case=case, on=timezone.localdate() + timedelta(days=1)
        )
    assert refusals(case)[0]["reason"] == "future"


# --- denunciations ---------------------------------------------------------------------------


def test_denunciation_path_with_two_extensions_and_no_identity_anywhere(tree, personas):
    case = sealed_denunciation(tree.commune_a)
    officer = personas["officer_a"]

    services.denunciation_accept(actor=officer, case=case, accused_summary=ACCUSED_SUMMARY, on=ON)
    case.refresh_from_db()
    assert case.status == "accepted"
    assert case.due_on == due_date("denunciation", "resolve", ON)
    to_denouncer = CaseEvent.objects.get(case=case, action="accept")
    to_accused = CaseEvent.objects.get(case=case, action="notify_accused")
    assert to_accused.public is False
    assert "Người tố cáo" in document_text(to_denouncer.document)
    accused_text = document_text(to_accused.document)
    assert "Ông Bị Tố" in accused_text
    assert "Người tố cáo (thông tin" not in accused_text

    with pytest.raises(PetitionError):
        services.denunciation_extend(actor=officer, case=case, reason="")
    services.denunciation_extend(actor=officer, case=case, reason="Cần xác minh thêm.", on=ON)
    case.refresh_from_db()
    assert case.extensions == 1
    assert case.due_on == due_date("denunciation", "resolve", ON, extensions=1)
    services.denunciation_extend(
        actor=officer, case=case, reason="Vụ việc đặc biệt phức tạp.", on=ON
    )
    case.refresh_from_db()
    assert case.due_on == due_date("denunciation", "resolve", ON, extensions=2)
    assert Extension.objects.filter(case=case).count() == 2

    before = snapshot(case)
    with pytest.raises(PetitionError) as caught:
        services.denunciation_extend(actor=officer, case=case, reason="Lần ba.", on=ON)
    assert str(caught.value) == gettext("A denunciation can be extended at most twice.")
    assert snapshot(case) == before
    assert refusals(case)[-1]["reason"] == "extensions_exhausted"

    concluded = date(2026, 4, 20)
    services.denunciation_conclude(
        actor=officer, case=case, conclusion="Tố cáo đúng một phần.", on=concluded
    )
    case.refresh_from_db()
    assert case.status == "concluded"
    assert case.due_on == due_date("denunciation", "publish_conclusion", concluded)
    with pytest.raises(PetitionError):
        services.case_withdraw(actor=officer, case=case, signed=True)
    services.denunciation_publish(
        actor=officer, case=case, place="Niêm yết tại trụ sở UBND xã", on=concluded
    )
    case.refresh_from_db()
    assert case.status == "published"
    assert case.published_on == concluded
    assert case.due_on is None

    documents = [e.document for e in CaseEvent.objects.filter(case=case) if e.document_id]
    assert len(documents) == 6  # two acceptance notices, two extensions, conclusion, publication
    for document in documents:
        assert_no_identity(document_text(document))
    for event in CaseEvent.objects.filter(case=case):
        assert_no_identity(event.note)
    for data in AuditEvent.objects.filter(target_id=str(case.pk)).values_list("data", flat=True):
        assert_no_identity(str(data))


def test_denunciation_withdrawal_may_continue_processing_but_a_withdrawn_case_cannot_conclude(
    tree, personas
):
    officer = personas["officer_a"]
    going_on = sealed_denunciation(tree.commune_a)
    services.denunciation_accept(
        actor=officer, case=going_on, accused_summary=ACCUSED_SUMMARY, on=ON
    )
    services.case_withdraw(
        actor=officer, case=going_on, signed=True, continue_ground="signs_of_violation", on=ON
    )
    going_on.refresh_from_db()
    assert going_on.status == "accepted"

    stopped = sealed_denunciation(tree.commune_a)
    services.case_withdraw(actor=officer, case=stopped, signed=True, on=ON)
    stopped.refresh_from_db()
    assert stopped.status == "withdrawn"
    with pytest.raises(PetitionError) as caught:
        services.denunciation_conclude(actor=officer, case=stopped, conclusion="Kết luận.")
    assert str(caught.value) == gettext("This case was withdrawn; no further step is possible.")


def test_denunciation_transfer_and_refusal(tree, personas):
    officer = personas["officer_a"]
    case = sealed_denunciation(tree.commune_a)
    with pytest.raises(PetitionError):
        services.denunciation_transfer(actor=officer, case=case, to_unit=None, reason="x")
    with pytest.raises(PetitionError):
        services.denunciation_transfer(actor=officer, case=case, to_unit=tree.commune_a, reason="x")
    services.denunciation_transfer(
        actor=officer,
        case=case,
        to_unit=tree.commune_b,
        reason="Thuộc thẩm quyền phường.",
        on=date(2026, 3, 10),
    )
    case.refresh_from_db()
    assert case.status == "transferred"
    assert case.transferred_to == tree.commune_b
    audit = AuditEvent.objects.get(
        action="petitions.case_transferred_notified", target_id=str(case.pk)
    )
    assert audit.data["late"] is True  # 5 working days from Monday 2/3 end on Monday 9/3
    assert_no_identity(document_text(CaseEvent.objects.get(case=case, action="transfer").document))

    other = sealed_denunciation(tree.commune_a)
    services.denunciation_refuse(
        actor=officer, case=other, grounds=["content"], reason="Không rõ hành vi vi phạm.", on=ON
    )
    other.refresh_from_db()
    assert other.status == "not_accepted"


# --- feedback, information, inadmissible -----------------------------------------------------


def test_petition_answer_in_writing(tree, personas):
    case = make_case(tree.commune_a, "recommendation")
    with pytest.raises(PetitionError):
        services.petition_answer(actor=personas["officer_a"], case=case, answer="")
    services.petition_answer(
        actor=personas["officer_a"], case=case, answer="Xã sẽ sửa đường trong quý II.", on=ON
    )
    case.refresh_from_db()
    assert (case.status, case.due_on, case.conclusion) == (
        "answered",
        None,
        "Xã sẽ sửa đường trong quý II.",
    )
    assert "sửa đường" in document_text(CaseEvent.objects.get(case=case).document)


def test_petition_transfer_and_refuse(tree, personas):
    moved = make_case(tree.commune_a, "feedback")
    services.petition_transfer(
        actor=personas["chair_a"], case=moved, to_unit=tree.agency_a, reason="Trạm y tế.", on=ON
    )
    refused = make_case(tree.commune_a, "feedback")
    services.petition_refuse(
        actor=personas["chair_a"], case=refused, grounds=["not_eligible"], reason="Trùng.", on=ON
    )
    assert Case.objects.get(pk=moved.pk).status == "transferred"
    assert Case.objects.get(pk=refused.pk).status == "not_accepted"


def test_information_is_checked_then_closed_and_inadmissible_closed(tree, personas):
    officer = personas["officer_a"]
    info = make_case(tree.commune_a, "information", anonymous=True, handler=officer)
    with pytest.raises(PetitionError):
        services.information_close(actor=officer, case=info)
    services.information_check(actor=officer, case=info, result="Đã kiểm tra thực địa.", on=ON)
    services.information_close(actor=officer, case=info, on=ON)
    assert Case.objects.get(pk=info.pk).status == "closed"
    letter = make_case(tree.commune_a, "inadmissible")
    services.inadmissible_close(actor=officer, case=letter, on=ON)
    assert Case.objects.get(pk=letter.pk).status == "closed"


def test_an_agency_head_handles_the_agency_cases_only(tree, personas):
    own = make_case(tree.agency_a, "feedback")
    services.petition_answer(actor=personas["agency_head_a"], case=own, answer="Đã trả lời.", on=ON)
    commune_case = make_case(tree.commune_a, "feedback")
    from danchu.core.access.errors import NotPermitted

    with pytest.raises(NotPermitted):
        services.petition_answer(
            actor=personas["agency_head_a"], case=commune_case, answer="x", on=ON
        )


# --- alerts ----------------------------------------------------------------------------------


def test_alerts_and_escalation_once_per_case(tree, personas):
    today = date(2026, 3, 16)  # Monday
    officer, chair = personas["officer_a"], personas["chair_a"]
    near = make_case(tree.commune_a, "feedback", handler=officer, due_on=date(2026, 3, 18))
    overdue = sealed_denunciation(tree.commune_a, due_on=date(2026, 3, 13))
    make_case(tree.commune_a, "feedback", due_on=date(2026, 3, 25))  # not yet
    make_case(tree.commune_a, "feedback", status="answered", due_on=date(2026, 3, 1))  # closed
    make_case(tree.commune_b, "feedback", due_on=date(2026, 3, 13))  # another commune

    report = services.petitions_alerts_run(today=today)
    assert (report.near, report.overdue) == (1, 2)
    again = services.petitions_alerts_run(today=today)
    assert (again.near, again.overdue) == (0, 0)

    assert (
        AuditEvent.objects.filter(action=services.OVERDUE_ACTION, target_id=str(overdue.pk)).count()
        == 1
    )
    assert (
        AuditEvent.objects.filter(
            action=services.DEADLINE_ALERT_ACTION, target_id=str(near.pk)
        ).count()
        == 1
    )
    near_notes = Notification.objects.filter(kind=services.DEADLINE_NOTIFICATION)
    assert set(near_notes.values_list("recipient_id", flat=True)) == {officer.pk, chair.pk}
    overdue_notes = Notification.objects.filter(kind=services.OVERDUE_NOTIFICATION)
    assert chair.pk in set(overdue_notes.values_list("recipient_id", flat=True))
    assert personas["officer_b"].pk not in set(
        Notification.objects.values_list("recipient_id", flat=True)
    )
    for note in Notification.objects.all():
        assert_no_identity(f"{note.title} {note.body} {note.url}")
