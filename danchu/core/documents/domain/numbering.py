"""Document numbers and symbols (ND 30/2020/NĐ-CP, Appendix I §II.3 and Appendix III).

"Số" is written with a lower-case s, the number in Arabic digits with numbers below 10
zero-padded, then "/" and the symbol: the document-type abbreviation and the issuing body's
abbreviation joined by "-" without spaces, e.g. ``Số: 05/BB-UBND``, ``Số: 12/BC-UBND``.
"""

from __future__ import annotations

from collections.abc import Sequence

# Appendix III, part I: abbreviations of administrative document types.
TYPE_ABBREVIATIONS: dict[str, str] = {
    "nghị quyết": "NQ",
    "quyết định": "QĐ",
    "chỉ thị": "CT",
    "quy chế": "QC",
    "quy định": "QyĐ",
    "thông cáo": "TC",
    "thông báo": "TB",
    "hướng dẫn": "HD",
    "chương trình": "CTr",
    "kế hoạch": "KH",
    "phương án": "PA",
    "đề án": "ĐA",
    "dự án": "DA",
    "báo cáo": "BC",
    "biên bản": "BB",
    "tờ trình": "TTr",
    "hợp đồng": "HĐ",
    "công điện": "CĐ",
    "bản ghi nhớ": "BGN",
    "bản thỏa thuận": "BTT",
    "giấy ủy quyền": "GUQ",
    "giấy mời": "GM",
    "giấy giới thiệu": "GGT",
    "giấy nghỉ phép": "GNP",
    "phiếu gửi": "PG",
    "phiếu chuyển": "PC",
    "phiếu báo": "PB",
    "bản sao y": "SY",
    "bản trích sao": "TrS",
    "bản sao lục": "SL",
}

# Left blank on a draft so that the clerk writes the number in by hand when it is issued.
BLANK_NUMBER = "\u00a0" * 6


def number_text(number: int | None) -> str:
    """5 → "05", 12 → "12"; ``None`` (not yet numbered) → a blank to be filled in by hand."""
    if number is None:
        return BLANK_NUMBER
    if number < 1:
        raise ValueError(f"Document numbers start at 1: {number}")
    return f"{number:02d}"


def symbol(groups: Sequence[str]) -> str:
    """ "BB", "UBND" → "BB-UBND": groups in capitals joined by "-" with no spaces."""
    cleaned = [g.strip() for g in groups if g and g.strip()]
    if not cleaned:
        raise ValueError("A document symbol needs at least one group.")
    for group in cleaned:
        if " " in group or "-" in group or "/" in group:
            raise ValueError(f"A symbol group has no spaces, '-' or '/': {group!r}")
    return "-".join(cleaned)


def number_and_symbol(number: int | None, groups: Sequence[str]) -> str:
    """5, ("BB", "UBND") → "05/BB-UBND"."""
    return f"{number_text(number)}/{symbol(groups)}"


def number_line(number: int | None, groups: Sequence[str]) -> str:
    """ "Số: 05/BB-UBND"."""
    return f"Số: {number_and_symbol(number, groups)}"
