"""Tables to XLSX and CSV.

    export_table(columns, rows, "xlsx") -> bytes
    stream_table(columns, rows, "csv")  -> iterator of bytes chunks (for StreamingHttpResponse)
    table_response(columns, rows, "csv", filename="ho-gia-dinh") -> a streaming download

CSV is UTF-8 with a byte-order mark, the only way Excel opens a CSV file with Vietnamese
letters intact by double-click, and CRLF line ends. XLSX uses openpyxl's write-only mode, so
memory stays flat however many rows there are. Cells that a spreadsheet would run as a
formula (starting with =, +, -, @) are written as text: in CSV with a leading apostrophe, in
XLSX as a string cell (OWASP "CSV injection").
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone

from danchu.common.text import fold

FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CHUNK_ROWS = 500
_CHUNK_BYTES = 64 * 1024


class UnknownTableFormat(ValueError):
    pass


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UnknownTableFormat(f"Table format {fmt!r} is not one of {', '.join(FORMATS)}.")
    return fmt


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return _local(value).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(_FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def stream_csv(columns: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """CSV in chunks: the BOM and header first, then every few hundred rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([str(c) for c in columns])
    yield codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    for index, row in enumerate(rows, start=1):
        writer.writerow([_csv_cell(v) for v in row])
        if index % _CHUNK_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return _local(value).replace(tzinfo=None)
    if isinstance(value, (date, int, float, Decimal, bool)) or value is None:
        return value
    return str(value)


def _write_xlsx(columns: Sequence[Any], rows: Iterable[Sequence[Any]], target: Any) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for index, column in enumerate(columns):
        letter = _column_letter(index)
        sheet.column_dimensions[letter].width = max(10, min(50, len(str(column)) + 4))
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            value = _xlsx_value(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    workbook.save(target)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def stream_xlsx(columns: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """XLSX is a zip file written at the end; rows go to a spooled temporary file (memory up
    to a few MB, disk beyond) which is then read out in chunks."""
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as target:
        _write_xlsx(columns, rows, target)
        target.seek(0)
        while chunk := target.read(_CHUNK_BYTES):
            yield chunk


def stream_table(
    columns: Sequence[Any], rows: Iterable[Sequence[Any]], fmt: str
) -> Iterator[bytes]:
    if _check_format(fmt) == "csv":
        return stream_csv(columns, rows)
    return stream_xlsx(columns, rows)


def export_table(columns: Sequence[Any], rows: Iterable[Sequence[Any]], fmt: str) -> bytes:
    """The whole table as bytes in ``fmt`` ("xlsx" or "csv")."""
    return b"".join(stream_table(columns, rows, fmt))


def table_response(
    columns: Sequence[Any], rows: Iterable[Sequence[Any]], fmt: str, *, filename: str
) -> StreamingHttpResponse:
    """A download of the table; ``filename`` without extension, folded to ASCII."""
    safe = re.sub(r"[^a-z0-9._]+", "-", fold(filename)).strip("-.") or "bang"
    response = StreamingHttpResponse(
        stream_table(columns, rows, fmt), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{safe}.{fmt}"'
    return response
