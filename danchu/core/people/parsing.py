"""Reading person fields typed by people or found in register files, with Vietnamese errors."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.common.text import fold
from danchu.core.people.domain.citizen_id import check_citizen_id
from danchu.core.people.models import Gender


class FieldProblem(ValueError):
    """A value that cannot be accepted; the message says why, in the user's language."""


DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")

GENDER_WORDS = {
    "nam": Gender.MALE,
    "male": Gender.MALE,
    "m": Gender.MALE,
    "nu": Gender.FEMALE,
    "female": Gender.FEMALE,
    "f": Gender.FEMALE,
    "khac": Gender.OTHER,
    "other": Gender.OTHER,
    "": "",
}

YES_WORDS = {"x", "1", "co", "yes", "true", "dai dien", "y"}


def parse_date(raw: str, *, today: date | None = None) -> date | None:
    raw = raw.strip()
    if not raw:
        return None
    for fmt in DATE_FORMATS:
        try:
            value = datetime.strptime(raw, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
        if value > (today or date.today()):
            raise FieldProblem(_("the date %(value)s is in the future") % {"value": raw})
        return value
    raise FieldProblem(_("%(value)s is not a date (use dd/mm/yyyy)") % {"value": raw})


def parse_gender(raw: str) -> str:
    try:
        return GENDER_WORDS[fold(raw)]
    except KeyError:
        raise FieldProblem(_("unknown gender %(value)s (use Nam or Nữ)") % {"value": raw}) from None


def parse_yes(raw: str) -> bool:
    return fold(raw) in YES_WORDS


CITIZEN_ID_MESSAGES = {
    "format": gettext_noop("the citizen identity number %(value)s must have exactly 12 digits"),
    "province": gettext_noop("the citizen identity number %(value)s has an unknown province code"),
    "birth_year": gettext_noop(
        "the citizen identity number %(value)s does not match the year of birth"
    ),
    "gender": gettext_noop("the citizen identity number %(value)s does not match the gender"),
}


def clean_citizen_id(raw: str, *, date_of_birth: date | None, gender: str) -> str | None:
    value = "".join(raw.split())
    if not value:
        return None
    problem = check_citizen_id(value, date_of_birth=date_of_birth, gender=gender or None)
    if problem is not None:
        raise FieldProblem(_(CITIZEN_ID_MESSAGES[problem.code]) % {"value": value})
    return value
