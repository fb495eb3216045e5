"""The statutory workflows of cases: every step of ``domain/workflow.py`` as an atomic,
audited service that re-checks ``petitions.handle`` and writes the notice as an official paper.

Complaints (Law on Complaints 02/2011/QH13):
    complaint_accept(actor=, case=, on=None)                         Art. 27, Mẫu 01-KN-like
    complaint_refuse(actor=, case=, grounds=, reason=, on=None)      Art. 11, Mẫu 02-KN-like
    complaint_transfer(actor=, case=, to_unit=, reason=, on=None)
    complaint_dialogue(actor=, case=, held_on=, participants=, opinions=, result=)  Arts 30, 39
    complaint_resolve(actor=, case=, decision=, on=None, sent_on=None)             Arts 31–32
    case_withdraw(actor=, case=, signed=, reason=, on=None, continue_ground="")
                                                                     Art. 10; Denunciations Art. 33
Denunciations (Law on Denunciations 25/2018/QH14):
    denunciation_accept(actor=, case=, accused_summary=, on=None)    Art. 29(3)
    denunciation_refuse(actor=, case=, grounds=, reason=, on=None)   Art. 24(1)
    denunciation_transfer(actor=, case=, to_unit=, reason=, on=None) Art. 24(2)
    denunciation_extend(actor=, case=, reason=, on=None)             Art. 30
    denunciation_conclude(actor=, case=, conclusion=, on=None)       Art. 35
    denunciation_publish(actor=, case=, place=, on=None)             Art. 40
Feedback and recommendations (Law on Citizen Reception 42/2013/QH13 Art. 28(1)):
    petition_answer(actor=, case=, answer=, on=None)
    petition_refuse(actor=, case=, grounds=, reason=, on=None)
    petition_transfer(actor=, case=, to_unit=, reason=, on=None)
Beside the state machines (the status stays):
    case_set_terms(actor=, case=, complex=, remote=, instance=, first_known_on=,
                   earlier_case=, multi_location=)   Complaints 28, 33, 37; Denunciations 24(1)
    case_add_accused(actor=, case=, full_name=, address=)   Complaints Art. 8; Denunciations 23
Information for management (Law on Denunciations Art. 25):
    information_check(actor=, case=, result=, on=None), information_close(actor=, case=, note=)
Not admissible: inadmissible_close(actor=, case=, note=, on=None)

Each refusal (a transition the state machine forbids, missing written reasons, an officer of
another unit) is audited as ``petitions.workflow_refused`` in its own transaction and then
raised as PetitionError (or NotPermitted); nothing else is written. A denouncer's identity is
never read here: notices to the denouncer are addressed to "Người tố cáo", and nothing written
by these services (events, audit data, notices, notifications) carries it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.calendar import add_working_days
from danchu.core.documents.domain.dates import date_text
from danchu.core.documents.services import document_generate
from danchu.core.units.domain.kinds import Kind
from danchu.core.units.models import Unit
from danchu.petitions import documents_workflow as docs
from danchu.petitions.domain import workflow as wf
from danchu.petitions.domain.deadlines import (
    COMPLAINT,
    DENUNCIATION,
    DENUNCIATION_TRANSFER_WORKING_DAYS,
    PETITION,
    decision_send_due,
    denunciation_process_due,
    due_date,
)
from danchu.petitions.errors import PetitionError
from danchu.petitions.models import Case, CaseEvent, CaseParty, Extension, PartyRole
from danchu.petitions.permissions import HANDLE
from danchu.petitions.sealing import text_reveals_identity
from danchu.petitions.services_intake import lodged_on, receive_transfer

REFUSED_ACTION = "petitions.workflow_refused"
STEP_ACTIONS = {
    wf.ACCEPT: "petitions.case_accepted",
    wf.REFUSE: "petitions.case_not_accepted",
    wf.TRANSFER: "petitions.case_transferred_notified",
    wf.DIALOGUE: "petitions.complaint_dialogue",
    wf.RESOLVE: "petitions.complaint_resolved",
    wf.WITHDRAW: "petitions.case_withdrawn",
    wf.WITHDRAW_CONTINUE: "petitions.withdrawal_continued",
    wf.EXTEND: "petitions.denunciation_extended",
    wf.CONCLUDE: "petitions.denunciation_concluded",
    wf.PUBLISH: "petitions.conclusion_published",
    wf.ANSWER: "petitions.petition_answered",
    wf.CHECK: "petitions.information_checked",
    wf.CLOSE: "petitions.case_closed",
}
NOTIFY_ACCUSED = "notify_accused"

# Law on Denunciations Art. 29(3): both notices within 5 working days of the acceptance.
DENUNCIATION_NOTICE_WORKING_DAYS = 5
MAX_TEXT = 5000
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# The grounds of a refusal: (English label for the form, the law's text for the notice).
COMPLAINT_REFUSAL_GROUNDS: dict[str, tuple[Any, str]] = {
    "internal": (
        gettext_lazy("An internal or directive act (Art. 11(1))"),
        "Quyết định hành chính, hành vi hành chính trong nội bộ cơ quan nhà nước để chỉ đạo, "
        "tổ chức thực hiện nhiệm vụ, công vụ (khoản 1 Điều 11 Luật Khiếu nại)",
    ),
    "no_direct_impact": (
        gettext_lazy("It does not directly affect the complainant (Art. 11(2))"),
        "Quyết định, hành vi bị khiếu nại không liên quan trực tiếp đến quyền, lợi ích hợp "
        "pháp của người khiếu nại (khoản 2 Điều 11)",
    ),
    "no_capacity": (
        gettext_lazy("No legal capacity and no legal representative (Art. 11(3))"),
        "Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại diện "
        "hợp pháp (khoản 3 Điều 11)",
    ),
    "illegal_representative": (
        gettext_lazy("The representative is not lawful (Art. 11(4))"),
        "Người đại diện không hợp pháp (khoản 4 Điều 11)",
    ),
    "unsigned": (
        gettext_lazy("The letter is not signed or fingerprinted (Art. 11(5))"),
        "Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại (khoản 5 Điều 11)",
    ),
    "time_barred": (
        gettext_lazy("The time limit for complaining has passed (Art. 11(6))"),
        "Thời hiệu khiếu nại đã hết mà không có lý do chính đáng (khoản 6 Điều 11)",
    ),
    "second_decision": (
        gettext_lazy("A second-instance decision already exists (Art. 11(7))"),
        "Khiếu nại đã có quyết định giải quyết khiếu nại lần hai (khoản 7 Điều 11)",
    ),
    "suspended": (
        gettext_lazy("Suspended and not pursued within 30 days (Art. 11(8))"),
        "Có văn bản thông báo đình chỉ việc giải quyết khiếu nại mà sau 30 ngày người khiếu "
        "nại không tiếp tục khiếu nại (khoản 8 Điều 11)",
    ),
    "court": (
        gettext_lazy("Already accepted or decided by a court (Art. 11(9))"),
        "Việc khiếu nại đã được Tòa án thụ lý hoặc đã được giải quyết bằng bản án, quyết định "
        "của Tòa án (khoản 9 Điều 11)",
    ),
}
DENUNCIATION_REFUSAL_GROUNDS: dict[str, tuple[Any, str]] = {
    "form": (
        gettext_lazy("Not made in the form of Art. 23"),
        "Tố cáo không được thực hiện theo quy định tại Điều 23 Luật Tố cáo (điểm a khoản 1 "
        "Điều 29)",
    ),
    "capacity": (
        gettext_lazy("The denouncer lacks capacity and has no representative"),
        "Người tố cáo không có năng lực hành vi dân sự đầy đủ mà không có người đại diện theo "
        "quy định (điểm b khoản 1 Điều 29)",
    ),
    "content": (
        gettext_lazy("The content does not identify a violator or a violation"),
        "Nội dung tố cáo không có cơ sở để xác định người vi phạm, hành vi vi phạm pháp luật "
        "(điểm d khoản 1 Điều 29)",
    ),
    "already_resolved": (
        # The article of this ground is not in LAW.md: the paper states the ground without it.
        gettext_lazy("Already resolved, and no new information or circumstances"),
        "Tố cáo về vụ việc đã được giải quyết mà người tố cáo không cung cấp thông tin, tình "
        "tiết mới",
    ),
}
PETITION_REFUSAL_GROUNDS: dict[str, tuple[Any, str]] = {
    "not_competent": (
        gettext_lazy("Not within this body's competence"),
        "Không thuộc thẩm quyền giải quyết (khoản 1 Điều 28 Luật Tiếp công dân)",
    ),
    "not_eligible": (
        gettext_lazy("Does not meet the conditions for handling"),
        "Không đủ điều kiện thụ lý (khoản 1 Điều 28 Luật Tiếp công dân)",
    ),
}
REFUSAL_GROUNDS = {
    COMPLAINT: COMPLAINT_REFUSAL_GROUNDS,
    DENUNCIATION: DENUNCIATION_REFUSAL_GROUNDS,
    PETITION: PETITION_REFUSAL_GROUNDS,
}
# Law on Denunciations Art. 33(3)–(4): processing continues despite a withdrawal.
CONTINUE_GROUNDS: dict[str, tuple[Any, str]] = {
    "signs_of_violation": (
        gettext_lazy("There are signs of a violation"),
        "Có dấu hiệu vi phạm pháp luật",
    ),
    "coerced": (
        gettext_lazy("The withdrawal was coerced or bought"),
        "Việc rút tố cáo do bị đe dọa, mua chuộc",
    ),
    "slander": (
        gettext_lazy("The denunciation appears to be slander"),
        "Người tố cáo lợi dụng việc tố cáo để vu khống, xúc phạm, gây thiệt hại cho người bị "
        "tố cáo",
    ),
}


def _messages() -> dict[str, str]:
    """The refusal messages, by code (translated at call time)."""
    return {
        "not_permitted": _("You may not handle cases of this unit."),
        "not_handler": _(
            "Another official is assigned to handle this case: only the assigned handler or the "
            "head of the unit takes its steps."
        ),
        "unassigned": _(
            "Assign a handler first: a denunciation is handled only by the official assigned to "
            "it (Law on Denunciations Arts 8 and 56)."
        ),
        "identity_in_text": _(
            "The text names the denouncer or gives their phone or identity number: remove it "
            "(Law on Denunciations Arts 8 and 40)."
        ),
        "accused_required": _(
            "Record the person or body denounced before accepting: the content must identify "
            "them (Law on Denunciations Art. 29(1))."
        ),
        "summary_required": _(
            "Write the summary of the denounced content for the person denounced; it must not "
            "reveal who denounced (Law on Denunciations Art. 29(3))."
        ),
        "terms_kind": _("These terms apply only to complaints and denunciations."),
        "terms_closed": _("The terms can be changed only while the case is being handled."),
        "instance_after_accept": _(
            "Whether this is a first or a second complaint is set before the acceptance."
        ),
        "first_known_required": _(
            "For a second complaint, give the date the first decision was received or the "
            "first-instance time limit lapsed (Law on Complaints Art. 33)."
        ),
        "first_known_after": _("That date cannot be after the complaint was received."),
        "earlier_case": _(
            "The first-instance case must be a complaint of a body under this one (Law on "
            "Complaints Art. 7)."
        ),
        "multi_location_late": _(
            "Verification at several places is decided while the denunciation is being "
            "processed, before its acceptance."
        ),
        "party_name": _("Write the name of the person or body."),
        "wrong_kind": _("This step does not apply to a case of this kind."),
        "unclassified": _("Classify the case before handling it."),
        "not_allowed": _("This step is not allowed in the case's current state."),
        "closed": _("This case is closed; no further step is possible."),
        "withdrawn": _("This case was withdrawn; no further step is possible."),
        "no_acceptance": _("The case must be accepted first."),
        "extensions_exhausted": _("A denunciation can be extended at most twice."),
        "extension_late": _(
            "The deadline has already passed: a denunciation is extended before its deadline "
            "(Law on Denunciations Art. 30)."
        ),
        "anonymous": _(
            "A case without the sender's name and address cannot be a complaint or a "
            "denunciation (Law on Complaints Art. 8; Law on Denunciations Art. 25): classify it "
            "as information for management."
        ),
        "signed": _("The letter is signed or fingerprinted; choose another reason."),
        "not_time_barred": _(
            "The complaint is within 90 days of the date the decision was known (Law on "
            "Complaints Art. 9); it is not time-barred."
        ),
        "dialogue_required": _(
            "A second-instance complaint is resolved only after a dialogue with the parties."
        ),
        "date_before": _("The date cannot be before the case was received or accepted."),
        "future": _("The date cannot be in the future."),
        "grounds_required": _("Choose at least one ground for not accepting from the law's list."),
        "reason_required": _("Write the reasons in full: they are sent to the sender in writing."),
        "transfer_unit": _("Choose the competent unit to transfer the case to."),
        "decision_required": _("Write the content of the decision or conclusion."),
        "answer_required": _("Write the answer: it is sent to the sender in writing."),
        "sent_before": _("The decision cannot be sent before it is made."),
        "minutes_required": _(
            "Record the participants and each participant's opinion in the minutes."
        ),
        "unsigned_withdrawal": _("A withdrawal must be in writing, signed or fingerprinted."),
        "continue_ground": _("Choose why processing continues despite the withdrawal."),
        "no_continue": _("Processing after a withdrawal continues only for a denunciation."),
        "result_required": _("Write the result of the check."),
        "publish_place": _("Say where and how the conclusion was published."),
    }


def message(code: str) -> str:
    """The translated refusal message of ``code``."""
    return _messages()[code]


class _Refused(Exception):
    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


def _today() -> date:
    return timezone.localdate()


def clean_text(value: Any, *, multiline: bool = True) -> str:
    """What an official typed: spaces normalised (NFC), lines kept, at most MAX_TEXT."""
    text = str(value or "").strip()
    if not multiline:
        return normalise_spaces(text)
    lines = [normalise_spaces(line) for line in text.splitlines()]
    return "\n".join(lines).strip()[:MAX_TEXT]


def _facts(case: Case) -> wf.CaseFacts:
    return wf.CaseFacts(
        kind=case.kind,
        status=case.status,
        received_on=case.received_on,
        accepted_on=case.accepted_on,
        concluded_on=case.concluded_on,
        due_on=case.due_on,
        instance=case.instance,
        complex=case.complex,
        remote=case.remote,
        extensions=case.extensions,
        dialogues=CaseEvent.objects.filter(case=case, action=wf.DIALOGUE).count(),
        anonymous=case.anonymous,
        multi_location=case.multi_location,
    )


def case_facts(case: Case) -> wf.CaseFacts:
    """The state machine's view of ``case`` (one query for the dialogues)."""
    return _facts(case)


def audit_refusal(actor: Any, case: Case, step: str, code: str) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=REFUSED_ACTION,
            target=case,
            unit=case.unit,
            data={"tracking_code": case.tracking_code, "step": step, "reason": code},
        )


def _run(
    *,
    actor: Any,
    case: Case,
    action: str,
    machines: Sequence[str],
    on: date | None,
    work: Callable[[Case, wf.Plan, date], None],
    check: Callable[[], None] | None = None,
    texts: Sequence[str] = (),
) -> Case:
    """Lock, re-check, plan the transition, run ``work``; audit any refusal and raise it.
    ``texts`` (reasons, results, notes the step writes) are refused when they name a sealed
    denouncer (Law on Denunciations Arts 8(1), 56)."""
    day = on or _today()
    try:
        with transaction.atomic():
            if not has_perm(actor, HANDLE, case):
                raise NotPermitted()
            if check is not None:
                check()
            if day > _today():
                raise _Refused("future", "on")
            locked = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
            if wf.machine_of(locked.kind) not in machines:
                raise _Refused("wrong_kind" if locked.kind != wf.UNCLASSIFIED else "unclassified")
            _check_handler(actor, locked)
            if texts and text_reveals_identity(locked, *texts):
                raise _Refused("identity_in_text")
            try:
                plan = wf.plan(_facts(locked), action, on=day)
            except wf.TransitionError as exc:
                raise _Refused(exc.code) from None
            work(locked, plan, day)
    except _Refused as refused:
        audit_refusal(actor, case, action, refused.code)
        raise PetitionError(_messages()[refused.code]) from None
    except NotPermitted:
        audit_refusal(actor, case, action, "not_permitted")
        raise
    return locked


# Kinds whose steps need a handler assigned beforehand (``services_intake.case_route``): the
# handler is the only official who may unseal the denouncer (Law on Denunciations Arts 8, 56),
# so nobody becomes it by acting first.
ASSIGNED_KINDS = (DENUNCIATION, wf.INFORMATION)


def _check_handler(actor: Any, case: Case) -> None:
    """Once a handler is assigned, the case's steps are taken by the handler or by a head of
    the unit — the commune chair, the agency's or enterprise's head — who holds the competence
    to decide (Law on Complaints Arts 17–18) and signs the notices; no other official. A
    denunciation (and information from an anonymous one) is handled by its assigned handler
    alone — the head assigns it, to themselves if they handle it: its steps check texts against
    the sealed identity, and a refusal must not answer anyone else's guesses (Law on
    Denunciations Arts 8, 56). For the other kinds the official who takes the first step
    becomes the handler."""
    if case.handler_id is None:
        if case.kind in ASSIGNED_KINDS:
            raise _Refused("unassigned")
        return
    actor_id = getattr(actor, "pk", None)
    if case.handler_id == actor_id:
        return
    if case.kind in ASSIGNED_KINDS or actor_id not in unit_heads([case.unit_id], _today()).get(
        case.unit_id, []
    ):
        raise _Refused("not_handler")


def _notice(actor: Any, case: Case, doc_type: str, data: dict[str, Any]) -> Any:
    return document_generate(actor=actor, doc_type=doc_type, unit=case.unit, data=data)


def _apply(
    actor: Any,
    case: Case,
    plan: wf.Plan,
    day: date,
    *,
    note: str = "",
    document: Any = None,
    public: bool = True,
    fields: dict[str, Any] | None = None,
    audit: dict[str, Any] | None = None,
) -> CaseEvent:
    """Write the planned transition, its event and its audit event."""
    changed = {
        "status": plan.to_status,
        "due_on": plan.due_on,
        "extensions": plan.extensions,
        "accepted_on": plan.accepted_on,
        "concluded_on": plan.concluded_on,
        **(fields or {}),
    }
    if case.handler_id is None and getattr(actor, "is_authenticated", False):
        changed["handler"] = actor
    for name, value in changed.items():
        setattr(case, name, value)
    case.save(update_fields=list(changed))
    event = CaseEvent.objects.create(
        case=case,
        action=plan.action,
        from_status=plan.from_status,
        to_status=plan.to_status,
        on=day,
        note=note,
        document=document,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        public=public,
    )
    audit_record(
        actor=actor,
        action=STEP_ACTIONS[plan.action],
        target=case,
        unit=case.unit,
        data={
            "tracking_code": case.tracking_code,
            "from": plan.from_status,
            "to": plan.to_status,
            "on": day,
            "due_on": plan.due_on,
            "extensions": plan.extensions,
            "document": document.pk if document is not None else None,
            **(audit or {}),
        },
    )
    return event


def _sender_addressee(case: Case) -> str:
    """The sender of a complaint or feedback (never of a denunciation: that is sealed)."""
    if case.kind in (DENUNCIATION, wf.INFORMATION):
        return docs.DENOUNCER_ADDRESSEE
    names = [
        party.full_name
        for party in case.parties.all()
        if party.role in (PartyRole.SENDER, PartyRole.REPRESENTATIVE)
    ]
    return ", ".join(names) or "Người gửi đơn"


def _accused(case: Case) -> str:
    names = [party.full_name for party in case.parties.all() if party.role == PartyRole.ACCUSED]
    return ", ".join(names) or "Người bị tố cáo"


def _grounds(machine: str, grounds: Sequence[str]) -> list[str]:
    table = REFUSAL_GROUNDS[machine]
    chosen = list(dict.fromkeys(g for g in grounds if g in table))
    if not chosen or len(chosen) != len(set(grounds)):
        raise _Refused("grounds_required", "grounds")
    return chosen


# --- shared steps ----------------------------------------------------------------------------


def _refuse(
    *, actor: Any, case: Case, machine: str, grounds: Sequence[str], reason: str, on: date | None
) -> Case:
    reason = clean_text(reason)
    chosen: list[str] = []

    def check() -> None:
        chosen.extend(_grounds(machine, grounds))
        if not reason:
            raise _Refused("reason_required", "reason")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        if machine == COMPLAINT:
            problem = wf.complaint_grounds_problem(
                chosen,
                signed=locked.signed,
                decision_known_on=locked.decision_known_on,
                received_on=lodged_on(locked),
                instance=locked.instance,
                remote=locked.remote,
                first_known_on=locked.first_decision_known_on,
            )
            if problem:
                raise _Refused(problem, "grounds")
        table = REFUSAL_GROUNDS[machine]
        summary = {
            COMPLAINT: "Về việc không thụ lý giải quyết khiếu nại",
            DENUNCIATION: "Về việc không thụ lý tố cáo",
            PETITION: "Về việc không thụ lý đơn",
        }[machine]
        document = _notice(
            actor,
            locked,
            docs.REFUSAL_NOTICE,
            docs.notice_data(
                title="Thông báo",
                summary=summary,
                issued_on=day,
                addressee=_sender_addressee(locked),
                paragraphs=(
                    f"{docs.issuing_body(locked.unit)} nhận được đơn "
                    f"{docs.KIND_TEXT.get(locked.kind, '')} {date_text(locked.received_on)}.",
                    "Sau khi xem xét, đơn không đủ điều kiện thụ lý giải quyết vì các lý do sau:",
                    *(f"- {table[g][1]}." for g in chosen),
                    f"Lý do cụ thể: {reason}",
                ),
                fields=docs.case_fields(locked),
                recipients=("Như trên",),
            ),
        )
        _apply(
            actor,
            locked,
            plan,
            day,
            note=reason,
            document=document,
            audit={"grounds": chosen},
        )

    return _run(
        actor=actor,
        case=case,
        action=wf.REFUSE,
        machines=(machine,),
        on=on,
        work=work,
        check=check,
        texts=(reason,),
    )


def _transfer(
    *,
    actor: Any,
    case: Case,
    machine: str,
    to_unit: Unit | None,
    reason: str,
    on: date | None,
    limit_working_days: int | None = None,
) -> Case:
    reason = clean_text(reason)

    def check() -> None:
        if to_unit is None or to_unit.pk == case.unit_id:
            raise _Refused("transfer_unit", "to_unit")
        if not reason:
            raise _Refused("reason_required", "reason")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        assert to_unit is not None  # checked above  # noqa: S101
        transfer_by = (
            add_working_days(locked.received_on, limit_working_days) if limit_working_days else None
        )
        received = receive_transfer(actor=actor, case=locked, to_unit=to_unit, on=day)
        document = _notice(
            actor,
            locked,
            docs.TRANSFER_NOTICE,
            docs.notice_data(
                title="Thông báo",
                summary="Về việc chuyển đơn đến cơ quan có thẩm quyền",
                issued_on=day,
                addressee=_sender_addressee(locked),
                paragraphs=(
                    f"{docs.issuing_body(locked.unit)} nhận được đơn "
                    f"{docs.KIND_TEXT.get(locked.kind, '')} {date_text(locked.received_on)}.",
                    "Nội dung đơn không thuộc thẩm quyền giải quyết của cơ quan, đơn vị. "
                    f"Đơn đã được chuyển đến {docs.issuing_body(to_unit)} để xem xét, giải "
                    "quyết theo thẩm quyền.",
                    f"Lý do: {reason}",
                    *(
                        (f"Mã số hồ sơ tại cơ quan tiếp nhận: {received.tracking_code}.",)
                        if received is not None
                        else ()
                    ),
                ),
                fields=docs.case_fields(locked),
                recipients=("Như trên", docs.issuing_body(to_unit)),
            ),
        )
        _apply(
            actor,
            locked,
            plan,
            day,
            note=reason,
            document=document,
            fields={"transferred_to": to_unit},
            audit={
                "to_unit": to_unit.code,
                "received_as": received.tracking_code if received is not None else None,
                "transfer_by": transfer_by,
                "late": bool(transfer_by and day > transfer_by),
            },
        )

    return _run(
        actor=actor,
        case=case,
        action=wf.TRANSFER,
        machines=(machine,),
        on=on,
        work=work,
        check=check,
        texts=(reason,),
    )


# --- terms and parties -----------------------------------------------------------------------

TERMS_ACTION = "petitions.case_terms_set"
ACCUSED_ACTION = "petitions.accused_recorded"
# Statuses in which a case's terms may still change: before its resolution or conclusion.
TERMS_STATUSES = (wf.RECEIVED, wf.ACCEPTED)


def record_side_step(
    actor: Any,
    case: Case,
    action: str,
    audit_action: str,
    *,
    on: date,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    """Write a step beside the state machine (the status stays): its non-public event and its
    audit event with ``data``. Call inside the step's transaction, on the locked case."""
    event = CaseEvent.objects.create(
        case=case,
        action=action,
        from_status=case.status,
        to_status=case.status,
        on=on,
        note=note,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        public=False,
    )
    audit_record(
        actor=actor,
        action=audit_action,
        target=case,
        unit=case.unit,
        data={"tracking_code": case.tracking_code, **(data or {})},
    )
    return event


def _audited(actor: Any, case: Case, step: str, work: Callable[[Case], None]) -> Case:
    """Lock ``case``, re-check ``petitions.handle`` and the handler, run ``work``; audit and
    raise any refusal, nothing else written."""
    try:
        with transaction.atomic():
            if not has_perm(actor, HANDLE, case):
                raise NotPermitted()
            locked = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
            _check_handler(actor, locked)
            work(locked)
    except _Refused as refused:
        audit_refusal(actor, case, step, refused.code)
        raise PetitionError(_messages()[refused.code]) from None
    except NotPermitted:
        audit_refusal(actor, case, step, "not_permitted")
        raise
    return locked


def case_set_terms(
    *,
    actor: Any,
    case: Case,
    complex: bool | None = None,
    remote: bool | None = None,
    instance: int | None = None,
    first_known_on: date | None = None,
    earlier_case: Case | None = None,
    multi_location: bool | None = None,
) -> Case:
    """The circumstances that change a case's time limits, decided by its handler:

    - a complaint: complex, in a remote or hard-to-reach area (Law on Complaints Arts 28, 37),
      while it is received or accepted (the resolution limit is computed again from the
      acceptance); a second complaint (``instance`` 2, Arts 33–37), before the acceptance,
      with the day the first decision was received or the first-instance limit lapsed
      (``first_known_on``, from which the 30 or 45 days of Art. 33 count; stored in
      ``first_decision_known_on``) and, if it is on the platform, the first-instance case of a body
      under this one (Art. 7);
    - a denunciation: verified at several places or by delegation, before the acceptance
      (Law on Denunciations Art. 24(1): 10 working days instead of 7).

    ``None`` leaves a term as it is. Atomic and audited; refusals audited, nothing changed."""
    step = "terms"

    def work(locked: Case) -> None:
        machine = wf.machine_of(locked.kind)
        if machine not in (COMPLAINT, DENUNCIATION):
            raise _Refused("terms_kind")
        if locked.status not in TERMS_STATUSES:
            raise _Refused("terms_closed")
        changed: dict[str, Any] = {}
        if machine == DENUNCIATION:
            if complex is not None or remote is not None or instance is not None:
                raise _Refused("terms_kind")
            if multi_location is not None and multi_location != locked.multi_location:
                if locked.status != wf.RECEIVED:
                    raise _Refused("multi_location_late")
                changed["multi_location"] = multi_location
                changed["due_on"] = denunciation_process_due(
                    locked.received_on, multi_location=multi_location
                )
        else:
            if multi_location:
                raise _Refused("terms_kind")
            new_instance = locked.instance if instance is None else instance
            if new_instance not in (1, 2):
                raise _Refused("terms_kind")
            if instance is not None and instance != locked.instance:
                if locked.status != wf.RECEIVED:
                    raise _Refused("instance_after_accept")
                changed["instance"] = instance
            if new_instance == 2 and locked.status == wf.RECEIVED:
                known = first_known_on or locked.first_decision_known_on
                if known is None:
                    raise _Refused("first_known_required", "first_known_on")
                if known > locked.received_on:
                    raise _Refused("first_known_after", "first_known_on")
                if first_known_on is not None:
                    changed["first_decision_known_on"] = first_known_on
                if earlier_case is not None:
                    if (
                        earlier_case.pk == locked.pk
                        or wf.machine_of(earlier_case.kind) != COMPLAINT
                        or earlier_case.instance != 1
                        or earlier_case.unit.parent_id != locked.unit_id
                    ):
                        raise _Refused("earlier_case", "earlier_case")
                    changed["earlier_case"] = earlier_case
            elif new_instance == 2:
                # Accepted: the second complaint's facts are fixed; the form sends them again.
                if (
                    first_known_on is not None and first_known_on != locked.first_decision_known_on
                ) or (earlier_case is not None and earlier_case.pk != locked.earlier_case_id):
                    raise _Refused("instance_after_accept")
            elif earlier_case is not None or first_known_on is not None:
                raise _Refused("first_known_required", "instance")
            if new_instance == 1:
                if locked.earlier_case_id is not None:
                    changed["earlier_case"] = None
                if locked.first_decision_known_on is not None:
                    changed["first_decision_known_on"] = None
            for name, value in (("complex", complex), ("remote", remote)):
                if value is not None and value != getattr(locked, name):
                    changed[name] = value
            if locked.status == wf.ACCEPTED and changed:
                changed["due_on"] = due_date(
                    COMPLAINT,
                    wf.complaint_resolution_step(new_instance),
                    locked.accepted_on,
                    complex=changed.get("complex", locked.complex),
                    remote=changed.get("remote", locked.remote),
                )
        if not changed:
            return
        for name, value in changed.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(changed))
        recorded = {
            name: (value.tracking_code if isinstance(value, Case) else value)
            for name, value in changed.items()
        }
        record_side_step(actor, locked, step, TERMS_ACTION, on=_today(), data=recorded)

    return _audited(actor, case, step, work)


def case_add_accused(*, actor: Any, case: Case, full_name: str, address: str = "") -> CaseParty:
    """Record the person or body complained about or denounced (Law on Complaints Art. 8(2);
    Law on Denunciations Art. 23(1)), to whom the acceptance of a denunciation and its
    conclusion are notified (Arts 29(3), 35). Not a sealed person: the denouncer never is."""
    step = "accused"
    name = clean_text(full_name, multiline=False)[:150]
    place = clean_text(address, multiline=False)[:255]
    created: list[CaseParty] = []

    def work(locked: Case) -> None:
        if wf.machine_of(locked.kind) not in (COMPLAINT, DENUNCIATION):
            raise _Refused("terms_kind")
        if locked.status not in TERMS_STATUSES:
            raise _Refused("terms_closed")
        if not name:
            raise _Refused("party_name", "full_name")
        if text_reveals_identity(locked, name, place):
            raise _Refused("identity_in_text", "full_name")
        party = CaseParty.objects.create(
            case=locked, role=PartyRole.ACCUSED, full_name=name, address=place
        )
        created.append(party)
        audit_record(
            actor=actor,
            action=ACCUSED_ACTION,
            target=locked,
            unit=locked.unit,
            data={"tracking_code": locked.tracking_code, "party": party.pk},
        )

    _audited(actor, case, step, work)
    return created[0]


# --- complaints ------------------------------------------------------------------------------


def complaint_accept(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """Accept (thụ lý) a complaint and notify in writing (Art. 27, or Art. 36 in the second
    instance; Mẫu 01-KN); the resolution limit then runs from the acceptance (Art. 28, or
    Art. 37 in the second instance)."""

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        accept_by = locked.due_on
        instance = "lần đầu" if locked.instance <= 1 else "lần hai"
        document = _notice(
            actor,
            locked,
            docs.ACCEPTANCE_NOTICE,
            docs.notice_data(
                title="Thông báo",
                summary=f"Về việc thụ lý giải quyết khiếu nại {instance}",
                issued_on=day,
                addressee=_sender_addressee(locked),
                paragraphs=(
                    f"Ngày {locked.received_on:%d/%m/%Y}, {docs.issuing_body(locked.unit)} "
                    "nhận được đơn khiếu nại.",
                    "Sau khi xem xét nội dung đơn khiếu nại, căn cứ Luật Khiếu nại năm 2011, "
                    "đơn khiếu nại đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết. "
                    f"Khiếu nại được thụ lý giải quyết {instance} kể từ {date_text(day)}.",
                    f"Thời hạn giải quyết khiếu nại đến hết {docs.deadline_text(plan.due_on)}.",
                ),
                fields=docs.case_fields(locked),
                recipients=(
                    "Như trên",
                    "Cơ quan, tổ chức, cá nhân đã chuyển khiếu nại đến (nếu có)",
                    "Cơ quan thanh tra nhà nước cùng cấp",
                ),
            ),
        )
        _apply(
            actor,
            locked,
            plan,
            day,
            document=document,
            audit={"late": bool(accept_by and day > accept_by), "instance": locked.instance},
        )

    return _run(actor=actor, case=case, action=wf.ACCEPT, machines=(COMPLAINT,), on=on, work=work)


def complaint_refuse(
    *, actor: Any, case: Case, grounds: Sequence[str], reason: str, on: date | None = None
) -> Case:
    """Do not accept a complaint, with grounds from Art. 11's list and the reasons in writing
    (Art. 27; Mẫu 02-KN). "unsigned" and "time_barred" are checked against the case as when it
    is classified not admissible: not on a signed letter (Art. 11(5)), not within the 90 days
    of Art. 9 (Art. 11(6))."""
    return _refuse(actor=actor, case=case, machine=COMPLAINT, grounds=grounds, reason=reason, on=on)


def complaint_transfer(
    *, actor: Any, case: Case, to_unit: Unit | None, reason: str, on: date | None = None
) -> Case:
    """Send a complaint outside the unit's competence (Art. 17) to the competent body, with a
    notice to the complainant."""
    return _transfer(
        actor=actor, case=case, machine=COMPLAINT, to_unit=to_unit, reason=reason, on=on
    )


def complaint_dialogue(
    *,
    actor: Any,
    case: Case,
    held_on: date | None = None,
    participants: str,
    opinions: str,
    result: str = "",
) -> Case:
    """Minutes of the dialogue (Art. 30: when the request and the verification differ; Art. 39:
    always in the second instance): participants, each one's opinion and the result, signed or
    fingerprinted (a refusal to sign is written in the minutes)."""
    participants = clean_text(participants)
    opinions = clean_text(opinions)
    result = clean_text(result)

    def check() -> None:
        if not participants or not opinions:
            raise _Refused("minutes_required", "opinions")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        document = _notice(
            actor,
            locked,
            docs.DIALOGUE_MINUTES,
            docs.notice_data(
                title="Biên bản",
                summary="Đối thoại giải quyết khiếu nại",
                issued_on=day,
                symbol="BB",
                minutes=True,
                paragraphs=(
                    f"Hồi {date_text(day)}, tại {docs.issuing_body(locked.unit)}, tổ chức đối "
                    "thoại giải quyết khiếu nại (Điều 30, Điều 39 Luật Khiếu nại).",
                ),
                fields=(
                    *docs.case_fields(locked),
                    ("Thành phần tham gia", participants),
                    ("Ý kiến của những người tham gia", opinions),
                    ("Kết quả đối thoại", result),
                ),
                closing=(
                    "Biên bản đã được đọc lại cho những người tham gia cùng nghe và ký tên "
                    "hoặc điểm chỉ; trường hợp có người không ký thì ghi rõ lý do.",
                ),
                signers=("Người khiếu nại", "Người bị khiếu nại", "Người chủ trì đối thoại"),
            ),
        )
        _apply(
            actor,
            locked,
            plan,
            day,
            note=result,
            document=document,
            public=True,
            audit={"instance": locked.instance},
        )

    return _run(
        actor=actor,
        case=case,
        action=wf.DIALOGUE,
        machines=(COMPLAINT,),
        on=held_on,
        work=work,
        check=check,
    )


def complaint_resolve(
    *,
    actor: Any,
    case: Case,
    decision: str,
    on: date | None = None,
    sent_on: date | None = None,
) -> Case:
    """Record the decision resolving the complaint (Arts 31, 40) and when it was sent: within 3
    working days of the first decision (Art. 32), 7 days of the second (Art. 41; R-KN-07). The
    event's note and the audit data carry ``sent_on`` and whether it was late."""
    decision = clean_text(decision)

    def check() -> None:
        if not decision:
            raise _Refused("decision_required", "decision")
        day = on or _today()
        if sent_on is not None and sent_on < day:
            raise _Refused("sent_before", "sent_on")
        if sent_on is not None and sent_on > _today():
            raise _Refused("future", "sent_on")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        sent = sent_on or day
        send_by = decision_send_due(day, instance=locked.instance)
        instance = "lần đầu" if locked.instance <= 1 else "lần hai"
        document = _notice(
            actor,
            locked,
            docs.CONCLUSION_NOTICE,
            docs.notice_data(
                title="Quyết định",
                summary=f"Về việc giải quyết khiếu nại {instance}",
                issued_on=day,
                symbol="QĐ",
                paragraphs=(
                    "Căn cứ Luật Khiếu nại năm 2011;",
                    f"Xét đơn khiếu nại nhận {date_text(locked.received_on)}, thụ lý "
                    f"{docs.deadline_text(locked.accepted_on)};",
                    decision,
                ),
                fields=docs.case_fields(locked),
                closing=(
                    (
                        "Quyết định này được gửi cho người khiếu nại, thủ trưởng cấp trên trực "
                        "tiếp, người có quyền, nghĩa vụ liên quan và cơ quan thanh tra nhà nước "
                        "cùng cấp trong thời hạn 03 ngày làm việc (Điều 32 Luật Khiếu nại).",
                    )
                    if locked.instance <= 1
                    else (
                        "Quyết định này được gửi cho người khiếu nại, người giải quyết khiếu nại "
                        "lần đầu, người có quyền, nghĩa vụ liên quan và cơ quan, tổ chức, cá nhân "
                        "đã chuyển khiếu nại đến trong thời hạn 07 ngày (Điều 41 Luật Khiếu "
                        "nại).",
                    )
                ),
                recipients=(
                    (_sender_addressee(locked), "Thanh tra cùng cấp")
                    if locked.instance <= 1
                    else (_sender_addressee(locked), "Người giải quyết khiếu nại lần đầu")
                ),
            ),
        )
        _apply(
            actor,
            locked,
            plan,
            day,
            note=_("Decision sent on %(date)s") % {"date": sent.strftime("%d/%m/%Y")},
            document=document,
            fields={"conclusion": decision, "concluded_on": day},
            audit={"sent_on": sent, "send_by": send_by, "sent_late": sent > send_by},
        )

    return _run(
        actor=actor,
        case=case,
        action=wf.RESOLVE,
        machines=(COMPLAINT,),
        on=on,
        work=work,
        check=check,
    )


def case_withdraw(
    *,
    actor: Any,
    case: Case,
    signed: bool,
    reason: str = "",
    on: date | None = None,
    continue_ground: str = "",
) -> Case:
    """Record a written, signed withdrawal of a complaint (Law on Complaints Art. 10: the
    resolver stops and notifies in writing) or of a denunciation before its conclusion (Law on
    Denunciations Art. 33). With ``continue_ground`` a denunciation stays in process (signs of
    a violation, a coerced withdrawal, slander: Art. 33(3)–(4))."""
    reason = clean_text(reason)
    action = wf.WITHDRAW_CONTINUE if continue_ground else wf.WITHDRAW

    def check() -> None:
        if not signed:
            raise _Refused("unsigned_withdrawal", "signed")
        if continue_ground and continue_ground not in CONTINUE_GROUNDS:
            raise _Refused("continue_ground", "continue_ground")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        if continue_ground:
            _apply(
                actor,
                locked,
                plan,
                day,
                note=str(CONTINUE_GROUNDS[continue_ground][1]),
                public=False,
                audit={"continue_ground": continue_ground},
            )
            return
        document = _notice(
            actor,
            locked,
            docs.WITHDRAWAL_NOTICE,
            docs.notice_data(
                title="Thông báo",
                summary=f"Về việc đình chỉ giải quyết {docs.KIND_TEXT.get(locked.kind, '')}",
                issued_on=day,
                addressee=_sender_addressee(locked),
                paragraphs=(
                    f"{docs.issuing_body(locked.unit)} nhận được văn bản rút đơn "
                    f"{docs.KIND_TEXT.get(locked.kind, '')} có chữ ký hoặc điểm chỉ "
                    f"{date_text(day)}.",
                    "Việc giải quyết được đình chỉ kể từ ngày nhận văn bản rút đơn.",
                ),
                fields=docs.case_fields(locked),
                recipients=("Như trên",),
            ),
        )
        _apply(actor, locked, plan, day, note=reason, document=document)

    return _run(
        actor=actor,
        case=case,
        action=action,
        machines=(COMPLAINT, DENUNCIATION),
        on=on,
        work=work,
        check=check,
        texts=(reason,),
    )


# --- denunciations ---------------------------------------------------------------------------


def denunciation_accept(
    *, actor: Any, case: Case, accused_summary: str, on: date | None = None
) -> Case:
    """Accept a denunciation (Art. 29) and notify the denouncer and, separately, the accused of
    the content, within 5 working days (Art. 29(3)). The content must identify the person
    denounced (Art. 29(1)), so one must be recorded (``case_add_accused``). The notice to the
    accused carries the handler's own summary of the content (``accused_summary``) and its own
    reference — never the denouncer's words, the case's tracking code or anything that names
    the denouncer (Arts 8(1), 9(1)(b), 56). The resolution limit runs from the acceptance
    (Art. 30)."""
    summary = clean_text(accused_summary)

    def check() -> None:
        if not summary:
            raise _Refused("summary_required", "accused_summary")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        if not locked.parties.filter(role=PartyRole.ACCUSED).exists():
            raise _Refused("accused_required")
        if text_reveals_identity(locked, summary):
            raise _Refused("identity_in_text", "accused_summary")
        process_by = locked.due_on
        fields = docs.case_fields(locked)
        deadline = f"Thời hạn giải quyết tố cáo đến hết {docs.deadline_text(plan.due_on)}."
        to_denouncer = _notice(
            actor,
            locked,
            docs.ACCEPTANCE_NOTICE,
            docs.notice_data(
                title="Thông báo",
                summary="Về việc thụ lý tố cáo",
                issued_on=day,
                addressee=docs.DENOUNCER_ADDRESSEE,
                paragraphs=(
                    f"{docs.issuing_body(locked.unit)} thông báo: tố cáo nhận "
                    f"{date_text(locked.received_on)} đủ điều kiện thụ lý theo Điều 29 Luật Tố "
                    f"cáo và được thụ lý giải quyết kể từ {date_text(day)}.",
                    deadline,
                    "Thông tin về người tố cáo được giữ bí mật theo quy định của Luật Tố cáo.",
                ),
                fields=fields,
                recipients=("Như trên",),
            ),
        )
        reference = accused_reference(day)
        to_accused = _notice(
            actor,
            locked,
            docs.ACCEPTANCE_NOTICE,
            docs.notice_data(
                title="Thông báo",
                summary="Về nội dung tố cáo được thụ lý",
                issued_on=day,
                addressee=_accused(locked),
                paragraphs=(
                    f"{docs.issuing_body(locked.unit)} thông báo: đã thụ lý giải quyết tố cáo "
                    f"kể từ {date_text(day)} (khoản 3 Điều 29 Luật Tố cáo).",
                    f"Nội dung tố cáo: {summary}",
                    deadline,
                    "Người bị tố cáo có quyền được thông báo về nội dung tố cáo, đưa ra chứng "
                    "cứ để chứng minh nội dung tố cáo là không đúng sự thật.",
                ),
                fields=(("Số tham chiếu", reference),),
                recipients=("Như trên",),
            ),
        )
        notify_by = add_working_days(day, DENUNCIATION_NOTICE_WORKING_DAYS)
        _apply(
            actor,
            locked,
            plan,
            day,
            document=to_denouncer,
            audit={
                "late": bool(process_by and day > process_by),
                "accused_notice": to_accused.pk,
                "accused_reference": reference,
                "notify_by": notify_by,
            },
        )
        CaseEvent.objects.create(
            case=locked,
            action=NOTIFY_ACCUSED,
            from_status=plan.to_status,
            to_status=plan.to_status,
            on=day,
            note=reference,
            document=to_accused,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            public=False,
        )

    return _run(
        actor=actor,
        case=case,
        action=wf.ACCEPT,
        machines=(DENUNCIATION,),
        on=on,
        work=work,
        check=check,
    )


def _accused_fields(case: Case) -> tuple[tuple[str, str], ...]:
    """The reference of papers that reach the person denounced or the public: the one given at
    the acceptance to the accused, never the tracking code the denouncer holds nor the
    denouncer's subject line (Law on Denunciations Arts 8(1), 40(3), 56)."""
    reference = (
        CaseEvent.objects.filter(case=case, action=NOTIFY_ACCUSED)
        .values_list("note", flat=True)
        .first()
    )
    return (("Số tham chiếu", reference),) if reference else ()


def accused_reference(day: date) -> str:
    """A reference for the notices to the accused, unrelated to the tracking code the
    denouncer holds (so that the two cannot be matched)."""
    return f"BTC-{day:%y}-{get_random_string(8, REFERENCE_ALPHABET)}"


def denunciation_refuse(
    *, actor: Any, case: Case, grounds: Sequence[str], reason: str, on: date | None = None
) -> Case:
    """Do not accept a denunciation; the denouncer is told the reasons at once (Art. 24(1))."""
    return _refuse(
        actor=actor, case=case, machine=DENUNCIATION, grounds=grounds, reason=reason, on=on
    )


def denunciation_transfer(
    *, actor: Any, case: Case, to_unit: Unit | None, reason: str, on: date | None = None
) -> Case:
    """Transfer to the competent body within 5 working days of receipt and notify the
    denouncer (Art. 24(2); R-TC-02); a late transfer is recorded as such."""
    return _transfer(
        actor=actor,
        case=case,
        machine=DENUNCIATION,
        to_unit=to_unit,
        reason=reason,
        on=on,
        limit_working_days=DENUNCIATION_TRANSFER_WORKING_DAYS,
    )


def denunciation_extend(*, actor: Any, case: Case, reason: str, on: date | None = None) -> Case:
    """Extend the resolution by 30 days, at most twice, by a written decision with its reason,
    notified to the denouncer and the accused (Art. 30; R-TC-04), decided no later than the
    deadline it extends."""
    reason = clean_text(reason)

    def check() -> None:
        if not reason:
            raise _Refused("reason_required", "reason")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        number = plan.extensions
        document = _notice(
            actor,
            locked,
            docs.EXTENSION_NOTICE,
            docs.notice_data(
                title="Quyết định",
                summary="Về việc gia hạn thời hạn giải quyết tố cáo",
                issued_on=day,
                symbol="QĐ",
                paragraphs=(
                    "Căn cứ Điều 30 Luật Tố cáo năm 2018;",
                    f"Xét tố cáo đã thụ lý {docs.deadline_text(locked.accepted_on)}, thời hạn "
                    f"giải quyết đến hết {docs.deadline_text(locked.due_on)};",
                    f"Lý do gia hạn: {reason}",
                    f"Gia hạn lần {number:02d} thời hạn giải quyết tố cáo thêm không quá 30 "
                    f"ngày, đến hết {docs.deadline_text(plan.due_on)}.",
                ),
                fields=_accused_fields(locked),
                recipients=(docs.DENOUNCER_ADDRESSEE, _accused(locked)),
            ),
        )
        Extension.objects.create(
            case=locked,
            decided_on=day,
            reason=reason,
            new_due_on=plan.due_on,
            document=document,
        )
        _apply(
            actor,
            locked,
            plan,
            day,
            note=reason,
            document=document,
            audit={"previous_due_on": locked.due_on, "reason": reason},
        )

    return _run(
        actor=actor,
        case=case,
        action=wf.EXTEND,
        machines=(DENUNCIATION,),
        on=on,
        work=work,
        check=check,
        texts=(reason,),
    )


def denunciation_conclude(
    *, actor: Any, case: Case, conclusion: str, on: date | None = None
) -> Case:
    """The conclusion on the content of the denunciation (Art. 35), sent to the denouncer and
    the accused; it must be published within 7 working days (Art. 40(1))."""
    conclusion = clean_text(conclusion)

    def check() -> None:
        if not conclusion:
            raise _Refused("decision_required", "conclusion")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        if text_reveals_identity(locked, conclusion):
            raise _Refused("identity_in_text", "conclusion")
        document = _notice(
            actor,
            locked,
            docs.CONCLUSION_NOTICE,
            docs.notice_data(
                title="Kết luận",
                summary="Nội dung tố cáo",
                issued_on=day,
                symbol="KL",
                paragraphs=(
                    f"Ngày {locked.accepted_on:%d/%m/%Y}, {docs.issuing_body(locked.unit)} đã "
                    "thụ lý giải quyết tố cáo.",
                    conclusion,
                ),
                fields=_accused_fields(locked),
                recipients=(docs.DENOUNCER_ADDRESSEE, _accused(locked)),
            ),
        )
        _apply(
            actor,
            locked,
            plan,
            day,
            document=document,
            fields={"conclusion": conclusion},
            audit={"resolve_due_on": locked.due_on},
        )

    return _run(
        actor=actor,
        case=case,
        action=wf.CONCLUDE,
        machines=(DENUNCIATION,),
        on=on,
        work=work,
        check=check,
    )


def denunciation_publish(*, actor: Any, case: Case, place: str, on: date | None = None) -> Case:
    """Publish the conclusion within 7 working days of it (Art. 40(1); R-TC-07), without any
    information identifying the denouncer (Art. 40(3))."""
    place = clean_text(place, multiline=False)

    def check() -> None:
        if not place:
            raise _Refused("publish_place", "place")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        # The conclusion was checked when it was made (``denunciation_conclude``).
        if text_reveals_identity(locked, place):
            raise _Refused("identity_in_text", "place")
        publish_by = locked.due_on
        document = _notice(
            actor,
            locked,
            docs.PUBLICATION_NOTICE,
            docs.notice_data(
                title="Thông báo",
                summary="Công khai kết luận nội dung tố cáo",
                issued_on=day,
                paragraphs=(
                    f"Thực hiện Điều 40 Luật Tố cáo, {docs.issuing_body(locked.unit)} công "
                    f"khai kết luận nội dung tố cáo ban hành {date_text(locked.concluded_on)}:",
                    locked.conclusion,
                    f"Hình thức công khai: {place}.",
                ),
                fields=_accused_fields(locked),
                recipients=("Như trên",),
            ),
        )
        _apply(
            actor,
            locked,
            plan,
            day,
            note=place,
            document=document,
            fields={"published_on": day},
            audit={"late": bool(publish_by and day > publish_by), "place": place},
        )

    return _run(
        actor=actor,
        case=case,
        action=wf.PUBLISH,
        machines=(DENUNCIATION,),
        on=on,
        work=work,
        check=check,
    )


# --- feedback and recommendations ------------------------------------------------------------


def petition_answer(*, actor: Any, case: Case, answer: str, on: date | None = None) -> Case:
    """Answer feedback or a recommendation in writing within 10 working days of receipt (Law on
    Citizen Reception Art. 28(1)); a late answer is recorded as such."""
    answer = clean_text(answer)

    def check() -> None:
        if not answer:
            raise _Refused("answer_required", "answer")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        answer_by = locked.due_on
        document = _notice(
            actor,
            locked,
            docs.CONCLUSION_NOTICE,
            docs.notice_data(
                title="Văn bản",
                summary=f"Trả lời {docs.KIND_TEXT.get(locked.kind, '')} của công dân",
                issued_on=day,
                symbol="TL",
                addressee=_sender_addressee(locked),
                paragraphs=(
                    f"{docs.issuing_body(locked.unit)} nhận được "
                    f"{docs.KIND_TEXT.get(locked.kind, '')} {date_text(locked.received_on)}. "
                    "Sau khi xem xét, xin trả lời như sau:",
                    answer,
                ),
                fields=docs.case_fields(locked),
                recipients=("Như trên",),
            ),
        )
        _apply(
            actor,
            locked,
            plan,
            day,
            document=document,
            fields={"conclusion": answer, "concluded_on": day},
            audit={"late": bool(answer_by and day > answer_by)},
        )

    return _run(
        actor=actor,
        case=case,
        action=wf.ANSWER,
        machines=(PETITION,),
        on=on,
        work=work,
        check=check,
    )


def petition_refuse(
    *, actor: Any, case: Case, grounds: Sequence[str], reason: str, on: date | None = None
) -> Case:
    """Refuse feedback or a recommendation in writing (Art. 28(1))."""
    return _refuse(actor=actor, case=case, machine=PETITION, grounds=grounds, reason=reason, on=on)


def petition_transfer(
    *, actor: Any, case: Case, to_unit: Unit | None, reason: str, on: date | None = None
) -> Case:
    """Transfer feedback or a recommendation to the competent body (Art. 28(1))."""
    return _transfer(
        actor=actor, case=case, machine=PETITION, to_unit=to_unit, reason=reason, on=on
    )


# --- information for management and inadmissible letters ------------------------------------


def _note_step(
    *,
    actor: Any,
    case: Case,
    action: str,
    machine: str,
    note: str,
    on: date | None,
    public: bool,
    required: str = "",
) -> Case:
    """A step whose only record is its note (a check's result, a closing note); ``required``
    names the refusal when the note is missing."""
    text = clean_text(note)

    def check() -> None:
        if required and not text:
            raise _Refused(required, "result")

    def work(locked: Case, plan: wf.Plan, day: date) -> None:
        _apply(actor, locked, plan, day, note=text, public=public)

    return _run(
        actor=actor,
        case=case,
        action=action,
        machines=(machine,),
        on=on,
        work=work,
        check=check,
        texts=(text,),
    )


def information_check(*, actor: Any, case: Case, result: str, on: date | None = None) -> Case:
    """Record the inspection or check of an anonymous denunciation whose content is concrete
    and verifiable, to serve management (Law on Denunciations Art. 25; R-TC-05)."""
    return _note_step(
        actor=actor,
        case=case,
        action=wf.CHECK,
        machine=wf.INFORMATION,
        note=result,
        on=on,
        public=False,
        required="result_required",
    )


def information_close(*, actor: Any, case: Case, note: str = "", on: date | None = None) -> Case:
    """Close information for management once checked (Law on Denunciations Art. 25)."""
    return _note_step(
        actor=actor,
        case=case,
        action=wf.CLOSE,
        machine=wf.INFORMATION,
        note=note,
        on=on,
        public=False,
    )


def inadmissible_close(*, actor: Any, case: Case, note: str = "", on: date | None = None) -> Case:
    """File a letter classified as not admissible (Law on Complaints Art. 11; Law on
    Denunciations Art. 25)."""
    return _note_step(
        actor=actor,
        case=case,
        action=wf.CLOSE,
        machine=wf.INADMISSIBLE,
        note=note,
        on=on,
        public=True,
    )


# --- alerts and escalation -------------------------------------------------------------------

# How many working days ahead the handler and the unit head are told that a deadline is near.
# A constant, not a setting: the statutory limits are short (5–10 working days), and two working
# days leave time to act on any of them.
ALERT_WORKING_DAYS = 2
DEADLINE_ALERT_ACTION = "petitions.deadline_alert"
OVERDUE_ACTION = "petitions.overdue"
DEADLINE_NOTIFICATION = "petitions.deadline_near"
OVERDUE_NOTIFICATION = "petitions.case_overdue"


@dataclass(frozen=True)
class AlertReport:
    near: int
    overdue: int


def _role_holders(
    unit_ids: Sequence[int], role_ids: Sequence[str], today: date
) -> dict[int, list[int]]:
    """The users holding one of ``role_ids`` at each unit today, one query."""
    from danchu.core.access.models import RoleAssignment

    found: dict[int, list[int]] = {}
    rows = (
        RoleAssignment.objects.active_on(today)
        .filter(unit_id__in=list(unit_ids), role_id__in=list(role_ids))
        .values_list("unit_id", "user_id")
    )
    for unit_id, user_id in rows:
        found.setdefault(unit_id, []).append(user_id)
    return found


def unit_heads(unit_ids: Sequence[int], today: date) -> dict[int, list[int]]:
    """The heads of each unit (the commune chair; an agency's or enterprise's head)."""
    from danchu.core.access import roles

    return _role_holders(unit_ids, (roles.COMMUNE_CHAIR, *roles.ORGANISATION_LEADERS), today)


def supervisors_of(unit_ids: Sequence[int], today: date) -> dict[int, list[int]]:
    """Who oversees each superior unit (``petitions.supervise``: the commune chair, the
    province's officers; Law on Denunciations Art. 38)."""
    from danchu.core.access import roles

    return _role_holders(unit_ids, (roles.COMMUNE_CHAIR, roles.PROVINCE_OFFICER), today)


def petitions_alerts_run(*, today: date | None = None) -> AlertReport:
    """Alert the handler and the unit head of every open case due within
    ``ALERT_WORKING_DAYS`` working days, and escalate every overdue case to them — an overdue
    denunciation also to the direct superior, who asks for a report (Law on Denunciations
    Art. 38; ``services_oversight``). Each alert and each escalation is sent
    once per case and deadline: an audit event (``petitions.deadline_alert``,
    ``petitions.overdue``) records it, and a later run skips what is recorded. Idempotent;
    run daily by ``tasks_workflow.petitions_alerts``."""
    from django.urls import reverse

    from danchu.core.audit.models import AuditEvent
    from danchu.core.notify.services import notify_send

    day = today or _today()
    horizon = add_working_days(day, ALERT_WORKING_DAYS)
    cases = list(
        Case.objects.filter(status__in=wf.OPEN_STATUSES, due_on__isnull=False, due_on__lte=horizon)
        .select_related("unit", "unit__parent")
        .order_by("due_on", "pk")
    )
    if not cases:
        return AlertReport(0, 0)
    done = {
        (action, target_id, (data or {}).get("due_on"))
        for action, target_id, data in AuditEvent.objects.filter(
            action__in=(DEADLINE_ALERT_ACTION, OVERDUE_ACTION),
            target_type=Case._meta.label_lower,
            target_id__in=[str(c.pk) for c in cases],
        ).values_list("action", "target_id", "data")
    }
    heads = unit_heads(sorted({c.unit_id for c in cases}), day)
    superiors = supervisors_of(
        sorted({c.unit.parent_id for c in cases if c.unit.parent_id and c.kind == DENUNCIATION}),
        day,
    )
    near = overdue = 0
    for case in cases:
        late = case.due_on < day
        # Art. 38: the superior steps in when the resolution (after acceptance) is late.
        above = (
            superiors.get(case.unit.parent_id, [])
            if case.kind == DENUNCIATION
            and case.status == wf.ACCEPTED
            and case.unit.kind != Kind.ENTERPRISE
            else []
        )
        action = OVERDUE_ACTION if late else DEADLINE_ALERT_ACTION
        if (action, str(case.pk), case.due_on.isoformat()) in done:
            continue
        recipients = list(dict.fromkeys([*heads.get(case.unit_id, []), case.handler_id]))
        recipients = [r for r in recipients if r is not None]
        values = {"code": case.tracking_code, "date": case.due_on.strftime("%d/%m/%Y")}
        title = (
            _("Case %(code)s is overdue: its deadline was %(date)s") % values
            if late
            else _("Case %(code)s is due on %(date)s") % values
        )
        with transaction.atomic():
            audit_record(
                actor=None,
                action=action,
                target=case,
                unit=case.unit,
                data={
                    "tracking_code": case.tracking_code,
                    "status": case.status,
                    "due_on": case.due_on,
                    "notified": len(recipients),
                    "superiors_notified": len(above) if late else 0,
                },
            )
            notify_send(
                actor=None,
                kind=OVERDUE_NOTIFICATION if late else DEADLINE_NOTIFICATION,
                recipients=recipients,
                title=title,
                url=reverse("petitions:workflow_case", args=[case.pk]),
            )
            if late and above:
                # Law on Denunciations Art. 38(1): the direct superior asks for a report.
                notify_send(
                    actor=None,
                    kind=OVERDUE_NOTIFICATION,
                    recipients=above,
                    title=_("A denunciation of %(unit)s is overdue: its deadline was %(date)s")
                    % {"unit": case.unit.name, "date": values["date"]},
                    url=reverse("petitions:oversight_overdue", args=[case.unit.parent.code]),
                )
        if late:
            overdue += 1
        else:
            near += 1
    return AlertReport(near, overdue)
