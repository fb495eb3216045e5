"""Intake of cases on every channel, splitting, classification, routing, duplicates and the
resident's satisfaction rating.

Public interface (keyword-only; each is atomic, re-checks the permission, audits the change in
the same transaction and audits every refusal in its own transaction before raising):

    case_receive(actor=..., unit=..., channel=..., subject=..., content=..., sender={...}, ...)
    case_split(actor=..., case=..., parts=[{"kind": ..., "subject": ..., "content": ...}, ...])
    case_classify(actor=..., case=..., kind=..., reason="")
    case_route(actor=..., case=..., handler=user)        # or to_unit=unit (transfer with notice)
    duplicates_of(case) -> QuerySet
    case_merge(actor=..., case=..., into=...)
    case_rate(actor=..., case=..., score=1..5, comment="")
    is_owner(actor, case) -> bool; own_cases(user) -> QuerySet        # "my cases"
    split_links_visible(actor, case) -> bool   # letter ↔ parts, when a part is a denunciation

A case sent on the web, and the sender's rating, are recorded with no actor (the system): any
case may turn out to be a denunciation, whose sender must be the actor of no step, audit event
or paper; the sender is linked to their cases only by per-case owner digests
(``sealing.owner_digest``) and, for a denouncer, the sealed identity.

Laws: Law on Citizen Reception 42/2013/QH13 Arts 25(3), 28(1), 29; Law on Complaints 02/2011/QH13
Arts 8, 9, 11, 27; Law on Denunciations 25/2018/QH14 Arts 8, 9, 23–25, 47, 56 (a denouncer's
identity is sealed and never written to a case row, party, event, audit datum or document);
Law 10/2022/QH15 Art. 35(2)(a) (the resident rates the answer).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.units.domain.kinds import Kind
from danchu.core.units.models import Unit
from danchu.petitions.domain import intake as rules
from danchu.petitions.errors import PetitionError
from danchu.petitions.models.cases import (
    Attachment,
    Case,
    CaseChannel,
    CaseEvent,
    CaseKind,
    CaseParty,
    PartyRole,
    SealedIdentity,
)
from danchu.petitions.permissions import HANDLE, RECEIVE, SEND
from danchu.petitions.sealing import (
    new_owner_digest,
    owner_digests,
    seal_case_identity,
    sealed_identity_of,
)

RECEIVED = "received"
TRANSFERRED = "transferred"
MERGED = "merged"
SPLIT = "split"
RECEIPT_DOCUMENT = "petitions.receipt"
TRANSFER_NOTICE_DOCUMENT = "petitions.transfer_notice"
REFUSED_ACTION = "petitions.refused_step"
# The documents' Vietnamese form text of each kind.
KIND_TEXT = {
    "unclassified": "chưa phân loại",
    "feedback": "phản ánh",
    "recommendation": "kiến nghị",
    "complaint": "khiếu nại",
    "denunciation": "tố cáo",
    "information": "thông tin phục vụ công tác quản lý",
    "inadmissible": "không đủ điều kiện xử lý",
}
# Statuses after which a case is no longer open at this unit.
CLOSED_STATUSES = (
    "answered",
    "not_accepted",
    "transferred",
    "withdrawn",
    "resolved",
    "concluded",
    "published",
    "closed",
    "merged",
    "split",
)
# Statuses that follow an answer to the resident (Law 10/2022 Art. 35(2)(a): rate it).
ANSWERED_STATUSES = (
    "answered",
    "not_accepted",
    "resolved",
    "concluded",
    "published",
    "closed",
)
OFFICIAL_CHANNELS = (CaseChannel.DESK, CaseChannel.POST, CaseChannel.HOTLINE, CaseChannel.BOX)
# Kinds whose sender is a denouncer (Law on Denunciations Arts 8, 9, 25, 47, 56): sealed, and
# never recorded as the actor of a step or an audit event.
SEALED_KINDS = (CaseKind.DENUNCIATION, CaseKind.INFORMATION)
# Kinds that need the sender's name and address: an anonymous case is information at most
# (Law on Complaints Art. 8; Law on Denunciations Arts 23, 25; R-TC-05).
NAMED_KINDS = (CaseKind.COMPLAINT, CaseKind.DENUNCIATION)
MAX_BACKDATE_DAYS = 366
DUPLICATE_WINDOW = 200
PHONE_RE = re.compile(r"^0\d{9,10}$")
ID_RE = re.compile(r"^(\d{9}|\d{12})$")


def _today() -> date:
    return timezone.localdate()


def accepts_cases(unit: Unit) -> bool:
    """Commune-level authorities, agencies and enterprises receive cases (Law on Complaints
    Art. 17; Law on Denunciations Arts 12–13; Law 10/2022 Arts 34–35)."""
    return unit.valid_to is None and (
        unit.is_commune or unit.kind in (Kind.AGENCY, Kind.ENTERPRISE)
    )


# --- refusals ----------------------------------------------------------------------------------


def _error(message: str, field: str | None = None) -> PetitionError:
    error = PetitionError(message)
    error.field = field  # type: ignore[attr-defined]
    error.message = message  # type: ignore[attr-defined]
    return error


def _audit_refusal(actor: Any, step: str, unit: Any, case: Case | None, reason: str) -> None:
    """Every refused change is audited in its own transaction (issue #7, "Bad input"). The
    reason is the message shown to the user, which never holds an identity."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=REFUSED_ACTION,
            target=case,
            unit=unit,
            data={
                "step": step,
                "reason": str(reason),
                "tracking_code": case.tracking_code if case is not None else "",
            },
        )


def _refuse(
    actor: Any, step: str, unit: Any, message: str, *, case: Case | None = None, field=None
) -> PetitionError:
    _audit_refusal(actor, step, unit, case, message)
    return _error(message, field)


def _not_permitted(actor: Any, step: str, unit: Any, case: Case | None = None) -> NotPermitted:
    _audit_refusal(actor, step, unit, case, "not permitted")
    return NotPermitted()


# --- cleaning ----------------------------------------------------------------------------------


def _text(value: Any, *, multiline: bool = False) -> str:
    text = str(value or "")
    if multiline:
        lines = [normalise_spaces(line) for line in text.replace("\r", "").split("\n")]
        return "\n".join(lines).strip()
    return normalise_spaces(text)


def clean_person(data: Mapping[str, Any] | None) -> dict[str, str]:
    """Name, address, phone (digits) and identity number of a sender or representative."""
    data = data or {}
    phone = re.sub(r"[\s.\-]", "", str(data.get("phone") or ""))
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    return {
        "full_name": _text(data.get("full_name"))[:150],
        "address": _text(data.get("address"))[:255],
        "phone": phone[:15],
        "id_number": re.sub(r"\s", "", str(data.get("id_number") or ""))[:12],
    }


def _person_problem(person: dict[str, str], *, need_contact: bool) -> tuple[str, str] | None:
    if not person["full_name"]:
        return _("Please enter the sender's full name."), "full_name"
    if person["phone"] and not PHONE_RE.match(person["phone"]):
        return _("Enter a Vietnamese phone number of 10 or 11 digits."), "phone"
    if person["id_number"] and not ID_RE.match(person["id_number"]):
        return _("Enter a 12-digit citizen identity number or a 9-digit ID card number."), (
            "id_number"
        )
    if need_contact and not (person["address"] or person["phone"]):
        return _("Enter an address or a phone number where the answer can reach you."), "address"
    return None


REPRESENTATIVE_MESSAGES = {
    "group_size": lambda: _("A group has at least one person."),
    "too_few": lambda: _(
        "A group of 5 or more people appoints representatives (Law on Citizen Reception "
        "Art. 29): 1 or 2 for 5 to 10 people, at most 5 for more than 10."
    ),
    "too_many": lambda: _(
        "Too many representatives (Law on Citizen Reception Art. 29): 1 or 2 for 5 to 10 "
        "people, at most 5 for more than 10."
    ),
    "not_in_group": lambda: _("Representatives must be among the people of the group."),
}


def _check_attachments(attachments: Sequence[UploadedFile]) -> list[Any]:
    from danchu.disclosure.attachments import AttachmentRefused, check_upload

    checked = []
    for upload in attachments:
        try:
            checked.append(check_upload(upload))
        except AttachmentRefused as exc:
            raise _error(str(exc), "attachments") from exc
    return checked


def _event(
    case: Case,
    actor: Any,
    action: str,
    *,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    public: bool = True,
    document: Any = None,
    on: date | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        action=action,
        from_status=from_status,
        to_status=to_status,
        on=on or _today(),
        note=note,
        public=public,
        document=document,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _index(case: Case) -> None:
    from danchu.core.search.services import search_index
    from danchu.petitions.intake_setup import CASE_SEARCH_KIND

    search_index(case, kind=CASE_SEARCH_KIND)


def _unique_code(year: int) -> str:
    for _attempt in range(20):
        code = rules.new_tracking_code(year)
        if not Case.objects.filter(tracking_code=code).exists():
            return code
    raise RuntimeError("could not draw a free tracking code")


def _identity_payload(sender: dict[str, str] | None, reps: Sequence[dict[str, str]]) -> dict:
    return {"sender": sender or {}, "representatives": list(reps)}


def _store_people(
    case: Case, sender: dict[str, str] | None, reps: Sequence[dict[str, str]], *, sealed: bool
) -> None:
    """A denouncer (and their representatives) go only into the sealed row; anyone else into
    CaseParty."""
    if sealed:
        if sender or reps:
            seal_case_identity(case, _identity_payload(sender, reps))
        return
    if sender:
        CaseParty.objects.create(case=case, role=PartyRole.SENDER, **sender)
    for rep in reps:
        CaseParty.objects.create(case=case, role=PartyRole.REPRESENTATIVE, **rep)


def _save_attachments(case: Case, checked: Sequence[Any], *, confidential: bool) -> list[str]:
    hashes = []
    for item in checked:
        attachment = Attachment(
            case=case,
            original_name=item.name if not confidential else f"thu-{item.sha256[:12]}",
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            confidential=confidential,
        )
        extension = item.name.rsplit(".", 1)[-1] if "." in item.name else "bin"
        attachment.file.save(f"{item.sha256[:24]}.{extension}", ContentFile(item.content), False)
        attachment.save()
        hashes.append(item.sha256)
    return hashes


# --- receipt -----------------------------------------------------------------------------------


def receipt_data(case: Case) -> dict[str, Any]:
    """What the receipt prints: never the denouncer's (or anyone's) identity."""
    return {
        "tracking_code": case.tracking_code,
        "received_on": case.received_on.isoformat(),
        "unit_name": case.unit.name,
        "kind": case.kind,
        "kind_label": str(CaseKind(case.kind).label),
        "channel_label": str(CaseChannel(case.channel).label),
        "subject": "" if case.kind == CaseKind.DENUNCIATION else case.subject,
        "due_on": case.due_on.isoformat() if case.due_on else "",
    }


def _generate_receipt(actor: Any, case: Case) -> Any:
    """The receipt, generated by ``actor`` (None: the system, for a case sent on the web)."""
    from danchu.core.documents.services import document_generate

    return document_generate(
        actor=actor if actor is not None else AnonymousUser(),
        doc_type=RECEIPT_DOCUMENT,
        unit=case.unit,
        data=receipt_data(case),
        formats=("pdf",),
    )


# --- receive -----------------------------------------------------------------------------------


def case_receive(
    *,
    actor: Any,
    unit: Unit,
    channel: str,
    subject: str,
    content: str,
    sender: dict | None,
    kind_hint: str = "",
    anonymous: bool = False,
    group_size: int = 1,
    representatives: Sequence[dict] = (),
    signed: bool = True,
    decision_known_on: date | None = None,
    received_on: date | None = None,
    attachments: Sequence[UploadedFile] = (),
    confirmed_by_citizen: bool = False,
) -> Case:
    """Receive a case on any channel, give it a tracking code and a receipt.

    The web form is open to anyone (``petitions.send``), signed in or not; the desk, post,
    hotline and suggestion-box channels are entered by an official who receives the unit's
    cases (``petitions.receive``). At the desk the official writes down what the citizen says
    and the citizen confirms it (``confirmed_by_citizen``, Law on Complaints Art. 8(3), Law on
    Denunciations Art. 23(2)), recorded as an event (the desk form requires it; a logbook
    entry converted later may leave it out). ``kind_hint`` is what the sender says the
    case is; an official classifies it later. A denouncer's identity is sealed."""
    step = "receive"
    if channel not in CaseChannel.values:
        raise _refuse(actor, step, unit, _("Choose how the case was received."), field="channel")
    official_entry = channel in OFFICIAL_CHANNELS
    permission = RECEIVE if official_entry else SEND
    if not has_perm(actor, permission, unit):
        raise _not_permitted(actor, step, unit)
    if not accepts_cases(unit):
        raise _refuse(actor, step, unit, _("This unit does not receive petitions."))
    today = _today()
    if received_on is not None and not official_entry and received_on != today:
        raise _not_permitted(actor, step, unit)
    received_on = received_on or today
    problem: tuple[str, str | None] | None = None
    subject = _text(subject)[:255]
    content = _text(content, multiline=True)
    sender_clean = None if anonymous else clean_person(sender)
    rep_rows = [r if isinstance(r, Mapping) else {"full_name": r} for r in representatives]
    reps = [clean_person(r) for r in rep_rows]
    all_in_group = all(r.get("in_group", True) for r in rep_rows)
    if kind_hint not in ("", *rules.HINTS):
        problem = (_("Choose what kind of case this is."), "kind_hint")
    elif received_on > today:
        problem = (_("The date of receipt cannot be in the future."), "received_on")
    elif received_on < today - timedelta(days=MAX_BACKDATE_DAYS):
        problem = (_("The date of receipt is more than a year ago."), "received_on")
    elif not subject:
        problem = (_("Please write a short subject."), "subject")
    elif not content:
        problem = (_("Please describe your case."), "content")
    elif anonymous and kind_hint == rules.COMPLAINT:
        problem = (
            _(
                "A complaint states the complainant's name and address (Law on Complaints "
                "Art. 8); it cannot be sent anonymously."
            ),
            "anonymous",
        )
    elif anonymous and (sender and any(clean_person(sender).values())):
        problem = (_("An anonymous case has no sender details."), "anonymous")
    elif decision_known_on is not None and decision_known_on > received_on:
        problem = (
            _("The decision cannot be known after the case was received."),
            "decision_known_on",
        )
    if problem is None and sender_clean is not None:
        problem = _person_problem(sender_clean, need_contact=True)
    if problem is None:
        for rep in reps:
            rep_problem = _person_problem(rep, need_contact=False)
            if rep_problem is not None:
                problem = (rep_problem[0], "representatives")
                break
    if problem is None:
        try:
            size = int(group_size)
        except (TypeError, ValueError):
            size = 0
        code = rules.representatives_problem(size, len(reps), all_in_group=all_in_group)
        if code:
            problem = (REPRESENTATIVE_MESSAGES[code](), "representatives")
    if problem is None:
        try:
            checked = _check_attachments(attachments)
        except PetitionError as exc:
            problem = (str(exc), "attachments")
    if problem is not None:
        raise _refuse(actor, step, unit, problem[0], field=problem[1])

    kind = kind_hint or CaseKind.UNCLASSIFIED
    if anonymous and kind == CaseKind.DENUNCIATION:
        # Law on Denunciations Art. 25 (R-TC-05): an anonymous denunciation is not handled as a
        # denunciation, only checked as information for management.
        kind = CaseKind.INFORMATION
    sealed = kind in SEALED_KINDS
    due_on = rules.first_due(kind, received_on)
    # Sending on the web is the sender's own act: it is recorded with no actor (the system),
    # whoever is signed in, because any case may turn out to be a denunciation and audit rows
    # cannot be changed afterwards (Law on Denunciations Arts 8, 9(1)(b), 47). The sender is
    # linked to the case only through the owner digest (and, for a denouncer, the sealed row).
    recorder = actor if official_entry else None
    with transaction.atomic():
        digest = "" if official_entry else new_owner_digest(actor)
        case = Case.objects.create(
            unit=unit,
            tracking_code=_unique_code(received_on.year),
            kind=kind,
            channel=channel,
            status=RECEIVED,
            subject=subject,
            content=content,
            received_on=received_on,
            due_on=due_on,
            group_size=size,
            anonymous=anonymous,
            signed=bool(signed),
            decision_known_on=decision_known_on,
            owner_digest=digest,
        )
        _store_people(case, sender_clean, reps, sealed=sealed)
        hashes = _save_attachments(case, checked, confidential=sealed)
        receipt = _generate_receipt(recorder, case)
        _index(case)
        _event(case, recorder, "received", to_status=RECEIVED, document=receipt)
        if channel == CaseChannel.DESK and confirmed_by_citizen:
            _event(case, recorder, "confirmed_by_citizen", public=False)
        audit_record(
            actor=recorder,
            action="petitions.case_received",
            target=case,
            unit=unit,
            data={
                "tracking_code": case.tracking_code,
                "channel": channel,
                "kind": kind,
                "received_on": received_on,
                "due_on": due_on,
                "anonymous": anonymous,
                "group_size": size,
                "representatives": len(reps),
                "attachments": hashes,
                "confirmed_by_citizen": bool(confirmed_by_citizen)
                if channel == CaseChannel.DESK
                else None,
            },
        )
    return case


# --- shared guards -----------------------------------------------------------------------------


def _check(actor: Any, case: Case, step: str, permission: str = RECEIVE) -> None:
    """Re-check the permission before any transaction opens (a refusal is audited apart)."""
    if not has_perm(actor, permission, case):
        raise _not_permitted(actor, step, case.unit, case)


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("unit").get(pk=case.pk)


def _people_of(case: Case) -> tuple[dict[str, str] | None, list[dict[str, str]]]:
    """The sender and representatives of ``case``, from CaseParty or the sealed row."""
    sealed = sealed_identity_of(case)
    if sealed is not None:
        return sealed.get("sender") or None, list(sealed.get("representatives") or [])
    sender = None
    reps = []
    for party in case.parties.filter(role__in=(PartyRole.SENDER, PartyRole.REPRESENTATIVE)):
        person = {
            "full_name": party.full_name,
            "address": party.address,
            "phone": party.phone,
            "id_number": party.id_number,
        }
        if party.role == PartyRole.SENDER:
            sender = person
        else:
            reps.append(person)
    return sender, reps


def _seal_people(case: Case) -> bool:
    """Move the sender and representatives of ``case`` out of CaseParty into the sealed row."""
    if SealedIdentity.objects.filter(case=case).exists():
        return False
    sender, reps = _people_of(case)
    if not (sender or reps):
        return False
    seal_case_identity(case, _identity_payload(sender, reps))
    case.parties.filter(role__in=(PartyRole.SENDER, PartyRole.REPRESENTATIVE)).delete()
    return True


def _scrub_sender_actor(case: Case) -> int:
    """Remove the sender as the actor of the steps of ``case`` (rows written before web cases
    were recorded as the system's). Call before ``_seal_people``: the sender's phone on the
    party row is one way of knowing them. Returns how many steps lost their actor."""
    actor_ids = set(
        CaseEvent.objects.filter(case=case, actor__isnull=False).values_list("actor_id", flat=True)
    )
    if not actor_ids:
        return 0
    users = get_user_model().objects.filter(pk__in=actor_ids)
    senders = [user.pk for user in users if is_owner(user, case)]
    if not senders:
        return 0
    return CaseEvent.objects.filter(case=case, actor_id__in=senders).update(actor=None)


def _protect_denouncer(case: Case) -> dict[str, Any]:
    """What a case that becomes a denunciation (or information) needs, inside the caller's
    transaction (Law on Denunciations Arts 8, 9(1)(b), 47, 56): the sender is the actor of none
    of its steps, the sender and representatives move into the sealed row, the attachments
    become confidential, and the reception logbook keeps a placeholder instead of the name,
    address and identity number. Returns what was done, for the caller's audit event."""
    from danchu.petitions.services_reception import seal_logbook_entries

    scrubbed = _scrub_sender_actor(case)
    sealed_now = _seal_people(case)
    Attachment.objects.filter(case=case).update(confidential=True)
    return {
        "sealed": sealed_now,
        "steps_unattributed": scrubbed,
        "logbook_redacted": seal_logbook_entries(case),
    }


def _anonymous_kind_message() -> str:
    return _(
        "A case without the sender's name and address cannot be a complaint or a denunciation "
        "(Law on Complaints Art. 8; Law on Denunciations Art. 25): classify it as information "
        "for management."
    )


# --- split -------------------------------------------------------------------------------------


def case_split(*, actor: Any, case: Case, parts: Sequence[dict]) -> list[Case]:
    """Split a letter that mixes kinds — a complaint and a denunciation — into separate cases
    (Law on Citizen Reception Art. 25(3)), each with its own code and first deadline, linked to
    the letter by ``parent``. A denunciation part's sender is sealed, and so is the letter's
    own sender row (the letter holds the denunciation's content)."""
    step = "split"
    cleaned = []
    for part in parts:
        cleaned.append(
            {
                "kind": str(part.get("kind") or ""),
                "subject": _text(part.get("subject"))[:255],
                "content": _text(part.get("content"), multiline=True),
            }
        )
    _check(actor, case, step)
    problem = None
    if len(cleaned) < 2:
        problem = _("Split a letter into at least two cases.")
    elif any(p["kind"] not in rules.HINTS for p in cleaned):
        problem = _("Each part is feedback, a recommendation, a complaint or a denunciation.")
    elif any(not p["subject"] or not p["content"] for p in cleaned):
        problem = _("Each part needs a subject and its content.")
    elif len({p["kind"] for p in cleaned}) < 2:
        problem = _("The parts of a mixed letter are of different kinds.")
    elif case.anonymous and any(p["kind"] in NAMED_KINDS for p in cleaned):
        problem = _anonymous_kind_message()
    if problem is not None:
        raise _refuse(actor, step, case.unit, problem, case=case)
    created: list[Case] = []
    with transaction.atomic():
        locked = _lock(case)
        if locked.status != RECEIVED or locked.parent_id is not None:
            problem = _("Only a letter just received can be split.")
        else:
            sender, reps = _people_of(locked)
            any_denunciation = any(p["kind"] == rules.DENUNCIATION for p in cleaned)
            for part in cleaned:
                child = Case.objects.create(
                    unit=locked.unit,
                    tracking_code=_unique_code(locked.received_on.year),
                    kind=part["kind"],
                    channel=locked.channel,
                    status=RECEIVED,
                    subject=part["subject"],
                    content=part["content"],
                    received_on=locked.received_on,
                    due_on=rules.first_due(part["kind"], locked.received_on),
                    group_size=locked.group_size,
                    anonymous=locked.anonymous,
                    signed=locked.signed,
                    decision_known_on=locked.decision_known_on,
                    # A part belongs to the owner of the letter (``is_owner``): it carries no
                    # digest of its own, so parts cannot be matched with each other by it.
                    owner_digest="",
                    parent=locked,
                    handler=locked.handler,
                )
                _store_people(child, sender, reps, sealed=part["kind"] == rules.DENUNCIATION)
                _event(child, actor, "split_from", to_status=RECEIVED)
                _index(child)
                created.append(child)
            protected = _protect_denouncer(locked) if any_denunciation else {}
            before = locked.status
            locked.status = SPLIT
            locked.due_on = None
            locked.save(update_fields=["status", "due_on"])
            _event(
                locked,
                actor,
                "split",
                from_status=before,
                to_status=SPLIT,
                # The parts of a letter holding a denunciation are not named on the letter:
                # only the assigned handler sees how they relate (Law on Denunciations Art. 8).
                note=_("Split into %(count)d cases") % {"count": len(created)}
                if any_denunciation
                else ", ".join(c.tracking_code for c in created),
            )
            audit_record(
                actor=actor,
                action="petitions.case_split",
                target=locked,
                unit=locked.unit,
                data={
                    "tracking_code": locked.tracking_code,
                    "parts": [{"code": c.tracking_code, "kind": c.kind} for c in created],
                    **protected,
                },
            )
    if problem is not None:
        raise _refuse(actor, step, case.unit, problem, case=case)
    return created


def split_links_visible(actor: Any, case: Case) -> bool:
    """Whether ``actor`` may see how the letter ``case`` was split, or which letter the part
    ``case`` was split from (and so its sibling parts). When a part is a denunciation (or
    information), only the handler assigned to such a part may: the complaint part names the
    sender, and the link would name the denouncer (Law on Denunciations Arts 8(1), 9(1)(b),
    56). Pages and the API show the links only when this is true."""
    letter_id = case.parent_id or case.pk
    sealed_parts = Case.objects.filter(parent_id=letter_id).filter(
        Q(kind__in=SEALED_KINDS) | Q(sealed_identity__isnull=False)
    )
    handlers = set(sealed_parts.values_list("handler_id", flat=True))
    if not handlers:
        return True
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    return actor_id is not None and actor_id in handlers


# --- classify ----------------------------------------------------------------------------------

INADMISSIBLE_MESSAGES = {
    "reason": lambda: _("Choose the reason from the law's list."),
    "signed": lambda: _("The letter is signed or fingerprinted; choose another reason."),
    "not_time_barred": lambda: _(
        "The complaint is within 90 days of the date the decision was known (Law on "
        "Complaints Art. 9); it is not time-barred."
    ),
}


def case_classify(*, actor: Any, case: Case, kind: str, reason: str = "") -> Case:
    """Classify a received case (Law on Citizen Reception Art. 28(1); Law on Complaints Art.
    11; Law on Denunciations Art. 25) and recompute ``due_on`` for its first step.

    ``inadmissible`` needs one of the law's reasons (``rules.INADMISSIBLE_REASONS``);
    ``information`` is an anonymous or unverifiable denunciation with a clear violator and
    evidence, checked for management (Art. 25); an anonymous case cannot be a complaint or a
    denunciation (Law on Complaints Art. 8; Law on Denunciations Art. 25; R-TC-05). A case that
    becomes a denunciation (or information) is protected by ``_protect_denouncer``: its sender
    moved out of CaseParty into the sealed row, removed as the actor of its steps, its
    attachments confidential and its reception logbook lines redacted; a sealed identity stays
    sealed whatever the case becomes."""
    step = "classify"
    _check(actor, case, step)
    reason = _text(reason)[:40]
    if kind not in rules.CLASSES:
        raise _refuse(actor, step, case.unit, _("Choose a kind from the list."), case=case)
    problem = None
    with transaction.atomic():
        locked = _lock(case)
        if locked.status != RECEIVED:
            problem = _("Only a case that was received and not yet handled can be classified.")
        elif locked.anonymous and kind in NAMED_KINDS:
            problem = _anonymous_kind_message()
        elif kind == rules.INADMISSIBLE:
            code = rules.inadmissible_problem(
                reason,
                signed=locked.signed,
                decision_known_on=locked.decision_known_on,
                received_on=lodged_on(locked),
            )
            if code:
                problem = INADMISSIBLE_MESSAGES[code]()
        if problem is None:
            before = locked.kind
            locked.kind = kind
            locked.inadmissible_reason = reason if kind == rules.INADMISSIBLE else ""
            locked.due_on = rules.first_due(kind, locked.received_on)
            protected = _protect_denouncer(locked) if kind in SEALED_KINDS else {"sealed": False}
            locked.save(update_fields=["kind", "inadmissible_reason", "due_on"])
            _index(locked)
            _event(locked, actor, "classified", note=str(CaseKind(kind).label))
            audit_record(
                actor=actor,
                action="petitions.case_classified",
                target=locked,
                unit=locked.unit,
                data={
                    "tracking_code": locked.tracking_code,
                    "from": before,
                    "to": kind,
                    "reason": locked.inadmissible_reason,
                    "due_on": locked.due_on,
                    **protected,
                },
            )
    if problem is not None:
        raise _refuse(actor, step, case.unit, problem, case=case)
    return locked


# --- route -------------------------------------------------------------------------------------


def transfer_notice_data(case: Case, to_unit: Unit, new_code: str = "") -> dict[str, Any]:
    """The data of the transfer notice (``petitions.transfer_notice``, built by the workflow
    step's ``build_notice``): the case, the competent unit and the law; addressed to "the
    sender", never by name (Law on Denunciations Arts 8, 9(1), 56)."""
    kind = KIND_TEXT.get(case.kind, "đơn")
    about = "" if case.kind == CaseKind.DENUNCIATION else f" về việc: {case.subject}"
    addressee = (
        "Người tố cáo (thông tin được giữ bí mật theo Điều 9 Luật Tố cáo)"
        if case.kind == CaseKind.DENUNCIATION
        else "Người gửi đơn"
    )
    return {
        "title": "Thông báo",
        "summary": f"Về việc chuyển đơn mã số {case.tracking_code}",
        "issued_on": _today().isoformat(),
        "addressee": addressee,
        "paragraphs": [
            f"Ngày {case.received_on.strftime('%d/%m/%Y')}, {case.unit.name} nhận được đơn "
            f"{kind} mã số {case.tracking_code}{about}.",
            f"Nội dung đơn không thuộc thẩm quyền giải quyết của {case.unit.name}. Căn cứ khoản "
            "1 Điều 28 Luật Tiếp công dân và khoản 2 Điều 24 Luật Tố cáo, đơn đã được chuyển "
            f"đến {to_unit.name} để xem xét, giải quyết theo thẩm quyền.",
        ],
        "fields": [
            ["Mã số theo dõi", case.tracking_code],
            ["Nơi nhận đơn chuyển", to_unit.name],
            *([["Mã số hồ sơ tại nơi nhận", new_code]] if new_code else []),
        ],
        "closing": ["Người gửi đơn tiếp tục theo dõi kết quả bằng mã số theo dõi nêu trên."],
        "recipients": ["Như trên", to_unit.name],
        "symbol": "TB",
        "minutes": False,
    }


def route_problem(actor: Any, case: Case) -> str:
    """Why ``actor`` may not route ``case`` ("" if they may). Whoever routes a denunciation (or
    information from an anonymous one) chooses who may open the sealed identity, so only a head
    of the unit does (Law on Denunciations Arts 8, 56); a case already assigned is rerouted
    only by its handler or a head of the unit."""
    from danchu.petitions.services_workflow import unit_heads

    actor_id = getattr(actor, "pk", None)
    head = actor_id in unit_heads([case.unit_id], _today()).get(case.unit_id, [])
    if head:
        return ""
    if case.kind in SEALED_KINDS:
        return _("Only the head of the unit assigns or transfers a denunciation.")
    if case.handler_id is not None and case.handler_id != actor_id:
        return _("This case is assigned: only its handler or the head of the unit may route it.")
    return ""


def case_route(*, actor: Any, case: Case, handler: Any = None, to_unit: Unit | None = None) -> Case:
    """Assign a handler of the unit (who must hold ``petitions.handle`` over it), or transfer
    the case to the competent unit with a written notice to the sender (Law on Citizen
    Reception Art. 28(1); Law on Denunciations Art. 24(2): within 5 working days)."""
    step = "route"
    _check(actor, case, step)
    if (handler is None) == (to_unit is None):
        raise _refuse(
            actor, step, case.unit, _("Choose a handler or a unit to transfer to."), case=case
        )
    problem = None
    if handler is not None and not has_perm(handler, HANDLE, case.unit):
        problem = _("The handler must be an official who handles this unit's cases.")
    elif to_unit is not None and (to_unit.pk == case.unit_id or not accepts_cases(to_unit)):
        problem = _("Choose another unit that receives petitions.")
    if problem is not None:
        raise _refuse(actor, step, case.unit, problem, case=case)
    with transaction.atomic():
        locked = _lock(case)
        if locked.status != RECEIVED:
            problem = _("Only a case that was received and not yet handled can be routed.")
        elif problem := (route_problem(actor, locked) or None):
            pass
        elif handler is not None:
            locked.handler = handler
            locked.save(update_fields=["handler"])
            _event(locked, actor, "assigned", public=False)
            audit_record(
                actor=actor,
                action="petitions.case_assigned",
                target=locked,
                unit=locked.unit,
                data={"tracking_code": locked.tracking_code, "handler": handler.pk},
            )
        else:
            from danchu.core.documents.services import document_generate

            received = receive_transfer(actor=actor, case=locked, to_unit=to_unit, on=_today())
            notice = document_generate(
                actor=actor,
                doc_type=TRANSFER_NOTICE_DOCUMENT,
                unit=locked.unit,
                data=transfer_notice_data(
                    locked, to_unit, received.tracking_code if received is not None else ""
                ),
                formats=("pdf",),
            )
            before = locked.status
            locked.status = TRANSFERRED
            locked.transferred_to = to_unit
            locked.due_on = None
            locked.save(update_fields=["status", "transferred_to", "due_on"])
            _event(
                locked,
                actor,
                "transferred",
                from_status=before,
                to_status=TRANSFERRED,
                note=to_unit.name,
                document=notice,
            )
            audit_record(
                actor=actor,
                action="petitions.case_transferred",
                target=locked,
                unit=locked.unit,
                data={
                    "tracking_code": locked.tracking_code,
                    "to_unit": to_unit.code,
                    "document": notice.pk,
                },
            )
    if problem is not None:
        raise _refuse(actor, step, case.unit, problem, case=case)
    return locked


# --- a case received by transfer --------------------------------------------------------------

RECEIVED_BY_TRANSFER_ACTION = "petitions.case_received_by_transfer"


def lodged_on(case: Case) -> date:
    """The day the citizen lodged ``case`` — for a case received by transfer, the day the first
    body received it. The time bars of a complaint count to it (Law on Complaints Arts 9, 33):
    a complaint made in time to a body that was not competent was made in time. (Each body's
    own limits — acceptance, processing — count from its own receipt.)"""
    day = case.received_on
    source_id = case.transferred_from_id
    for _hop in range(20):  # a chain of transfers, bounded
        if source_id is None:
            break
        row = (
            Case.objects.filter(pk=source_id)
            .values_list("received_on", "transferred_from_id")
            .first()
        )
        if row is None:
            break
        day, source_id = row
    return day


def receive_transfer(*, actor: Any, case: Case, to_unit: Unit, on: date) -> Case | None:
    """The case as the competent unit receives it when ``case`` is transferred there (Law on
    Citizen Reception Art. 28(1); Law on Complaints Art. 27; Law on Denunciations Art. 24(2)):
    a new case of ``to_unit`` with its own tracking code, received on the day of the transfer
    (its first limit counts from then), linked by ``transferred_from``, unassigned, with the
    parties, the sealed identity (as sealed: only its handler there may open it) and the
    attachments of the original. Nothing when ``to_unit`` does not receive cases on the
    platform. Call inside the transferring step's transaction."""
    if not accepts_cases(to_unit):
        return None
    received = Case.objects.create(
        unit=to_unit,
        tracking_code=_unique_code(on.year),
        kind=case.kind,
        channel=case.channel,
        status=RECEIVED,
        subject=case.subject,
        content=case.content,
        received_on=on,
        due_on=rules.first_due(case.kind, on),
        instance=case.instance,
        complex=case.complex,
        remote=case.remote,
        group_size=case.group_size,
        anonymous=case.anonymous,
        signed=case.signed,
        decision_known_on=case.decision_known_on,
        first_decision_known_on=case.first_decision_known_on,
        owner_digest=case.owner_digest,
        transferred_from=case,
    )
    for party in CaseParty.objects.filter(case=case):
        party.pk = None
        party.case = received
        party.save()
    sealed = SealedIdentity.objects.filter(case=case).first()
    if sealed is not None:
        SealedIdentity.objects.create(case=received, ciphertext=sealed.ciphertext)
    for attachment in Attachment.objects.filter(case=case):
        attachment.pk = None
        attachment.case = received
        attachment.save()
    _event(received, actor, "received_by_transfer", to_status=RECEIVED, note=case.unit.name, on=on)
    _index(received)
    audit_record(
        actor=actor,
        action=RECEIVED_BY_TRANSFER_ACTION,
        target=received,
        unit=to_unit,
        data={
            "tracking_code": received.tracking_code,
            "from_unit": case.unit.code,
            "from_code": case.tracking_code,
        },
    )
    return received


# --- duplicates and merge ----------------------------------------------------------------------


def open_cases(unit: Unit) -> QuerySet:
    return Case.objects.filter(unit=unit, merged_into__isnull=True).exclude(
        status__in=CLOSED_STATUSES
    )


def duplicates_of(case: Case) -> QuerySet:
    """Open cases of the same unit from the same named sender — same phone or identity number
    in CaseParty — or with very similar text (trigram overlap ≥ 0.8 over the 200 most recent
    open cases of the unit).

    A denunciation is never matched by its sender, in either direction (Law on Denunciations
    Arts 8, 9(1)(b)): a denouncer has no party row, owner digests differ from case to case, and
    sealed cases are left out of the sender match. The parts of one letter are not duplicates
    of each other or of the letter."""
    candidates = open_cases(case.unit).exclude(pk=case.pk).exclude(parent_id=case.pk)
    if case.parent_id:
        candidates = candidates.exclude(parent_id=case.parent_id).exclude(pk=case.parent_id)
    found: set[int] = set()
    sealed = case.kind in SEALED_KINDS or SealedIdentity.objects.filter(case=case).exists()
    senders = (
        []
        if sealed
        else list(case.parties.filter(role=PartyRole.SENDER).values_list("phone", "id_number"))
    )
    phones = [p for p, _i in senders if p]
    ids = [i for _p, i in senders if i]
    if phones or ids:
        same_sender = Q(pk__in=[])
        if phones:
            same_sender |= Q(parties__role=PartyRole.SENDER, parties__phone__in=phones)
        if ids:
            same_sender |= Q(parties__role=PartyRole.SENDER, parties__id_number__in=ids)
        named = candidates.exclude(kind__in=SEALED_KINDS).filter(sealed_identity__isnull=True)
        found = set(named.filter(same_sender).values_list("pk", flat=True))
    text = f"{case.subject}\n{case.content}"
    recent = candidates.order_by("-received_on", "-pk").values_list("pk", "subject", "content")[
        :DUPLICATE_WINDOW
    ]
    for pk, subject, content in recent:
        if rules.similarity(text, f"{subject}\n{content}") >= rules.SIMILAR:
            found.add(pk)
    return Case.objects.filter(pk__in=found).select_related("unit").order_by("-received_on", "-pk")


def case_merge(*, actor: Any, case: Case, into: Case) -> Case:
    """Merge a duplicate ``case`` into the open case ``into`` of the same unit: ``case`` is
    closed as merged and points to ``into``, which carries on."""
    step = "merge"
    _check(actor, case, step)
    problem = None
    if into.pk == case.pk or into.unit_id != case.unit_id:
        problem = _("A case is merged into another open case of the same unit.")
    if problem is None:
        with transaction.atomic():
            locked = _lock(case)
            target = Case.objects.select_for_update().get(pk=into.pk)
            if locked.status in CLOSED_STATUSES or locked.merged_into_id:
                problem = _("This case is no longer open.")
            elif target.status in CLOSED_STATUSES or target.merged_into_id:
                problem = _("A case is merged into another open case of the same unit.")
            else:
                before = locked.status
                locked.status = MERGED
                locked.merged_into = target
                locked.due_on = None
                locked.save(update_fields=["status", "merged_into", "due_on"])
                _event(
                    locked,
                    actor,
                    "merged",
                    from_status=before,
                    to_status=MERGED,
                    note=target.tracking_code,
                )
                _event(target, actor, "merged_in", note=locked.tracking_code, public=False)
                audit_record(
                    actor=actor,
                    action="petitions.case_merged",
                    target=locked,
                    unit=locked.unit,
                    data={"tracking_code": locked.tracking_code, "into": target.tracking_code},
                )
    if problem is not None:
        raise _refuse(actor, step, case.unit, problem, case=case)
    return locked


# --- the resident -----------------------------------------------------------------------------


def _case_owner_digest(case: Case) -> str:
    """The owner digest of ``case``, or of the letter it was split from."""
    if case.owner_digest:
        return case.owner_digest
    if case.parent_id:
        parent = Case.objects.filter(pk=case.parent_id).values_list("owner_digest", flat=True)
        return parent.first() or ""
    return ""


def is_owner(actor: Any, case: Case) -> bool:
    """The signed-in resident who sent ``case`` (or the letter it was split from): one of
    their owner digests (``sealing.owner_digests``), or their phone on the sender row."""
    if not getattr(actor, "is_authenticated", False):
        return False
    digest = _case_owner_digest(case)
    if digest and digest in owner_digests(actor):
        return True
    phone = getattr(actor, "phone", None)
    return bool(phone) and case.parties.filter(role=PartyRole.SENDER, phone=phone).exists()


def own_cases(user: Any) -> QuerySet:
    """The cases a signed-in resident sent ("my cases"): those carrying one of the user's owner
    digests (every web case, denunciations too), the parts split from them, and the cases with
    the user's phone on the sender row. Two queries whatever the number of cases (one for
    the digests of up to ``sealing.OWNER_DIGEST_BATCH`` cases)."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    match = Q(pk__in=[])
    digests = owner_digests(user)
    if digests:
        match |= Q(owner_digest__in=digests) | Q(parent__owner_digest__in=digests)
    phone = getattr(user, "phone", None)
    if phone:
        named = Case.objects.filter(parties__role=PartyRole.SENDER, parties__phone=phone)
        match |= Q(pk__in=named.values("pk"))
    return Case.objects.filter(match).select_related("unit").order_by("-received_on", "-pk")


def case_rate(*, actor: Any, case: Case, score: int, comment: str = "") -> Case:
    """The sender rates the answer once, 1 to 5 (Law 10/2022 Art. 35(2)(a)). The rating is the
    sender's own act: its step and audit events (and those of a refused rating) are recorded
    with no actor, so that no row names the sender of a denunciation (Law on Denunciations
    Arts 8, 9(1)(b))."""
    step = "rate"
    if not is_owner(actor, case):
        raise _not_permitted(actor, step, case.unit, case)
    actor = None
    comment = _text(comment)[:500]
    problem = None
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        problem = _("Choose a score from 1 to 5.")
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
        if problem is None and locked.status not in ANSWERED_STATUSES:
            problem = _("You can rate the answer once it has been given.")
        elif problem is None and locked.satisfaction is not None:
            problem = _("You have already rated this answer.")
        if problem is None:
            locked.satisfaction = score
            locked.satisfaction_comment = comment
            locked.save(update_fields=["satisfaction", "satisfaction_comment"])
            _event(locked, actor, "rated", note="", public=False)
            audit_record(
                actor=actor,
                action="petitions.case_rated",
                target=locked,
                unit=locked.unit,
                data={"tracking_code": locked.tracking_code, "score": score, "by": "sender"},
            )
    if problem is not None:
        raise _refuse(actor, step, case.unit, problem, case=case)
    return locked
