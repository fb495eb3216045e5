"""The one source of an official paper: a structured description that the HTML, PDF and DOCX
renderers all read (ND 30/2020/NĐ-CP Art. 8: the mandatory elements of a document).

Text is kept in Unicode NFC, the composed form TCVN 6909:2001 text is exchanged in. Elements the
decree prints in capitals (body names, type name, signing authority and position) are stored as
given and upper-cased by :meth:`str.upper`, which handles Vietnamese letters (ư → Ư, đ → Đ).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date

from danchu.core.documents.domain.dates import place_and_date
from danchu.core.documents.domain.layout import OFFICIAL_LAYOUT, Layout
from danchu.core.documents.domain.numbering import number_line

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
# The signing authorities of Appendix I §II.9: on behalf of a collective body, deputy signing,
# signing by order, signing by authorisation, acting.
AUTHORITIES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
# Appendix I §II.9(c): "không ghi học hàm, học vị" before the signer's name.
ACADEMIC_TITLES = ("GS.", "PGS.", "TS.", "ThS.", "CN.", "KS.", "BS.", "GS.TS.", "PGS.TS.")


class DescriptionError(ValueError):
    """The description breaks a rule of the decree; the message names the rule."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _normalise(instance: object) -> None:
    """NFC every string and every string inside a tuple of a frozen dataclass."""
    for f in fields(instance):  # type: ignore[arg-type]
        value = getattr(instance, f.name)
        if isinstance(value, str):
            object.__setattr__(instance, f.name, nfc(value))
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            object.__setattr__(instance, f.name, tuple(nfc(v) for v in value))


@dataclass(frozen=True)
class Header:
    """Cells 1–4 of Appendix I: bodies, number and symbol, national title, place and date."""

    issuing_body: str
    symbol_groups: tuple[str, ...]  # ("BB", "UBND") → "BB-UBND"
    number: int | None = None  # None: left blank, numbered by hand at issue
    superior_body: str = ""
    place: str = ""
    issued_on: date | None = None
    show_date: bool = True  # minutes (Mẫu 1.9) have no date line in the header

    def __post_init__(self) -> None:
        _normalise(self)
        if not self.issuing_body:
            raise DescriptionError("The issuing body's name is required (ND 30 Art. 8(2)(b)).")
        if self.show_date and (not self.place or self.issued_on is None):
            raise DescriptionError("The place and date are required (ND 30 Art. 8(2)(d)).")
        number_line(self.number, self.symbol_groups)  # validates the symbol

    @property
    def number_line(self) -> str:
        return number_line(self.number, self.symbol_groups)

    @property
    def date_line(self) -> str:
        if not self.show_date or self.issued_on is None:
            return ""
        return place_and_date(self.place, self.issued_on)


@dataclass(frozen=True)
class Paragraph:
    """Body text: justified, first-line indent (Appendix I §II.6(e))."""

    text: str
    indent: bool = True
    bold: bool = False
    italic: bool = False
    kind: str = field(default="paragraph", init=False)

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True)
class Heading:
    """A section heading inside the body, in bold ("I. KẾT QUẢ THỰC HIỆN")."""

    text: str
    level: int = 1
    kind: str = field(default="heading", init=False)

    def __post_init__(self) -> None:
        _normalise(self)


@dataclass(frozen=True)
class LabelledField:
    """ "- Địa điểm: Nhà văn hóa thôn Một": a labelled line of minutes or a form."""

    label: str
    value: str = ""
    kind: str = field(default="field", init=False)

    def __post_init__(self) -> None:
        _normalise(self)

    @property
    def text(self) -> str:
        return f"- {self.label}: {self.value}" if self.value else f"- {self.label}:"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    kind: str = field(default="table", init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", tuple(nfc(str(c)) for c in self.columns))
        object.__setattr__(
            self, "rows", tuple(tuple(nfc(str(c)) for c in row) for row in self.rows)
        )
        object.__setattr__(self, "caption", nfc(self.caption))
        for row in self.rows:
            if len(row) != len(self.columns):
                raise DescriptionError(
                    f"A table row has {len(row)} cells for {len(self.columns)} columns."
                )


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", nfc(self.name))
        object.__setattr__(self, "values", tuple(float(v) for v in self.values))


@dataclass(frozen=True)
class BarChart:
    """A bar chart: one bar per category and series (grouped when several series)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_label: str = ""
    kind: str = field(default="chart", init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", nfc(self.title))
        object.__setattr__(self, "value_label", nfc(self.value_label))
        object.__setattr__(self, "categories", tuple(nfc(c) for c in self.categories))
        if not self.series:
            raise DescriptionError("A chart needs at least one series.")
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise DescriptionError(
                    f"Series {s.name!r} has {len(s.values)} values "
                    f"for {len(self.categories)} categories."
                )


Block = Paragraph | Heading | LabelledField | Table | BarChart


@dataclass(frozen=True)
class Signature:
    """Cells 7a–7c of Appendix I: signing authority, position and full name.

    ``Signature(authority="TM.", on_behalf_of="Ủy ban nhân dân", position="Chủ tịch", ...)``
    prints "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"; ``Signature(authority="KT.",
    on_behalf_of="Chủ tịch", position="Phó Chủ tịch")`` prints "KT. CHỦ TỊCH" / "PHÓ CHỦ
    TỊCH"; without ``on_behalf_of`` the authority prefixes the position ("Q. CHỦ TỊCH").
    """

    position: str
    full_name: str = ""
    authority: str = ""
    on_behalf_of: str = ""
    note: str = ""  # e.g. "(Ký, ghi rõ họ tên)" on a paper form signed by hand

    def __post_init__(self) -> None:
        _normalise(self)
        if self.authority and self.authority not in AUTHORITIES:
            raise DescriptionError(
                f"Signing authority {self.authority!r} is not one of {', '.join(AUTHORITIES)} "
                "(ND 30 Appendix I §II.9)."
            )
        if self.on_behalf_of and not self.authority:
            raise DescriptionError("'on behalf of' needs a signing authority (TM., KT., …).")
        first_word = self.full_name.split(" ", 1)[0] if self.full_name else ""
        if first_word in ACADEMIC_TITLES:
            raise DescriptionError(
                "No academic title before the signer's name (ND 30 Appendix I §II.9(c))."
            )

    @property
    def lines(self) -> tuple[str, ...]:
        """The capitalised authority and position lines, in order."""
        position = self.position.upper()
        if not self.authority:
            return (position,)
        if not self.on_behalf_of:
            return (f"{self.authority} {position}",)
        return (f"{self.authority} {self.on_behalf_of.upper()}", position)


@dataclass(frozen=True)
class OfficialDocument:
    """One official paper. ``title`` is the type name ("BIÊN BẢN"), ``summary`` the trích yếu
    (for minutes, the name of the meeting). One signature: the footer is Mẫu 1.4's table,
    recipients left and signature right; several: rows of two signature columns (Mẫu 1.9:
    THƯ KÝ left, CHỦ TỌA right) followed by the recipients."""

    header: Header
    title: str
    summary: str = ""
    blocks: tuple[Block, ...] = ()
    signatures: tuple[Signature, ...] = ()
    recipients: tuple[str, ...] = ()
    archive: str = "VT"  # "- Lưu: VT, <unit>[ <copies>]."
    layout: Layout = OFFICIAL_LAYOUT

    def __post_init__(self) -> None:
        _normalise(self)
        if not self.title:
            raise DescriptionError("The document type name is required (ND 30 Art. 8(2)(đ)).")
        if not self.signatures:
            raise DescriptionError("A signature block is required (ND 30 Art. 8(2)(g)).")

    @property
    def title_display(self) -> str:
        return self.title.upper()

    @property
    def signature_rows(self) -> tuple[tuple[Signature, ...], ...]:
        """Signatures in rows of two columns (several signatures only)."""
        if len(self.signatures) < 2:
            return ()
        sigs = self.signatures
        return tuple(tuple(sigs[i : i + 2]) for i in range(0, len(sigs), 2))

    @property
    def recipient_lines(self) -> tuple[str, ...]:
        """ "- Ủy ban nhân dân xã;" … "- Lưu: VT, Hồ sơ." (Appendix I §II.10(b))."""
        lines = [f"- {r.rstrip(';.')};" for r in self.recipients if r]
        archive = self.archive.rstrip(".").strip()
        lines.append(f"- Lưu: {archive}.")
        return tuple(lines)

    def texts(self) -> list[str]:
        """Every piece of text of the document in reading order, charts aside (tests compare
        renderings with it)."""
        header = self.header
        out = [header.superior_body.upper(), header.issuing_body.upper(), header.number_line]
        out += [NATIONAL_TITLE, MOTTO, header.date_line, self.title_display, self.summary]
        for block in self.blocks:
            if isinstance(block, Table):
                out += [block.caption, *block.columns]
                out += [cell for row in block.rows for cell in row]
            elif isinstance(block, BarChart):
                continue  # a chart's labels belong to the chart (SVG text, or a picture)
            else:
                out.append(block.text)
        for signature in self.signatures:
            out += [*signature.lines, signature.note, signature.full_name]
        out += [RECIPIENTS_LABEL, *self.recipient_lines]
        return [t for t in out if t]
