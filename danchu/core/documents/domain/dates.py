"""Dates and times as official papers write them (ND 30/2020/NĐ-CP, Appendix I §II.4).

"Ngày, tháng, năm ban hành văn bản phải được viết đầy đủ; các số thể hiện ngày, tháng, năm dùng
chữ số Ả Rập; đối với những số thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía
trước." Examples from the decree: "Hà Nội, ngày 05 tháng 01 năm 2020" and "Thành phố Hồ Chí
Minh, ngày 29 tháng 6 năm 2019".
"""

from __future__ import annotations

from datetime import date, datetime


def day_text(day: int) -> str:
    """Days below 10 are zero-padded: 5 → "05", 29 → "29"."""
    if not 1 <= day <= 31:
        raise ValueError(f"Not a day of the month: {day}")
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Only the months 1 and 2 are zero-padded: 1 → "01", 2 → "02", 6 → "6", 12 → "12"."""
    if not 1 <= month <= 12:
        raise ValueError(f"Not a month: {month}")
    return f"{month:02d}" if month <= 2 else str(month)


def date_text(value: date) -> str:
    """ "ngày 05 tháng 01 năm 2026" (ND 30 Appendix I §II.4)."""
    return f"ngày {day_text(value.day)} tháng {month_text(value.month)} năm {value.year}"


def place_and_date(place: str, value: date) -> str:
    """The place-and-date line of a document: "Hà Nội, ngày 05 tháng 01 năm 2026".

    The place name is written capitalised as given, followed by a comma (Appendix I §II.4)."""
    place = place.strip()
    if not place:
        raise ValueError("The place name is required on the date line.")
    return f"{place}, {date_text(value)}"


def time_text(value: datetime) -> str:
    """A time of day as minutes write it: "8 giờ 05 phút"."""
    return f"{value.hour} giờ {value.minute:02d} phút"


def time_and_date_text(value: datetime) -> str:
    """ "8 giờ 30 phút, ngày 05 tháng 01 năm 2026": a meeting's start or end."""
    return f"{time_text(value)}, {date_text(value.date())}"
