"""Village code services (ND 61/2023): drafting, posting ≥ 30 days, the households' vote, the
dossier (Mẫu 01), the commune's recognition hooks, suspension (Mẫu 04), abolition (Mẫu 05)
and the yearly review. Refused steps change nothing."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.calendar import add_working_days
from danchu.core.documents.models import DocumentFile
from danchu.decisions import outcome_hooks
from danchu.decisions.access_village_codes import commune_reviews_due
from danchu.decisions.documents_village_codes import (
    ABOLITION,
    RECOGNITION,
    REQUEST,
    SUSPENSION,
)
from danchu.decisions.domain import village_codes as law
from danchu.decisions.models import (
    CommunityDecision,
    DecisionStatus,
    Matter,
    MatterStatus,
    VillageCode,
    VillageCodeReview,
    VillageCodeStatus,
)
from danchu.decisions.services import DecisionError
from danchu.decisions.services_outcomes import decision_draw_up, decision_recognise, decision_send
from danchu.decisions.services_village_codes import (
    code_abolish,
    code_dossier_send,
    code_draft,
    code_edit,
    code_post,
    code_put_to_vote,
    code_recognition_issue,
    code_review_day_set,
    code_review_record,
    code_suspend,
    code_suspension_report,
    documents_of_code,
)
from tests.conftest import make_household
from tests.decisions.factories import decide_at_meeting

S = VillageCodeStatus
TODAY = timezone.localdate


def _snapshot(code: VillageCode) -> dict:
    row = VillageCode.objects.filter(pk=code.pk).values().get()
    return {"row": row, "events": AuditEvent.objects.count(), "matters": Matter.objects.count()}


def _refused(call, code: VillageCode, message: str | None = None) -> None:
    before = _snapshot(code)
    with pytest.raises(DecisionError) as caught:
        call()
    if message is not None:
        assert str(caught.value) == message
    assert _snapshot(code) == before


@pytest.fixture
def head(personas):
    return personas["village_head_a1"]


@pytest.fixture
def village(tree):
    return [make_household(tree.village_a1, f"H{i:02d}", members=1) for i in range(3)]


@pytest.fixture
def draft(head, tree):
    return code_draft(
        actor=head, village=tree.village_a1, title="Hương ước thôn Một", text="Điều 1. Nếp sống."
    )


@pytest.fixture
def posted(head, draft):
    return code_post(actor=head, code=draft, posted_on=TODAY() - timedelta(days=40))


def _put_to_vote(head, code):
    return code_put_to_vote(
        actor=head,
        code=code,
        vote_on=TODAY(),
        front_agreed_by="Trần Thị Mặt Trận",
        front_agreed_on=TODAY() - timedelta(days=35),
    )


def _adopt(head, code, households, agree: int) -> VillageCode:
    """The households decide the code at a community meeting all of them attend."""
    decide_at_meeting(head, code.matter, agree=agree, disagree=len(households) - agree)
    code.refresh_from_db()
    return code


@pytest.fixture
def adopted(head, posted, village):
    return _adopt(head, _put_to_vote(head, posted), village, agree=2)


def _recognise(code: VillageCode, on: date) -> CommunityDecision:
    decision = CommunityDecision.objects.create(
        matter=code.matter,
        status=DecisionStatus.RECOGNISED,
        decided_at=timezone.now(),
        total_households=3,
        representatives_present=3,
        households_absent=0,
        form="meeting",
        result="2/3",
        content="Thông qua hương ước",
        village_head_name="Trưởng thôn",
        front_head_name="Trưởng ban",
        representative_1_name="Đại diện 1",
        representative_2_name="Đại diện 2",
        send_due=on,
        sent_on=on,
        recognising_body="ubnd",
        recognised_on=on,
        effective_on=on,
    )
    with transaction.atomic():
        outcome_hooks.fire("recognised", decision)
    code.refresh_from_db()
    return decision


@pytest.fixture
def in_effect(head, adopted):
    code_dossier_send(actor=head, code=adopted, sent_on=TODAY())
    _recognise(adopted, TODAY() - timedelta(days=1))
    return adopted


# --- drafting and posting --------------------------------------------------------------------


def test_the_village_head_drafts_and_edits_while_drafting(head, draft, personas):
    assert draft.status == S.DRAFTING and draft.created_by == head
    code_edit(actor=head, code=draft, title="Quy ước thôn Một", text="Điều 1. Mới.")
    draft.refresh_from_db()
    assert (draft.title, draft.draft_text) == ("Quy ước thôn Một", "Điều 1. Mới.")
    assert AuditEvent.objects.filter(action="decisions.village_code_edited").count() == 1
    for who in ("officer_b", "front_head_a1", "chair_a", "resident"):
        with pytest.raises(NotPermitted):
            code_edit(actor=personas[who], code=draft, title="X", text="Y")


def test_a_draft_needs_a_village_a_title_and_a_text(head, tree, personas):
    with pytest.raises(DecisionError):
        code_draft(actor=personas["chair_a"], village=tree.commune_a, title="T", text="X")
    with pytest.raises(NotPermitted):
        code_draft(actor=personas["officer_b"], village=tree.village_a1, title="T", text="X")
    with pytest.raises(DecisionError):
        code_draft(actor=head, village=tree.village_a1, title="  ", text="X")
    with pytest.raises(DecisionError):
        code_draft(actor=head, village=tree.village_a1, title="T", text=" \n ")
    assert not VillageCode.objects.exists()


@pytest.mark.parametrize(("days", "accepted"), [(29, False), (30, True), (45, True)])
def test_posting_for_fewer_than_30_days_is_refused(head, draft, days, accepted):
    if not accepted:
        _refused(
            lambda: code_post(actor=head, code=draft, posted_on=TODAY(), comment_days=days),
            draft,
            _("The draft must stay posted for at least %(days)d days.") % {"days": 30},
        )
        return
    code = code_post(actor=head, code=draft, posted_on=TODAY(), comment_days=days)
    assert (code.status, code.posted_on, code.comment_days) == (S.POSTED, TODAY(), days)


def test_a_posted_draft_cannot_be_edited_or_posted_again(head, posted):
    _refused(lambda: code_edit(actor=head, code=posted, title="X", text="Y"), posted)
    _refused(lambda: code_post(actor=head, code=posted, posted_on=TODAY()), posted)


def test_a_posting_date_in_the_future_is_refused(head, draft):
    _refused(
        lambda: code_post(actor=head, code=draft, posted_on=TODAY() + timedelta(days=1)), draft
    )


# --- the vote --------------------------------------------------------------------------------


# The posting day is not counted (Civil Code Art. 147(2)): posted 30 days ago, today is the
# period's last day; posted 31 days ago, today is the first day of the vote.
@pytest.mark.parametrize(("days_posted", "accepted"), [(29, False), (30, False), (31, True)])
def test_the_vote_waits_for_the_posting_period(head, draft, days_posted, accepted):
    code = code_post(actor=head, code=draft, posted_on=TODAY() - timedelta(days=days_posted))
    if not accepted:
        _refused(lambda: _put_to_vote(head, code), code)
        return
    code = _put_to_vote(head, code)
    matter = code.matter
    assert (matter.kind, matter.form, matter.unit) == ("village_code", "meeting", code.unit)
    assert matter.description == code.draft_text
    assert matter.front_agreed_by == "Trần Thị Mặt Trận"
    assert code.status == S.POSTED


def test_a_draft_not_posted_cannot_be_put_to_the_vote(head, draft):
    _refused(lambda: _put_to_vote(head, draft), draft)


def test_putting_to_the_vote_twice_is_refused(head, posted):
    code = _put_to_vote(head, posted)
    _refused(lambda: _put_to_vote(head, code), code)


def test_the_vote_needs_the_front_heads_agreement(head, posted):
    _refused(
        lambda: code_put_to_vote(
            actor=head, code=posted, vote_on=TODAY(), front_agreed_by=" ", front_agreed_on=TODAY()
        ),
        posted,
    )


def test_the_code_follows_the_households_decision(adopted):
    assert adopted.status == S.ADOPTED
    assert AuditEvent.objects.filter(action="decisions.village_code_adopted").count() == 1


def test_a_code_not_adopted_goes_back_to_drafting(head, posted, village):
    code = _adopt(head, _put_to_vote(head, posted), village, agree=1)  # 1 of 3: not > 50%
    assert code.status == S.DRAFTING
    assert code.matter is None and code.posted_on is None
    assert Matter.objects.get().status == MatterStatus.REJECTED
    # Reworked, posted again and put to a new vote.
    code_edit(actor=head, code=code, title=code.title, text="Điều 1. Sửa.")


# --- the dossier -----------------------------------------------------------------------------


def _pdf_text(document) -> str:
    stored = DocumentFile.objects.get(document=document, format="pdf")
    with stored.file.open("rb") as handle:
        content = handle.read()
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def _docx_text(document) -> str:
    from docx import Document

    stored = DocumentFile.objects.get(document=document, format="docx")
    with stored.file.open("rb") as handle:
        doc = Document(BytesIO(handle.read()))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_dossier_generates_the_request_as_pdf_and_docx(head, adopted):
    code = code_dossier_send(actor=head, code=adopted, sent_on=TODAY())
    assert code.dossier_sent_on == TODAY()
    (request,) = documents_of_code(code)
    assert request.doc_type == REQUEST and request.unit == code.unit
    assert VillageCode.objects.get(pk=code.pk).request_document_id == request.pk
    assert set(request.files.values_list("format", flat=True)) >= {"pdf", "docx"}
    for text in (_flat(_pdf_text(request)), _flat(_docx_text(request))):
        assert "TỜ TRÌNH" in text
        assert "Về việc đề nghị công nhận Hương ước thôn Một của Thôn Một" in text
        assert "Kính gửi: Ủy ban nhân dân xã An Phú" in text
        assert "2/3 đại diện hộ gia đình tán thành" in text
        assert "TRƯỞNG THÔN" in text
    event = AuditEvent.objects.get(action="decisions.village_code_dossier_sent")
    assert event.data["late"] is False and event.data["document"] == request.pk


def test_the_dossier_is_refused_before_adoption_and_sent_once(head, posted, adopted):
    draft = code_draft(actor=head, village=adopted.unit, title="Quy ước", text="Điều 1.")
    _refused(lambda: code_dossier_send(actor=head, code=draft, sent_on=TODAY()), draft)
    code_dossier_send(actor=head, code=adopted, sent_on=TODAY())
    adopted.refresh_from_db()
    _refused(lambda: code_dossier_send(actor=head, code=adopted, sent_on=TODAY()), adopted)


def test_only_the_village_head_sends_the_dossier(personas, adopted):
    for who in ("chair_a", "officer_a", "front_head_a1", "officer_b"):
        with pytest.raises(NotPermitted):
            code_dossier_send(actor=personas[who], code=adopted, sent_on=TODAY())
    assert VillageCode.objects.get().dossier_sent_on is None


# --- the commune's decision (hooks) ----------------------------------------------------------


def test_recognition_puts_the_code_in_effect_from_the_recognition_date(in_effect):
    assert in_effect.status == S.IN_EFFECT
    assert in_effect.recognised_on == TODAY() - timedelta(days=1)
    assert AuditEvent.objects.filter(action="decisions.village_code_recognised").count() == 1


def test_refusal_and_annulment_hooks(head, adopted):
    row = CommunityDecision.objects.create(
        matter=adopted.matter,
        decided_at=timezone.now(),
        total_households=3,
        representatives_present=3,
        households_absent=0,
        form="meeting",
        result="2/3",
        content="Thông qua",
        village_head_name="A",
        front_head_name="B",
        representative_1_name="C",
        representative_2_name="D",
        send_due=TODAY(),
        status=DecisionStatus.REFUSED,
        refused_on=TODAY(),
        refusal_reasons="Trái pháp luật",
    )
    with transaction.atomic():
        outcome_hooks.fire("refused", row)
    adopted.refresh_from_db()
    assert adopted.status == S.REFUSED
    CommunityDecision.objects.filter(pk=row.pk).update(
        annulled_on=TODAY(), annulment_reason="Vi phạm thủ tục"
    )
    row.refresh_from_db()
    with transaction.atomic():
        outcome_hooks.fire("annulled", row)
    adopted.refresh_from_db()
    assert (adopted.status, adopted.abolished_on) == (S.ABOLISHED, TODAY())
    assert adopted.abolition_reason == "Vi phạm thủ tục"


def test_the_commune_issues_form_03_when_no_recognition_paper_exists(personas, in_effect):
    with pytest.raises(NotPermitted):
        code_recognition_issue(actor=personas["village_head_a1"], code=in_effect)
    assert in_effect.recognition_document_id is None
    document = code_recognition_issue(actor=personas["chair_a"], code=in_effect)
    assert document.doc_type == RECOGNITION and document.unit == in_effect.unit.parent
    in_effect.refresh_from_db()
    assert in_effect.recognition_document_id == document.pk
    assert documents_of_code(in_effect, doc_types=(RECOGNITION,)) == [document]
    text = _flat(_docx_text(document))
    assert "QUYẾT ĐỊNH" in text and "Về việc công nhận Hương ước thôn Một" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    _refused(lambda: code_recognition_issue(actor=personas["chair_a"], code=in_effect), in_effect)


# --- the commune's recognition through the community decision (ND 61 Art. 11; R-HU-03) -------


def _decision_sent(head, code: VillageCode, *, sent_on: date) -> CommunityDecision:
    decision = decision_draw_up(
        actor=head,
        matter=code.matter,
        content="Thông qua Hương ước thôn Một (toàn văn kèm theo).",
        village_head_name="Nguyễn Văn Trưởng",
        front_head_name="Trần Thị Mặt Trận",
        representative_names=("Lê Văn Một", "Phạm Thị Hai"),
    )
    return decision_send(actor=head, decision=decision, sent_on=sent_on)


def _adopted_days_ago(code: VillageCode, days: int) -> None:
    """The households' meeting was held ``days`` ago (the adoption day of ND 61 Art. 11(1))."""
    from danchu.decisions.models import Meeting

    moment = timezone.now() - timedelta(days=days)
    Matter.objects.filter(pk=code.matter_id).update(closed_at=moment)
    Meeting.objects.filter(matters__pk=code.matter_id).update(scheduled_at=moment, ended_at=moment)


def test_recognition_waits_for_the_dossier_then_issues_nd_61_form_03(personas, head, adopted):
    chair = personas["chair_a"]
    decision = _decision_sent(head, adopted, sent_on=TODAY())
    assert decision.recognition_due is None  # no dossier yet: nothing to count from
    before = (_snapshot(adopted), DocumentFile.objects.count())
    with pytest.raises(DecisionError) as refused:
        decision_recognise(actor=chair, decision=decision, on=TODAY())
    assert str(refused.value) == _(
        "The village code's recognition dossier (form 01) has not reached the commune: "
        "the village head sends it from the code's page first (ND 61 Art. 11)."
    )
    assert (_snapshot(adopted), DocumentFile.objects.count()) == before
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SENT

    code = code_dossier_send(actor=head, code=adopted, sent_on=TODAY())
    decision.refresh_from_db()
    assert decision.recognition_due == add_working_days(TODAY(), 5)
    decision = decision_recognise(actor=chair, decision=decision, on=TODAY())

    paper = decision.recognition_document
    assert paper.doc_type == RECOGNITION  # ND 61 Mẫu 03, not the generic ND 59 paper
    assert paper.unit == code.unit.parent
    code.refresh_from_db()
    assert code.recognition_document_id == paper.pk
    assert (code.status, code.recognised_on) == (S.IN_EFFECT, TODAY())
    for text in (_flat(_pdf_text(paper)), _flat(_docx_text(paper))):
        assert "QUYẾT ĐỊNH" in text
        assert "Về việc công nhận Hương ước thôn Một của Thôn Một" in text
        assert "Căn cứ Nghị định số 61/2023/NĐ-CP" in text
        assert f"Tờ trình ngày {TODAY():%d/%m/%Y}" in text
    issued = AuditEvent.objects.get(action="decisions.village_code_recognition_issued")
    assert issued.data["document"] == paper.pk and issued.data["decision"] == decision.pk
    recognised = AuditEvent.objects.get(action="decisions.decision_recognised")
    assert recognised.data["late"] is False
    # Issued once: the old-data path has nothing to add.
    _refused(lambda: code_recognition_issue(actor=chair, code=code), code)


# The 5 working days run from the complete dossier: the later of the dossier (Mẫu 01) and the
# community decision reaching the commune (ND 61 Art. 11(2)).
@pytest.mark.parametrize(
    ("decision_days_ago", "dossier_days_ago", "complete_days_ago"),
    [
        (8, 6, 6),  # the decision first: from the dossier
        (6, 8, 6),  # the dossier first: from the decision's receipt
        (7, 7, 7),
    ],
)
def test_the_recognition_deadline_runs_from_the_complete_dossier(
    personas, head, adopted, decision_days_ago, dossier_days_ago, complete_days_ago
):
    _adopted_days_ago(adopted, 10)
    decision = decision_draw_up(
        actor=head,
        matter=Matter.objects.get(pk=adopted.matter_id),
        content="Thông qua Hương ước thôn Một.",
        village_head_name="A",
        front_head_name="B",
        representative_names=("C", "D"),
    )
    decision_day, dossier_day = (
        TODAY() - timedelta(days=decision_days_ago),
        TODAY() - timedelta(days=dossier_days_ago),
    )
    if decision_days_ago >= dossier_days_ago:
        decision = decision_send(actor=head, decision=decision, sent_on=decision_day)
        code_dossier_send(actor=head, code=adopted, sent_on=dossier_day)
    else:
        code_dossier_send(actor=head, code=adopted, sent_on=dossier_day)
        decision = decision_send(actor=head, decision=decision, sent_on=decision_day)
    decision.refresh_from_db()
    complete = TODAY() - timedelta(days=complete_days_ago)
    assert decision.recognition_due == add_working_days(complete, 5)
    if dossier_days_ago < decision_days_ago:  # the answer cannot precede the dossier
        _refused(
            lambda: decision_recognise(
                actor=personas["chair_a"], decision=decision, on=dossier_day - timedelta(days=1)
            ),
            adopted,
            _("The recognition cannot be dated before the dossier of the village code was sent."),
        )
    decision = decision_recognise(actor=personas["chair_a"], decision=decision, on=TODAY())
    event = AuditEvent.objects.get(action="decisions.decision_recognised")
    assert event.data["recognition_due"] == add_working_days(complete, 5).isoformat()
    assert event.data["late"] is (TODAY() > add_working_days(complete, 5))


def _resident(village, phone: str):
    from danchu.core.access.models import User

    household = make_household(village, f"R{phone[-3:]}", members=1)
    return User.objects.create_user(
        phone=phone, password="x-mat-khau-2026", person=household.representative
    )


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("village_head_a1", 200),
        ("chair_a", 200),
        ("resident_a1", 200),
        ("resident_a2", 404),
        ("officer_b", 404),
        ("resident", 404),
        (None, "login"),
    ],
)
def test_who_opens_the_nd_61_recognition(client, personas, tree, head, adopted, who, expected):
    decision = _decision_sent(head, adopted, sent_on=TODAY())
    code_dossier_send(actor=head, code=adopted, sent_on=TODAY())
    decision = decision_recognise(actor=personas["chair_a"], decision=decision, on=TODAY())
    user = {
        "resident_a1": lambda: _resident(tree.village_a1, "0914000001"),
        "resident_a2": lambda: _resident(tree.village_a2, "0914000002"),
    }.get(who, lambda: personas[who] if who else None)()
    if user is not None:
        client.force_login(user)
    response = client.get(f"/documents/{decision.recognition_document_id}/download/pdf/")
    if expected == "login":
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == expected


def test_the_code_page_offers_form_03_only_for_a_code_recognised_without_it(
    client, personas, head, adopted
):
    decision = _decision_sent(head, adopted, sent_on=TODAY())
    code_dossier_send(actor=head, code=adopted, sent_on=TODAY())
    decision_recognise(actor=personas["chair_a"], decision=decision, on=TODAY())
    client.force_login(personas["chair_a"])
    page = client.get(f"/decisions/village-codes/{adopted.pk}/").content.decode()
    assert f"/decisions/village-codes/{adopted.pk}/recognition/" not in page
    decision.refresh_from_db()
    assert page.count(f"/documents/{decision.recognition_document_id}/download/pdf/") == 1


# --- suspension, abolition, review -----------------------------------------------------------


def test_a_report_then_a_partial_suspension(personas, in_effect):
    officer = personas["officer_a"]
    code = code_suspension_report(actor=officer, code=in_effect, received_on=TODAY())
    assert code.suspension_reported_on == TODAY()
    _refused(
        lambda: code_suspension_report(actor=officer, code=code, received_on=TODAY()),
        code,
        _("A report on this code is already waiting for an answer."),
    )
    _refused(
        lambda: code_suspend(
            actor=officer, code=code, on=TODAY(), whole=False, provisions="", reason="Lý do"
        ),
        code,
        _("Name the provisions that are suspended."),
    )
    code = code_suspend(
        actor=officer, code=code, on=TODAY(), whole=False, provisions="Điều 5", reason="Trái luật"
    )
    assert (code.status, code.suspended_part) == (S.PARTLY_SUSPENDED, "Điều 5")
    (paper,) = documents_of_code(code, doc_types=(SUSPENSION,))
    assert VillageCode.objects.get(pk=code.pk).suspension_document_id == paper.pk
    text = _flat(_pdf_text(paper))
    assert "Về việc tạm ngưng thực hiện một phần" in text and "Điều 5" in text
    assert _flat(_docx_text(paper)).count("Trái luật") == 1


def test_a_whole_suspension_then_abolition(personas, in_effect):
    chair = personas["chair_a"]
    code = code_suspend(
        actor=chair, code=in_effect, on=TODAY(), whole=True, provisions="x", reason="Sai thủ tục"
    )
    assert (code.status, code.suspended_part) == (S.SUSPENDED, "")
    _refused(
        lambda: code_suspend(
            actor=chair, code=code, on=TODAY(), whole=True, provisions="", reason="Lại"
        ),
        code,
    )
    _refused(lambda: code_abolish(actor=chair, code=code, on=TODAY(), reason=" "), code)
    code = code_abolish(actor=chair, code=code, on=TODAY(), reason="Không thông qua lại")
    assert (code.status, code.abolished_on) == (S.ABOLISHED, TODAY())
    (paper,) = documents_of_code(code, doc_types=(ABOLITION,))
    row = VillageCode.objects.get(pk=code.pk)
    assert row.abolition_document_id == paper.pk and row.suspension_document_id is not None
    assert [d.doc_type for d in documents_of_code(code)] == [REQUEST, SUSPENSION, ABOLITION]
    assert "Về việc bãi bỏ Hương ước thôn Một" in _flat(_pdf_text(paper))
    assert "Về việc bãi bỏ Hương ước thôn Một" in _flat(_docx_text(paper))
    _refused(lambda: code_abolish(actor=chair, code=code, on=TODAY(), reason="Lần nữa"), code)


@pytest.mark.parametrize("who", ["village_head_a1", "front_a", "front_head_a1", "officer_b"])
def test_only_the_commune_committee_suspends_and_abolishes(personas, in_effect, who):
    actor = personas[who]
    with pytest.raises(NotPermitted):
        code_suspension_report(actor=actor, code=in_effect, received_on=TODAY())
    with pytest.raises(NotPermitted):
        code_suspend(actor=actor, code=in_effect, on=TODAY(), whole=True, provisions="", reason="x")
    with pytest.raises(NotPermitted):
        code_abolish(actor=actor, code=in_effect, on=TODAY(), reason="x")
    in_effect.refresh_from_db()
    assert in_effect.status == S.IN_EFFECT


def test_a_code_not_in_effect_cannot_be_suspended_or_reported(personas, adopted):
    officer = personas["officer_a"]
    _refused(
        lambda: code_suspend(
            actor=officer, code=adopted, on=TODAY(), whole=True, provisions="", reason="x"
        ),
        adopted,
    )
    _refused(
        lambda: code_suspension_report(actor=officer, code=adopted, received_on=TODAY()), adopted
    )


def test_the_yearly_review_once_a_day(head, in_effect, personas):
    review = code_review_record(actor=head, code=in_effect, reviewed_on=TODAY(), summary="Tốt")
    assert review.code == in_effect and review.recorded_by == head
    _refused(
        lambda: code_review_record(actor=head, code=in_effect, reviewed_on=TODAY(), summary="B"),
        in_effect,
        _("A review is already recorded on this day."),
    )
    _refused(
        lambda: code_review_record(actor=head, code=in_effect, reviewed_on=TODAY(), summary=" "),
        in_effect,
    )
    with pytest.raises(NotPermitted):
        code_review_record(
            actor=personas["officer_b"], code=in_effect, reviewed_on=TODAY(), summary="x"
        )
    assert VillageCodeReview.objects.count() == 1


@pytest.mark.parametrize(
    ("month", "day", "accepted"),
    [
        (11, 18, True),  # National Great Unity Day, the default
        (1, 1, True),
        (12, 31, True),
        (2, 28, True),
        (2, 29, False),  # most years have no 29 February
        (4, 31, False),
        (13, 1, False),
        (0, 10, False),
    ],
)
def test_the_community_agrees_another_review_day(head, in_effect, month, day, accepted):
    assert in_effect.review_agreed == (law.REVIEW_MONTH, law.REVIEW_DAY)
    if accepted:
        code = code_review_day_set(actor=head, code=in_effect, month=month, day=day)
        assert VillageCode.objects.get(pk=code.pk).review_agreed == (month, day)
        event = AuditEvent.objects.get(action="decisions.village_code_review_day_set")
        assert event.data == {"month": month, "day": day, "previous": [11, 18]}
    else:
        _refused(
            lambda: code_review_day_set(actor=head, code=in_effect, month=month, day=day),
            in_effect,
            _("Choose a day that every year has."),
        )


def test_only_the_village_head_sets_the_review_day(personas, in_effect):
    for who in ("chair_a", "officer_b", "resident"):
        with pytest.raises(NotPermitted):
            code_review_day_set(actor=personas[who], code=in_effect, month=12, day=20)
    assert VillageCode.objects.get(pk=in_effect.pk).review_agreed == (11, 18)


def test_the_review_day_of_an_abolished_code_is_not_changed(personas, head, in_effect):
    code = code_abolish(actor=personas["chair_a"], code=in_effect, on=TODAY(), reason="Lý do")
    _refused(lambda: code_review_day_set(actor=head, code=code, month=12, day=20), code)


@pytest.mark.parametrize(
    ("agreed", "recognised_on", "due"),
    [
        ((11, 18), date(2026, 11, 18), True),  # recognised on the review day itself
        ((11, 18), date(2026, 11, 19), False),  # the day after: from next year
        ((12, 20), date(2026, 12, 20), True),
        ((12, 20), date(2026, 12, 21), False),
        ((12, 20), date(2026, 11, 30), True),  # an earlier month
        ((3, 1), date(2026, 2, 28), True),
        ((3, 1), date(2026, 3, 2), False),
        ((1, 1), date(2025, 12, 31), True),  # an earlier year
        ((1, 1), date(2026, 1, 2), False),
    ],
)
def test_codes_are_due_for_review_from_their_agreed_day(tree, draft, agreed, recognised_on, due):
    VillageCode.objects.filter(pk=draft.pk).update(
        status=S.IN_EFFECT,
        recognised_on=recognised_on,
        review_month=agreed[0],
        review_day=agreed[1],
    )
    listed = commune_reviews_due(tree.commune_a, 2026).filter(pk=draft.pk).exists()
    assert listed is due
    assert (
        law.review_due(
            status=S.IN_EFFECT,
            recognised_on=recognised_on,
            reviewed_on=[],
            year=2026,
            agreed=agreed,
        )
        is due
    )


def test_a_draft_is_not_reviewed(head, draft):
    _refused(
        lambda: code_review_record(actor=head, code=draft, reviewed_on=TODAY(), summary="x"),
        draft,
    )
