import pytest

from danchu.core.documents.domain.numbering import (
    TYPE_ABBREVIATIONS,
    number_and_symbol,
    number_line,
    number_text,
    symbol,
)


@pytest.mark.parametrize(
    ("number", "groups", "expected"),
    [
        (5, ("BB", "UBND"), "Số: 05/BB-UBND"),
        (12, ("BC", "UBND"), "Số: 12/BC-UBND"),
        (9, ("BNV", "VP"), "Số: 09/BNV-VP"),
        (10, ("UBND", "VX"), "Số: 10/UBND-VX"),
        (123, ("BC", "UBND"), "Số: 123/BC-UBND"),
    ],
)
def test_number_line(number, groups, expected):
    assert number_line(number, groups) == expected


def test_unnumbered_draft_leaves_a_blank():
    text = number_and_symbol(None, ("BB", "UBND"))
    assert text.endswith("/BB-UBND")
    assert text[: -len("/BB-UBND")].strip() == ""


@pytest.mark.parametrize("groups", [(), ("BB UBND",), ("BB/UBND",), ("BB-",)])
def test_bad_symbols(groups):
    with pytest.raises(ValueError):
        symbol(groups)


def test_number_starts_at_one():
    with pytest.raises(ValueError):
        number_text(0)


def test_appendix_iii_abbreviations_of_the_first_two_types():
    assert TYPE_ABBREVIATIONS["biên bản"] == "BB"
    assert TYPE_ABBREVIATIONS["báo cáo"] == "BC"
