"""The community decision and what follows the vote (Law 10/2022 Arts 16(3), 20–22; ND 59/2023
Arts 3(5)(d), 4(7), 5(4)).

* ``decision_draw_up`` writes the decision of an adopted matter with every item of Art. 20(2) and
  generates its paper (Mẫu số 03). Village scope: signed by the village head, the head of the
  Front work committee and two household representatives. Commune scope (items 1–2, decided by
  the villages, Art. 21(1)): the commune's own decision, signed by the commune chair and the
  commune Front chair in place of the village head and the Front work committee head; no
  household representatives sign it (the villages' decisions carry theirs), and it is not sent
  to the commune — the commune UBND sets its effective date (``decision_set_effective``).
* ``decision_send`` records sending to the commune UBND and Front (due 5 working days after the
  vote, Art. 20(3)); a decision that needs recognition then waits for it (5 working days after
  receipt, Art. 21(2)). Receipt is taken as the sending date; the recognising body may record
  another day with ``decision_receive``.
* ``decision_recognise`` / ``decision_refuse``: only the body of Art. 21(2) — the commune UBND
  for the village code and the village head, the commune Front for board members. A refusal is
  a written answer with reasons (``refusal_document``). A village code is recognised under ND
  61/2023 Art. 11 (R-HU-03): only once its dossier (Mẫu 01) was sent, within 5 working days of
  the complete dossier, by the ND 61 Mẫu 03 decision (``services_village_codes``).
* ``decision_annul`` and ``decision_request_amendment`` (Art. 22) by the commune UBND;
  annulling a commune-scope decision annuls the villages' decisions on it too;
  ``amendment_propose`` puts the amendment to the community by the same procedure.
* ``initiative_front_approve``: the village Front work committee approves a residents'
  initiative below 10% of consenting households (Art. 16(3)).

Every function re-checks permission, locks the rows it changes and writes its audit event in
the same transaction; the outcome hooks of other steps run inside it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.documents.models import GeneratedDocument
from danchu.core.documents.services import document_generate
from danchu.decisions import outcome_hooks
from danchu.decisions.documents_outcomes import (
    COMMUNITY_DECISION,
    RECOGNITION,
    RECOGNITION_REFUSAL,
)
from danchu.decisions.domain import outcomes as rules
from danchu.decisions.domain.rules import TWO_THIRDS_KINDS, VILLAGE_CODE
from danchu.decisions.models import (
    BallotPlan,
    CommunityDecision,
    DecisionForm,
    DecisionStatus,
    Matter,
    MatterOrigin,
    MatterScope,
    MatterStatus,
    VillageCode,
    VoteChannel,
)
from danchu.decisions.permissions import RUN_MATTERS
from danchu.decisions.permissions_outcomes import (
    APPROVE_INITIATIVE,
    BODY_PERMISSION,
    COMMUNE_COMMITTEE_ACTS,
)
from danchu.decisions.services import DecisionError, acting_user, lock_matter, matter_create
from danchu.decisions.services_village_codes import (
    code_recognition_paper,
    dossier_complete_on,
)

FORMATS = ("pdf", "docx")
AMENDABLE = (
    DecisionStatus.SENT,
    DecisionStatus.IN_EFFECT,
    DecisionStatus.RECOGNISED,
    DecisionStatus.AMENDMENT_REQUESTED,
)
UNDECIDED = (MatterStatus.DRAFT, MatterStatus.POLL, MatterStatus.OPEN)

AUDIT_ACTIONS = (
    "decisions.decision_created",
    "decisions.decision_sent",
    "decisions.decision_received",
    "decisions.decision_recognised",
    "decisions.decision_refused",
    "decisions.decision_effective_set",
    "decisions.decision_annulled",
    "decisions.amendment_requested",
    "decisions.amendment_proposed",
    "decisions.initiative_front_approved",
)


# --- reading what the other steps recorded -------------------------------------------------------


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def decision_form_of(matter: Matter) -> str:
    """The form the matter was decided by: household ballots after a meeting without enough
    households are a ballot decision (Art. 19(1)(b))."""
    if matter.ballot_fallback:
        return DecisionForm.BALLOT
    return matter.form


def representatives_present(matter: Matter) -> int:
    """Household representatives who took part (Art. 20(2)(b)): present at the meeting, ballots
    returned, or representatives who voted online (and on paper, for an online vote)."""
    form = decision_form_of(matter)
    if form == DecisionForm.MEETING:
        if matter.meeting_id is not None:
            present = matter.meeting.present_count
        else:  # the votes were entered one by one at the meeting
            present = matter.votes.count()
    elif form == DecisionForm.BALLOT:
        if matter.ballots.exists():
            present = matter.ballots.filter(vote__isnull=False).count()
        else:
            present = matter.votes.filter(channel=VoteChannel.PAPER).count()
    else:
        present = matter.votes.filter(channel__in=(VoteChannel.ONLINE, VoteChannel.PAPER)).count()
    eligible = matter.eligible_households or 0
    return min(present, eligible) if eligible else present


def voting_ended_on(matter: Matter) -> date:
    """The day the 5 working days of Art. 20(3) run from: the meeting (ND 59/2023 Art.
    3(5)(d)), the ballot deadline (Art. 4(7)) or the end of the online vote (Art. 5(4)(b))."""
    form = decision_form_of(matter)
    if matter.scope == MatterScope.VILLAGE and form == DecisionForm.MEETING and matter.meeting_id:
        meeting = matter.meeting
        return _local_date(meeting.ended_at or meeting.scheduled_at)
    if matter.scope == MatterScope.VILLAGE and form == DecisionForm.BALLOT:
        plan = BallotPlan.objects.filter(matter=matter).only("return_deadline").first()
        if plan is not None:
            return plan.return_deadline
    ended = matter.closed_at or matter.closes_at or timezone.now()
    return _local_date(ended)


def _default_decided_at(matter: Matter) -> datetime:
    if decision_form_of(matter) == DecisionForm.MEETING and matter.meeting_id is not None:
        meeting = matter.meeting
        return meeting.ended_at or meeting.scheduled_at
    return matter.closed_at or timezone.now()


def _percent(part: int, whole: int) -> str:
    """ "75,00%": two decimals, Vietnamese decimal comma, exact integer arithmetic."""
    if whole <= 0:
        return "0,00%"
    hundredths = part * 10000 // whole
    return f"{hundredths // 100},{hundredths % 100:02d}%"


def _result_text(matter: Matter) -> str:
    """The voting or ballot result (Art. 20(2)(đ)), as the paper writes it."""
    if matter.scope == MatterScope.COMMUNE:
        villages = matter.eligible_households or 0
        return (
            f"{matter.villages_adopted}/{villages} thôn, tổ dân phố tán thành "
            f"({_percent(matter.villages_adopted, villages)}); tỷ lệ cần đạt: từ hai phần ba "
            "tổng số thôn, tổ dân phố trở lên. Nội dung được thông qua."
        )
    eligible = matter.eligible_households or 0
    threshold = (
        "từ hai phần ba tổng số hộ gia đình trở lên"
        if matter.kind in TWO_THIRDS_KINDS
        else "trên 50% tổng số hộ gia đình"
    )
    return (
        f"Tán thành: {matter.agree_count}/{eligible} hộ gia đình "
        f"({_percent(matter.agree_count, eligible)}); không tán thành: {matter.disagree_count}; "
        f"ý kiến khác: {matter.other_count}; tỷ lệ cần đạt: {threshold}. Nội dung được thông qua."
    )


def _online_data(matter: Matter, participants: int) -> dict[str, Any]:
    """ND 59/2023 Art. 5(4)(a): start and end, participants, counts, other opinions and the
    list of participating representatives (full name and permanent address, Art. 5(2)(c))."""
    votes = (
        matter.votes.filter(channel__in=(VoteChannel.ONLINE, VoteChannel.PAPER))
        .select_related("household__representative")
        .order_by("household__code", "pk")
    )
    participant_list, opinions = [], []
    for vote in votes:
        household = vote.household
        name = household.representative.full_name if household.representative_id else ""
        participant_list.append([name, household.address or household.code])
        if vote.other_opinion:
            opinions.append(vote.other_opinion)
    started = matter.opened_at or matter.closed_at or timezone.now()
    ended = matter.closed_at or matter.closes_at or timezone.now()
    return {
        "started_at": started.isoformat(),
        "ended_at": ended.isoformat(),
        "participants": participants,
        "agree": matter.agree_count,
        "disagree": matter.disagree_count,
        "other": matter.other_count,
        "other_opinions": opinions,
        "participant_list": participant_list,
    }


def _commune_name(matter: Matter) -> str:
    unit = matter.unit
    return unit.name if unit.is_commune else (unit.parent.name if unit.parent_id else unit.name)


def _commune_unit(matter: Matter) -> Any:
    unit = matter.unit
    return unit if unit.is_commune else unit.parent


def _clean_date(on: date, *, not_before: date | None, before_message: str) -> None:
    if on > timezone.localdate():
        raise DecisionError(_("The date cannot be in the future."))
    if not_before is not None and on < not_before:
        raise DecisionError(before_message)


# --- drawing up ----------------------------------------------------------------------------------


def decision_draw_up(
    *,
    actor: Any,
    matter: Matter,
    content: str,
    village_head_name: str,
    front_head_name: str,
    representative_names: tuple[str, str] = ("", ""),
    decided_at: datetime | None = None,
) -> CommunityDecision:
    """Write the community decision of an adopted matter (Law 10/2022 Art. 20) and generate its
    paper. For a commune-scope matter, ``village_head_name`` and ``front_head_name`` are the
    commune chair and the commune Front chair, and ``representative_names`` are not used.

    Items 1, 2 and 6 decided by a village (not as part of a commune-scope matter) take effect on
    the day of adoption (Art. 21(2)): the decision is "in effect" at once.
    """
    if not has_perm(actor, RUN_MATTERS, matter):
        raise NotPermitted()
    content = content.strip()
    village_head_name = normalise_spaces(village_head_name)[:150]
    front_head_name = normalise_spaces(front_head_name)[:150]
    if len(representative_names) != 2:
        raise DecisionError(_("Name the two household representatives who sign the decision."))
    reps = tuple(normalise_spaces(name)[:150] for name in representative_names)
    commune_scope = matter.scope == MatterScope.COMMUNE
    if not content:
        raise DecisionError(_("Write the content of the decision."))
    if not village_head_name or not front_head_name:
        if commune_scope:
            raise DecisionError(
                _("Name the commune chair and the commune Front chair who sign the decision.")
            )
        raise DecisionError(
            _("Name the village head and the head of the Front work committee who sign it.")
        )
    if commune_scope:
        reps = ("", "")
    elif not all(reps):
        raise DecisionError(_("Name the two household representatives who sign the decision."))
    with transaction.atomic():
        locked = (
            Matter.objects.select_for_update(of=("self",))
            .select_related("unit", "unit__parent", "meeting")
            .get(pk=matter.pk)
        )
        if locked.status != MatterStatus.ADOPTED:
            raise DecisionError(_("Only an adopted matter has a community decision."))
        if CommunityDecision.objects.filter(matter=locked).exists():
            raise DecisionError(_("The community decision of this matter is already drawn up."))
        moment = decided_at or _default_decided_at(locked)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        if moment > timezone.now():
            raise DecisionError(_("The decision cannot be dated in the future."))
        data: dict[str, Any] = {
            "scope": locked.scope,
            "commune": _commune_name(locked),
            "village": locked.unit.name,
            "unit_kind": locked.unit.kind,
            "title": locked.title,
            "description": locked.description,
            "decided_at": moment.isoformat(),
            "form": decision_form_of(locked),
            "content": content,
            "signers": {
                "village_head": village_head_name,
                "front_head": front_head_name,
                "representative_1": reps[0],
                "representative_2": reps[1],
            },
        }
        if commune_scope:
            parts = list(
                locked.village_matters.select_related("unit", "meeting").order_by("unit__code")
            )
            total = sum(part.eligible_households or 0 for part in parts)
            present = sum(representatives_present(part) for part in parts)
            data["villages"] = [
                [
                    part.unit.name,
                    part.eligible_households or 0,
                    part.agree_count,
                    "Tán thành" if part.status == MatterStatus.ADOPTED else "Không tán thành",
                ]
                for part in parts
            ]
        else:
            total = locked.eligible_households or 0
            present = representatives_present(locked)
            if data["form"] == DecisionForm.ONLINE:
                data["online"] = _online_data(locked, present)
        data["total_households"] = total
        data["representatives_present"] = present
        data["households_absent"] = max(total - present, 0)
        data["result"] = _result_text(locked)
        adopted_on = _local_date(moment)
        effect_scope = (
            rules.COMMUNE if commune_scope or locked.parent_id is not None else rules.VILLAGE
        )
        effective_on = rules.effective_date(locked.kind, effect_scope, adopted_on=adopted_on)
        document = document_generate(
            actor=actor, doc_type=COMMUNITY_DECISION, unit=locked.unit, data=data, formats=FORMATS
        )
        decision = CommunityDecision.objects.create(
            matter=locked,
            status=DecisionStatus.IN_EFFECT if effective_on else DecisionStatus.DRAFT,
            decided_at=moment,
            total_households=total,
            representatives_present=present,
            households_absent=data["households_absent"],
            form=data["form"],
            result=data["result"],
            content=content,
            village_head_name=village_head_name,
            front_head_name=front_head_name,
            representative_1_name=reps[0],
            representative_2_name=reps[1],
            document=document,
            send_due=rules.send_due(voting_ended_on(locked)),
            recognising_body=rules.recognising_body(locked.kind),
            effective_on=effective_on,
            created_by=acting_user(actor),
        )
        audit_record(
            actor=actor,
            action="decisions.decision_created",
            target=decision,
            unit=locked.unit,
            data={
                "matter": locked.pk,
                "send_due": decision.send_due.isoformat(),
                "effective_on": effective_on.isoformat() if effective_on else None,
                "document": document.pk,
            },
        )
    return decision


def _lock(decision: CommunityDecision) -> CommunityDecision:
    return (
        CommunityDecision.objects.select_for_update(of=("self",))
        .select_related("matter", "matter__unit", "matter__unit__parent")
        .get(pk=decision.pk)
    )


def _recognition_due(decision: CommunityDecision) -> date | None:
    """Last day of the 5 working days for the recognising body (Art. 21(2)), from the day the
    commune received the decision; for a village code, from the complete dossier (ND 61 Art.
    11(2)): ``None`` until the village head has sent it."""
    if not decision.recognising_body:
        return None
    if decision.matter.kind == VILLAGE_CODE:
        code = VillageCode.objects.filter(matter_id=decision.matter_id).first()
        start = dossier_complete_on(code, decision)
    else:
        start = decision.received_on or decision.sent_on
    return rules.recognition_due(start) if start else None


# --- sending and recognition ---------------------------------------------------------------------


def decision_send(*, actor: Any, decision: CommunityDecision, sent_on: date) -> CommunityDecision:
    """Record that the decision went to the commune UBND and the commune Front (Art. 20(3)).
    Sending late is recorded, not refused: the law asks for the decision either way."""
    if not has_perm(actor, RUN_MATTERS, decision.matter):
        raise NotPermitted()
    with transaction.atomic():
        locked = _lock(decision)
        if locked.matter.scope == MatterScope.COMMUNE:
            raise DecisionError(
                _("A commune-scope decision is the commune's own; it is not sent to the commune.")
            )
        if locked.sent_on is not None:
            raise DecisionError(_("This decision has already been sent to the commune."))
        if locked.status not in (DecisionStatus.DRAFT, DecisionStatus.IN_EFFECT):
            raise DecisionError(_("This decision can no longer be sent."))
        _clean_date(
            sent_on,
            not_before=_local_date(locked.decided_at),
            before_message=_("The decision cannot be sent before it was made."),
        )
        locked.sent_on = sent_on
        locked.received_on = sent_on
        locked.recognition_due = _recognition_due(locked)
        if locked.status == DecisionStatus.DRAFT:
            locked.status = DecisionStatus.SENT
        locked.save(update_fields=["sent_on", "received_on", "recognition_due", "status"])
        audit_record(
            actor=actor,
            action="decisions.decision_sent",
            target=locked,
            unit=locked.matter.unit,
            data={
                "sent_on": sent_on.isoformat(),
                "late": sent_on > locked.send_due,
                "recognition_due": (
                    locked.recognition_due.isoformat() if locked.recognition_due else None
                ),
            },
        )
    return locked


def _check_body(actor: Any, decision: CommunityDecision) -> None:
    body = decision.recognising_body
    if not body:
        if not any(has_perm(actor, p, decision) for p in BODY_PERMISSION.values()):
            raise NotPermitted()
        raise DecisionError(_("This decision needs no recognition by the commune."))
    if not has_perm(actor, BODY_PERMISSION[body], decision):
        raise NotPermitted()


def decision_receive(
    *, actor: Any, decision: CommunityDecision, received_on: date
) -> CommunityDecision:
    """The recognising body records the day the commune received the decision, when it is not
    the sending day; the 5 working days for its answer run from that day (Art. 21(2))."""
    _check_body(actor, decision)
    with transaction.atomic():
        locked = _lock(decision)
        if locked.status != DecisionStatus.SENT:
            raise DecisionError(
                _("Only a decision sent to the commune and not yet answered can be received.")
            )
        _clean_date(
            received_on,
            not_before=locked.sent_on,
            before_message=_("The decision cannot be received before it was sent."),
        )
        locked.received_on = received_on
        locked.recognition_due = _recognition_due(locked)
        locked.save(update_fields=["received_on", "recognition_due"])
        audit_record(
            actor=actor,
            action="decisions.decision_received",
            target=locked,
            unit=locked.matter.unit,
            data={
                "received_on": received_on.isoformat(),
                "recognition_due": (
                    locked.recognition_due.isoformat() if locked.recognition_due else None
                ),
            },
        )
    return locked


def _answer_data(locked: CommunityDecision, actor: Any) -> dict[str, Any]:
    matter = locked.matter
    return {
        "body": locked.recognising_body,
        "commune": _commune_name(matter),
        "village": matter.unit.name,
        "unit_kind": matter.unit.kind,
        "title": matter.title,
        "content": locked.content,
        "decided_at": locked.decided_at.isoformat(),
        "sent_on": locked.sent_on.isoformat() if locked.sent_on else "",
        "signer": getattr(actor, "full_name", "") or "",
    }


def _answer_paper(
    *,
    actor: Any,
    decision: CommunityDecision,
    on: date,
    not_answerable: str,
    doc_type: str,
    data: dict[str, Any],
    recognising: bool = False,
) -> tuple[CommunityDecision, GeneratedDocument]:
    """Lock a decision sent to the commune and not yet answered, check the answer's date and
    generate the answer's paper (recognition or written refusal, Art. 21(2)); in the caller's
    transaction. Recognising a village code issues the ND 61 Mẫu 03 instead, and only once
    the code's dossier was sent (ND 61 Art. 11)."""
    locked = _lock(decision)
    if locked.status != DecisionStatus.SENT:
        raise DecisionError(not_answerable)
    _clean_date(
        on,
        not_before=locked.received_on or locked.sent_on,
        before_message=_("The answer cannot be dated before the decision was received."),
    )
    if recognising and locked.matter.kind == VILLAGE_CODE:
        return locked, code_recognition_paper(actor=actor, decision=locked, on=on)
    document = document_generate(
        actor=actor,
        doc_type=doc_type,
        unit=_commune_unit(locked.matter),
        data={**_answer_data(locked, actor), **data},
        formats=FORMATS,
    )
    return locked, document


def decision_recognise(*, actor: Any, decision: CommunityDecision, on: date) -> CommunityDecision:
    """The recognising body recognises the decision (Art. 21(2)); it takes effect on that day
    (items 3–5). Generates the recognition decision and runs the "recognised" hooks.

    A village code (ND 61/2023 Art. 11, R-HU-03) is recognised only once the village head has
    sent its dossier (Mẫu 01); its 5 working days run from the complete dossier, and the
    recognition is the ND 61 Mẫu 03 decision, kept on the decision and on the code."""
    _check_body(actor, decision)
    with transaction.atomic():
        locked, document = _answer_paper(
            actor=actor,
            decision=decision,
            on=on,
            not_answerable=_(
                "Only a decision sent to the commune and not yet answered can be recognised."
            ),
            doc_type=RECOGNITION,
            data={"recognised_on": on.isoformat()},
            recognising=True,
        )
        locked.status = DecisionStatus.RECOGNISED
        locked.recognised_on = on
        locked.effective_on = rules.effective_date(
            locked.matter.kind, rules.VILLAGE, adopted_on=on, recognised_on=on
        )
        locked.recognition_document = document
        locked.save(
            update_fields=["status", "recognised_on", "effective_on", "recognition_document"]
        )
        audit_record(
            actor=actor,
            action="decisions.decision_recognised",
            target=locked,
            unit=locked.matter.unit,
            data={
                "on": on.isoformat(),
                "body": locked.recognising_body,
                "late": bool(locked.recognition_due and on > locked.recognition_due),
                "recognition_due": (
                    locked.recognition_due.isoformat() if locked.recognition_due else None
                ),
                "document": document.pk,
            },
        )
        outcome_hooks.fire("recognised", locked)
    return locked


def decision_refuse(
    *, actor: Any, decision: CommunityDecision, on: date, reasons: str
) -> CommunityDecision:
    """The recognising body refuses: a written answer with reasons (Art. 21(2))."""
    _check_body(actor, decision)
    reasons = reasons.strip()
    if not reasons:
        raise DecisionError(
            _("Give the reasons: a refusal is a written answer with reasons (Art. 21(2)).")
        )
    with transaction.atomic():
        locked, document = _answer_paper(
            actor=actor,
            decision=decision,
            on=on,
            not_answerable=_(
                "Only a decision sent to the commune and not yet answered can be refused."
            ),
            doc_type=RECOGNITION_REFUSAL,
            data={"refused_on": on.isoformat(), "reasons": reasons},
        )
        locked.status = DecisionStatus.REFUSED
        locked.refused_on = on
        locked.refusal_reasons = reasons
        locked.refusal_document = document
        locked.save(update_fields=["status", "refused_on", "refusal_reasons", "refusal_document"])
        audit_record(
            actor=actor,
            action="decisions.decision_refused",
            target=locked,
            unit=locked.matter.unit,
            data={"on": on.isoformat(), "body": locked.recognising_body, "document": document.pk},
        )
        outcome_hooks.fire("refused", locked)
    return locked


def decision_set_effective(
    *, actor: Any, decision: CommunityDecision, on: date
) -> CommunityDecision:
    """The commune UBND sets the date a commune-scope contribution or fund decision takes effect
    (Art. 21(2)); the villages' decisions on it take effect on the same date."""
    if not has_perm(actor, COMMUNE_COMMITTEE_ACTS, decision):
        raise NotPermitted()
    with transaction.atomic():
        locked = _lock(decision)
        if locked.matter.scope != MatterScope.COMMUNE:
            raise DecisionError(
                _("Only a commune-scope decision takes effect on a date the commune sets.")
            )
        if locked.status != DecisionStatus.DRAFT:
            raise DecisionError(_("The effective date of this decision is already set."))
        if on < _local_date(locked.decided_at):
            raise DecisionError(_("A decision cannot take effect before it was made."))
        locked.status = DecisionStatus.IN_EFFECT
        locked.effective_on = on
        locked.save(update_fields=["status", "effective_on"])
        villages = _village_decisions(
            locked,
            matter__status=MatterStatus.ADOPTED,
            status__in=(DecisionStatus.DRAFT, DecisionStatus.SENT),
        )
        for village in villages:
            village.status = DecisionStatus.IN_EFFECT
            village.effective_on = on
            village.save(update_fields=["status", "effective_on"])
            audit_record(
                actor=actor,
                action="decisions.decision_effective_set",
                target=village,
                unit=village.matter.unit,
                data={"on": on.isoformat(), "commune_decision": locked.pk},
            )
        audit_record(
            actor=actor,
            action="decisions.decision_effective_set",
            target=locked,
            unit=locked.matter.unit,
            data={"on": on.isoformat(), "village_decisions": [v.pk for v in villages]},
        )
    return locked


def _village_decisions(
    commune_decision: CommunityDecision, **filters: Any
) -> list[CommunityDecision]:
    """The villages' decisions on a commune-scope matter, locked, in village order; after the
    commune's own row (the order every service locks them in)."""
    return list(
        CommunityDecision.objects.select_for_update(of=("self",))
        .select_related("matter", "matter__unit")
        .filter(matter__parent_id=commune_decision.matter_id, **filters)
        .order_by("matter__unit__code", "pk")
    )


# --- amendment and annulment (Art. 22) ----------------------------------------------------------


def _committee_grounds(
    actor: Any, decision: CommunityDecision, grounds: str, *, missing: str
) -> str:
    """Art. 22 acts are the commune UBND's, and state their grounds."""
    if not has_perm(actor, COMMUNE_COMMITTEE_ACTS, decision):
        raise NotPermitted()
    grounds = grounds.strip()
    if not grounds:
        raise DecisionError(missing)
    return grounds


def decision_annul(
    *, actor: Any, decision: CommunityDecision, on: date, grounds: str
) -> CommunityDecision:
    """The commune UBND annuls a decision that is unlawful, against good customs or made
    without following the procedure (Art. 22); the matter is annulled too. Annulling a
    commune-scope decision annuls the villages' decisions on the matter with it (each locked and
    audited) and the villages' adopted parts still without a decision, so that none of them
    stays in effect or can be drawn up afterwards."""
    grounds = _committee_grounds(
        actor, decision, grounds, missing=_("State the grounds for annulling the decision.")
    )
    with transaction.atomic():
        locked = _lock(decision)
        if locked.status == DecisionStatus.ANNULLED:
            raise DecisionError(_("This decision is already annulled."))
        _clean_date(
            on,
            not_before=_local_date(locked.decided_at),
            before_message=_("A decision cannot be annulled before it was made."),
        )
        commune_scope = locked.matter.scope == MatterScope.COMMUNE
        villages: list[CommunityDecision] = []
        parts: list[Matter] = []
        if commune_scope:
            villages = [
                v for v in _village_decisions(locked) if v.status != DecisionStatus.ANNULLED
            ]
            # The commune's matter before its villages' parts.
            Matter.objects.select_for_update().get(pk=locked.matter_id)
            parts = list(
                Matter.objects.select_for_update()
                .filter(parent_id=locked.matter_id, status=MatterStatus.ADOPTED)
                .exclude(pk__in=[v.matter_id for v in villages])
                .order_by("pk")
            )
        _annul(
            actor,
            locked,
            on=on,
            grounds=grounds,
            data=(
                {
                    "village_decisions": [v.pk for v in villages],
                    "village_matters": [p.pk for p in parts],
                }
                if commune_scope
                else {}
            ),
        )
        for village in villages:
            _annul(actor, village, on=on, grounds=grounds, data={"commune_decision": locked.pk})
        for part in parts:
            part.status = MatterStatus.ANNULLED
            part.save(update_fields=["status"])
    return locked


def _annul(
    actor: Any, locked: CommunityDecision, *, on: date, grounds: str, data: dict[str, Any]
) -> None:
    """Annul a locked decision and its matter, audit it and run the "annulled" hooks."""
    matter = Matter.objects.select_for_update().get(pk=locked.matter_id)
    matter.status = MatterStatus.ANNULLED
    matter.save(update_fields=["status"])
    locked.matter = matter
    locked.status = DecisionStatus.ANNULLED
    locked.annulled_on = on
    locked.annulment_reason = grounds
    locked.save(update_fields=["status", "annulled_on", "annulment_reason"])
    audit_record(
        actor=actor,
        action="decisions.decision_annulled",
        target=locked,
        unit=matter.unit,
        data={"on": on.isoformat(), "grounds": grounds, **data},
    )
    outcome_hooks.fire("annulled", locked)


def decision_request_amendment(
    *, actor: Any, decision: CommunityDecision, grounds: str
) -> CommunityDecision:
    """The commune UBND asks the community to amend a decision made without following the
    procedure (Art. 22); the grounds and the day are kept in ``amendment_grounds`` and
    ``amendment_requested_on``."""
    grounds = _committee_grounds(
        actor,
        decision,
        grounds,
        missing=_("State the grounds for asking the community to amend it."),
    )
    with transaction.atomic():
        locked = _lock(decision)
        if locked.status in (DecisionStatus.ANNULLED, DecisionStatus.AMENDMENT_REQUESTED):
            raise DecisionError(_("An amendment of this decision cannot be requested now."))
        today = timezone.localdate()
        locked.status = DecisionStatus.AMENDMENT_REQUESTED
        locked.amendment_grounds = grounds
        locked.amendment_requested_on = today
        locked.save(update_fields=["status", "amendment_grounds", "amendment_requested_on"])
        audit_record(
            actor=actor,
            action="decisions.amendment_requested",
            target=locked,
            unit=locked.matter.unit,
            data={"grounds": grounds, "on": today.isoformat()},
        )
    return locked


def amendment_propose(
    *,
    actor: Any,
    decision: CommunityDecision,
    title: str,
    description: str,
    form: str,
    front_agreed_by: str = "",
    front_agreed_on: date | None = None,
) -> Matter:
    """Put an amendment to the community: a new matter of the same kind and unit that
    ``amends`` the decided one, decided by the same procedure (Art. 22; Arts 16–21)."""
    if not has_perm(actor, RUN_MATTERS, decision.matter):
        raise NotPermitted()
    with transaction.atomic():
        locked = _lock(decision)
        if locked.status not in AMENDABLE:
            raise DecisionError(_("This decision cannot be amended."))
        if Matter.objects.filter(amends=locked.matter, status__in=UNDECIDED).exists():
            raise DecisionError(_("An amendment of this decision is already before the community."))
        matter = matter_create(
            actor=actor,
            village=locked.matter.unit,
            kind=locked.matter.kind,
            form=form,
            title=title,
            description=description,
            front_agreed_by=front_agreed_by,
            front_agreed_on=front_agreed_on,
        )
        Matter.objects.filter(pk=matter.pk).update(amends=locked.matter)
        matter.amends = locked.matter
        audit_record(
            actor=actor,
            action="decisions.amendment_proposed",
            target=matter,
            unit=matter.unit,
            data={"amends": locked.matter_id, "decision": locked.pk},
        )
    return matter


# --- residents' initiatives (Art. 16(3)) --------------------------------------------------------


def initiative_front_approve(*, actor: Any, matter: Matter) -> Matter:
    """The village Front work committee approves putting a residents' initiative to the
    community although fewer than 10% of households consented (Art. 16(3))."""
    if not has_perm(actor, APPROVE_INITIATIVE, matter):
        raise NotPermitted()
    with transaction.atomic():
        locked = lock_matter(matter)
        if locked.origin != MatterOrigin.INITIATIVE:
            raise DecisionError(_("This matter is not a residents' initiative."))
        if locked.status != MatterStatus.DRAFT:
            raise DecisionError(_("Voting on this matter has already been opened."))
        if locked.initiative_front_approved:
            raise DecisionError(_("The Front work committee has already approved it."))
        today = timezone.localdate()
        locked.initiative_front_approved = True
        locked.initiative_front_approved_by = (
            getattr(actor, "full_name", "") or getattr(actor, "login", "") or ""
        )[:150]
        locked.initiative_front_approved_on = today
        locked.save(
            update_fields=[
                "initiative_front_approved",
                "initiative_front_approved_by",
                "initiative_front_approved_on",
            ]
        )
        audit_record(
            actor=actor,
            action="decisions.initiative_front_approved",
            target=locked,
            unit=locked.unit,
            data={"on": today.isoformat()},
        )
    return locked
