from datetime import date, datetime

import pytest

from danchu.core.documents.domain.dates import (
    date_text,
    day_text,
    month_text,
    place_and_date,
    time_and_date_text,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # The decree's own examples (ND 30/2020 Appendix I §II.4).
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        # Months 1 and 2 padded, 3–12 not; days below 10 padded.
        (date(2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
        (date(2026, 3, 1), "ngày 01 tháng 3 năm 2026"),
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
        (date(2026, 11, 9), "ngày 09 tháng 11 năm 2026"),
    ],
)
def test_date_text(value, expected):
    assert date_text(value) == expected


@pytest.mark.parametrize(
    ("place", "value", "expected"),
    [
        ("Hà Nội", date(2020, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2020"),
        (
            "Thành phố Hồ Chí Minh",
            date(2019, 6, 29),
            "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019",
        ),
        ("Hà Nội", date(2026, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2026"),
    ],
)
def test_place_and_date(place, value, expected):
    assert place_and_date(place, value) == expected


def test_place_is_required():
    with pytest.raises(ValueError):
        place_and_date("  ", date(2026, 1, 5))


@pytest.mark.parametrize(("month", "expected"), [(1, "01"), (2, "02"), (3, "3"), (9, "9")])
def test_month_padding(month, expected):
    assert month_text(month) == expected


@pytest.mark.parametrize("bad", [0, 32])
def test_day_out_of_range(bad):
    with pytest.raises(ValueError):
        day_text(bad)


def test_time_and_date_text():
    assert time_and_date_text(datetime(2026, 1, 5, 8, 5)) == (
        "8 giờ 05 phút, ngày 05 tháng 01 năm 2026"
    )
