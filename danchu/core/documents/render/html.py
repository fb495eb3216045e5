"""HTML rendering: the Django template every other output starts from (PDF) or mirrors (DOCX)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from danchu.core.documents.charts import chart_svg
from danchu.core.documents.domain.description import (
    MOTTO,
    NATIONAL_TITLE,
    RECIPIENTS_LABEL,
    BarChart,
    OfficialDocument,
)
from danchu.core.documents.domain.layout import FONT_STACK

TEMPLATE = "documents/official.html"


def font_css() -> str:
    """'Times New Roman', 'Liberation Serif', serif: safe inside <style> (constants only)."""
    return mark_safe(", ".join([*(f"'{name}'" for name in FONT_STACK), "serif"]))  # noqa: S308


def _block_context(block: Any) -> dict[str, Any]:
    context = asdict(block)
    context["kind"] = block.kind
    if hasattr(block, "text"):
        context["text"] = block.text
    if isinstance(block, BarChart):
        # matplotlib writes the SVG and escapes the labels itself.
        context["svg"] = chart_svg(block)
    return context


def render_html(doc: OfficialDocument) -> str:
    """The document as one standalone, printable HTML page (its CSS inline, charts inline)."""
    return render_to_string(
        TEMPLATE,
        {
            "doc": doc,
            "L": doc.layout,
            "font_css": font_css(),
            "blocks": [_block_context(block) for block in doc.blocks],
            "national_title": NATIONAL_TITLE,
            "motto": MOTTO,
            "recipients_label": RECIPIENTS_LABEL,
        },
    )
