"""The page and type settings of an official paper (ND 30/2020/NĐ-CP, Appendix I).

The decree gives ranges; :data:`OFFICIAL_LAYOUT` picks values inside them and
:func:`check_layout` refuses a layout outside them, so that a pillar registering its own
document type cannot drift from the decree.
"""

from __future__ import annotations

from dataclasses import dataclass

# Appendix I §I: A4 portrait, 210 × 297 mm.
A4_WIDTH_MM = 210
A4_HEIGHT_MM = 297

# Times New Roman first; Liberation Serif is its metric-compatible twin (Debian fonts-liberation2),
# used where Times New Roman is not installed.
FONT_STACK: tuple[str, ...] = ("Times New Roman", "Liberation Serif")
DOCX_FONT = "Times New Roman"


@dataclass(frozen=True)
class Layout:
    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    body_pt: float = 14  # 13–14
    first_line_indent_cm: float = 1.27  # 1 cm or 1.27 cm
    paragraph_space_pt: float = 6  # at least 6 pt
    line_height: float = 1.15  # single to 1.5 lines
    nation_pt: float = 12  # Quốc hiệu 12–13
    motto_pt: float = 13  # Tiêu ngữ 13–14
    body_name_pt: float = 12  # names of the superior and issuing bodies 12–13
    number_pt: float = 13  # "Số:" 13
    date_pt: float = 14  # place and date 13–14
    title_pt: float = 14  # type name and summary 13–14
    signature_pt: float = 14  # authority, position and name 13–14
    recipients_label_pt: float = 12  # "Nơi nhận:" 12
    recipients_pt: float = 11  # the recipient list 11
    page_number_pt: float = 13  # 13–14
    header_left_mm: float = 75  # width of the header's left column

    @property
    def text_width_mm(self) -> float:
        return A4_WIDTH_MM - self.margin_left_mm - self.margin_right_mm


class LayoutOutsideDecree(ValueError):
    pass


_RANGES: dict[str, tuple[float, float]] = {
    "margin_top_mm": (20, 25),
    "margin_bottom_mm": (20, 25),
    "margin_left_mm": (30, 35),
    "margin_right_mm": (15, 20),
    "body_pt": (13, 14),
    "paragraph_space_pt": (6, float("inf")),  # "tối thiểu 6pt": a minimum only (Appendix I)
    "line_height": (1.0, 1.5),
    "nation_pt": (12, 13),
    "motto_pt": (13, 14),
    "body_name_pt": (12, 13),
    "number_pt": (13, 13),
    "date_pt": (13, 14),
    "title_pt": (13, 14),
    "signature_pt": (13, 14),
    "recipients_label_pt": (12, 12),
    "recipients_pt": (11, 11),
    "page_number_pt": (13, 14),
}


def check_layout(layout: Layout) -> Layout:
    """Return ``layout`` if every setting is inside the decree's range; raise otherwise."""
    for name, (low, high) in _RANGES.items():
        value = getattr(layout, name)
        if not low <= value <= high:
            raise LayoutOutsideDecree(f"{name}={value} is outside {low}–{high} (ND 30 Appendix I)")
    if layout.first_line_indent_cm not in (1, 1.27):
        raise LayoutOutsideDecree("The first-line indent is 1 cm or 1.27 cm (ND 30 Appendix I).")
    return layout


OFFICIAL_LAYOUT = check_layout(Layout())
