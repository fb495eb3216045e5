"""The only way the reception pages fetch units, reception days, bookings and logbook entries
(a 404 for what does not exist and for what the actor may not see)."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.models import Unit
from danchu.petitions.models import ReceptionBooking, ReceptionEntry, ReceptionSchedule
from danchu.petitions.permissions import MANAGE_RECEPTION
from danchu.petitions.services_reception import receives_citizens


def access_reception_unit(actor: Any, code: str) -> Unit:
    """A unit that holds reception days; its schedule is public (Art. 24)."""
    unit = access_unit_by_code(actor, code)
    if not receives_citizens(unit):
        raise not_found()
    return unit


def access_managing_unit(actor: Any, code: str) -> Unit:
    """A unit whose reception the actor manages; 404 otherwise."""
    unit = access_unit_by_code(actor, code, permission=MANAGE_RECEPTION)
    if not receives_citizens(unit):
        raise not_found()
    return unit


def access_public_schedule(actor: Any, pk: int) -> ReceptionSchedule:
    """A reception day anyone may book."""
    schedule = ReceptionSchedule.objects.select_related("unit").filter(pk=pk).first()
    if schedule is None or not receives_citizens(schedule.unit):
        raise not_found()
    return schedule


def access_schedule_by_id(actor: Any, pk: int) -> ReceptionSchedule:
    schedule = ReceptionSchedule.objects.select_related("unit").filter(pk=pk).first()
    if schedule is None or not has_perm(actor, MANAGE_RECEPTION, schedule):
        raise not_found()
    return schedule


def access_booking_by_id(actor: Any, pk: int) -> ReceptionBooking:
    """The actor's own booking, or any booking of a unit whose reception the actor manages."""
    booking = ReceptionBooking.objects.select_related("schedule__unit").filter(pk=pk).first()
    if booking is None:
        raise not_found()
    own = getattr(actor, "is_authenticated", False) and booking.citizen_id == actor.pk
    if not own and not has_perm(actor, MANAGE_RECEPTION, booking.schedule):
        raise not_found()
    return booking


def access_entry_by_id(actor: Any, pk: int) -> ReceptionEntry:
    entry = (
        ReceptionEntry.objects.select_related("unit", "schedule", "case", "recorded_by")
        .filter(pk=pk)
        .first()
    )
    if entry is None or not has_perm(actor, MANAGE_RECEPTION, entry):
        raise not_found()
    return entry
