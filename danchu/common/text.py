"""Vietnamese text helpers: folding for diacritic-insensitive matching."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese tone and vowel marks, đ/Đ included.

    Unicode decomposition alone leaves "đ" intact, so it is mapped to "d" first.
    """
    replaced = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", replaced)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def normalise_spaces(text: str) -> str:
    """Collapse runs of white space and apply NFC, the form Vietnamese text is stored in."""
    return " ".join(unicodedata.normalize("NFC", text).split())
