"""DOCX from the same description: text read back with python-docx, page setup."""

from __future__ import annotations

from collections import Counter

import pytest
from docx import Document
from docx.shared import Mm

from danchu.core.documents.standard_types import MINUTES, REPORT
from tests.core.documents.pdf_tools import collapse

TYPES = [MINUTES, REPORT]


def _all_text(document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return [t for t in texts if t.strip()]


@pytest.mark.parametrize("doc_type", TYPES)
def test_docx_text_round_trip(rendered, doc_type):
    description, paths = rendered[doc_type]
    document = Document(str(paths["docx"]))
    found = Counter(collapse(t) for t in _all_text(document))
    expected = Counter(collapse(t) for t in description.texts())
    assert found == expected


@pytest.mark.parametrize("doc_type", TYPES)
def test_docx_page_is_a4_with_decree_margins(rendered, doc_type):
    section = Document(str(rendered[doc_type][1]["docx"])).sections[0]
    assert section.page_width == pytest.approx(Mm(210), abs=Mm(0.1))
    assert section.page_height == pytest.approx(Mm(297), abs=Mm(0.1))
    assert section.page_height > section.page_width  # portrait
    assert section.left_margin == pytest.approx(Mm(30), abs=Mm(0.1))
    assert section.right_margin == pytest.approx(Mm(15), abs=Mm(0.1))
    assert section.top_margin == pytest.approx(Mm(20), abs=Mm(0.1))
    assert section.bottom_margin == pytest.approx(Mm(20), abs=Mm(0.1))


@pytest.mark.parametrize("doc_type", TYPES)
def test_docx_page_number_field_hidden_on_first_page(rendered, doc_type):
    section = Document(str(rendered[doc_type][1]["docx"])).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_docx_fonts_and_sizes(rendered):
    document = Document(str(rendered[REPORT][1]["docx"]))
    assert document.styles["Normal"].font.name == "Times New Roman"
    runs = {
        run.text: run
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
    }
    runs.update({run.text: run for p in document.paragraphs for run in p.runs})
    national = runs["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert national.bold and 12 <= national.font.size.pt <= 13
    assert runs["Độc lập - Tự do - Hạnh phúc"].bold
    date_line = runs["An Phú, ngày 29 tháng 6 năm 2026"]
    assert date_line.italic and 13 <= date_line.font.size.pt <= 14
    label = runs["Nơi nhận:"]
    assert label.bold and label.italic and label.font.size.pt == 12
    assert runs["- Lưu: VT, VP."].font.size.pt == 11
    assert all(run.font.name == "Times New Roman" for text, run in runs.items() if text)


def test_report_chart_is_a_picture_in_docx(rendered):
    document = Document(str(rendered[REPORT][1]["docx"]))
    assert len(document.inline_shapes) == 1


def test_rule_lines_keep_the_schema_order_word_requires(rendered):
    """Word refuses a file whose paragraph borders come after spacing or indentation."""
    import re

    from docx.oxml.ns import qn

    document = Document(str(rendered[REPORT][1]["docx"]))
    bordered = [
        p for p in document.element.body.iter(qn("w:pPr")) if p.find(qn("w:pBdr")) is not None
    ]
    assert bordered
    for ppr in bordered:
        tags = [re.sub(r"\{.*\}", "", child.tag) for child in ppr]
        assert all(tags.index("pBdr") < tags.index(t) for t in ("spacing", "ind") if t in tags)
