"""Village codes (hương ước, quy ước): drafting, posting for comment, the households' vote,
the recognition dossier, and the commune's recognition, suspension and abolition (ND 61/2023/
NĐ-CP; Law 10/2022 Art. 15(3); LAW.md §1.5, R-HU-01–05).

Every function takes keyword arguments, re-checks permission, locks the code row, and writes
its audit event in the same transaction; a refused step raises ``DecisionError`` and changes
nothing.

The households' vote is a matter of kind ``village_code`` (decided at a meeting with its > 50%
attendance quorum, or by ballots only when that quorum failed: ND 61 Art. 10, handled by the
meetings and ballots steps). The code follows its matter:

* when the matter is closed as adopted, the code becomes "adopted"; when it is closed as not
  adopted, the code goes back to drafting (to be reworked, posted again and put to a new vote).
  A ``post_save`` receiver on Matter calls :func:`code_sync_from_matter` inside the closing
  transaction (every step that closes a vote saves the matter; pages never write);
* when the commune recognises, refuses or annuls the community decision, the hooks registered
  in ``village_codes_setup`` set the code in effect (from the recognition date, ND 61 Art. 11),
  refused, or abolished.

Recognition (ND 61 Art. 11, R-HU-03): the commune recognises a village code through the
community decision (``services_outcomes.decision_recognise``), and only once the village head
has sent the dossier (Mẫu 01, ``code_dossier_send``). The 5 working days run from the complete
dossier: the later of the dossier and the community decision reaching the commune
(:func:`dossier_complete_on`). The recognition service calls :func:`code_recognition_paper`,
which issues the ND 61 Mẫu 03 decision and keeps it as the code's and the decision's
recognition paper. :func:`code_recognition_issue` remains for codes recognised before that,
whose decision carries the generic ND 59 recognition paper or none.

The papers of a code are kept on it: ``request_document`` (Mẫu 01), ``recognition_document``
(Mẫu 03 issued here), ``suspension_document`` (the latest Mẫu 04) and ``abolition_document``
(Mẫu 05); the audit events still name each paper they generated.

The yearly review falls on the code's ``review_month``/``review_day``: 18 November unless the
community agreed another day (ND 61 Art. 15(4)), recorded with :func:`code_review_day_set`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.documents.models import GeneratedDocument
from danchu.core.documents.services import document_generate
from danchu.core.units.models import Unit
from danchu.decisions import documents_village_codes as papers
from danchu.decisions.domain import rules
from danchu.decisions.domain import village_codes as law
from danchu.decisions.models import (
    CommunityDecision,
    DecisionForm,
    DecisionStatus,
    Matter,
    MatterStatus,
    VillageCode,
    VillageCodeReview,
    VillageCodeStatus,
)
from danchu.decisions.permissions_village_codes import CONTROL_CODES, MANAGE_CODES
from danchu.decisions.services import DecisionError, acting_user, matter_create

S = VillageCodeStatus
FORMATS = ("pdf", "docx")
# Statuses in which the code binds the community (wholly or in part).
BINDING = (S.IN_EFFECT, S.PARTLY_SUSPENDED, S.SUSPENDED)


def _text(value: str) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _not_in_future(day: date) -> None:
    if day > timezone.localdate():
        raise DecisionError(_("This date is in the future; record what has happened."))


def _lock(code: VillageCode) -> VillageCode:
    return (
        VillageCode.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__parent")
        .get(pk=code.pk)
    )


def _names(code: VillageCode) -> dict[str, str]:
    commune = code.unit.parent
    return {
        "code_title": code.title,
        "village_name": code.unit.name,
        "commune_name": commune.name if commune is not None else "",
    }


def _signer(actor: Any) -> str:
    return getattr(actor, "full_name", "") or ""


def _title_and_text(title: str, text: str) -> tuple[str, str]:
    """The draft's title and text, cleaned; both are required."""
    title, text = normalise_spaces(title)[:255], _text(text)
    if not title:
        raise DecisionError(_("The title is required."))
    if not text:
        raise DecisionError(_("The text of the draft is required."))
    return title, text


def _controlling_commune(actor: Any, code: VillageCode) -> Unit:
    """The commune whose People's Committee controls the code (ND 61 Arts 11–14), if the actor
    acts for it."""
    commune = code.unit.parent
    if commune is None or not has_perm(actor, CONTROL_CODES, commune):
        raise NotPermitted()
    return commune


def _answered_report(
    code: VillageCode, on: date, *, before_recognition: str, before_report: str
) -> date | None:
    """The pending report a suspension or abolition on ``on`` answers (ND 61 Arts 12, 14),
    refusing a date before the recognition or before that report."""
    if code.recognised_on is not None and on < code.recognised_on:
        raise DecisionError(before_recognition)
    reported = code.suspension_reported_on if report_pending(code) else None
    if reported is not None and on < reported:
        raise DecisionError(before_report)
    return reported


# --- drafting and posting (ND 61 Arts 8–9) ----------------------------------------------------


def code_draft(*, actor: Any, village: Unit, title: str, text: str) -> VillageCode:
    """The village head starts a draft (ND 61 Art. 8); only the village's and the commune's
    officials see it until it is posted."""
    if not village.is_village:
        raise DecisionError(_("A village code belongs to a village."))
    if not has_perm(actor, MANAGE_CODES, village):
        raise NotPermitted()
    title, text = _title_and_text(title, text)
    with transaction.atomic():
        code = VillageCode.objects.create(
            unit=village, title=title, draft_text=text, created_by=acting_user(actor)
        )
        audit_record(
            actor=actor,
            action="decisions.village_code_created",
            target=code,
            unit=village,
            data={"title": title},
        )
    return code


def code_edit(*, actor: Any, code: VillageCode, title: str, text: str) -> VillageCode:
    """Change the draft while it is being written; once posted, the households comment on what
    was posted."""
    if not has_perm(actor, MANAGE_CODES, code):
        raise NotPermitted()
    title, text = _title_and_text(title, text)
    with transaction.atomic():
        locked = _lock(code)
        if locked.status != S.DRAFTING:
            raise DecisionError(_("Only a draft that has not been posted can be edited."))
        locked.title, locked.draft_text = title, text
        locked.save(update_fields=["title", "draft_text"])
        audit_record(
            actor=actor,
            action="decisions.village_code_edited",
            target=locked,
            unit=locked.unit,
            data={"title": title},
        )
    return locked


def code_post(
    *,
    actor: Any,
    code: VillageCode,
    posted_on: date,
    comment_days: int = law.MIN_COMMENT_DAYS,
) -> VillageCode:
    """Record that the draft was posted at the culture house for ``comment_days`` days (at
    least 30; the community may choose more: ND 61 Art. 9(1), R-HU-01)."""
    if not has_perm(actor, MANAGE_CODES, code):
        raise NotPermitted()
    if not law.comment_period_allowed(comment_days):
        raise DecisionError(
            _("The draft must stay posted for at least %(days)d days.")
            % {"days": law.MIN_COMMENT_DAYS}
        )
    _not_in_future(posted_on)
    with transaction.atomic():
        locked = _lock(code)
        if locked.status != S.DRAFTING:
            raise DecisionError(_("This draft has already been posted."))
        locked.status = S.POSTED
        locked.posted_on, locked.comment_days = posted_on, comment_days
        locked.save(update_fields=["status", "posted_on", "comment_days"])
        audit_record(
            actor=actor,
            action="decisions.village_code_posted",
            target=locked,
            unit=locked.unit,
            data={
                "posted_on": posted_on.isoformat(),
                "comment_days": comment_days,
                "earliest_vote_on": law.earliest_vote_on(posted_on, comment_days).isoformat(),
            },
        )
    return locked


# --- the households' vote (ND 61 Art. 10) -----------------------------------------------------


def code_put_to_vote(
    *,
    actor: Any,
    code: VillageCode,
    vote_on: date,
    front_agreed_by: str,
    front_agreed_on: date,
) -> VillageCode:
    """Propose the posted draft to the households (Law 10/2022 Arts 15(3), 16(2)): a matter of
    kind ``village_code`` decided at a community meeting (Art. 17(2)), proposed with the Front
    work committee head's agreement. Refused until the posting period has run on ``vote_on``
    (ND 61 Art. 9(1)). The vote date itself is kept in the audit event: the meeting step
    schedules the meeting."""
    if not has_perm(actor, MANAGE_CODES, code):
        raise NotPermitted()
    front_agreed_by = normalise_spaces(front_agreed_by)
    if not front_agreed_by:
        raise DecisionError(_("Name the Front head who agreed."))
    _not_in_future(front_agreed_on)
    with transaction.atomic():
        locked = _lock(code)
        if locked.status != S.POSTED or locked.posted_on is None:
            raise DecisionError(_("Post the draft for comment before putting it to the vote."))
        if locked.matter_id is not None:
            raise DecisionError(_("This draft has already been put to the vote."))
        if not law.vote_date_allowed(locked.posted_on, locked.comment_days, vote_on):
            raise DecisionError(
                _(
                    "The draft must stay posted for %(days)d days: the vote can be held on "
                    "%(date)s at the earliest."
                )
                % {
                    "days": locked.comment_days,
                    "date": law.earliest_vote_on(locked.posted_on, locked.comment_days).strftime(
                        "%d/%m/%Y"
                    ),
                }
            )
        matter = matter_create(
            actor=actor,
            village=locked.unit,
            kind=rules.VILLAGE_CODE,
            form=DecisionForm.MEETING,
            title=locked.title,
            description=locked.draft_text,
            front_agreed_by=front_agreed_by,
            front_agreed_on=front_agreed_on,
        )
        locked.matter = matter
        locked.save(update_fields=["matter"])
        audit_record(
            actor=actor,
            action="decisions.village_code_put_to_vote",
            target=locked,
            unit=locked.unit,
            data={"matter": matter.pk, "vote_on": vote_on.isoformat()},
        )
    return locked


def adopted_on(matter: Matter) -> date | None:
    """The day the households adopted the code: the day of the meeting, or the ballot deadline
    when ballots replaced a meeting without its quorum (ND 61 Arts 10, 11(1)); else the day the
    count was closed."""
    if matter.status != MatterStatus.ADOPTED:
        return None
    plan = getattr(matter, "ballot_plan", None) if matter.ballot_fallback else None
    if plan is not None:
        return plan.return_deadline
    meeting = matter.meeting if matter.meeting_id else None
    if meeting is not None and not matter.ballot_fallback:
        return timezone.localdate(meeting.ended_at or meeting.scheduled_at)
    if matter.closed_at is not None:
        return timezone.localdate(matter.closed_at)
    return None


def code_sync_from_matter(*, matter: Matter) -> VillageCode | None:
    """Follow the households' decision: adopted → "adopted"; not adopted → back to drafting,
    unlinked from the matter (the matter keeps its own record, and the audit event names it).
    Idempotent; runs in the caller's transaction when there is one."""
    if matter.kind != rules.VILLAGE_CODE or matter.status not in (
        MatterStatus.ADOPTED,
        MatterStatus.REJECTED,
    ):
        return None
    with transaction.atomic():
        code = (
            VillageCode.objects.select_for_update(of=("self",))
            .select_related("unit")
            .filter(matter_id=matter.pk)
            .first()
        )
        if code is None or code.status != S.POSTED:
            return code
        if matter.status == MatterStatus.ADOPTED:
            code.status = S.ADOPTED
            code.save(update_fields=["status"])
            day = adopted_on(matter)
            audit_record(
                actor=None,
                action="decisions.village_code_adopted",
                target=code,
                unit=code.unit,
                data={
                    "matter": matter.pk,
                    "adopted_on": day.isoformat() if day else None,
                    "dossier_due": law.dossier_due(day).isoformat() if day else None,
                },
            )
        else:
            code.status, code.matter, code.posted_on = S.DRAFTING, None, None
            code.save(update_fields=["status", "matter", "posted_on"])
            audit_record(
                actor=None,
                action="decisions.village_code_not_adopted",
                target=code,
                unit=code.unit,
                data={"matter": matter.pk},
            )
    return code


def matter_saved(sender: Any, instance: Matter, created: bool = False, **kwargs: Any) -> None:
    """post_save receiver on Matter: keep the code in step when its vote is closed."""
    if created or kwargs.get("raw"):
        return
    if instance.kind == rules.VILLAGE_CODE and instance.status in (
        MatterStatus.ADOPTED,
        MatterStatus.REJECTED,
    ):
        code_sync_from_matter(matter=instance)


# --- the recognition dossier (ND 61 Art. 11) --------------------------------------------------


def code_dossier_send(*, actor: Any, code: VillageCode, sent_on: date) -> VillageCode:
    """Send the recognition dossier to the commune People's Committee, due within 5 working
    days of the adoption (ND 61 Art. 11(1), R-HU-03): generates the request (Mẫu 01) as PDF
    and DOCX. A late dossier is still sent; the audit event says it was late."""
    if not has_perm(actor, MANAGE_CODES, code):
        raise NotPermitted()
    _not_in_future(sent_on)
    with transaction.atomic():
        decision = None
        if code.matter_id is not None:
            # The decision's row before the code's, in the order the recognition locks them.
            decision = (
                CommunityDecision.objects.select_for_update(of=("self",))
                .filter(matter_id=code.matter_id)
                .first()
            )
            code_sync_from_matter(matter=Matter.objects.get(pk=code.matter_id))
        locked = _lock(code)
        if locked.status != S.ADOPTED or locked.matter_id is None:
            raise DecisionError(
                _("Only a code the households adopted can be sent for recognition.")
            )
        if locked.dossier_sent_on is not None:
            raise DecisionError(_("The dossier has already been sent."))
        matter = Matter.objects.select_related("meeting").get(pk=locked.matter_id)
        day = adopted_on(matter) or sent_on
        if sent_on < day:
            raise DecisionError(_("The dossier cannot be sent before the code was adopted."))
        due = law.dossier_due(day)
        document = document_generate(
            actor=actor,
            doc_type=papers.REQUEST,
            unit=locked.unit,
            data={
                **_names(locked),
                "posted_on": locked.posted_on.isoformat() if locked.posted_on else day.isoformat(),
                "comment_days": locked.comment_days,
                "adopted_on": day.isoformat(),
                "form_text": (
                    "các hộ gia đình (phát phiếu lấy ý kiến)"
                    if matter.ballot_fallback
                    else "cuộc họp cộng đồng dân cư"
                ),
                "agree": matter.agree_count,
                "households": matter.eligible_households or 0,
                "sent_on": sent_on.isoformat(),
                "signer_name": _signer(actor),
            },
            formats=FORMATS,
        )
        locked.dossier_sent_on = sent_on
        locked.request_document = document
        locked.save(update_fields=["dossier_sent_on", "request_document"])
        recognition_due = _dossier_reached_commune(locked, decision)
        audit_record(
            actor=actor,
            action="decisions.village_code_dossier_sent",
            target=locked,
            unit=locked.unit,
            data={
                "sent_on": sent_on.isoformat(),
                "adopted_on": day.isoformat(),
                "due": due.isoformat(),
                "late": sent_on > due,
                "recognition_due": recognition_due.isoformat() if recognition_due else None,
                "document": document.pk,
            },
        )
    return locked


def dossier_complete_on(code: VillageCode | None, decision: CommunityDecision) -> date | None:
    """The day the commune holds the complete recognition dossier (ND 61 Art. 11(1)): the
    request (Mẫu 01, sent with the minutes and the adopted text) and the community decision
    both received; ``None`` while either is missing. Receipt is the sending day unless the
    commune recorded another (``CommunityDecision.received_on``)."""
    if code is None or code.dossier_sent_on is None:
        return None
    received = decision.received_on or decision.sent_on
    if received is None:
        return None
    return max(code.dossier_sent_on, received)


def _dossier_reached_commune(code: VillageCode, decision: CommunityDecision | None) -> date | None:
    """The dossier completes what the commune has received: the 5 working days for the
    recognition decision (ND 61 Art. 11(2)) run from the complete dossier on the (locked)
    community decision awaiting the answer. Returns the new due day, or ``None`` when the
    decision has not been sent yet."""
    if decision is None or decision.status != DecisionStatus.SENT:
        return None
    complete = dossier_complete_on(code, decision)
    if complete is None:
        return None
    decision.recognition_due = law.recognition_due(complete)
    decision.save(update_fields=["recognition_due"])
    return decision.recognition_due


def _code_of_decision(decision: Any) -> VillageCode | None:
    return (
        VillageCode.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__parent")
        .filter(matter_id=decision.matter_id)
        .first()
    )


def on_recognised(decision: Any) -> None:
    """Hook (outcome "recognised", kind village_code): the code is in effect from the
    recognition date (ND 61 Art. 11(2); Law 10/2022 Art. 21(2))."""
    with transaction.atomic():
        code = _code_of_decision(decision)
        if code is None or code.status not in (S.ADOPTED, S.POSTED):
            return
        day = decision.recognised_on or decision.effective_on or timezone.localdate()
        code.status, code.recognised_on = S.IN_EFFECT, day
        code.save(update_fields=["status", "recognised_on"])
        audit_record(
            actor=None,
            action="decisions.village_code_recognised",
            target=code,
            unit=code.unit,
            data={"decision": decision.pk, "recognised_on": day.isoformat()},
        )


def on_refused(decision: Any) -> None:
    """Hook (outcome "refused"): the commune refused recognition, in writing with reasons."""
    with transaction.atomic():
        code = _code_of_decision(decision)
        if code is None or code.status not in (S.ADOPTED, S.POSTED):
            return
        code.status = S.REFUSED
        code.save(update_fields=["status"])
        audit_record(
            actor=None,
            action="decisions.village_code_refused",
            target=code,
            unit=code.unit,
            data={"decision": decision.pk, "reasons": decision.refusal_reasons},
        )


def on_annulled(decision: Any) -> None:
    """Hook (outcome "annulled", Law 10/2022 Art. 22): the annulled decision takes the code
    with it."""
    with transaction.atomic():
        code = _code_of_decision(decision)
        if code is None or code.status == S.ABOLISHED:
            return
        day = decision.annulled_on or timezone.localdate()
        code.status, code.abolished_on = S.ABOLISHED, day
        code.abolition_reason = decision.annulment_reason or code.abolition_reason
        code.save(update_fields=["status", "abolished_on", "abolition_reason"])
        audit_record(
            actor=None,
            action="decisions.village_code_abolished",
            target=code,
            unit=code.unit,
            data={"decision": decision.pk, "abolished_on": day.isoformat()},
        )


def community_decision_of(code: VillageCode) -> CommunityDecision | None:
    if code.matter_id is None:
        return None
    return (
        CommunityDecision.objects.select_related(
            "document", "recognition_document", "refusal_document"
        )
        .filter(matter_id=code.matter_id)
        .first()
    )


def _recognition_data(
    code: VillageCode, matter: Matter, on: date, actor: Any, dossier_sent_on: date | None
) -> dict[str, Any]:
    day = adopted_on(matter) or on
    return {
        **_names(code),
        "adopted_on": day.isoformat(),
        "decided_on": on.isoformat(),
        "dossier_sent_on": dossier_sent_on.isoformat() if dossier_sent_on else "",
        "signer_name": _signer(actor),
    }


def code_recognition_paper(
    *, actor: Any, decision: CommunityDecision, on: date
) -> GeneratedDocument:
    """Issue the ND 61 Mẫu 03 recognition decision of a village code (Art. 11(2)) when the
    commune recognises the community decision adopting it; called by
    ``services_outcomes.decision_recognise`` inside its transaction, after its own checks.

    Refused unless the code's dossier (Mẫu 01) has been sent (Art. 11(1)) and ``on`` is not
    before it. The paper becomes the code's ``recognition_document`` here; the caller sets it
    as the decision's. The code itself is set in effect by the "recognised" hook."""
    code = _code_of_decision(decision)
    if code is None or code.dossier_sent_on is None:
        raise DecisionError(
            _(
                "The village code's recognition dossier (form 01) has not reached the commune: "
                "the village head sends it from the code's page first (ND 61 Art. 11)."
            )
        )
    if on < code.dossier_sent_on:
        raise DecisionError(
            _("The recognition cannot be dated before the dossier of the village code was sent.")
        )
    commune = code.unit.parent
    matter = Matter.objects.select_related("meeting").get(pk=decision.matter_id)
    document = document_generate(
        actor=actor,
        doc_type=papers.RECOGNITION,
        unit=commune,
        data=_recognition_data(code, matter, on, actor, code.dossier_sent_on),
        formats=FORMATS,
    )
    code.recognition_document = document
    code.save(update_fields=["recognition_document"])
    complete = dossier_complete_on(code, decision)
    audit_record(
        actor=actor,
        action="decisions.village_code_recognition_issued",
        target=code,
        unit=commune,
        data={
            "document": document.pk,
            "decision": decision.pk,
            "on": on.isoformat(),
            "dossier_complete_on": complete.isoformat() if complete else None,
        },
    )
    return document


def recognition_paper_missing(code: VillageCode, decision: CommunityDecision | None) -> bool:
    """A recognised code without its ND 61 Mẫu 03: recognised before the recognition service
    issued it, so its decision carries the generic ND 59 paper or none."""
    if code.recognition_document_id is not None:
        return False
    paper = decision.recognition_document if decision is not None else None
    return paper is None or paper.doc_type != papers.RECOGNITION


def code_recognition_issue(*, actor: Any, code: VillageCode) -> GeneratedDocument:
    """Issue the ND 61 Mẫu 03 recognition decision for a code recognised without it (Art.
    11(2)): old records only, since :func:`code_recognition_paper` issues it on recognition."""
    commune = _controlling_commune(actor, code)
    with transaction.atomic():
        locked = _lock(code)
        if locked.status not in BINDING or locked.recognised_on is None:
            raise DecisionError(_("This code has not been recognised."))
        if not recognition_paper_missing(locked, community_decision_of(locked)):
            raise DecisionError(_("The recognition decision has already been issued."))
        matter = Matter.objects.select_related("meeting").get(pk=locked.matter_id)
        document = document_generate(
            actor=actor,
            doc_type=papers.RECOGNITION,
            unit=commune,
            data=_recognition_data(
                locked, matter, locked.recognised_on, actor, locked.dossier_sent_on
            ),
            formats=FORMATS,
        )
        locked.recognition_document = document
        locked.save(update_fields=["recognition_document"])
        audit_record(
            actor=actor,
            action="decisions.village_code_recognition_issued",
            target=locked,
            unit=commune,
            data={"document": document.pk},
        )
    return document


# --- the commune's control (ND 61 Arts 12, 14) ------------------------------------------------


def report_pending(code: VillageCode) -> bool:
    """A written report received and not yet answered by a suspension or an abolition."""
    received = code.suspension_reported_on
    if received is None or code.status == S.ABOLISHED:
        return False
    return code.suspended_on is None or code.suspended_on < received


def code_suspension_report(*, actor: Any, code: VillageCode, received_on: date) -> VillageCode:
    """The commune receives a written report on a code in effect; it must answer within 3
    working days by suspending it (ND 61 Art. 12) or decide an abolition within 5 (Art. 14)."""
    commune = _controlling_commune(actor, code)
    _not_in_future(received_on)
    with transaction.atomic():
        locked = _lock(code)
        if locked.status not in (S.IN_EFFECT, S.PARTLY_SUSPENDED):
            raise DecisionError(_("Only a code in effect can be reported."))
        if report_pending(locked):
            raise DecisionError(_("A report on this code is already waiting for an answer."))
        locked.suspension_reported_on = received_on
        locked.save(update_fields=["suspension_reported_on"])
        audit_record(
            actor=actor,
            action="decisions.village_code_report_received",
            target=locked,
            unit=commune,
            data={
                "received_on": received_on.isoformat(),
                "suspension_due": law.suspension_due(received_on).isoformat(),
                "abolition_due": law.abolition_due(received_on).isoformat(),
            },
        )
    return locked


def code_suspend(
    *,
    actor: Any,
    code: VillageCode,
    on: date,
    whole: bool,
    provisions: str,
    reason: str,
) -> VillageCode:
    """Suspend the whole code (a breach of the drafting or adoption procedure) or the named
    provisions (content unsuitable or unlawful), ND 61 Art. 12; generates Mẫu 04."""
    commune = _controlling_commune(actor, code)
    reason, provisions = _text(reason), _text(provisions)
    if not reason:
        raise DecisionError(_("State the grounds for the suspension."))
    if not whole and not provisions:
        raise DecisionError(_("Name the provisions that are suspended."))
    _not_in_future(on)
    with transaction.atomic():
        locked = _lock(code)
        if locked.status not in (S.IN_EFFECT, S.PARTLY_SUSPENDED):
            raise DecisionError(_("Only a code in effect can be suspended."))
        reported = _answered_report(
            locked,
            on,
            before_recognition=_("A code cannot be suspended before it was recognised."),
            before_report=_("The suspension cannot precede the report it answers."),
        )
        locked.status = S.SUSPENDED if whole else S.PARTLY_SUSPENDED
        locked.suspended_on = on
        locked.suspended_part = "" if whole else provisions
        locked.suspension_reason = reason
        document = document_generate(
            actor=actor,
            doc_type=papers.SUSPENSION,
            unit=commune,
            data={
                **_names(locked),
                "whole": whole,
                "provisions": provisions,
                "reason": reason,
                "decided_on": on.isoformat(),
                "reported_on": reported.isoformat() if reported else "",
                "signer_name": _signer(actor),
            },
            formats=FORMATS,
        )
        locked.suspension_document = document
        locked.save(
            update_fields=[
                "status",
                "suspended_on",
                "suspended_part",
                "suspension_reason",
                "suspension_document",
            ]
        )
        due = law.suspension_due(reported) if reported else None
        audit_record(
            actor=actor,
            action="decisions.village_code_suspended",
            target=locked,
            unit=commune,
            data={
                "on": on.isoformat(),
                "whole": whole,
                "provisions": provisions,
                "due": due.isoformat() if due else None,
                "late": bool(due and on > due),
                "document": document.pk,
            },
        )
    return locked


def code_abolish(*, actor: Any, code: VillageCode, on: date, reason: str) -> VillageCode:
    """Abolish a code (ND 61 Art. 14), also when it lacked the adoption ratio and was not
    adopted again; decided within 5 working days of the report; generates Mẫu 05."""
    commune = _controlling_commune(actor, code)
    reason = _text(reason)
    if not reason:
        raise DecisionError(_("State the grounds for the abolition."))
    _not_in_future(on)
    with transaction.atomic():
        locked = _lock(code)
        if locked.status not in BINDING:
            raise DecisionError(_("Only a recognised code can be abolished."))
        reported = _answered_report(
            locked,
            on,
            before_recognition=_("A code cannot be abolished before it was recognised."),
            before_report=_("The abolition cannot precede the report it answers."),
        )
        locked.status, locked.abolished_on, locked.abolition_reason = S.ABOLISHED, on, reason
        document = document_generate(
            actor=actor,
            doc_type=papers.ABOLITION,
            unit=commune,
            data={
                **_names(locked),
                "reason": reason,
                "decided_on": on.isoformat(),
                "recognised_on": (locked.recognised_on.isoformat() if locked.recognised_on else ""),
                "signer_name": _signer(actor),
            },
            formats=FORMATS,
        )
        locked.abolition_document = document
        locked.save(
            update_fields=["status", "abolished_on", "abolition_reason", "abolition_document"]
        )
        due = law.abolition_due(reported) if reported else None
        audit_record(
            actor=actor,
            action="decisions.village_code_abolished",
            target=locked,
            unit=commune,
            data={
                "on": on.isoformat(),
                "due": due.isoformat() if due else None,
                "late": bool(due and on > due),
                "document": document.pk,
            },
        )
    return locked


# --- the yearly review (ND 61 Art. 15(4)) -----------------------------------------------------


def code_review_day_set(*, actor: Any, code: VillageCode, month: int, day: int) -> VillageCode:
    """Record the day of the year the community agreed for the yearly review, instead of 18
    November (ND 61 Art. 15(4)). A day every year has: never 29 February."""
    if not has_perm(actor, MANAGE_CODES, code):
        raise NotPermitted()
    try:
        law.review_day(2023, (int(month), int(day)))  # 2023 is not a leap year
    except (TypeError, ValueError):
        raise DecisionError(_("Choose a day that every year has.")) from None
    month, day = int(month), int(day)
    with transaction.atomic():
        locked = _lock(code)
        if locked.status == S.ABOLISHED:
            raise DecisionError(_("An abolished code is no longer reviewed."))
        previous = locked.review_agreed
        locked.review_month, locked.review_day = month, day
        locked.save(update_fields=["review_month", "review_day"])
        audit_record(
            actor=actor,
            action="decisions.village_code_review_day_set",
            target=locked,
            unit=locked.unit,
            data={"month": month, "day": day, "previous": list(previous)},
        )
    return locked


def code_review_record(
    *, actor: Any, code: VillageCode, reviewed_on: date, summary: str
) -> VillageCodeReview:
    """Record the yearly review, held on 18 November or another day the community agreed, at a
    meeting or within the annual conference (ND 61 Art. 15(4))."""
    if not has_perm(actor, MANAGE_CODES, code):
        raise NotPermitted()
    summary = _text(summary)
    if not summary:
        raise DecisionError(_("Write down what the review found."))
    _not_in_future(reviewed_on)
    try:
        with transaction.atomic():
            locked = _lock(code)
            if locked.status not in BINDING:
                raise DecisionError(_("Only a recognised code is reviewed."))
            if locked.recognised_on is not None and reviewed_on < locked.recognised_on:
                raise DecisionError(_("A review cannot precede the recognition of the code."))
            review = VillageCodeReview.objects.create(
                code=locked,
                reviewed_on=reviewed_on,
                summary=summary,
                recorded_by=acting_user(actor),
            )
            audit_record(
                actor=actor,
                action="decisions.village_code_reviewed",
                target=locked,
                unit=locked.unit,
                data={"reviewed_on": reviewed_on.isoformat()},
            )
    except IntegrityError:
        raise DecisionError(_("A review is already recorded on this day.")) from None
    return review


# --- reading ---------------------------------------------------------------------------------


DOCUMENT_FIELDS = (
    "request_document",
    "recognition_document",
    "suspension_document",
    "abolition_document",
)


def documents_of_code(
    code: VillageCode, *, doc_types: tuple[str, ...] = papers.DOCUMENT_TYPES
) -> list[GeneratedDocument]:
    """The papers generated for the code, oldest first (its document columns, as stored)."""
    row = VillageCode.objects.filter(pk=code.pk).values_list(*DOCUMENT_FIELDS).first() or ()
    ids = [pk for pk in row if pk is not None]
    if not ids:
        return []
    return list(
        GeneratedDocument.objects.filter(pk__in=ids, doc_type__in=doc_types).order_by(
            "created_at", "pk"
        )
    )
