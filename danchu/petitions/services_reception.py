"""Citizen reception (Law on Citizen Reception 42/2013/QH13; LAW.md §4.3, R-TCD-01…05).

Every function is atomic, re-checks the permission, locks what it changes and writes its audit
event in the same transaction. A refusal changes nothing, is audited in a transaction of its
own (``petitions.reception_refused``, with the step and the reason) and raises
``PetitionError`` (or ``NotPermitted``).

Public interface:

    schedule_publish(actor=, unit=, leader=, leader_name=, leader_title=, on=, starts_at=,
                     ends_at=, place=, posted_on=, slot_minutes=20)        # Art. 24(4)
    schedule_postpone(actor=, schedule=, new_day=, reason=)                # Art. 24
    booking_make(actor=, schedule=, starts_at=, full_name=, phone=, topic=)  # anyone
    booking_cancel(actor=, booking=)                    # the citizen who booked, or an official
    entry_record(actor=, unit=, received_on=, full_name=, address=, content=, request=, ...)
    entry_answer(actor=, entry=, leader_answer=)                            # Art. 18(4)
    entry_refuse(actor=, entry=, ground=)                                   # Art. 9
    entry_to_case(actor=, entry=, kind_hint=)        # through services_intake.case_receive
    seal_logbook_entries(case)       # intake: the case became a denunciation (classify, split)
    schedule_document(actor=, unit=, start=, end=)   # the posted schedule, printable
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.units.domain.kinds import Kind
from danchu.core.units.models import Unit
from danchu.petitions.domain import reception as rules
from danchu.petitions.errors import PetitionError
from danchu.petitions.models import (
    ReceptionBooking,
    ReceptionEntry,
    ReceptionSchedule,
    ScheduleStatus,
)
from danchu.petitions.permissions import MANAGE_RECEPTION

REFUSED = "petitions.reception_refused"
SCHEDULE_PUBLISHED = "petitions.reception_schedule_published"
SCHEDULE_POSTPONED = "petitions.reception_schedule_postponed"
BOOKING_MADE = "petitions.reception_booking_made"
BOOKING_CANCELLED = "petitions.reception_booking_cancelled"
ENTRY_RECORDED = "petitions.reception_entry_recorded"
ENTRY_ANSWERED = "petitions.reception_entry_answered"
ENTRY_REFUSED = "petitions.reception_entry_refused"
ENTRY_CONVERTED = "petitions.reception_entry_converted"
LOGBOOK_EXPORTED = "petitions.reception_logbook_exported"
SCHEDULE_DOCUMENT = "petitions.reception_schedule"
# The notification kind telling a signed-in citizen that the day they booked was postponed.
POSTPONED_NOTIFICATION = "petitions.reception_postponed"

MAX_BACKDATE_DAYS = 366  # how far back an official may log a reception entered late
MAX_SLOT_MINUTES = 240
# A denunciation's sender is sealed (Law on Denunciations Arts 8, 9, 47): once a reception is
# converted into one, the logbook keeps this instead of the name, address and number.
SEALED_PLACEHOLDER = "(Người tố cáo — thông tin được giữ bí mật)"
SEALED_KINDS = ("denunciation", "information")
_PHONE = re.compile(r"^0\d{8,10}$")
_ID_NUMBER = re.compile(r"^(\d{9}|\d{12})$")


class _Refusal(Exception):
    """Raised inside a transaction so that it rolls back; turned into a PetitionError."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@contextmanager
def _refusals(actor: Any, step: str, *, unit: Unit | None, target: Any = None) -> Iterator[None]:
    """Audit every refusal of ``step`` in its own transaction, after the step's transaction
    rolled back, then raise it to the caller."""
    try:
        yield
    except _Refusal as exc:
        _audit_refusal(actor, step, unit=unit, target=target, reason=exc.message)
        raise PetitionError(exc.message) from None
    except NotPermitted:
        _audit_refusal(actor, step, unit=unit, target=target, reason="not permitted")
        raise


def _audit_refusal(actor: Any, step: str, *, unit: Any, target: Any, reason: str) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=REFUSED,
            target=target,
            unit=unit,
            data={"step": step, "reason": reason},
        )


def _today() -> date:
    return timezone.localdate()


def _text(value: str, *, multiline: bool = False) -> str:
    value = value or ""
    if multiline:
        lines = [normalise_spaces(line) for line in value.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()
    return normalise_spaces(value).strip()


def _require(value: str, message: str, maximum: int | None = None) -> str:
    if not value:
        raise _Refusal(message)
    if maximum is not None and len(value) > maximum:
        raise _Refusal(_("This is too long (at most %(max)d characters).") % {"max": maximum})
    return value


def _check(actor: Any, obj: Any) -> None:
    if not has_perm(actor, MANAGE_RECEPTION, obj):
        raise NotPermitted()


def receives_citizens(unit: Unit) -> bool:
    """Commune-level People's Committees (Art. 15) and state agencies (Art. 18) receive
    citizens; villages, provinces here and enterprises do not."""
    return unit.valid_to is None and (unit.is_commune or unit.kind == Kind.AGENCY)


def reception_frequency(unit: Unit) -> str:
    """Weekly for the commune chair (Art. 15(2)(d)), monthly for an agency head (Art. 18(2))."""
    return rules.WEEKLY if unit.is_commune else rules.MONTHLY


# --- schedules ---------------------------------------------------------------------------------


def schedule_publish(
    *,
    actor: Any,
    unit: Unit,
    leader: Any,
    leader_name: str,
    leader_title: str,
    on: date,
    starts_at: time,
    ends_at: time,
    place: str,
    posted_on: date,
    slot_minutes: int = 20,
) -> ReceptionSchedule:
    """Post a leader's reception day, at least 5 working days ahead (Art. 24(4), R-TCD-02)."""
    with _refusals(actor, "schedule_publish", unit=unit):
        _check(actor, unit)
        if not receives_citizens(unit):
            raise _Refusal(_("This unit does not hold citizen reception days."))
        leader_name = _require(_text(leader_name), _("Enter the leader's name."), 150)
        leader_title = _require(_text(leader_title), _("Enter the leader's position."), 150)
        place = _require(_text(place), _("Enter the place of reception."), 255)
        if posted_on > _today():
            raise _Refusal(_("The posting date cannot be in the future."))
        if posted_on < _today():
            # The schedule is posted when it is recorded: a backdated posting would fake the
            # 5 working days' notice of Art. 24(4).
            raise _Refusal(
                _("A schedule is posted on the day it is recorded: the posting date is today.")
            )
        if starts_at >= ends_at:
            raise _Refusal(_("The reception must end after it starts."))
        if not 5 <= slot_minutes <= MAX_SLOT_MINUTES:
            raise _Refusal(_("A slot lasts from 5 to 240 minutes."))
        if not rules.slots(starts_at, ends_at, slot_minutes):
            raise _Refusal(_("The reception is shorter than one slot."))
        if not rules.posted_in_time(posted_on, on):
            raise _Refusal(
                _(
                    "A reception schedule is posted at least 5 working days ahead (Law on "
                    "Citizen Reception Art. 24(4)): posted on %(posted)s, the earliest day is "
                    "%(earliest)s."
                )
                % {
                    "posted": posted_on.strftime("%d/%m/%Y"),
                    "earliest": rules.earliest_reception_day(posted_on).strftime("%d/%m/%Y"),
                }
            )
        with transaction.atomic():
            list(Unit.objects.select_for_update().filter(pk=unit.pk).values_list("pk", flat=True))
            clash = ReceptionSchedule.objects.filter(
                unit=unit, on=on, leader_name=leader_name, status=ScheduleStatus.PLANNED
            ).exists()
            if clash:
                raise _Refusal(_("This leader already has a reception day on that date."))
            schedule = ReceptionSchedule.objects.create(
                unit=unit,
                leader=leader,
                leader_name=leader_name,
                leader_title=leader_title,
                on=on,
                starts_at=starts_at,
                ends_at=ends_at,
                place=place,
                posted_on=posted_on,
                slot_minutes=slot_minutes,
            )
            audit_record(
                actor=actor,
                action=SCHEDULE_PUBLISHED,
                target=schedule,
                unit=unit,
                data={
                    "leader": leader_name,
                    "title": leader_title,
                    "on": on,
                    "from": starts_at,
                    "to": ends_at,
                    "posted_on": posted_on,
                },
            )
    return schedule


def _postponement_text(
    unit: Unit, old: ReceptionSchedule, new: ReceptionSchedule, slot: time, reason: str
) -> tuple[str, str]:
    """The title and body telling a citizen who booked ``slot`` of ``old`` that the day moved
    to ``new``, in the site's language (the citizen's, not the official's who postponed)."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "old": old.on.strftime("%d/%m/%Y"),
            "new": new.on.strftime("%d/%m/%Y"),
            "slot": slot.strftime("%H:%M"),
            "place": new.place,
            "leader": new.leader_name,
            "unit": unit.name,
            "reason": reason,
        }
        title = _("Reception day of %(old)s postponed to %(new)s") % values
        body = (
            _(
                "%(unit)s: the citizen reception by %(leader)s on %(old)s is postponed to "
                "%(new)s. Your slot moves to %(slot)s on the new day, at %(place)s. "
                "Reason: %(reason)s"
            )
            % values
        )
    return title, body


def _postponement_sms(
    unit: Unit, old: ReceptionSchedule, new: ReceptionSchedule, slot: time
) -> str:
    """The SMS to a booker known only by a phone number: the unit, the dates, the slot and the
    place, as the public schedule shows them — nothing more."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "%(unit)s: the citizen reception of %(old)s is moved to %(new)s, %(slot)s, at "
            "%(place)s."
        ) % {
            "unit": unit.name,
            "old": old.on.strftime("%d/%m/%Y"),
            "new": new.on.strftime("%d/%m/%Y"),
            "slot": slot.strftime("%H:%M"),
            "place": new.place,
        }


def _notify_bookers(
    actor: Any,
    unit: Unit,
    old: ReceptionSchedule,
    new: ReceptionSchedule,
    reason: str,
    bookings: list[ReceptionBooking],
) -> tuple[int, int]:
    """Tell every citizen whose booking moved to ``new`` the new date, their slot and the
    reason (Art. 24: a postponement is announced with its new date; a citizen who booked a
    slot must not come on the old day for nothing). Call inside the postponement's transaction.

    A booking made while signed in notifies the account through the notification system (its
    chosen channels); a booking made without an account kept only a phone, which gets an SMS
    on the notify app's SMS gateway, sent by a background task once the transaction commits.
    Returns (accounts notified, SMS queued)."""
    from danchu.core.notify.backends.base import OutgoingMessage
    from danchu.core.notify.domain.compose import SMS_LIMIT
    from danchu.core.notify.services import notify_send
    from danchu.petitions.tasks_reception import send_reception_sms

    url = reverse("petitions:reception_unit", args=[unit.code])
    notified = 0
    sms: list[dict[str, Any]] = []
    for booking in bookings:
        title, body = _postponement_text(unit, old, new, booking.starts_at, reason)
        if booking.citizen_id is not None:
            notify_send(
                actor=actor,
                kind=POSTPONED_NOTIFICATION,
                recipients=[booking.citizen_id],
                title=title,
                body=body,
                url=url,
            )
            notified += 1
        elif booking.phone:
            # Anyone may type any phone when booking: the SMS says only what the public
            # schedule says (no reason, no leader's name).
            short = _postponement_sms(unit, old, new, booking.starts_at)
            text = short if len(short) <= SMS_LIMIT else short[: SMS_LIMIT - 1].rstrip() + "…"
            sms.append(OutgoingMessage(to=booking.phone, subject=title, body=text).as_dict())
    if sms:
        transaction.on_commit(lambda: send_reception_sms.enqueue(sms))
    return notified, len(sms)


def schedule_postpone(
    *, actor: Any, schedule: ReceptionSchedule, new_day: date, reason: str
) -> ReceptionSchedule:
    """Postpone a planned reception day for a stated reason and announce the new day (Art. 24):
    the day is marked postponed with the reason, a new day is posted today at the same hours
    and place, the bookings move to it, and every citizen who booked is told the new day and
    the reason (``_notify_bookers``), in the same transaction. Returns the new day."""
    reason = _text(reason, multiline=True)
    with _refusals(actor, "schedule_postpone", unit=schedule.unit, target=schedule):
        _check(actor, schedule)
        if not reason:
            raise _Refusal(_("A postponement needs its reason (Art. 24)."))
        today = _today()
        with transaction.atomic():
            locked = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
            if locked.status != ScheduleStatus.PLANNED:
                raise _Refusal(_("Only a planned reception day can be postponed."))
            if locked.on < today:
                raise _Refusal(_("This reception day is already past."))
            if new_day <= today or new_day == locked.on:
                raise _Refusal(_("Announce a new day after today and other than the old one."))
            new = ReceptionSchedule.objects.create(
                unit_id=locked.unit_id,
                leader_id=locked.leader_id,
                leader_name=locked.leader_name,
                leader_title=locked.leader_title,
                on=new_day,
                starts_at=locked.starts_at,
                ends_at=locked.ends_at,
                place=locked.place,
                posted_on=today,
                slot_minutes=locked.slot_minutes,
            )
            bookings = list(
                ReceptionBooking.objects.select_for_update()
                .filter(schedule=locked, cancelled=False)
                .order_by("starts_at", "pk")
            )
            moved = ReceptionBooking.objects.filter(
                pk__in=[b.pk for b in bookings], cancelled=False
            ).update(schedule=new)
            locked.status = ScheduleStatus.POSTPONED
            locked.postponed_to = new_day
            locked.postponement_reason = reason
            locked.save(update_fields=["status", "postponed_to", "postponement_reason"])
            notified, texted = _notify_bookers(actor, schedule.unit, locked, new, reason, bookings)
            audit_record(
                actor=actor,
                action=SCHEDULE_POSTPONED,
                target=locked,
                unit=schedule.unit,
                data={
                    "from": locked.on,
                    "to": new_day,
                    "announced_on": today,
                    "reason": reason,
                    "new_schedule": new.pk,
                    "bookings_moved": moved,
                    "citizens_notified": notified,
                    "sms_queued": texted,
                },
            )
    return new


# --- bookings ----------------------------------------------------------------------------------


def booking_make(
    *,
    actor: Any,
    schedule: ReceptionSchedule,
    starts_at: time,
    full_name: str,
    phone: str,
    topic: str,
) -> ReceptionBooking:
    """Book one slot of a planned reception day online; anyone may, signed in or not. One
    booking per slot (a database constraint as well)."""
    full_name = _text(full_name)
    phone = re.sub(r"[\s.\-]", "", phone or "")
    topic = _text(topic)
    with _refusals(actor, "booking_make", unit=schedule.unit, target=schedule):
        _require(full_name, _("Please enter your full name."), 150)
        if not _PHONE.match(phone):
            raise _Refusal(_("Enter a phone number where we can reach you."))
        _require(topic, _("Say briefly what you want to raise."), 500)
        with transaction.atomic():
            locked = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
            if locked.status != ScheduleStatus.PLANNED or locked.on <= _today():
                raise _Refusal(_("This reception day can no longer be booked."))
            if starts_at not in rules.slots(locked.starts_at, locked.ends_at, locked.slot_minutes):
                raise _Refusal(_("Choose one of the slots of this reception day."))
            try:
                with transaction.atomic():
                    booking = ReceptionBooking.objects.create(
                        schedule=locked,
                        starts_at=starts_at,
                        citizen=actor if getattr(actor, "is_authenticated", False) else None,
                        full_name=full_name,
                        phone=phone,
                        topic=topic,
                    )
            except IntegrityError:
                booking = None
            if booking is None:
                raise _Refusal(_("This slot is already booked; choose another one."))
            audit_record(
                actor=actor,
                action=BOOKING_MADE,
                target=booking,
                unit=schedule.unit,
                data={"schedule": locked.pk, "on": locked.on, "slot": starts_at},
            )
    return booking


def booking_cancel(*, actor: Any, booking: ReceptionBooking) -> ReceptionBooking:
    """Cancel a booking: the signed-in citizen who made it, or an official of the unit."""
    schedule = booking.schedule
    with _refusals(actor, "booking_cancel", unit=schedule.unit, target=booking):
        own = (
            getattr(actor, "is_authenticated", False)
            and booking.citizen_id is not None
            and booking.citizen_id == actor.pk
        )
        if not own:
            _check(actor, schedule)
        with transaction.atomic():
            locked = ReceptionBooking.objects.select_for_update().get(pk=booking.pk)
            if locked.cancelled:
                raise _Refusal(_("This booking is already cancelled."))
            locked.cancelled = True
            locked.save(update_fields=["cancelled"])
            audit_record(
                actor=actor,
                action=BOOKING_CANCELLED,
                target=locked,
                unit=schedule.unit,
                data={"schedule": schedule.pk, "slot": locked.starts_at, "by_citizen": own},
            )
    return locked


# --- the logbook -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _EntryFields:
    full_name: str
    address: str
    content: str
    request: str
    prior_handling: str
    handling: str
    id_number: str


def _entry_fields(
    *,
    full_name: str,
    address: str,
    content: str,
    request: str,
    prior_handling: str,
    handling: str,
    id_number: str,
    people: int,
) -> _EntryFields:
    full_name = _require(_text(full_name), _("Enter the citizen's full name."), 150)
    address = _require(_text(address), _("Enter the citizen's address."), 255)
    content = _require(_text(content, multiline=True), _("Write what the citizen raised."))
    request = _require(_text(request, multiline=True), _("Write what the citizen requests."))
    id_number = re.sub(r"\s", "", id_number or "")
    if id_number and not _ID_NUMBER.match(id_number):
        raise _Refusal(_("An identity number has 12 digits (or 9 for an old identity card)."))
    if people < 1:
        raise _Refusal(_("At least one person came."))
    if people >= rules.GROUP_THRESHOLD:
        problem = rules.representatives_problem(people, len(rules.split_names(full_name)))
        if problem is not None:
            raise _Refusal(
                _(
                    "A group of 5 to 10 people names 1 or 2 representatives, a larger group "
                    "at most 5 (Law on Citizen Reception Art. 29). Write their names "
                    "separated by semicolons."
                )
            )
    return _EntryFields(
        full_name=full_name,
        address=address,
        content=content,
        request=request,
        prior_handling=_text(prior_handling, multiline=True),
        handling=_text(handling, multiline=True),
        id_number=id_number,
    )


def entry_record(
    *,
    actor: Any,
    unit: Unit,
    received_on: date,
    full_name: str,
    address: str,
    content: str,
    request: str,
    prior_handling: str = "",
    handling: str = "",
    people: int = 1,
    schedule: ReceptionSchedule | None = None,
    id_number: str = "",
) -> ReceptionEntry:
    """Write one line of the reception logbook (sổ tiếp công dân) with the fields of
    Art. 25(2) (R-TCD-03). Numbers run per unit and year without gaps: the unit row is locked
    while the next number is taken."""
    with _refusals(actor, "entry_record", unit=unit):
        _check(actor, unit)
        if not receives_citizens(unit):
            raise _Refusal(_("This unit does not hold citizen reception days."))
        fields = _entry_fields(
            full_name=full_name,
            address=address,
            content=content,
            request=request,
            prior_handling=prior_handling,
            handling=handling,
            id_number=id_number,
            people=people,
        )
        today = _today()
        if received_on > today:
            raise _Refusal(_("The date of reception cannot be in the future."))
        if received_on < today - timedelta(days=MAX_BACKDATE_DAYS):
            raise _Refusal(_("The date of reception is more than a year ago."))
        if schedule is not None and schedule.unit_id != unit.pk:
            raise _Refusal(_("That reception day belongs to another unit."))
        with transaction.atomic():
            list(Unit.objects.select_for_update().filter(pk=unit.pk).values_list("pk", flat=True))
            year = received_on.year
            last = ReceptionEntry.objects.filter(unit=unit, year=year).aggregate(m=Max("number"))
            entry = ReceptionEntry.objects.create(
                unit=unit,
                number=(last["m"] or 0) + 1,
                year=year,
                received_on=received_on,
                schedule=schedule,
                people=people,
                recorded_by=actor,
                full_name=fields.full_name,
                address=fields.address,
                content=fields.content,
                request=fields.request,
                prior_handling=fields.prior_handling,
                handling=fields.handling,
                id_number=fields.id_number,
            )
            # The entry's number and date only: the logbook holds the personal data.
            audit_record(
                actor=actor,
                action=ENTRY_RECORDED,
                target=entry,
                unit=unit,
                data={"number": entry.number, "year": year, "received_on": received_on},
            )
    return entry


def _locked_entry(entry: ReceptionEntry) -> ReceptionEntry:
    locked = ReceptionEntry.objects.select_for_update().get(pk=entry.pk)
    if rules.is_refused(locked.handling):
        raise _Refusal(_("The citizen was refused reception; this entry is closed."))
    return locked


def entry_answer(*, actor: Any, entry: ReceptionEntry, leader_answer: str) -> ReceptionEntry:
    """Record the leader's answer, or the instruction given and when the citizen will be
    answered (Art. 18(4))."""
    leader_answer = _text(leader_answer, multiline=True)
    with _refusals(actor, "entry_answer", unit=entry.unit, target=entry):
        _check(actor, entry)
        _require(leader_answer, _("Write the leader's answer or instruction."))
        with transaction.atomic():
            locked = _locked_entry(entry)
            if locked.leader_answer:
                raise _Refusal(_("The leader's answer is already recorded."))
            locked.leader_answer = leader_answer
            locked.save(update_fields=["leader_answer"])
            audit_record(
                actor=actor,
                action=ENTRY_ANSWERED,
                target=locked,
                unit=entry.unit,
                data={"number": locked.number, "year": locked.year},
            )
    return locked


def entry_refuse(*, actor: Any, entry: ReceptionEntry, ground: str) -> ReceptionEntry:
    """Record a refusal to receive on a ground of Art. 9 in the handling column."""
    with _refusals(actor, "entry_refuse", unit=entry.unit, target=entry):
        _check(actor, entry)
        if ground not in rules.REFUSAL_GROUNDS:
            raise _Refusal(_("Choose the ground for refusal from the law's list (Art. 9)."))
        with transaction.atomic():
            locked = _locked_entry(entry)
            if locked.leader_answer or locked.case_id:
                raise _Refusal(_("This reception was already answered or converted."))
            line = rules.refusal_text(ground)
            locked.handling = f"{locked.handling}\n{line}" if locked.handling else line
            locked.save(update_fields=["handling"])
            audit_record(
                actor=actor,
                action=ENTRY_REFUSED,
                target=locked,
                unit=entry.unit,
                data={"number": locked.number, "year": locked.year, "ground": ground},
            )
    return locked


def entry_to_case(*, actor: Any, entry: ReceptionEntry, kind_hint: str) -> Any:
    """Turn what the citizen raised into a case received at the desk (channel "desk"), with
    the group's size and representatives (Art. 29). A denunciation's sender is sealed by
    intake; the logbook then keeps a placeholder instead of the name, address and number
    (Law on Denunciations Arts 8, 9, 47)."""
    from danchu.petitions.services_intake import case_receive

    with _refusals(actor, "entry_to_case", unit=entry.unit, target=entry):
        _check(actor, entry)
        with transaction.atomic():
            locked = _locked_entry(entry)
            if locked.case_id:
                raise _Refusal(_("This reception was already converted into a case."))
            names = rules.split_names(locked.full_name)
            group = locked.people >= rules.GROUP_THRESHOLD
            content = locked.content
            if locked.request:
                content = f"{content}\n\nYêu cầu, đề nghị: {locked.request}"
            try:
                case = case_receive(
                    actor=actor,
                    unit=locked.unit,
                    channel="desk",
                    subject=_text(locked.content)[:255],
                    content=content,
                    sender={
                        "full_name": names[0] if names else locked.full_name,
                        "address": locked.address,
                        "id_number": locked.id_number,
                        "phone": "",
                    },
                    kind_hint=kind_hint,
                    group_size=locked.people,
                    representatives=tuple({"full_name": name} for name in names) if group else (),
                    received_on=locked.received_on,
                )
            except PetitionError as exc:
                raise _Refusal(str(exc)) from None
            locked.case = case
            locked.save(update_fields=["case"])
            if kind_hint in SEALED_KINDS or getattr(case, "kind", "") in SEALED_KINDS:
                seal_logbook_entries(case)
            audit_record(
                actor=actor,
                action=ENTRY_CONVERTED,
                target=locked,
                unit=entry.unit,
                data={
                    "number": locked.number,
                    "year": locked.year,
                    "case": case.pk,
                    "tracking_code": case.tracking_code,
                },
            )
    return case


def seal_logbook_entries(case: Any) -> int:
    """Replace the name, address and identity number of the logbook lines converted into
    ``case`` with a placeholder, because the case is (or became) a denunciation — converted as
    one, or classified or split later (Law on Denunciations Arts 8, 9(1)(b), 47). Runs inside
    the caller's transaction, which audits the change; returns how many lines were redacted."""
    return (
        ReceptionEntry.objects.filter(case=case)
        .exclude(full_name=SEALED_PLACEHOLDER, address=SEALED_PLACEHOLDER, id_number="")
        .update(full_name=SEALED_PLACEHOLDER, address=SEALED_PLACEHOLDER, id_number="")
    )


def logbook_export_record(*, actor: Any, unit: Unit, fmt: str, rows: int) -> None:
    """Audit a download of the logbook: it holds personal data (officials only)."""
    _check(actor, unit)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=LOGBOOK_EXPORTED,
            unit=unit,
            data={"format": fmt, "rows": rows},
        )


# --- the posted schedule as a document ---------------------------------------------------------


def schedule_document(*, actor: Any, unit: Unit, start: date, end: date) -> Any:
    """Generate the printable reception schedule (lịch tiếp công dân) of ``start``…``end``,
    to post at the headquarters and the reception place (Art. 24(1))."""
    from danchu.core.documents.services import document_generate
    from danchu.petitions.documents_reception import schedule_data

    with _refusals(actor, "schedule_document", unit=unit):
        _check(actor, unit)
        if end < start or (end - start).days > 92:
            raise _Refusal(_("Choose a period of at most three months."))
        data = schedule_data(unit, start, end)
        if not data["rows"]:
            raise _Refusal(_("No reception day in that period."))
        data["posted_on"] = _today().isoformat()
    return document_generate(actor=actor, doc_type=SCHEDULE_DOCUMENT, unit=unit, data=data)
