import unicodedata
from datetime import date

import pytest

from danchu.core.documents.domain.description import (
    DescriptionError,
    Header,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)


def _header(**extra):
    values = {
        "issuing_body": "Ủy ban nhân dân xã An Phú",
        "symbol_groups": ("BC", "UBND"),
        "number": 3,
        "place": "An Phú",
        "issued_on": date(2026, 1, 5),
    }
    values.update(extra)
    return Header(**values)


def test_header_lines():
    header = _header()
    assert header.number_line == "Số: 03/BC-UBND"
    assert header.date_line == "An Phú, ngày 05 tháng 01 năm 2026"
    assert _header(show_date=False).date_line == ""


def test_header_needs_place_and_date_unless_minutes():
    with pytest.raises(DescriptionError):
        _header(place="")
    assert _header(place="", issued_on=None, show_date=False)


@pytest.mark.parametrize(
    ("signature", "lines"),
    [
        (
            Signature(authority="TM.", on_behalf_of="Ủy ban nhân dân", position="Chủ tịch"),
            ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ),
        (
            Signature(authority="KT.", on_behalf_of="Chủ tịch", position="Phó Chủ tịch"),
            ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        (Signature(authority="Q.", position="Chủ tịch"), ("Q. CHỦ TỊCH",)),
        (Signature(authority="TUQ.", position="Chủ tịch"), ("TUQ. CHỦ TỊCH",)),
        (
            Signature(authority="TL.", on_behalf_of="Chủ tịch", position="Chánh Văn phòng"),
            ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ),
        (Signature(position="Thư ký"), ("THƯ KÝ",)),
    ],
)
def test_signature_lines(signature, lines):
    assert signature.lines == lines


def test_unknown_authority_and_academic_titles_are_refused():
    with pytest.raises(DescriptionError):
        Signature(authority="PP.", position="Chủ tịch")
    with pytest.raises(DescriptionError):
        Signature(position="Chủ tịch", full_name="TS. Nguyễn Văn A")


def test_recipients_end_with_the_archive_line():
    doc = OfficialDocument(
        header=_header(),
        title="Báo cáo",
        signatures=(Signature(position="Chủ tịch"),),
        recipients=("Ủy ban nhân dân tỉnh", "Thường trực Đảng ủy;"),
        archive="VT, VP",
    )
    assert doc.recipient_lines == (
        "- Ủy ban nhân dân tỉnh;",
        "- Thường trực Đảng ủy;",
        "- Lưu: VT, VP.",
    )


def test_text_is_stored_composed():
    decomposed = unicodedata.normalize("NFD", "Nghị quyết của Hội đồng")
    assert Paragraph(decomposed).text == "Nghị quyết của Hội đồng"
    assert unicodedata.is_normalized("NFC", Paragraph(decomposed).text)


def test_table_rows_match_columns():
    with pytest.raises(DescriptionError):
        Table(columns=("A", "B"), rows=(("1",),))


def test_a_document_needs_a_signature():
    with pytest.raises(DescriptionError):
        OfficialDocument(header=_header(), title="Báo cáo")
