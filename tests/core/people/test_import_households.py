"""`danchu import-households`: every row validated, errors by line number in Vietnamese,
nothing half-written; `--skip-bad` imports the good households and reports the rest."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danchu.core.audit.models import AuditEvent
from danchu.core.people.models import Household, HouseholdMember, Person, Residence

HEADER = "ma_thon,so_ho,dia_chi,ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,dien_thoai,quan_he,dai_dien,cu_tru\n"
GOOD = (
    "90001-001,H001,Số 1 Thôn Một,Nguyễn Văn An,15/03/1970,Nam,038070000001,0912 345 678,Chủ hộ,x,thường trú\n"
    "90001-001,H001,Số 1 Thôn Một,Trần Thị Bình,02/09/1972,Nữ,038172000002,,Vợ,,thường trú\n"
    "90001-002,H002,Số 2 Thôn Hai,Lê Văn Cường,1985-01-20,Nam,,+84 913 000 111,Chủ hộ,,tạm trú\n"
)


def _file(tmp_path, body: str, *, encoding: str = "utf-8", name: str = "ho.csv"):
    path = tmp_path / name
    path.write_bytes((HEADER + body).encode(encoding))
    return path


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Person.objects.count(),
        Household.objects.count(),
        HouseholdMember.objects.count(),
        Residence.objects.count(),
        AuditEvent.objects.count(),
    )


def test_good_register_is_imported(tree, tmp_path, capsys):
    call_command("import_households", str(_file(tmp_path, GOOD)))
    h1 = Household.objects.get(code="H001")
    assert h1.village == tree.village_a1 and h1.address == "Số 1 Thôn Một"
    assert h1.representative.full_name == "Nguyễn Văn An"
    assert h1.representative.phone == "0912345678"
    assert h1.memberships.count() == 2
    h2 = Household.objects.get(code="H002")
    assert h2.representative.full_name == "Lê Văn Cường"  # the head, when nobody is marked
    assert h2.representative.residences.get().kind == "temporary"
    assert AuditEvent.objects.filter(action="people.households_imported").count() == 1
    captured = capsys.readouterr()
    assert "2" in captured.out and "3" in captured.out
    assert "3/3" in captured.err  # progress
    # Ids were reserved properly: ordinary inserts after the import do not collide.
    later = Person(full_name="Người Đến Sau")
    later.save()
    assert later.pk > max(Person.objects.exclude(pk=later.pk).values_list("pk", flat=True))
    assert Household.objects.create(village=tree.village_a2, code="SAU").pk > h2.pk


BAD_CASES = [
    # (bad row, line 3 of the file, words the Vietnamese reason must contain)
    ("90001-001,H009,,Phạm Văn Dũng,01/01/1980,Nam,03808000000X,,Chủ hộ,,\n", "12 chữ số"),
    ("90001-001,H009,,Phạm Văn Dũng,01/01/1980,Nam,038090000003,,Chủ hộ,,\n", "năm sinh"),
    ("90001-001,H009,,Phạm Văn Dũng,01/01/1980,Nữ,038080000003,,Chủ hộ,,\n", "giới tính"),
    ("99999-999,H009,,Phạm Văn Dũng,01/01/1980,Nam,,,Chủ hộ,,\n", "99999-999"),
    ("90001-001,H009,,Phạm Văn Dũng,01/01/1980,Nam,038070000001,,Chủ hộ,,\n", "038070000001"),
    ("90001-001,H009,,Phạm Văn Dũng,31/02/1980,Nam,,,Chủ hộ,,\n", "31/02/1980"),
    ("90001-001,H009,,,01/01/1980,Nam,,,Chủ hộ,,\n", "họ"),
    ("90001-001,H009,,Phạm Văn Dũng,01/01/1980,Nam,,12345,Chủ hộ,,\n", "12345"),
]


@pytest.mark.parametrize(("bad_row", "words"), BAD_CASES)
def test_one_bad_row_imports_nothing(tree, tmp_path, capsys, bad_row, words):
    path = _file(tmp_path, GOOD[: GOOD.index("\n") + 1] + bad_row + GOOD[GOOD.index("\n") + 1 :])
    before = _counts()
    with pytest.raises(CommandError):
        call_command("import_households", str(path))
    assert _counts() == before
    err = capsys.readouterr().err
    assert "Dòng 3" in err and words in err, err


def test_duplicate_person_already_registered(tree, tmp_path, capsys):
    call_command("import_households", str(_file(tmp_path, GOOD)))
    again = "90001-002,H010,,Nguyễn Văn An,15/03/1970,Nam,038070000001,,Chủ hộ,,\n"
    before = _counts()
    with pytest.raises(CommandError):
        call_command("import_households", str(_file(tmp_path, again, name="lan2.csv")))
    assert _counts() == before
    assert "038070000001" in capsys.readouterr().err


def test_existing_household_is_not_imported_twice(tree, tmp_path, capsys):
    call_command("import_households", str(_file(tmp_path, GOOD)))
    before = _counts()
    with pytest.raises(CommandError):
        call_command(
            "import_households",
            str(_file(tmp_path, GOOD.replace("038070000001", "").replace("038172000002", ""))),
        )
    assert _counts() == before


def test_wrong_encoding_is_refused_in_vietnamese(tree, tmp_path):
    path = _file(tmp_path, GOOD, encoding="utf-16")  # what Excel writes as "Unicode Text"
    before = _counts()
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_households", str(path))
    assert _counts() == before


def test_missing_columns_are_named(tree, tmp_path):
    path = tmp_path / "thieu.csv"
    path.write_text("ma_thon,ho_ten\n90001-001,Nguyễn Văn An\n", encoding="utf-8")
    with pytest.raises(CommandError, match="household_code"):
        call_command("import_households", str(path))


def test_skip_bad_imports_whole_good_households_and_reports_the_rest(tree, tmp_path):
    bad = "90001-002,H002,,Lê Thị Hoa,99/99/1999,Nữ,,,Con,,\n"
    path = _file(tmp_path, GOOD + bad)
    report = tmp_path / "loi.csv"
    call_command("import_households", str(path), "--skip-bad", "--report", str(report))
    assert list(Household.objects.values_list("code", flat=True)) == ["H001"]
    with report.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["line"] for r in rows] == ["4", "5"]
    assert "99/99/1999" in rows[1]["reason"]
    assert "dòng 5" in rows[0]["reason"]


def test_xlsx_register(tree, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã thôn", "Số hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh"])
    sheet.append(["90002-001", "X1", "Đỗ Thị Lan", datetime(1990, 5, 6), "Nữ", "038190000123"])
    path = tmp_path / "ho.xlsx"
    workbook.save(path)
    call_command("import_households", str(path))
    person = Person.objects.get(citizen_id="038190000123")
    assert person.full_name == "Đỗ Thị Lan" and str(person.date_of_birth) == "1990-05-06"


def test_imported_households_become_searchable(
    tree, personas, tmp_path, django_capture_on_commit_callbacks
):
    from danchu.core.search.selectors import search

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_households", str(_file(tmp_path, GOOD)))
    hits = search(personas["officer_a"], "nguyen van an")
    assert [h.entry.object_id for h in hits.object_list] == [
        str(Household.objects.get(code="H001").pk)
    ]
    assert not search(personas["officer_b"], "nguyen van an").object_list
