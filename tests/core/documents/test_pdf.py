"""The sample minutes and report rendered to PDF and read back with poppler (R-DOC-01…08)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from danchu.core.documents.charts import chart_svg
from danchu.core.documents.domain.description import BarChart, Paragraph
from danchu.core.documents.render.html import render_html
from danchu.core.documents.standard_types import MINUTES, REPORT
from tests.core.documents.pdf_tools import MM, collapse, fonts, pages_and_words, text

TYPES = [MINUTES, REPORT]
TOLERANCE = 0.5  # points


@pytest.mark.parametrize("doc_type", TYPES)
def test_pages_are_a4_portrait(rendered, doc_type):
    pages, _ = pages_and_words(rendered[doc_type][1]["pdf"])
    assert pages
    for page in pages:
        assert page.width == pytest.approx(595.28, abs=1)
        assert page.height == pytest.approx(841.89, abs=1)


@pytest.mark.parametrize("doc_type", TYPES)
def test_page_rule_sets_the_decree_margins(rendered, doc_type):
    description, _ = rendered[doc_type]
    css = render_html(description)
    page_rule = re.search(r"@page\s*\{(.*?)@top-center", css, re.S)
    assert page_rule is not None
    assert "size: A4 portrait" in page_rule[1]
    # top right bottom left
    assert re.search(r"margin:\s*20mm 15mm 20mm 30mm;", page_rule[1])
    assert "font-family: 'Times New Roman', 'Liberation Serif', serif" in css


@pytest.mark.parametrize("doc_type", TYPES)
def test_no_text_inside_the_margins(rendered, doc_type):
    pages, words = pages_and_words(rendered[doc_type][1]["pdf"])
    left, right = 30 * MM, pages[0].width - 15 * MM
    top, bottom = 20 * MM, pages[0].height - 20 * MM
    assert len(words) > 100
    for word in words:
        assert word.x_min >= left - TOLERANCE, word
        assert word.x_max <= right + TOLERANCE, word
        assert word.y_max <= bottom + TOLERANCE, word
        in_top_margin = word.y_min < top - TOLERANCE
        # Only the page number lives in the top margin.
        assert not in_top_margin or word.text.isdigit(), word
    # The text does reach the margins: the body is justified across the full width.
    assert min(w.x_min for w in words) == pytest.approx(left, abs=1)
    assert max(w.x_max for w in words) == pytest.approx(right, abs=2)


@pytest.mark.parametrize("doc_type", TYPES)
def test_page_numbers_centred_in_top_margin_from_page_two(rendered, doc_type):
    pages, words = pages_and_words(rendered[doc_type][1]["pdf"])
    assert len(pages) >= 2, "the sample must run onto a second page"
    top = 20 * MM
    centre = (30 * MM + pages[0].width - 15 * MM) / 2
    for page in pages:
        in_margin = [w for w in words if w.page == page.number and w.y_max < top]
        if page.number == 1:
            assert in_margin == []
        else:
            assert [w.text for w in in_margin] == [str(page.number)]
            middle = (in_margin[0].x_min + in_margin[0].x_max) / 2
            assert middle == pytest.approx(centre, abs=2)


@pytest.mark.parametrize("doc_type", TYPES)
def test_embedded_font_is_times_new_roman_or_liberation_serif(rendered, doc_type):
    found = fonts(rendered[doc_type][1]["pdf"])
    assert found
    for name, embedded in found:
        assert embedded == "yes", name
        assert re.match(r"(TimesNewRoman|Times-New-Roman|Liberation-?Serif)", name), name
    assert any(name.startswith(("Liberation", "Times")) and "Bold" in name for name, _ in found)


def _chart_texts(description) -> list[str]:
    texts = []
    for block in description.blocks:
        if isinstance(block, BarChart):
            svg = chart_svg(block)
            texts += re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return texts


@pytest.mark.parametrize("doc_type", TYPES)
def test_text_round_trips_with_every_diacritic(rendered, doc_type):
    description, paths = rendered[doc_type]
    extracted = text(paths["pdf"])
    pages, _ = pages_and_words(paths["pdf"])
    source = description.texts() + _chart_texts(description)
    source += [str(n) for n in range(2, len(pages) + 1)]  # page numbers
    expected_words = Counter(w for t in source for w in collapse(t).split())
    found_words = Counter(collapse(extracted).split())
    assert found_words == expected_words
    # Paragraphs come back whole and in order, accents and all.
    flat = collapse(extracted)
    position = 0
    for block in description.blocks:
        if isinstance(block, Paragraph):
            position = flat.index(collapse(block.text), position)
    for sample in ("Độc lập - Tự do - Hạnh phúc", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        assert sample in flat


def test_report_header_has_place_and_date_minutes_do_not(rendered):
    report_text = collapse(text(rendered[REPORT][1]["pdf"]))
    minutes_text = collapse(text(rendered[MINUTES][1]["pdf"]))
    assert "An Phú, ngày 29 tháng 6 năm 2026" in report_text
    assert "Số: 12/BC-UBND" in report_text
    assert "Số: 05/BB-BCTMT" in minutes_text
    assert ", ngày 05 tháng 01 năm 2026" not in minutes_text.split("BIÊN BẢN")[0]


def test_minutes_carry_the_fields_closing_line_and_two_signatures(rendered):
    flat = collapse(text(rendered[MINUTES][1]["pdf"]))
    for label in (
        "Thời gian bắt đầu:",
        "Địa điểm:",
        "Thành phần tham dự:",
        "Chủ trì (chủ toạ):",
        "Thư ký (người ghi biên bản):",
        "Nội dung (theo diễn biến hội nghị):",
        "Hội nghị kết thúc vào 10 giờ 30 phút, ngày 05 tháng 01 năm 2026./.",
        "THƯ KÝ",
        "CHỦ TỌA",
        "Nơi nhận:",
        "- Lưu: VT, Hồ sơ.",
    ):
        assert label in flat, label


def test_minutes_signatures_secretary_left_chair_right(rendered):
    _, words = pages_and_words(rendered[MINUTES][1]["pdf"])
    secretary = next(w for w in words if w.text == "THƯ")
    chair = next(
        w
        for w in words
        if w.text == "CHỦ" and w.page == secretary.page and abs(w.y_min - secretary.y_min) < 1
    )
    assert secretary.x_min < chair.x_min


def test_report_signature_block(rendered):
    flat = collapse(text(rendered[REPORT][1]["pdf"]))
    assert "TM. ỦY BAN NHÂN DÂN" in flat
    assert "CHỦ TỊCH" in flat
    assert "Phạm Quốc Trưởng" in flat
    assert "- Lưu: VT, VP." in flat
