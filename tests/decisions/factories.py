"""Test set-up for decisions: a proposal with the Front head's agreement recorded (Art. 16(2)),
and an online matter whose preliminary poll passed (ND 59/2023 Art. 5(2)(c))."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from danchu.core.people.models import Household
from danchu.decisions.models import Matter, MatterStatus
from danchu.decisions.services import matter_create, matter_open


def propose(**kwargs: Any) -> Matter:
    kwargs.setdefault("front_agreed_by", "Trưởng ban công tác Mặt trận")
    kwargs.setdefault("front_agreed_on", date(2026, 11, 2))
    return matter_create(**kwargs)


def poll_passed(matter: Matter) -> Matter:
    """Mark the poll on voting online as passed by every household of the village."""
    households = Household.objects.current().filter(village=matter.unit).count()
    Matter.objects.filter(pk=matter.pk).update(
        status=MatterStatus.POLL,
        poll_opened_at=timezone.now(),
        poll_closed_at=timezone.now(),
        poll_chose_online=households,
    )
    matter.refresh_from_db()
    return matter


def open_online(actor: Any, matter: Matter) -> Matter:
    return matter_open(actor=actor, matter=poll_passed(matter))
