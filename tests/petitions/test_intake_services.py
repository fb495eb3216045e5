"""Intake services: receive on every channel, validation, group representatives, attachments,
split, classify (due_on recomputed, sealing), route/transfer, duplicates and merge, rating."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.documents.models import GeneratedDocument
from danchu.petitions.domain import intake as rules
from danchu.petitions.errors import PetitionError
from danchu.petitions.models.cases import Attachment, Case, CaseEvent, CaseParty, SealedIdentity
from danchu.petitions.sealing import owner_digest, sealed_identity_of
from danchu.petitions.services_intake import (
    case_classify,
    case_merge,
    case_rate,
    case_route,
    case_split,
    duplicates_of,
)
from tests.petitions.intake_helpers import COMPLAINANT, DENOUNCER, denounce, receive

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _refusals():
    return AuditEvent.objects.filter(action="petitions.refused_step").count()


def test_a_resident_sends_feedback_online(tree, personas):
    case = receive(personas["resident"], tree.commune_a)
    today = timezone.localdate()
    assert case.status == "received" and case.kind == "feedback"
    assert case.due_on == rules.first_due("feedback", today)
    assert case.owner_digest == owner_digest(personas["resident"])
    assert CaseParty.objects.get(case=case).full_name == COMPLAINANT["full_name"]
    received = CaseEvent.objects.get(case=case, action="received")
    assert received.document.doc_type == "petitions.receipt"
    assert received.document.files.filter(format="pdf").exists()
    assert AuditEvent.objects.filter(action="petitions.case_received").count() == 1


def test_anonymous_visitor_without_hint_gets_the_shortest_deadline(tree):
    case = receive(None, tree.commune_a, kind_hint="")
    assert case.kind == "unclassified"
    assert case.due_on == rules.first_due("unclassified", case.received_on)
    assert case.owner_digest == ""


@pytest.mark.parametrize(
    ("changes", "msgid"),
    [
        ({"subject": "  "}, "Please write a short subject."),
        ({"content": ""}, "Please describe your case."),
        ({"sender": {"full_name": ""}}, "Please enter the sender's full name."),
        (
            {"sender": {"full_name": "Lê Văn Minh"}},
            "Enter an address or a phone number where the answer can reach you.",
        ),
        ({"kind_hint": "complaint", "anonymous": True, "sender": None}, None),
        ({"kind_hint": "nonsense"}, "Choose what kind of case this is."),
    ],
)
def test_required_data_is_refused_and_audited(tree, changes, msgid):
    before = _refusals()
    with pytest.raises(PetitionError) as refused:
        receive(None, tree.commune_a, **changes)
    if msgid:
        assert str(refused.value) == gettext(msgid)
    assert not Case.objects.exists()
    assert _refusals() == before + 1


def test_official_channels_need_the_receive_permission(tree, personas):
    for actor in (None, personas["resident"], personas["officer_b"], personas["front_a"]):
        with pytest.raises(NotPermitted):
            receive(actor, tree.commune_a, channel="post")
    assert not Case.objects.exists()
    assert _refusals() == 4


def test_desk_intake_records_the_citizens_confirmation(tree, personas):
    yesterday = timezone.localdate() - timedelta(days=1)
    case = receive(
        personas["officer_a"],
        tree.commune_a,
        channel="desk",
        received_on=yesterday,
        confirmed_by_citizen=True,
    )
    assert case.received_on == yesterday and case.owner_digest == ""
    assert CaseEvent.objects.filter(case=case, action="confirmed_by_citizen").exists()


def test_a_resident_cannot_backdate(tree, personas):
    with pytest.raises(NotPermitted):
        receive(
            personas["resident"], tree.commune_a, received_on=timezone.localdate() - timedelta(1)
        )


@pytest.mark.parametrize(
    ("people", "reps", "ok"),
    [(4, 0, True), (5, 0, False), (5, 1, True), (10, 3, False), (11, 5, True), (30, 6, False)],
)
def test_group_representatives(tree, personas, people, reps, ok):
    rows = [{"full_name": f"Người đại diện {i}", "phone": ""} for i in range(reps)]
    call = lambda: receive(  # noqa: E731
        personas["officer_a"],
        tree.commune_a,
        channel="post",
        kind_hint="complaint",
        group_size=people,
        representatives=rows,
    )
    if ok:
        case = call()
        assert CaseParty.objects.filter(case=case, role="representative").count() == reps
    else:
        with pytest.raises(PetitionError):
            call()


def test_representatives_outside_the_group_are_refused(tree, personas):
    with pytest.raises(PetitionError) as refused:
        receive(
            personas["officer_a"],
            tree.commune_a,
            channel="post",
            group_size=6,
            representatives=[{"full_name": "Người ngoài", "in_group": False}],
        )
    assert str(refused.value) == gettext("Representatives must be among the people of the group.")


def test_attachments_are_checked_by_content_and_hashed(tree):
    fake = SimpleUploadedFile("don.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(PetitionError):
        receive(None, tree.commune_a, attachments=[fake])
    assert not Case.objects.exists()
    good = SimpleUploadedFile("don.pdf", PDF, content_type="application/pdf")
    case = receive(None, tree.commune_a, attachments=[good])
    attachment = Attachment.objects.get(case=case)
    assert len(attachment.sha256) == 64 and not attachment.confidential


def test_a_denunciations_letter_is_confidential_and_its_sender_sealed(tree, personas):
    letter = SimpleUploadedFile(f"{DENOUNCER['full_name']}.pdf", PDF)
    case = denounce(personas["resident"], tree.commune_a, attachments=[letter])
    attachment = Attachment.objects.get(case=case)
    assert attachment.confidential and DENOUNCER["full_name"] not in attachment.original_name
    assert not CaseParty.objects.filter(case=case).exists()
    assert sealed_identity_of(case)["sender"] == DENOUNCER
    assert case.due_on == rules.first_due("denunciation", case.received_on)
    receipt = CaseEvent.objects.get(case=case, action="received").document
    assert DENOUNCER["full_name"] not in f"{receipt.title} {receipt.summary}"


def test_split_a_mixed_letter(tree, personas):
    letter = receive(personas["officer_a"], tree.commune_a, channel="post", kind_hint="")
    complaint, denunciation = case_split(
        actor=personas["officer_a"],
        case=letter,
        parts=[
            {"kind": "complaint", "subject": "Khiếu nại quyết định", "content": "Phần khiếu nại"},
            {"kind": "denunciation", "subject": "Tố cáo cán bộ", "content": "Phần tố cáo"},
        ],
    )
    letter.refresh_from_db()
    assert letter.status == "split" and letter.due_on is None
    assert {complaint.parent_id, denunciation.parent_id} == {letter.pk}
    assert complaint.tracking_code != denunciation.tracking_code
    assert complaint.due_on == rules.first_due("complaint", letter.received_on)
    assert CaseParty.objects.get(case=complaint).full_name == COMPLAINANT["full_name"]
    assert not CaseParty.objects.filter(case=denunciation).exists()
    assert sealed_identity_of(denunciation)["sender"] == COMPLAINANT
    # The letter held the denunciation too: its sender row is sealed as well.
    assert not CaseParty.objects.filter(case=letter).exists()
    assert SealedIdentity.objects.filter(case=letter).exists()


def test_split_needs_two_parts_of_different_kinds(tree, personas):
    letter = receive(personas["officer_a"], tree.commune_a, channel="post")
    part = {"kind": "complaint", "subject": "A", "content": "B"}
    for parts in ([part], [part, part]):
        with pytest.raises(PetitionError):
            case_split(actor=personas["officer_a"], case=letter, parts=parts)
    with pytest.raises(NotPermitted):
        case_split(
            actor=personas["officer_b"], case=letter, parts=[part, {**part, "kind": "feedback"}]
        )
    assert Case.objects.count() == 1


def test_classify_recomputes_the_deadline_and_seals_a_denouncer(tree, personas):
    case = receive(personas["officer_a"], tree.commune_a, channel="post", kind_hint="")
    case = case_classify(actor=personas["officer_a"], case=case, kind="complaint")
    assert case.due_on == rules.first_due("complaint", case.received_on)
    assert CaseParty.objects.filter(case=case).exists()
    case = case_classify(actor=personas["officer_a"], case=case, kind="denunciation")
    assert case.due_on == rules.first_due("denunciation", case.received_on)
    assert not CaseParty.objects.filter(case=case).exists()
    assert sealed_identity_of(case)["sender"] == COMPLAINANT
    case = case_classify(actor=personas["officer_a"], case=case, kind="feedback")
    assert SealedIdentity.objects.filter(case=case).exists()  # once sealed, stays sealed


def test_inadmissible_needs_a_reason_from_the_law(tree, personas):
    officer = personas["officer_a"]
    today = timezone.localdate()
    case = receive(
        officer,
        tree.commune_a,
        channel="post",
        kind_hint="complaint",
        signed=False,
        decision_known_on=today - timedelta(days=200),
    )
    before = _refusals()
    with pytest.raises(PetitionError):
        case_classify(actor=officer, case=case, kind="inadmissible", reason="because")
    assert _refusals() == before + 1
    case = case_classify(actor=officer, case=case, kind="inadmissible", reason="kn_time_barred")
    assert case.inadmissible_reason == "kn_time_barred"
    fresh = receive(
        officer, tree.commune_a, channel="post", kind_hint="complaint", decision_known_on=today
    )
    with pytest.raises(PetitionError) as refused:
        case_classify(actor=officer, case=fresh, kind="inadmissible", reason="kn_time_barred")
    assert "90" in str(refused.value)
    with pytest.raises(PetitionError):
        case_classify(actor=officer, case=fresh, kind="inadmissible", reason="kn_unsigned")
    with pytest.raises(NotPermitted):
        case_classify(actor=personas["officer_b"], case=fresh, kind="feedback")


def test_route_to_a_handler_or_transfer(tree, personas):
    officer = personas["officer_a"]
    case = receive(officer, tree.commune_a, channel="post")
    with pytest.raises(PetitionError):
        case_route(actor=officer, case=case, handler=personas["resident"])
    with pytest.raises(PetitionError):
        case_route(actor=officer, case=case)
    case = case_route(actor=officer, case=case, handler=personas["chair_a"])
    assert case.handler == personas["chair_a"]
    case = case_route(actor=officer, case=case, to_unit=tree.commune_b)
    assert case.status == "transferred" and case.transferred_to == tree.commune_b
    event = CaseEvent.objects.get(case=case, action="transferred")
    assert event.document.doc_type == "petitions.transfer_notice"
    with pytest.raises(PetitionError):
        case_route(actor=officer, case=case, handler=personas["chair_a"])
    with pytest.raises(NotPermitted):
        case_route(actor=personas["officer_b"], case=case, handler=personas["officer_b"])


def test_transfer_notice_of_a_denunciation_names_nobody(tree, personas):
    case = denounce(None, tree.commune_a)
    case = case_route(actor=personas["officer_a"], case=case, to_unit=tree.commune_b)
    document = GeneratedDocument.objects.get(pk=case.events.get(action="transferred").document_id)
    assert DENOUNCER["full_name"] not in f"{document.title} {document.summary}"


def test_duplicates_by_sender_text_or_owner(tree, personas):
    first = receive(None, tree.commune_a)
    same_phone = receive(None, tree.commune_a, subject="Khác", content="Một chuyện khác hẳn")
    same_text = receive(
        None, tree.commune_a, sender={**COMPLAINANT, "phone": "0911111111", "id_number": ""}
    )
    other = receive(
        None,
        tree.commune_a,
        subject="Trạm y tế",
        content="Trạm y tế thiếu thuốc",
        sender={"full_name": "Người khác", "phone": "0900000000"},
    )
    other_unit = receive(None, tree.commune_b)
    found = set(duplicates_of(first))
    assert same_phone in found and same_text in found
    assert other not in found and other_unit not in found and first not in found
    mine_1 = denounce(personas["resident"], tree.commune_a)
    mine_2 = denounce(personas["resident"], tree.commune_a, subject="Khác", content="Nội dung mới")
    assert mine_2 in set(duplicates_of(mine_1))


def test_merge(tree, personas):
    officer = personas["officer_a"]
    first = receive(officer, tree.commune_a, channel="post")
    second = receive(officer, tree.commune_a, channel="post")
    merged = case_merge(actor=officer, case=second, into=first)
    assert merged.status == "merged" and merged.merged_into == first
    with pytest.raises(PetitionError):
        case_merge(actor=officer, case=first, into=second)
    with pytest.raises(PetitionError):
        case_merge(actor=officer, case=first, into=first)
    with pytest.raises(NotPermitted):
        case_merge(actor=personas["officer_b"], case=first, into=second)


def test_rating_by_the_owner_once_after_the_answer(tree, personas):
    resident = personas["resident"]
    case = receive(resident, tree.commune_a)
    with pytest.raises(PetitionError):
        case_rate(actor=resident, case=case, score=4)
    Case.objects.filter(pk=case.pk).update(status="answered")
    with pytest.raises(NotPermitted):
        case_rate(actor=personas["officer_a"], case=case, score=4)
    with pytest.raises(PetitionError):
        case_rate(actor=resident, case=case, score=6)
    case = case_rate(actor=resident, case=case, score=4, comment="Đã sửa đường")
    assert case.satisfaction == 4
    with pytest.raises(PetitionError):
        case_rate(actor=resident, case=case, score=5)
