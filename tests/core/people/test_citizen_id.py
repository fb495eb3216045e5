"""The 12-digit citizen identity number (Thông tư 59/2021/TT-BCA Art. 7)."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.core.people.domain.citizen_id import check_citizen_id
from danchu.core.people.domain.phone import normalise_phone

CASES = [
    # (number, date of birth, gender, problem or None)
    ("001070000001", date(1970, 1, 1), "male", None),  # 0 = male, 20th century
    ("001170000001", date(1970, 1, 1), "female", None),  # 1 = female, 20th century
    ("038205000123", date(2005, 6, 1), "male", None),  # 2 = male, 21st century
    ("038305000123", date(2005, 6, 1), "female", None),  # 3 = female, 21st century
    ("096199123456", None, None, None),  # 096 is the last province code
    ("038070000001", None, "other", None),
    ("03807000000", None, None, "format"),  # 11 digits
    ("0380700000012", None, None, "format"),  # 13 digits
    ("03807000000A", None, None, "format"),
    ("000070000001", None, None, "province"),
    ("097070000001", None, None, "province"),
    ("038070000001", date(1971, 1, 1), None, "birth_year"),
    ("038270000001", date(1970, 1, 1), None, "birth_year"),  # 2 means born 2070
    ("038070000001", None, "female", "gender"),
    ("038170000001", None, "male", "gender"),
]


@pytest.mark.parametrize(("number", "born", "gender", "problem"), CASES)
def test_citizen_id(number, born, gender, problem):
    result = check_citizen_id(number, date_of_birth=born, gender=gender)
    assert (result.code if result else None) == problem


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("02433123456", "02433123456"),
        ("12345", None),
        ("0012345678", None),
        ("", None),
    ],
)
def test_phone(raw, expected):
    assert normalise_phone(raw) == expected
