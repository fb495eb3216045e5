"""The petitions pillar's tables: cases and their parties, the sealed identity of denouncers,
the steps of each case, and citizen reception."""

from danchu.petitions.models.cases import (
    Attachment,
    Case,
    CaseChannel,
    CaseEvent,
    CaseKind,
    CaseParty,
    Extension,
    PartyRole,
    SealedIdentity,
)
from danchu.petitions.models.reception import (
    ReceptionBooking,
    ReceptionEntry,
    ReceptionSchedule,
    ScheduleStatus,
)

__all__ = [
    "Attachment",
    "Case",
    "CaseChannel",
    "CaseEvent",
    "CaseKind",
    "CaseParty",
    "Extension",
    "PartyRole",
    "ReceptionBooking",
    "ReceptionEntry",
    "ReceptionSchedule",
    "ScheduleStatus",
    "SealedIdentity",
]
