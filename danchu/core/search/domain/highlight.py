"""Highlighted snippets: match on the folded text, mark the original text.

Positions found in :func:`fold_aligned` text are positions in the original, so the words
keep their diacritics inside ``<mark>``. Everything else is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from danchu.core.search.domain.folding import WORD, fold_aligned, to_nfc

ELLIPSIS = "…"


def match_spans(
    text: str, terms: Sequence[str], *, prefix_last: bool = True
) -> list[tuple[int, int]]:
    """(start, end) of every word of ``text`` that matches a term.

    A word matches a term when they are equal once folded; the last term also matches words it
    begins (the query is matched as the user types)."""
    if not terms:
        return []
    exact = set(terms)
    prefix = terms[-1] if prefix_last else None
    spans = []
    for word in WORD.finditer(fold_aligned(text)):
        value = word.group()
        if value in exact or (prefix is not None and value.startswith(prefix)):
            spans.append(word.span())
    return spans


def _window(text: str, spans: list[tuple[int, int]], size: int) -> tuple[int, int]:
    """A window of about ``size`` characters around the first match, cut at spaces."""
    if len(text) <= size:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, first - size // 4)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > (spans[0][1] if spans else start) else end
    return start, end


def highlight(
    text: str, terms: Sequence[str], *, size: int | None = None, prefix_last: bool = True
) -> SafeString:
    """``text`` (or a window of about ``size`` characters around the first match) escaped,
    with matching words wrapped in ``<mark>``."""
    text = to_nfc(text)
    spans = match_spans(text, terms, prefix_last=prefix_last)
    start, end = (0, len(text)) if size is None else _window(text, spans, size)
    parts = [ELLIPSIS] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return mark_safe("".join(parts))  # noqa: S308  (every piece of text is escaped above)
