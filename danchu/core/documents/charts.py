"""Charts rendered on the server, so that one chart appears on a page and inside the PDF.

Why matplotlib (with its SVG backend) rather than a hand-written SVG template: axes, ticks,
grouped bars and label placement are solved problems there, and the project prefers a
well-kept library to hand-written layout code. Two settings make its output fit official
papers:

* ``svg.fonttype = "none"`` keeps every label as a ``<text>`` element carrying the document's
  font stack ("Times New Roman", "Liberation Serif", serif). The browser on screen and
  WeasyPrint in the PDF set the text with the same serif font as the rest of the paper, the
  Vietnamese labels stay real text (searchable, extractable, accessible), and no glyph is
  converted to outlines with a font that might lack Vietnamese letters.
* ``svg.hashsalt`` and no date metadata make the same chart give the same bytes, so the
  SHA-256 of a generated paper depends only on its content.

DOCX cannot hold SVG portably, so the DOCX renderer asks :func:`chart_png` for a PNG of the
same figure. Both are measured (and the PNG drawn) with a font file of the stack that has the
Vietnamese letters: some machines carry both Liberation 1.x, without them, and Liberation 2.x
under the same family name, and matplotlib would otherwise pick either.

matplotlib's settings are process-global; a lock keeps concurrent renders from mixing them.
"""

from __future__ import annotations

import io
import threading
from functools import lru_cache
from typing import Any

from danchu.core.documents.domain.description import BarChart
from danchu.core.documents.domain.layout import FONT_STACK

_LOCK = threading.Lock()
# Letters that a font must have for Vietnamese (a sample of each vowel family and đ).
_VIETNAMESE_PROBE = "ĂăÂâĐđÊêÔôƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẶặẸẹỆệỈỉỊịỌọỘộỚớỜờỤụỨứỰựỲỳỴỵỶỷỸỹ"
_WIDTH_IN = 6.3  # fits the 165 mm text width
_HEIGHT_IN = 3.2


def _rc() -> dict[str, Any]:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "danchu",
        "font.family": "serif",
        "font.serif": [*FONT_STACK, "DejaVu Serif"],
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


@lru_cache(maxsize=1)
def _vietnamese_font_file() -> str | None:
    """A font file of the document's font stack that has every Vietnamese letter."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    wanted = [ord(c) for c in _VIETNAMESE_PROBE]
    for family in FONT_STACK:
        for entry in font_manager.fontManager.ttflist:
            if (
                entry.name != family
                or entry.style != "normal"
                or entry.weight not in (400, "normal")
            ):
                continue
            charmap = FT2Font(entry.fname).get_charmap()
            if all(code in charmap for code in wanted):
                return entry.fname
    return None


def _number(value: float) -> str:
    """82.96 → "82,96", 1200.0 → "1.200": Vietnamese decimal comma and thousands dot."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _draw(chart: BarChart, font: Any) -> Any:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(_WIDTH_IN, _HEIGHT_IN), layout="constrained")
    axes = figure.add_subplot()
    count = len(chart.series)
    width = 0.8 / count
    positions = range(len(chart.categories))
    # People's text is text: "$" must not switch matplotlib into mathtext.
    text = {"fontproperties": font, "parse_math": False}
    for index, series in enumerate(chart.series):
        offset = (index - (count - 1) / 2) * width
        bars = axes.bar(
            [p + offset for p in positions],
            series.values,
            width=width,
            label=series.name,
            color=["#1f3f77", "#b33a3a", "#5b8c3a", "#8a6d1f"][index % 4],
        )
        labels = [_number(v) for v in series.values]
        axes.bar_label(bars, labels=labels, padding=2, **text)
    axes.set_xticks(list(positions), list(chart.categories), **text)
    for label in axes.get_yticklabels():
        label.set_fontproperties(font)
    if chart.value_label:
        axes.set_ylabel(chart.value_label, **text)
    axes.set_title(chart.title, **text)
    if count > 1:
        for label in axes.legend(prop=font).get_texts():
            label.set_parse_math(False)
    return figure


def _font() -> Any:
    """The document's serif family, measured with a font file that has Vietnamese letters."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(family="serif", fname=_vietnamese_font_file())


def chart_svg(chart: BarChart) -> str:
    """The chart as an ``<svg>`` element (no XML prolog), ready to put inside HTML."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    with _LOCK, matplotlib.rc_context(_rc()):
        figure = _draw(chart, _font())
        FigureCanvasSVG(figure)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def chart_png(chart: BarChart, dpi: int = 200) -> bytes:
    """The same chart as PNG, for DOCX."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with _LOCK, matplotlib.rc_context(_rc()):
        figure = _draw(chart, _font())
        FigureCanvasAgg(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
