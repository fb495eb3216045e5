"""Validation of the 12-digit citizen identity number (số định danh cá nhân / CCCD).

Structure (Thông tư 59/2021/TT-BCA Art. 7, carried over from Thông tư 07/2016/TT-BCA):
digits 1–3 are the code of the province of birth registration (001–096), digit 4 encodes
gender and century of birth, digits 5–6 are the last two digits of the year of birth, and
digits 7–12 are a random sequence. Digit 4: 0/1 = male/female born 1900–1999, 2/3 = 2000–2099,
4/5 = 2100–2199, 6/7 = 2200–2299, 8/9 = 1800–1899.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CENTURY_BY_DIGIT = {
    0: 1900,
    1: 1900,
    2: 2000,
    3: 2000,
    4: 2100,
    5: 2100,
    6: 2200,
    7: 2200,
    8: 1800,
    9: 1800,
}
MAX_PROVINCE_CODE = 96


@dataclass(frozen=True)
class CitizenIdProblem:
    code: str  # one of: format, province, birth_year, gender


def check_citizen_id(
    number: str, *, date_of_birth: date | None = None, gender: str | None = None
) -> CitizenIdProblem | None:
    """Return the first problem with ``number``, or None when it is valid.

    ``gender`` is "male" or "female" when known; other values are not checked.
    """
    if len(number) != 12 or not number.isdigit():
        return CitizenIdProblem("format")
    province = int(number[:3])
    if not 1 <= province <= MAX_PROVINCE_CODE:
        return CitizenIdProblem("province")
    marker = int(number[3])
    if date_of_birth is not None:
        year = CENTURY_BY_DIGIT[marker] + int(number[4:6])
        if year != date_of_birth.year:
            return CitizenIdProblem("birth_year")
    if gender in ("male", "female"):
        encoded = "male" if marker % 2 == 0 else "female"
        if encoded != gender:
            return CitizenIdProblem("gender")
    return None
