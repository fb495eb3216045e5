"""Reading tabular input files (CSV in UTF-8, or XLSX) row by row, with line numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from danchu.common.text import fold


class TabularFileError(Exception):
    """The file as a whole cannot be read; the message is for the person importing it."""


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


def _normalise_header(name: str) -> str:
    """'Mã xã' → 'ma_xa': headers match with or without diacritics, case and spacing."""
    return "_".join(fold(name).replace("-", " ").split())


def read_rows(path: Path, aliases: dict[str, str]) -> tuple[list[str], Iterator[Row]]:
    """Open ``path`` (.csv or .xlsx) and return its canonical columns and an iterator of rows.

    ``aliases`` maps each accepted header (normalised: lower case, underscores) to the
    canonical column name. Unknown headers are kept under their normalised name.
    """
    if not path.exists():
        raise TabularFileError(_("File not found: %(path)s") % {"path": path})
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw_rows = _csv_rows(path)
    elif suffix == ".xlsx":
        raw_rows = _xlsx_rows(path)
    else:
        raise TabularFileError(
            _("Unsupported file type %(suffix)s: use .csv or .xlsx.") % {"suffix": suffix or "?"}
        )
    try:
        header = next(raw_rows)
    except StopIteration:
        raise TabularFileError(_("The file is empty.")) from None
    columns = [aliases.get(_normalise_header(h), _normalise_header(h)) for h in header]

    def rows() -> Iterator[Row]:
        for line, cells in enumerate(raw_rows, start=2):
            if not any(c.strip() for c in cells):
                continue
            padded = list(cells) + [""] * (len(columns) - len(cells))
            yield Row(
                line=line, values={c: v.strip() for c, v in zip(columns, padded, strict=False)}
            )

    return columns, rows()


def _csv_rows(path: Path) -> Iterator[list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TabularFileError(
            _(
                "The file is not encoded in UTF-8 (unreadable byte at position %(pos)s). "
                "Save it again as 'CSV UTF-8' and retry."
            )
            % {"pos": exc.start}
        ) from exc
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return iter(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise TabularFileError(_("The file is not a valid XLSX workbook.")) from exc
    sheet = workbook.worksheets[0]

    def cells() -> Iterator[list[str]]:
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(v) for v in values]
        workbook.close()

    return cells()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()  # type: ignore[union-attr]
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
