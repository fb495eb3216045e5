"""DOCX rendering with python-docx, from the same description as the HTML.

Word documents carry the same elements in the same order: a borderless two-column header
table, the type name and summary, the body, the signatures and the recipients. Page size and
margins are the section's; page numbers are a PAGE field centred in the page header, which
page 1 does not show (a different first-page header, left empty). Rule lines are paragraph
borders, indented to the width the decree asks for.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from danchu.core.documents.charts import chart_png
from danchu.core.documents.domain.description import (
    MOTTO,
    NATIONAL_TITLE,
    RECIPIENTS_LABEL,
    BarChart,
    Heading,
    LabelledField,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)
from danchu.core.documents.domain.layout import A4_HEIGHT_MM, A4_WIDTH_MM, DOCX_FONT, Layout

# Average advance of Times New Roman capitals and lower case, in em, to size rule lines.
_EM_PER_CHAR = {"upper_bold": 0.70, "lower_bold": 0.52}


# Elements that follow w:pBdr in w:pPr, and w:tblBorders in w:tblPr (ECMA-376 schema order).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBL_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                      "w:tblDescription", "w:tblPrChange")  # fmt: skip


def _set_font(run, size: float | None = None, bold=None, italic=None) -> None:
    run.font.name = DOCX_FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), DOCX_FONT)
    run._element.rPr.rFonts.set(qn("w:cs"), DOCX_FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic


def _paragraph(
    container,
    text: str = "",
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    space_before: float = 0,
    indent_cm: float | None = None,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(0)
    if indent_cm is not None:
        fmt.first_line_indent = Cm(indent_cm)
    if text:
        _set_font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _rule(container, *, width_mm: float, cell_width_mm: float):
    """A centred horizontal line ``width_mm`` long: a bottom border on an empty paragraph
    indented from both sides."""
    paragraph = container.add_paragraph()
    side = max((cell_width_mm - width_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # WordprocessingML fixes the order of paragraph properties: borders before these.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
    return paragraph


def _text_width_mm(text: str, size_pt: float, style: str) -> float:
    return len(text) * size_pt * _EM_PER_CHAR[style] * 25.4 / 72


def _clear_cell(cell) -> None:
    for paragraph in list(cell.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)


def _borderless(table) -> None:
    """No borders whatever the template's default table style says."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(borders, *_AFTER_TBL_BORDERS)


def _page_number_field(paragraph, size: float) -> None:
    run = paragraph.add_run()
    _set_font(run, size)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = "PAGE"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(end)


def _section(document, layout: Layout) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(A4_WIDTH_MM)
    section.page_height = Mm(A4_HEIGHT_MM)
    section.top_margin = Mm(layout.margin_top_mm)
    section.bottom_margin = Mm(layout.margin_bottom_mm)
    section.left_margin = Mm(layout.margin_left_mm)
    section.right_margin = Mm(layout.margin_right_mm)
    section.header_distance = Mm(layout.margin_top_mm / 2)
    section.footer_distance = Mm(layout.margin_bottom_mm / 2)
    section.different_first_page_header_footer = True
    header_paragraph = section.header.paragraphs[0]
    header_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(header_paragraph, layout.page_number_pt)


def _header(document, doc: OfficialDocument) -> None:
    layout, header = doc.layout, doc.header
    left_mm = layout.header_left_mm
    right_mm = layout.text_width_mm - left_mm
    table = document.add_table(rows=2, cols=2)
    _borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        row.cells[0].width = Mm(left_mm)
        row.cells[1].width = Mm(right_mm)
    left, right = table.rows[0].cells
    for cell in (left, right, *table.rows[1].cells):
        _clear_cell(cell)
    if header.superior_body:
        _paragraph(left, header.superior_body.upper(), size=layout.body_name_pt)
    issuer = header.issuing_body.upper()
    _paragraph(left, issuer, size=layout.body_name_pt, bold=True)
    # Issuing body: a line 1/3–1/2 as long as the name (its last line when it wraps).
    issuer_width = min(_text_width_mm(issuer, layout.body_name_pt, "upper_bold"), left_mm)
    _rule(left, width_mm=issuer_width * 0.4, cell_width_mm=left_mm)
    _paragraph(right, NATIONAL_TITLE, size=layout.nation_pt, bold=True)
    _paragraph(right, MOTTO, size=layout.motto_pt, bold=True)
    motto_width = _text_width_mm(MOTTO, layout.motto_pt, "lower_bold")
    _rule(right, width_mm=motto_width, cell_width_mm=right_mm)
    number_cell, date_cell = table.rows[1].cells
    _paragraph(number_cell, header.number_line, size=layout.number_pt, space_before=4)
    _paragraph(date_cell, header.date_line, size=layout.date_pt, italic=True, space_before=4)


def _title(document, doc: OfficialDocument) -> None:
    layout = doc.layout
    _paragraph(document, doc.title_display, size=layout.title_pt, bold=True, space_before=18)
    if doc.summary:
        _paragraph(document, doc.summary, size=layout.title_pt, bold=True)
        width = min(
            _text_width_mm(doc.summary, layout.title_pt, "lower_bold"), layout.text_width_mm
        )
        _rule(document, width_mm=width * 0.4, cell_width_mm=layout.text_width_mm)


def _body(document, doc: OfficialDocument) -> None:
    layout = doc.layout
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    space = layout.paragraph_space_pt
    indent = layout.first_line_indent_cm
    for index, block in enumerate(doc.blocks):
        first = 12 if index == 0 else space
        if isinstance(block, Paragraph):
            p = _paragraph(
                document,
                block.text,
                size=layout.body_pt,
                bold=block.bold,
                italic=block.italic,
                align=justify,
                space_before=first,
                indent_cm=indent if block.indent else None,
            )
            p.paragraph_format.line_spacing = layout.line_height
        elif isinstance(block, (Heading, LabelledField)):
            _paragraph(
                document,
                block.text,
                size=layout.body_pt,
                bold=isinstance(block, Heading),
                align=justify,
                space_before=first,
                indent_cm=indent,
            )
        elif isinstance(block, Table):
            if block.caption:
                _paragraph(
                    document,
                    block.caption,
                    size=layout.body_pt,
                    italic=True,
                    align=WD_ALIGN_PARAGRAPH.LEFT,
                    space_before=first,
                )
            table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
            table.style = "Table Grid"
            for column, cell in zip(block.columns, table.rows[0].cells, strict=True):
                _clear_cell(cell)
                _paragraph(cell, column, size=layout.body_pt, bold=True)
            for values, row in zip(block.rows, table.rows[1:], strict=True):
                for value, cell in zip(values, row.cells, strict=True):
                    _clear_cell(cell)
                    _paragraph(cell, value, size=layout.body_pt, align=WD_ALIGN_PARAGRAPH.LEFT)
        elif isinstance(block, BarChart):
            paragraph = _paragraph(document, size=layout.body_pt, space_before=first)
            paragraph.add_run().add_picture(
                io.BytesIO(chart_png(block)), width=Mm(layout.text_width_mm)
            )


def _signature(cell, signature: Signature, layout: Layout) -> None:
    for line in signature.lines:
        _paragraph(cell, line, size=layout.signature_pt, bold=True)
    if signature.note:
        _paragraph(cell, signature.note, size=layout.signature_pt, italic=True)
    spacer = _paragraph(cell, size=layout.signature_pt)
    spacer.paragraph_format.space_before = Mm(22)
    if signature.full_name:
        _paragraph(cell, signature.full_name, size=layout.signature_pt, bold=True)


def _recipients(container, doc: OfficialDocument, *, space_before: float = 0) -> None:
    layout = doc.layout
    left = WD_ALIGN_PARAGRAPH.LEFT
    _paragraph(
        container,
        RECIPIENTS_LABEL,
        size=layout.recipients_label_pt,
        bold=True,
        italic=True,
        align=left,
        space_before=space_before,
    )
    for line in doc.recipient_lines:
        _paragraph(container, line, size=layout.recipients_pt, align=left)


def _footer(document, doc: OfficialDocument) -> None:
    layout = doc.layout
    half = Mm(layout.text_width_mm / 2)
    _paragraph(document, size=layout.body_pt)
    if doc.signature_rows:
        rows = doc.signature_rows
        table = document.add_table(rows=len(rows), cols=2)
        _borderless(table)
        for signatures, row in zip(rows, table.rows, strict=True):
            for index, cell in enumerate(row.cells):
                cell.width = half
                _clear_cell(cell)
                if index < len(signatures):
                    _signature(cell, signatures[index], layout)
                else:
                    _paragraph(cell, size=layout.body_pt)
        _recipients(document, doc, space_before=12)
        return
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    recipients_cell, signature_cell = table.rows[0].cells
    for cell in (recipients_cell, signature_cell):
        cell.width = half
        _clear_cell(cell)
    _recipients(recipients_cell, doc)
    _signature(signature_cell, doc.signatures[0], layout)


def render_docx(doc: OfficialDocument) -> bytes:
    document = new_docx()
    normal = document.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(doc.layout.body_pt)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), DOCX_FONT)
    document.core_properties.title = f"{doc.title_display} {doc.header.number_line}"
    document.core_properties.language = "vi-VN"
    _section(document, doc.layout)
    # The template's first (empty) paragraph would push the header table down.
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)
    _header(document, doc)
    _title(document, doc)
    _body(document, doc)
    _footer(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
