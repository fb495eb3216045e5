import codecs
import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from danchu.core.documents.tables import (
    UnknownTableFormat,
    export_table,
    stream_table,
    table_response,
)

COLUMNS = ["Họ và tên", "Thôn", "Ngày sinh", "Số hộ"]
ROWS = [
    ["Nguyễn Thị Ngọc Ánh", "Thôn Một", date(1990, 1, 5), 3],
    ["Đặng Văn Đường", "Tổ dân phố Bình Minh", date(1985, 6, 29), 12],
    ['=HYPERLINK("http://x")', "-5", None, -5],
]


def test_csv_has_bom_and_vietnamese_intact():
    content = export_table(COLUMNS, ROWS, "csv")
    assert content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == COLUMNS
    assert rows[1] == ["Nguyễn Thị Ngọc Ánh", "Thôn Một", "1990-01-05", "3"]
    assert rows[2][0] == "Đặng Văn Đường"
    assert b"\r\n" in content


def test_csv_neutralises_formulas_but_not_numbers():
    rows = list(csv.reader(io.StringIO(export_table(COLUMNS, ROWS, "csv").decode("utf-8-sig"))))
    assert rows[3][0].startswith("'=")
    assert rows[3][1] == "-5"
    assert rows[3][3] == "-5"


def test_xlsx_round_trip():
    content = export_table(COLUMNS, ROWS, "xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == COLUMNS
    assert values[1][0] == "Nguyễn Thị Ngọc Ánh"
    assert values[2][:2] == ["Đặng Văn Đường", "Tổ dân phố Bình Minh"]
    assert values[1][2].date() == date(1990, 1, 5)
    assert values[2][3] == 12
    assert sheet["A1"].font.bold
    # A formula-looking cell stays text.
    assert sheet["A4"].data_type == "s"


def test_csv_streams_in_chunks():
    rows = ([f"Hộ {i}", i] for i in range(1200))
    chunks = list(stream_table(["Hộ", "Số"], rows, "csv"))
    assert len(chunks) >= 3
    assert b"".join(chunks).decode("utf-8-sig").count("\r\n") == 1201


def test_unknown_format():
    with pytest.raises(UnknownTableFormat):
        export_table(COLUMNS, ROWS, "ods")


def test_table_response_download_name_is_ascii():
    response = table_response(COLUMNS, ROWS, "xlsx", filename='Danh sách hộ "thôn Một"')
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach-ho-thon-mot.xlsx"'
    assert b"".join(response.streaming_content).startswith(b"PK")
