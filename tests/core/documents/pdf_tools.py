"""Reading PDFs back with poppler-utils (pdftotext, pdffonts, pdfinfo), as a person would."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # points per millimetre


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout  # noqa: S603


@dataclass(frozen=True)
class Word:
    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float


def pages_and_words(path: Path) -> tuple[list[Page], list[Word]]:
    """Every word with its box, in points from the top-left corner (``pdftotext -bbox``)."""
    out = _run("pdftotext", "-bbox", str(path), "-")
    pages: list[Page] = []
    words: list[Word] = []
    for chunk in re.split(r"(?=<page )", out)[1:]:
        size = re.match(r'<page width="([\d.]+)" height="([\d.]+)"', chunk)
        assert size is not None
        page = Page(len(pages) + 1, float(size[1]), float(size[2]))
        pages.append(page)
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            chunk,
        ):
            words.append(
                Word(page.number, *(float(m[i]) for i in range(1, 5)), html.unescape(m[5]))
            )
    return pages, words


def text(path: Path) -> str:
    return unicodedata.normalize("NFC", _run("pdftotext", "-enc", "UTF-8", str(path), "-"))


def fonts(path: Path) -> list[tuple[str, str]]:
    """(font name without subset prefix, embedded yes/no) for every font of the PDF."""
    lines = _run("pdffonts", str(path)).splitlines()[2:]
    result = []
    for line in lines:
        tokens = line.split()
        # name, type (may hold spaces), encoding, then: emb sub uni object-number generation
        result.append((tokens[0].split("+", 1)[-1], tokens[-5]))
    return result


def collapse(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())
