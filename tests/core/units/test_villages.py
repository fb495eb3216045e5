"""Villages: imported from a file, or added by the commune's officials."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.units.models import Unit
from danchu.core.units.services import UnitError, village_create


def _write(tmp_path, text: str, name: str = "thon.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_import_villages_from_csv_is_idempotent(tree, tmp_path):
    path = _write(
        tmp_path,
        "ma_xa,ten,loai\n90001,Thôn Ba,thôn\n90002,Tổ dân phố Hai,tổ dân phố\n90001,Thôn Một,thôn\n",
    )
    call_command("import_villages", str(path))
    new = Unit.objects.get(name="Thôn Ba")
    assert (
        new.parent == tree.commune_a and new.kind == "village" and new.path == "90/90001/90001-003/"
    )
    assert Unit.objects.get(name="Tổ dân phố Hai").kind == "residential_group"
    assert Unit.objects.filter(name="Thôn Một").count() == 1
    before = Unit.objects.count()
    call_command("import_villages", str(path))
    assert Unit.objects.count() == before


def test_import_villages_from_xlsx(tree, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã xã", "Tên thôn", "Loại"])
    sheet.append(["90002", "Tổ dân phố Ba", "Tổ dân phố"])
    path = tmp_path / "thon.xlsx"
    workbook.save(path)
    call_command("import_villages", str(path))
    assert Unit.objects.get(name="Tổ dân phố Ba").parent == tree.commune_b


def test_import_villages_rejects_bad_rows_and_writes_nothing(tree, tmp_path):
    path = _write(tmp_path, "ma_xa,ten\n90001,Thôn Bốn\n99999,Thôn Lạc\n90001,\n")
    before = Unit.objects.count()
    with pytest.raises(CommandError):
        call_command("import_villages", str(path))
    assert Unit.objects.count() == before


def test_village_create_by_commune_officer(personas, tree):
    village = village_create(
        actor=personas["officer_a"], commune=tree.commune_a, name="  Thôn   Mới "
    )
    assert (
        village.name == "Thôn Mới"
        and village.code == "90001-003"
        and village.parent == tree.commune_a
    )
    event = AuditEvent.objects.get(action="units.village_created")
    assert event.target_id == str(village.pk) and event.actor_id == personas["officer_a"].pk


def test_village_create_refuses_duplicates_and_strangers(personas, tree):
    with pytest.raises(UnitError):
        village_create(actor=personas["officer_a"], commune=tree.commune_a, name="thôn một")
    with pytest.raises(NotPermitted):
        village_create(actor=personas["officer_b"], commune=tree.commune_a, name="Thôn Khác")
    with pytest.raises(NotPermitted):
        village_create(actor=personas["village_head_a1"], commune=tree.commune_a, name="Thôn Khác")


def test_village_form_shows_vietnamese_error_and_keeps_input(client, personas, tree):
    client.force_login(personas["officer_a"])
    response = client.post(
        "/units/90001/villages/new/", {"name": "Thôn Một", "kind": "village", "code": ""}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Thôn Một"' in body
    assert "Thôn Một" in body and "đã có" in body
    response = client.post("/units/90001/villages/new/", {"name": "Thôn Năm", "kind": "village"})
    assert response.status_code == 302
    assert Unit.objects.filter(name="Thôn Năm", parent=tree.commune_a).exists()


def test_subtree_query_uses_the_path(tree):
    codes = set(Unit.objects.within(tree.commune_a).values_list("code", flat=True))
    assert codes == {"90001", "90001-001", "90001-002", "90001-C01"}
    assert "90002" not in set(
        Unit.objects.within(tree.province).filter(code="90001").values_list("code", flat=True)
    )
