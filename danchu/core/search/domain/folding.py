"""Folding Vietnamese text for diacritic-insensitive matching.

The index and the query hold the same thing: the words of the text folded with
:func:`danchu.common.text.fold` (lower case, no tone or vowel marks, đ → d), joined by single
spaces. FTS5's ``remove_diacritics`` keeps đ, and PostgreSQL's parser splits words differently
from SQLite's, so both backends are fed these pre-split words (DEPENDENCIES.md, gotcha 5).

Snippets need the positions of matching words in the original text. Folding NFC Vietnamese
maps each character to exactly one character, so :func:`fold_aligned` folds character by
character and positions in the folded text are positions in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from danchu.common.text import fold

# A word: letters and digits; the underscore and punctuation separate words, as in FTS5's
# unicode61 tokenizer.
WORD = re.compile(r"[^\W_]+")
MAX_QUERY_TERMS = 12


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isspace():
        return " "
    folded = fold(char)
    if len(folded) == 1:
        return folded
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def fold_aligned(text: str) -> str:
    """``fold`` character by character: the result has the length of ``text``.

    For NFC Vietnamese text (what danchu stores) it equals ``fold(text)`` apart from the
    surrounding white space that ``fold`` strips; characters that would fold to nothing or to
    several characters are kept (lower-cased where that keeps one character)."""
    return "".join(_fold_char(c) for c in text)


def to_nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return WORD.findall(fold(to_nfc(text)))


def index_text(text: str) -> str:
    """What the full-text index holds for ``text``: its folded words joined by spaces."""
    return " ".join(words(text))


def query_terms(query: str) -> list[str]:
    """The folded words of a search query, duplicates dropped, at most MAX_QUERY_TERMS."""
    seen: dict[str, None] = {}
    for word in words(query):
        seen.setdefault(word, None)
    return list(seen)[:MAX_QUERY_TERMS]
