"""Information requests: deadlines, extensions, refusals and the fields of a request
(Law on Access to Information 104/2016/QH13; LAW.md §4.4, rules R-TTTT-01…03).

Deadlines are counted from the day a valid request is received (Arts 29–31), with the working-day
calendar (``danchu.core.calendar.deadline``: the day of receipt is not counted):

=========== ======================= ============================================== ===============
Channel     Simple, available       Complex                                        Extension
=========== ======================= ============================================== ===============
in person   immediately (same day)  ≤ 10 working days (Art. 29)                    ≤ 10 working days
electronic  ≤ 3 working days        notice ≤ 3 working days, answer ≤ 15 working   ≤ 15 days
                                    days (Art. 30)
post / fax  ≤ 5 working days        as electronic (Art. 31)                        ≤ 15 days
=========== ======================= ============================================== ===============

One extension only, with a written notice to the requester. Law 136/2025/QH15 may change these
numbers (LAW.md §0.3(2)), so they are configuration:
``settings.DANCHU_INFORMATION_REQUEST_DEADLINES`` overrides any entry, e.g.
``{"electronic": {"extension": (15, "working_days")}}``.

This module holds no ORM code; it asks the working-day calendar, which reads the administrator's
calendar adjustments.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.core.calendar import deadline
from danchu.core.people.domain.citizen_id import check_citizen_id
from danchu.core.people.domain.phone import normalise_phone

DAYS = "days"
WORKING_DAYS = "working_days"

IN_PERSON = "in_person"
ELECTRONIC = "electronic"
POST = "post"
CHANNELS = (IN_PERSON, ELECTRONIC, POST)

# Keys of one channel's row in the table.
SIMPLE = "simple"  # answer a simple request with available information
COMPLEX = "complex"  # answer (provide or refuse) a complex request
COMPLEX_NOTICE = (
    "complex_notice"  # tell the requester that the request is complex, and its deadline
)
EXTENSION = "extension"  # the one extension, counted from the due date it extends
KEYS = (SIMPLE, COMPLEX, COMPLEX_NOTICE, EXTENSION)

SETTING = "DANCHU_INFORMATION_REQUEST_DEADLINES"
MAX_EXTENSIONS = 1  # "có thể gia hạn" once, with a written notice (Arts 29–31)


@dataclass(frozen=True)
class Limit:
    amount: int
    unit: str  # DAYS or WORKING_DAYS
    article: str

    def last_day(self, start: date) -> date:
        return deadline(start, self.amount, self.unit)


# The one table of time limits [V: LAW.md §4.4 table; S0-TT]. In person, "immediately" is the
# same day (0 working days); a complex request taken in person is classified on the spot (0).
DEADLINES: dict[str, dict[str, Limit]] = {
    IN_PERSON: {
        SIMPLE: Limit(0, WORKING_DAYS, "Law 104/2016 Art. 29"),
        COMPLEX: Limit(10, WORKING_DAYS, "Law 104/2016 Art. 29"),
        COMPLEX_NOTICE: Limit(0, WORKING_DAYS, "Law 104/2016 Art. 29"),
        EXTENSION: Limit(10, WORKING_DAYS, "Law 104/2016 Art. 29"),
    },
    ELECTRONIC: {
        SIMPLE: Limit(3, WORKING_DAYS, "Law 104/2016 Art. 30"),
        COMPLEX: Limit(15, WORKING_DAYS, "Law 104/2016 Art. 30"),
        COMPLEX_NOTICE: Limit(3, WORKING_DAYS, "Law 104/2016 Art. 30"),
        EXTENSION: Limit(15, DAYS, "Law 104/2016 Art. 30"),
    },
    POST: {
        SIMPLE: Limit(5, WORKING_DAYS, "Law 104/2016 Art. 31"),
        COMPLEX: Limit(15, WORKING_DAYS, "Law 104/2016 Art. 31"),
        COMPLEX_NOTICE: Limit(3, WORKING_DAYS, "Law 104/2016 Art. 31"),
        EXTENSION: Limit(15, DAYS, "Law 104/2016 Art. 31"),
    },
}


def _override(base: Limit, value: Any) -> Limit:
    if isinstance(value, Limit):
        return value
    if isinstance(value, Mapping):
        amount, unit = value.get("amount", base.amount), value.get("unit", base.unit)
        article = value.get("article", base.article)
    else:
        amount, unit = value[0], value[1]
        article = value[2] if len(value) > 2 else base.article
    if unit not in (DAYS, WORKING_DAYS) or int(amount) < 0:
        raise ValueError(f"{SETTING}: bad limit {value!r}")
    return Limit(int(amount), unit, article)


def limit(channel: str, key: str) -> Limit:
    """The limit ``key`` of ``channel``, from the table or its override in the settings."""
    if channel not in DEADLINES:
        raise ValueError(f"Unknown request channel: {channel!r}")
    base = DEADLINES[channel][key]
    overrides = getattr(settings, SETTING, None) or {}
    value = overrides.get(channel, {}).get(key)
    return base if value is None else _override(base, value)


def answer_due(received_on: date, channel: str, complex: bool) -> date:
    """The last day to provide the information or refuse in writing (Arts 29(1)–(2), 30(1)–(2),
    31(1)–(2)), counted from the day a valid request was received."""
    return limit(channel, COMPLEX if complex else SIMPLE).last_day(received_on)


def complex_notice_due(received_on: date, channel: str) -> date:
    """The last day to tell the requester the request is complex and when it will be answered
    (Arts 30(2), 31(2); in person, on the spot)."""
    return limit(channel, COMPLEX_NOTICE).last_day(received_on)


def latest_extension(due_on: date, channel: str) -> date:
    """The furthest date one extension can reach: ≤ 10 working days in person (Art. 29),
    ≤ 15 days electronically or by post/fax (Arts 30, 31), counted from the due date."""
    return limit(channel, EXTENSION).last_day(due_on)


def effective_due(due_on: date, extended_to: date | None) -> date:
    return extended_to or due_on


def is_overdue(*, status: str, due_on: date, extended_to: date | None, today: date) -> bool:
    """Still open after its (possibly extended) last day."""
    return status == "received" and effective_due(due_on, extended_to) < today


# --- rules that return a problem code (the services turn codes into messages) ----------------


def extension_problem(
    *,
    complex_request: bool,
    channel: str,
    status: str,
    due_on: date,
    extended_to: date | None,
    new_date: date | None,
    notice: str,
    today: date,
) -> str | None:
    """Why an extension to ``new_date`` cannot be granted, or None (Arts 29–31: one extension,
    within the maximum, notified in writing, granted before the time limit runs out)."""
    if status != "received":
        return "closed"
    if not complex_request:
        # The extension exists for information that needs more time to gather (Arts 29(2),
        # 30(2), 31(2)); a simple request is answered within its own limit.
        return "not_complex"
    if extended_to is not None:
        return "already_extended"
    if today > due_on:
        return "expired"
    if not notice.strip():
        return "notice_required"
    if new_date is None or new_date <= due_on:
        return "not_later"
    if new_date > latest_extension(due_on, channel):
        return "too_long"
    return None


def complex_problem(
    *, status: str, complex: bool, extended_to: date | None, notice_due: date, today: date
) -> str | None:
    """Why a request can no longer be classified as complex, or None (Arts 29–31)."""
    if status != "received":
        return "closed"
    if complex:
        return "already_complex"
    if extended_to is not None:
        return "already_extended"
    if today > notice_due:
        return "notice_expired"
    return None


def refusal_problem(*, ground: str, reason: str, grounds: tuple[str, ...]) -> str | None:
    """A refusal is written, with a ground from the closed list of Art. 28 and its reason."""
    if ground not in grounds:
        return "ground"
    if not reason.strip():
        return "reason"
    return None


# --- the fields of a request (Art. 24) -------------------------------------------------------


class DeliveryForm(models.TextChoices):
    """How the requester wants to receive the information (the request form, Art. 24)."""

    AT_OFFICE = "at_office", _("Read, view or copy it at the office")
    EMAIL = "email", _("By e-mail")
    POST = "post", _("By post")
    FAX = "fax", _("By fax")


_PASSPORT = re.compile(r"^[A-Z][0-9]{7,8}$")


def plain_text(value: str, *, multiline: bool = False) -> str:
    """Text as typed, without any HTML markup (script and style content dropped), NFC."""
    cleaned = html.unescape(nh3.clean(value or "", tags=set()))
    cleaned = unicodedata.normalize("NFC", cleaned)
    if multiline:
        lines = [" ".join(line.split()) for line in cleaned.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()
    return " ".join(cleaned.split())


def clean_identity_number(raw: str) -> str | None:
    """A 12-digit citizen identity number, a 9-digit identity card number or a passport number
    (Art. 24(2)), or None when it is none of these."""
    value = "".join((raw or "").split()).upper()
    if len(value) == 12 and value.isdigit():
        return value if check_citizen_id(value) is None else None
    if len(value) == 9 and value.isdigit():
        return value
    if _PASSPORT.match(value):
        return value
    return None


def clean_contact(raw: str) -> str | None:
    """A Vietnamese phone number (national form) or an e-mail address, or None."""
    value = (raw or "").strip()
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            return None
        return value
    return normalise_phone(value)
