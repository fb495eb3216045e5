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
from danchu.petitions.sealing import owner_digest, owner_digests, sealed_identity_of
from danchu.petitions.services_intake import (
    case_classify,
    case_merge,
    case_rate,
    case_route,
    case_split,
    duplicates_of,
    is_owner,
    own_cases,
    split_links_visible,
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
    assert case.owner_digest == owner_digest(personas["resident"], 0)
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
    # Assigned to the chair: only the handler or the head reroutes it.
    with pytest.raises(PetitionError):
        case_route(actor=officer, case=case, to_unit=tree.commune_b)
    case = case_route(actor=personas["chair_a"], case=case, to_unit=tree.commune_b)
    assert case.status == "transferred" and case.transferred_to == tree.commune_b
    event = CaseEvent.objects.get(case=case, action="transferred")
    assert event.document.doc_type == "petitions.transfer_notice"
    with pytest.raises(PetitionError):
        case_route(actor=officer, case=case, handler=personas["chair_a"])
    with pytest.raises(NotPermitted):
        case_route(actor=personas["officer_b"], case=case, handler=personas["officer_b"])


def test_transfer_notice_of_a_denunciation_names_nobody(tree, personas):
    case = denounce(None, tree.commune_a)
    case = case_route(actor=personas["chair_a"], case=case, to_unit=tree.commune_b)
    document = GeneratedDocument.objects.get(pk=case.events.get(action="transferred").document_id)
    assert DENOUNCER["full_name"] not in f"{document.title} {document.summary}"


def test_duplicates_by_sender_or_text_never_a_denouncer(tree, personas):
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
    # A person's named feedback and their denunciation are never matched by sender (issue #7
    # review): every case carries its own owner digest, and sealed cases are left out.
    resident = personas["resident"]
    named = receive(resident, tree.commune_a, subject="Đèn đường", content="Đèn đường hỏng")
    mine_1 = denounce(resident, tree.commune_a)
    mine_2 = denounce(resident, tree.commune_a, subject="Khác", content="Nội dung mới")
    assert len({named.owner_digest, mine_1.owner_digest, mine_2.owner_digest}) == 3
    assert not {mine_1, mine_2} & set(duplicates_of(named))
    assert mine_2 not in set(duplicates_of(mine_1))
    assert named not in set(duplicates_of(mine_1))


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


# --- issue #7 review: the sender of a (possible) denunciation is never an actor ---------------


def _case_audit(case):
    return AuditEvent.objects.filter(target_type="petitions.case", target_id=str(case.pk))


def _assert_sender_is_no_actor(user, *cases):
    for case in cases:
        assert not CaseEvent.objects.filter(case=case, actor=user).exists(), case
        assert _case_audit(case).exists()
        assert not _case_audit(case).filter(actor_id=user.pk).exists(), case
    assert not AuditEvent.objects.filter(actor_id=user.pk).exists()
    assert not GeneratedDocument.objects.filter(created_by=user).exists()


def test_a_case_sent_online_by_a_signed_in_resident_names_no_actor(tree, personas):
    """Any web case may turn out to be a denunciation and audit rows cannot be changed: the
    step, the receipt and the audit events of sending are the system's."""
    resident = personas["resident"]
    for hint in ("feedback", "complaint", "denunciation"):
        case = receive(resident, tree.commune_a, kind_hint=hint, subject=f"Việc {hint}")
        received = CaseEvent.objects.get(case=case, action="received")
        assert received.actor is None and received.document.created_by is None
        assert is_owner(resident, case)
    _assert_sender_is_no_actor(resident, *Case.objects.all())


def test_a_case_classified_as_a_denunciation_keeps_no_trace_of_its_sender(tree, personas):
    resident, officer = personas["resident"], personas["officer_a"]
    case = receive(resident, tree.commune_a, kind_hint="complaint")
    # A step written before this rule (or by any other path) with the sender as its actor.
    legacy = CaseEvent.objects.create(
        case=case, action="received_legacy", on=case.received_on, actor=resident
    )
    official = CaseEvent.objects.create(
        case=case, action="note", on=case.received_on, actor=officer
    )
    case = case_classify(actor=officer, case=case, kind="denunciation")
    legacy.refresh_from_db()
    official.refresh_from_db()
    assert legacy.actor is None and official.actor == officer
    assert not CaseParty.objects.filter(case=case).exists()
    classified = AuditEvent.objects.get(action="petitions.case_classified")
    assert classified.data["steps_unattributed"] == 1 and classified.data["sealed"] is True
    _assert_sender_is_no_actor(resident, case)
    # Still the resident's own case (rated after the answer), still without an actor.
    Case.objects.filter(pk=case.pk).update(status="published")
    case_rate(actor=resident, case=case, score=5)
    assert CaseEvent.objects.get(case=case, action="rated").actor is None
    with pytest.raises(PetitionError):
        case_rate(actor=resident, case=case, score=5)  # refused, and audited without the actor
    assert AuditEvent.objects.get(action="petitions.case_rated").data["by"] == "sender"
    _assert_sender_is_no_actor(resident, case)


def test_a_letter_split_into_a_denunciation_keeps_no_trace_of_its_sender(tree, personas):
    resident, officer = personas["resident"], personas["officer_a"]
    letter = receive(resident, tree.commune_a, kind_hint="complaint")
    CaseEvent.objects.filter(case=letter).update(actor=resident)  # as before the fix
    complaint, denunciation = case_split(
        actor=officer,
        case=letter,
        parts=[
            {"kind": "complaint", "subject": "Khiếu nại", "content": "Phần khiếu nại"},
            {"kind": "denunciation", "subject": "Tố cáo", "content": "Phần tố cáo"},
        ],
    )
    assert not CaseEvent.objects.filter(actor=resident).exists()
    assert complaint.owner_digest == denunciation.owner_digest == ""
    assert is_owner(resident, denunciation) and is_owner(resident, complaint)
    assert {letter.pk, complaint.pk, denunciation.pk} <= {c.pk for c in own_cases(resident)}


# --- issue #7 review: owner digests differ from case to case ----------------------------------


def test_owner_digests_are_per_case_and_my_cases_still_finds_every_case(tree, personas):
    resident = personas["resident"]
    feedback = receive(resident, tree.commune_a, sender={**COMPLAINANT, "phone": ""})
    denunciation = denounce(resident, tree.commune_a)
    other = denounce(personas["chair_a"], tree.commune_a)
    assert feedback.owner_digest == owner_digest(resident, 0)
    assert denunciation.owner_digest == owner_digest(resident, 1)
    assert feedback.owner_digest != denunciation.owner_digest
    assert Case.objects.filter(owner_digest=denunciation.owner_digest).count() == 1
    assert set(owner_digests(resident)) == {feedback.owner_digest, denunciation.owner_digest}
    assert set(own_cases(resident)) == {feedback, denunciation}
    assert is_owner(resident, denunciation) and not is_owner(resident, other)
    assert not is_owner(personas["chair_a"], denunciation)


def test_my_cases_finds_cases_past_the_first_batch_of_digests(tree, personas, monkeypatch):
    from danchu.petitions import sealing

    monkeypatch.setattr(sealing, "OWNER_DIGEST_BATCH", 3)
    monkeypatch.setattr(sealing, "OWNER_DIGEST_GAP", 1)
    resident = personas["resident"]
    cases = [receive(resident, tree.commune_a, subject=f"Việc {i}") for i in range(7)]
    assert len({c.owner_digest for c in cases}) == 7
    assert set(own_cases(resident)) == set(cases)
    assert is_owner(resident, cases[-1])


# --- issue #7 review: anonymous cases are information at most ---------------------------------


def test_an_anonymous_case_is_never_a_complaint_or_a_denunciation(tree, personas):
    officer = personas["officer_a"]
    anonymous = denounce(None, tree.commune_a, anonymous=True, sender=None)
    assert anonymous.kind == "information"  # Law on Denunciations Art. 25
    message = gettext(
        "A case without the sender's name and address cannot be a complaint or a denunciation "
        "(Law on Complaints Art. 8; Law on Denunciations Art. 25): classify it as information "
        "for management."
    )
    for kind in ("complaint", "denunciation"):
        before = _refusals()
        with pytest.raises(PetitionError) as refused:
            case_classify(actor=officer, case=anonymous, kind=kind)
        assert str(refused.value) == message
        assert _refusals() == before + 1
    anonymous.refresh_from_db()
    assert anonymous.kind == "information"
    part = {"subject": "A", "content": "B"}
    with pytest.raises(PetitionError) as refused:
        case_split(
            actor=officer,
            case=anonymous,
            parts=[{**part, "kind": "feedback"}, {**part, "kind": "denunciation"}],
        )
    assert str(refused.value) == message
    assert case_classify(actor=officer, case=anonymous, kind="feedback").kind == "feedback"
    assert case_classify(actor=officer, case=anonymous, kind="information").kind == "information"


# --- issue #7 review: a denunciation part is linked to its letter for its handler only --------


def test_split_links_of_a_denunciation_part_are_for_its_handler_only(tree, personas):
    officer, chair = personas["officer_a"], personas["chair_a"]
    letter = receive(officer, tree.commune_a, channel="post", kind_hint="")
    complaint, denunciation = case_split(
        actor=officer,
        case=letter,
        parts=[
            {"kind": "complaint", "subject": "Khiếu nại", "content": "Phần khiếu nại"},
            {"kind": "denunciation", "subject": "Tố cáo", "content": "Phần tố cáo"},
        ],
    )
    split = CaseEvent.objects.get(case=letter, action="split")
    assert denunciation.tracking_code not in split.note
    assert complaint.tracking_code not in split.note
    for case in (letter, complaint, denunciation):
        assert not split_links_visible(officer, case)
        assert not split_links_visible(chair, case)
    case_route(actor=chair, case=denunciation, handler=officer)
    for case in (letter, complaint, denunciation):
        assert split_links_visible(officer, case)
        assert not split_links_visible(chair, case)
    assert complaint not in set(duplicates_of(denunciation))
    # A letter without a denunciation part keeps its links for everyone.
    plain = receive(officer, tree.commune_a, channel="post", kind_hint="")
    parts = case_split(
        actor=officer,
        case=plain,
        parts=[
            {"kind": "complaint", "subject": "Khiếu nại", "content": "Phần khiếu nại"},
            {"kind": "feedback", "subject": "Phản ánh", "content": "Phần phản ánh"},
        ],
    )
    assert split_links_visible(chair, parts[0]) and split_links_visible(chair, plain)
    note = CaseEvent.objects.get(case=plain, action="split").note
    assert parts[0].tracking_code in note
