"""The community decision's services on a real database: drawing up with every Art. 20(2) item,
sending, recognition or refusal by the right body only, the commune's effective date, annulment
and amendment (Arts 20–22), and the Front's approval of an initiative (Art. 16(3))."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.calendar import add_working_days
from danchu.decisions import outcome_hooks
from danchu.decisions.models import (
    BallotPlan,
    CommunityDecision,
    DecisionStatus,
    Matter,
    MatterStatus,
    Meeting,
)
from danchu.decisions.services import DecisionError, matter_close, matter_open
from danchu.decisions.services_outcomes import (
    amendment_propose,
    decision_annul,
    decision_draw_up,
    decision_receive,
    decision_recognise,
    decision_refuse,
    decision_request_amendment,
    decision_send,
    decision_set_effective,
    initiative_front_approve,
)
from tests.conftest import make_household
from tests.decisions.factories import (
    ballot_plan_and_team,
    decide_at_meeting,
    decide_by_ballots,
    posted_code_matter,
    propose,
)

# --- helpers shared by the outcome tests --------------------------------------------------------


@pytest.fixture(autouse=True)
def _own_hooks(monkeypatch):
    """Only the hooks a test registers run: other steps' hooks need their own rows."""
    monkeypatch.setattr(outcome_hooks, "_HOOKS", defaultdict(list))


def households_of(village, n: int, prefix: str = "H") -> list:
    return [make_household(village, f"{prefix}{i:02d}", members=1) for i in range(n)]


def decide(
    actor,
    village,
    households,
    *,
    kind: str = "other",
    form: str = "meeting",
    agree: int | None = None,
    title: str = "Lắp đèn đường liên thôn",
    **extra,
) -> Matter:
    """Propose and decide through the real steps: at a meeting every household attends (the
    count: ``agree`` agreeing households, the rest disagree), or by household ballots (one
    returned per household); a village code is first posted for its comment period."""
    agree = len(households) if agree is None else agree
    disagree = len(households) - agree
    if kind == "village_code":
        matter = posted_code_matter(actor, village, title=title)
    else:
        matter = propose(actor=actor, village=village, kind=kind, form=form, title=title, **extra)
    if form == "ballot":
        return decide_by_ballots(actor, matter, agree=agree, disagree=disagree)
    return decide_at_meeting(actor, matter, agree=agree, disagree=disagree)


SIGNERS = {
    "village_head_name": "Nguyễn Văn Trưởng",
    "front_head_name": "Trần Thị Mặt Trận",
    "representative_names": ("Lê Văn Đại Diện", "Phạm Thị Hộ Dân"),
}
CONTENT = "Mỗi hộ đóng góp 200.000 đồng để lắp 20 bóng đèn đường."


def draw_up(actor, matter, **kwargs) -> CommunityDecision:
    arguments = {"content": CONTENT, **SIGNERS, **kwargs}
    return decision_draw_up(actor=actor, matter=matter, **arguments)


def sent(actor, decision, days_ago: int = 0) -> CommunityDecision:
    return decision_send(
        actor=actor, decision=decision, sent_on=timezone.localdate() - timedelta(days=days_ago)
    )


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def head(personas):
    return personas["village_head_a1"]


@pytest.fixture
def homes(tree):
    return households_of(tree.village_a1, 4)


@pytest.fixture
def hooks():
    """Register a hook for every event and kind the tests use; collect what ran."""
    ran: list[tuple[str, int]] = []
    for event in outcome_hooks.EVENTS:
        for kind in ("village_code", "village_head", "board_member", "other", "contribution"):
            outcome_hooks.on_outcome(event, kind, lambda d, e=event: ran.append((e, d.pk)))
    return ran


# --- drawing up ---------------------------------------------------------------------------------


def test_draw_up_fills_every_item_of_article_20(head, tree, homes):
    matter = decide(head, tree.village_a1, homes, agree=3)
    meeting = Meeting.objects.create(
        unit=tree.village_a1,
        title="Họp thôn",
        scheduled_at=timezone.make_aware(datetime(2026, 11, 20, 8, 0)),
        place="Nhà văn hóa",
        convenor_name="Nguyễn Văn Trưởng",
        present_count=3,
    )
    Matter.objects.filter(pk=matter.pk).update(meeting=meeting)
    matter.refresh_from_db()
    decision = draw_up(head, matter)
    assert decision.decided_at == meeting.scheduled_at
    assert (decision.total_households, decision.representatives_present) == (4, 3)
    assert decision.households_absent == 1
    assert decision.form == "meeting"
    assert "3/4" in decision.result and "75,00%" in decision.result
    assert decision.content == CONTENT
    assert (decision.village_head_name, decision.front_head_name) == (
        "Nguyễn Văn Trưởng",
        "Trần Thị Mặt Trận",
    )
    assert (decision.representative_1_name, decision.representative_2_name) == (
        "Lê Văn Đại Diện",
        "Phạm Thị Hộ Dân",
    )
    # Friday 20/11/2026 → Monday 30/11 (24/11 is a holiday): Art. 20(3).
    assert decision.send_due == datetime(2026, 11, 30).date()
    assert decision.document.doc_type == "decisions.community_decision"
    assert set(decision.document.files.values_list("format", flat=True)) >= {"pdf", "docx"}
    # Item 6 at village scope takes effect on the day of adoption (Art. 21(2)).
    assert decision.status == DecisionStatus.IN_EFFECT
    assert decision.effective_on == datetime(2026, 11, 20).date()
    assert decision.recognising_body == ""
    assert AuditEvent.objects.filter(action="decisions.decision_created").count() == 1


@pytest.mark.parametrize(
    ("kind", "body"),
    [("village_code", "ubnd"), ("village_head", "ubnd"), ("board_member", "front")],
)
def test_kinds_that_need_recognition_wait_for_it(head, tree, homes, kind, body):
    decision = draw_up(head, decide(head, tree.village_a1, homes, kind=kind))
    assert decision.status == DecisionStatus.DRAFT
    assert decision.effective_on is None
    assert decision.recognising_body == body


def test_ballot_decision_counts_returned_ballots_and_runs_from_the_deadline(head, tree, homes):
    # 3 of the 4 households return their ballot (all agree); one ballot is not returned.
    matter = decide_by_ballots(
        head,
        propose(actor=head, village=tree.village_a1, kind="other", form="ballot", title="Đèn"),
        agree=3,
    )
    deadline = timezone.localdate() - timedelta(days=10)
    BallotPlan.objects.filter(matter=matter).update(return_deadline=deadline)
    decision = draw_up(head, matter)
    assert (decision.form, decision.representatives_present, decision.households_absent) == (
        "ballot",
        3,
        1,
    )
    assert decision.send_due == add_working_days(deadline, 5)


def test_a_matter_not_adopted_has_no_decision(head, tree, homes):
    matter = decide(head, tree.village_a1, homes, agree=2)  # exactly 50% is not > 50%
    assert matter.status == MatterStatus.REJECTED
    with pytest.raises(DecisionError):
        draw_up(head, matter)
    assert not CommunityDecision.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"content": "  "},
        {"village_head_name": ""},
        {"front_head_name": " "},
        {"representative_names": ("Lê Văn Đại Diện", "")},
        {"decided_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_draw_up_refuses_missing_items(head, tree, homes, change):
    matter = decide(head, tree.village_a1, homes)
    with pytest.raises(DecisionError):
        draw_up(head, matter, **change)
    assert not CommunityDecision.objects.exists()


def test_one_decision_per_matter_and_only_by_those_who_run_it(personas, head, tree, homes):
    matter = decide(head, tree.village_a1, homes)
    for who in ("officer_b", "front_head_a1", "resident"):
        with pytest.raises(NotPermitted):
            draw_up(personas[who], matter)
    draw_up(head, matter)
    with pytest.raises(DecisionError):
        draw_up(head, matter)
    assert CommunityDecision.objects.count() == 1


# --- sending ------------------------------------------------------------------------------------


def test_sending_starts_the_recognition_deadline(head, tree, homes):
    decision = draw_up(head, decide(head, tree.village_a1, homes, kind="village_head"))
    decision = sent(head, decision)
    today = timezone.localdate()
    assert decision.status == DecisionStatus.SENT
    assert decision.received_on == today  # taken as received on the day it was sent
    assert decision.recognition_due == add_working_days(today, 5)
    with pytest.raises(DecisionError):
        sent(head, decision)


def test_a_village_code_waits_for_its_dossier_before_the_recognition_deadline_runs(
    personas, head, tree, homes
):
    """ND 61/2023 Art. 11: the 5 working days run from the complete dossier (Mẫu 01); a
    village-code decision sent without it has no recognition deadline yet, and is not
    recognised (the full flow with the dossier: test_village_codes_services)."""
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes, kind="village_code")))
    assert decision.status == DecisionStatus.SENT and decision.recognition_due is None
    decision = decision_receive(
        actor=personas["chair_a"], decision=decision, received_on=timezone.localdate()
    )
    assert decision.recognition_due is None
    with pytest.raises(DecisionError) as refused:
        decision_recognise(actor=personas["chair_a"], decision=decision, on=timezone.localdate())
    assert str(refused.value) == gettext(
        "The village code's recognition dossier (form 01) has not reached the commune: "
        "the village head sends it from the code's page first (ND 61 Art. 11)."
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SENT and decision.recognition_document_id is None
    assert not AuditEvent.objects.filter(action="decisions.decision_recognised").exists()


def _sent_days_ago(head, tree, homes, days: int, kind: str = "village_head") -> CommunityDecision:
    decided_at = timezone.now() - timedelta(days=days)
    matter = decide(head, tree.village_a1, homes, kind=kind)
    return sent(head, draw_up(head, matter, decided_at=decided_at), days_ago=days)


def test_the_commune_records_a_later_receipt_and_the_deadline_runs_from_it(
    personas, head, tree, homes
):
    decision = _sent_days_ago(head, tree, homes, days=6)
    today = timezone.localdate()
    assert decision.received_on == today - timedelta(days=6)
    received = today - timedelta(days=2)
    decision = decision_receive(actor=personas["chair_a"], decision=decision, received_on=received)
    decision.refresh_from_db()
    assert decision.received_on == received
    assert decision.recognition_due == add_working_days(received, 5)
    assert decision.sent_on == today - timedelta(days=6)
    event = AuditEvent.objects.get(action="decisions.decision_received")
    assert event.data["received_on"] == received.isoformat()
    with pytest.raises(DecisionError):  # the answer cannot precede the receipt
        decision_recognise(
            actor=personas["chair_a"], decision=decision, on=received - timedelta(days=1)
        )
    decision = decision_recognise(actor=personas["chair_a"], decision=decision, on=today)
    assert decision.status == DecisionStatus.RECOGNISED
    with pytest.raises(DecisionError):  # answered: the receipt no longer changes
        decision_receive(actor=personas["chair_a"], decision=decision, received_on=today)


@pytest.mark.parametrize(
    ("days_before_sending", "who", "refusal"),
    [
        (1, "chair_a", DecisionError),  # before it was sent
        (-7, "chair_a", DecisionError),  # in the future
        (0, "front_a", NotPermitted),  # not the body that recognises a village head
        (0, "village_head_a1", NotPermitted),
        (0, "officer_b", NotPermitted),
    ],
)
def test_a_receipt_day_is_refused(personas, head, tree, homes, days_before_sending, who, refusal):
    decision = _sent_days_ago(head, tree, homes, days=6)
    before = (decision.received_on, decision.recognition_due)
    with pytest.raises(refusal):
        decision_receive(
            actor=personas[who],
            decision=decision,
            received_on=decision.sent_on - timedelta(days=days_before_sending),
        )
    decision.refresh_from_db()
    assert (decision.received_on, decision.recognition_due) == before
    assert not AuditEvent.objects.filter(action="decisions.decision_received").exists()


def test_a_decision_in_effect_stays_in_effect_when_sent(head, tree, homes):
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes)))
    assert decision.status == DecisionStatus.IN_EFFECT
    assert decision.sent_on == timezone.localdate()
    assert decision.recognition_due is None


def test_sending_cannot_be_dated_in_the_future_or_by_the_commune_front(personas, head, tree, homes):
    decision = draw_up(head, decide(head, tree.village_a1, homes))
    with pytest.raises(DecisionError):
        sent(head, decision, days_ago=-1)
    with pytest.raises(NotPermitted):
        sent(personas["front_a"], decision)
    decision.refresh_from_db()
    assert decision.sent_on is None


# --- recognition and refusal --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "right", "wrong"),
    [
        (
            "village_head",
            "chair_a",
            ("front_a", "village_head_a1", "officer_b", "province_officer"),
        ),
        ("village_head", "officer_a", ("front_a", "front_head_a1", "officer_b")),
        ("board_member", "front_a", ("chair_a", "officer_a", "village_head_a1", "officer_b")),
    ],
)
def test_only_the_right_body_recognises(personas, head, tree, homes, hooks, kind, right, wrong):
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes, kind=kind)))
    for who in wrong:
        with pytest.raises(NotPermitted):
            decision_recognise(actor=personas[who], decision=decision, on=timezone.localdate())
    assert hooks == []
    today = timezone.localdate()
    decision = decision_recognise(actor=personas[right], decision=decision, on=today)
    assert decision.status == DecisionStatus.RECOGNISED
    assert decision.recognised_on == decision.effective_on == today
    assert decision.recognition_document.doc_type == "decisions.recognition"
    assert decision.recognition_document.unit == tree.commune_a
    assert hooks == [("recognised", decision.pk)]
    with pytest.raises(DecisionError):
        decision_recognise(actor=personas[right], decision=decision, on=today)


def test_a_decision_that_needs_no_recognition_cannot_be_recognised(personas, head, tree, homes):
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes)))
    with pytest.raises(DecisionError):
        decision_recognise(actor=personas["chair_a"], decision=decision, on=timezone.localdate())
    with pytest.raises(NotPermitted):
        decision_recognise(actor=personas["officer_b"], decision=decision, on=timezone.localdate())


def test_an_unsent_decision_cannot_be_recognised(personas, head, tree, homes):
    decision = draw_up(head, decide(head, tree.village_a1, homes, kind="village_code"))
    with pytest.raises(DecisionError):
        decision_recognise(actor=personas["chair_a"], decision=decision, on=timezone.localdate())


def test_recognition_cannot_precede_receipt(personas, head, tree, homes):
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes, kind="village_code")))
    with pytest.raises(DecisionError):
        decision_recognise(
            actor=personas["chair_a"],
            decision=decision,
            on=timezone.localdate() - timedelta(days=1),
        )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SENT


@pytest.mark.parametrize("reasons", ["", "   \n "])
def test_refusal_without_reasons_is_refused(personas, head, tree, homes, hooks, reasons):
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes, kind="village_code")))
    with pytest.raises(DecisionError):
        decision_refuse(
            actor=personas["chair_a"], decision=decision, on=timezone.localdate(), reasons=reasons
        )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SENT
    assert hooks == []


def test_refusal_with_reasons_is_a_written_answer(personas, head, tree, homes, hooks):
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes, kind="board_member")))
    with pytest.raises(NotPermitted):
        decision_refuse(
            actor=personas["chair_a"], decision=decision, on=timezone.localdate(), reasons="Sai"
        )
    decision = decision_refuse(
        actor=personas["front_a"],
        decision=decision,
        on=timezone.localdate(),
        reasons="Danh sách ứng cử viên chưa được hiệp thương.",
    )
    assert decision.status == DecisionStatus.REFUSED
    assert decision.refusal_reasons == "Danh sách ứng cử viên chưa được hiệp thương."
    assert decision.refusal_document.doc_type == "decisions.recognition_refusal"
    assert decision.recognition_document is None  # a refusal is not a recognition
    assert decision.effective_on is None
    assert hooks == [("refused", decision.pk)]


# --- commune scope ------------------------------------------------------------------------------


@pytest.fixture
def commune_matter(personas, tree):
    chair = personas["chair_a"]
    a1 = households_of(tree.village_a1, 3, "A")
    a2 = households_of(tree.village_a2, 3, "B")
    matter = matter_open(
        actor=chair,
        matter=propose(
            actor=chair,
            village=tree.commune_a,
            kind="contribution",
            form="ballot",
            title="Đường xã",
        ),
    )
    for part, homes in (
        (matter.village_matters.get(unit=tree.village_a1), a1),
        (matter.village_matters.get(unit=tree.village_a2), a2),
    ):
        decide_by_ballots(chair, part, agree=len(homes))
    return matter_close(actor=chair, matter=matter)


def test_commune_scope_decision_is_signed_by_the_commune_and_dated_by_it(
    personas, tree, commune_matter
):
    chair, head = personas["chair_a"], personas["village_head_a1"]
    assert commune_matter.status == MatterStatus.ADOPTED
    part = commune_matter.village_matters.get(unit=tree.village_a1)
    village_decision = sent(head, draw_up(head, part))
    assert village_decision.status == DecisionStatus.SENT  # waits for the commune's date
    assert village_decision.effective_on is None
    with pytest.raises(NotPermitted):
        draw_up(head, commune_matter)
    decision = draw_up(
        chair,
        commune_matter,
        village_head_name="Chủ tịch Xã",
        front_head_name="Chủ tịch Mặt trận Xã",
        representative_names=("", ""),
    )
    assert (decision.total_households, decision.representatives_present) == (6, 6)
    assert decision.status == DecisionStatus.DRAFT
    assert "2/2" in decision.result
    with pytest.raises(DecisionError):
        sent(chair, decision)
    for who in ("front_a", "village_head_a1", "officer_b"):
        with pytest.raises(NotPermitted):
            decision_set_effective(actor=personas[who], decision=decision, on=timezone.localdate())
    on = timezone.localdate() + timedelta(days=30)
    decision = decision_set_effective(actor=chair, decision=decision, on=on)
    assert (decision.status, decision.effective_on) == (DecisionStatus.IN_EFFECT, on)
    village_decision.refresh_from_db()
    assert (village_decision.status, village_decision.effective_on) == (
        DecisionStatus.IN_EFFECT,
        on,
    )
    # Each village decision changed is audited, under the village (not a bare update()).
    events = _events("decisions.decision_effective_set")
    assert events[str(decision.pk)].data["village_decisions"] == [village_decision.pk]
    village_event = events[str(village_decision.pk)]
    assert village_event.unit_id == tree.village_a1.pk
    assert village_event.data == {"on": on.isoformat(), "commune_decision": decision.pk}
    with pytest.raises(DecisionError):
        decision_set_effective(actor=chair, decision=decision, on=on)


def _events(action: str) -> dict:
    """The audit events of ``action`` on community decisions, by decision id."""
    return {
        event.target_id: event
        for event in AuditEvent.objects.filter(
            action=action, target_type="decisions.communitydecision"
        )
    }


def test_annulling_a_commune_decision_annuls_the_villages_decisions(
    personas, tree, commune_matter, hooks
):
    """Art. 22: the commune-scope decision goes, and so do the villages' decisions on it (each
    locked and audited) and the adopted parts without a decision, which can no longer have one."""
    chair, head = personas["chair_a"], personas["village_head_a1"]
    part_a1 = commune_matter.village_matters.get(unit=tree.village_a1)
    part_a2 = commune_matter.village_matters.get(unit=tree.village_a2)
    village_decision = sent(head, draw_up(head, part_a1))
    decision = draw_up(
        chair,
        commune_matter,
        village_head_name="Chủ tịch Xã",
        front_head_name="Chủ tịch Mặt trận Xã",
    )
    today = timezone.localdate()
    decision_set_effective(actor=chair, decision=decision, on=today)
    grounds = "Mức đóng góp vượt quá quy định của Hội đồng nhân dân tỉnh."
    decision = decision_annul(actor=chair, decision=decision, on=today, grounds=grounds)

    assert decision.status == DecisionStatus.ANNULLED
    village_decision.refresh_from_db()
    assert (village_decision.status, village_decision.annulled_on) == (
        DecisionStatus.ANNULLED,
        today,
    )
    assert village_decision.annulment_reason == grounds
    statuses = dict(Matter.objects.filter(parent=commune_matter).values_list("pk", "status"))
    assert statuses == {part_a1.pk: MatterStatus.ANNULLED, part_a2.pk: MatterStatus.ANNULLED}
    assert Matter.objects.get(pk=commune_matter.pk).status == MatterStatus.ANNULLED

    events = _events("decisions.decision_annulled")
    assert set(events) == {str(decision.pk), str(village_decision.pk)}
    assert events[str(decision.pk)].data["village_decisions"] == [village_decision.pk]
    assert events[str(decision.pk)].data["village_matters"] == [part_a2.pk]
    assert events[str(village_decision.pk)].data["commune_decision"] == decision.pk
    assert events[str(village_decision.pk)].unit_id == tree.village_a1.pk
    assert hooks == [("annulled", decision.pk), ("annulled", village_decision.pk)]
    # The village without a decision cannot draw one up for an annulled matter.
    with pytest.raises(DecisionError):
        draw_up(chair, Matter.objects.get(pk=part_a2.pk))


def test_a_village_decision_gets_no_commune_date(personas, head, tree, homes):
    decision = draw_up(head, decide(head, tree.village_a1, homes, kind="contribution"))
    with pytest.raises(DecisionError):
        decision_set_effective(
            actor=personas["chair_a"], decision=decision, on=timezone.localdate()
        )


# --- annulment and amendment --------------------------------------------------------------------


def test_only_the_commune_committee_annuls(personas, head, tree, homes, hooks):
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes)))
    for who in ("village_head_a1", "front_a", "front_head_a1", "officer_b", "resident"):
        with pytest.raises(NotPermitted):
            decision_annul(
                actor=personas[who], decision=decision, on=timezone.localdate(), grounds="Trái luật"
            )
    with pytest.raises(DecisionError):
        decision_annul(
            actor=personas["chair_a"], decision=decision, on=timezone.localdate(), grounds=" "
        )
    assert hooks == []
    decision = decision_annul(
        actor=personas["chair_a"],
        decision=decision,
        on=timezone.localdate(),
        grounds="Mức đóng góp trái quy định của pháp luật.",
    )
    assert decision.status == DecisionStatus.ANNULLED
    assert decision.annulled_on == timezone.localdate()
    assert Matter.objects.get(pk=decision.matter_id).status == MatterStatus.ANNULLED
    assert hooks == [("annulled", decision.pk)]
    with pytest.raises(DecisionError):
        decision_annul(
            actor=personas["chair_a"], decision=decision, on=timezone.localdate(), grounds="Lại"
        )


def test_amendment_requested_then_proposed_by_the_same_procedure(personas, head, tree, homes):
    decision = sent(head, draw_up(head, decide(head, tree.village_a1, homes)))
    with pytest.raises(NotPermitted):
        decision_request_amendment(actor=head, decision=decision, grounds="Sai thủ tục")
    with pytest.raises(DecisionError):
        decision_request_amendment(actor=personas["officer_a"], decision=decision, grounds="")
    decision = decision_request_amendment(
        actor=personas["officer_a"], decision=decision, grounds="Chưa thông báo trước 02 ngày."
    )
    assert decision.status == DecisionStatus.AMENDMENT_REQUESTED
    decision.refresh_from_db()
    assert decision.amendment_grounds == "Chưa thông báo trước 02 ngày."
    assert decision.amendment_requested_on == timezone.localdate()
    assert decision.annulment_reason == "" and decision.annulled_on is None
    with pytest.raises(NotPermitted):
        amendment_propose(
            actor=personas["officer_b"],
            decision=decision,
            title="Sửa",
            description="",
            form="meeting",
        )
    amendment = amendment_propose(
        actor=head,
        decision=decision,
        title="Sửa mức đóng góp lắp đèn",
        description="Giảm còn 150.000 đồng.",
        form="meeting",
        front_agreed_by="Trần Thị Mặt Trận",
        front_agreed_on=timezone.localdate(),
    )
    assert amendment.amends_id == decision.matter_id
    assert (amendment.kind, amendment.unit, amendment.status) == ("other", tree.village_a1, "draft")
    with pytest.raises(DecisionError):
        amendment_propose(
            actor=head, decision=decision, title="Lần hai", description="", form="meeting"
        )
    assert Matter.objects.filter(amends=decision.matter).count() == 1


def test_an_annulled_decision_is_not_amended(personas, head, tree, homes):
    decision = draw_up(head, decide(head, tree.village_a1, homes))
    decision = decision_annul(
        actor=personas["chair_a"], decision=decision, on=timezone.localdate(), grounds="Trái luật"
    )
    with pytest.raises(DecisionError):
        amendment_propose(
            actor=head, decision=decision, title="Sửa", description="", form="meeting"
        )


# --- residents' initiative ----------------------------------------------------------------------


def test_front_committee_head_approves_an_initiative_below_ten_percent(personas, head, tree, homes):
    matter = propose(
        actor=head,
        village=tree.village_a1,
        kind="other",
        form="ballot",
        title="Sáng kiến của người dân",
        origin="initiative",
    )
    ballot_plan_and_team(head, matter)
    with pytest.raises(DecisionError):
        matter_open(actor=head, matter=matter)
    for who in ("village_head_a1", "chair_a", "front_a", "officer_b"):
        with pytest.raises(NotPermitted):
            initiative_front_approve(actor=personas[who], matter=matter)
    matter = initiative_front_approve(actor=personas["front_head_a1"], matter=matter)
    assert matter.initiative_front_approved
    matter.refresh_from_db()
    assert matter.initiative_front_approved_by == str(personas["front_head_a1"])
    assert matter.initiative_front_approved_on == timezone.localdate()
    with pytest.raises(DecisionError):
        initiative_front_approve(actor=personas["front_head_a1"], matter=matter)
    assert matter_open(actor=head, matter=matter).status == MatterStatus.OPEN


def test_a_proposal_is_not_an_initiative(personas, head, tree):
    matter = propose(actor=head, village=tree.village_a1, kind="other", form="meeting", title="X")
    with pytest.raises(DecisionError):
        initiative_front_approve(actor=personas["front_head_a1"], matter=matter)
