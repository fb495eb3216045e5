"""`danchu import-units`: the real 34 provinces and 3,321 commune-level units (LAW.md §7)."""

from __future__ import annotations

from collections import Counter

from django.core.management import call_command

from danchu.core.audit.models import AuditEvent
from danchu.core.units.models import Unit


def test_import_gives_the_official_counts_and_is_idempotent(db, capsys, danchu_cli):
    danchu_cli("import-units")
    provinces = Unit.objects.filter(level="province")
    communes = Unit.objects.filter(level="commune")
    assert provinces.count() == 34
    assert Counter(provinces.values_list("kind", flat=True)) == {"province": 28, "municipality": 6}
    assert communes.count() == 3321
    assert Counter(communes.values_list("kind", flat=True)) == {
        "commune": 2621,
        "ward": 687,
        "special_zone": 13,
    }
    assert not communes.filter(parent__isnull=True).exists()
    hanoi = Unit.objects.get(code="01")
    assert hanoi.name == "Thành phố Hà Nội"
    assert Unit.objects.within(hanoi).filter(level="commune").count() == 126
    assert Unit.objects.get(code="26732").name == "Đặc khu Côn Đảo"
    snapshot = list(Unit.objects.values_list("code", "name", "kind", "path", "updated_at"))
    events = AuditEvent.objects.count()

    call_command("import_units")
    assert "tạo mới 0, cập nhật 0, giữ nguyên 3355" in capsys.readouterr().out
    assert list(Unit.objects.values_list("code", "name", "kind", "path", "updated_at")) == snapshot
    assert AuditEvent.objects.count() == events


def test_renamed_unit_is_corrected_on_reimport(db):
    call_command("import_units")
    unit = Unit.objects.get(code="26732")
    unit.name = "Tên sai"
    unit.save()
    call_command("import_units")
    unit.refresh_from_db()
    assert unit.name == "Đặc khu Côn Đảo"
