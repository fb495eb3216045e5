"""The index follows saves and deletes; `danchu reindex` rebuilds what bulk writes skipped."""

import pytest
from django.contrib.auth.models import AnonymousUser

from danchu.core.audit.models import AuditEvent
from danchu.core.people.models import Household
from danchu.core.search.kinds import HOUSEHOLD, UNIT
from danchu.core.search.models import SearchEntry
from danchu.core.search.registry import UnknownSearchKind
from danchu.core.search.selectors import search
from danchu.core.search.services import (
    search_index,
    search_index_many,
    search_reindex,
    search_remove,
)
from danchu.core.search.tasks import search_index_many_task
from danchu.core.units.domain.kinds import Kind
from danchu.core.units.models import Unit
from tests.conftest import make_unit


def _titles(actor, query, kinds):
    return [hit.entry.title for hit in search(actor, query, kinds=kinds).object_list]


def test_saving_a_unit_indexes_it_and_renaming_updates_it(tree):
    anonymous = AnonymousUser()
    village = make_unit("90001-003", "Thôn Đường Cái", Kind.VILLAGE, tree.commune_a)
    entry = SearchEntry.objects.get(kind=UNIT, object_id=str(village.pk))
    assert entry.is_public and entry.unit_path == village.path
    assert _titles(anonymous, "duong cai", [UNIT]) == ["Thôn Đường Cái"]

    village.name = "Thôn Bến Đò"
    village.save()
    assert _titles(anonymous, "duong cai", [UNIT]) == []
    assert _titles(anonymous, "ben do", [UNIT]) == ["Thôn Bến Đò"]


def test_deleting_a_unit_removes_it(tree):
    village = make_unit("90001-003", "Thôn Đường Cái", Kind.VILLAGE, tree.commune_a)
    pk = village.pk
    assert SearchEntry.objects.filter(kind=UNIT, object_id=str(pk)).exists()
    village.delete()
    assert not SearchEntry.objects.filter(kind=UNIT, object_id=str(pk)).exists()
    assert _titles(AnonymousUser(), "duong cai", [UNIT]) == []


def test_household_follows_saves_and_deletes(personas, households):
    officer = personas["officer_a"]
    household = households.a1
    household.address = "Số 5 đường Lê Lợi"
    household.save()
    (hit,) = search(officer, "le loi", kinds=[HOUSEHOLD]).object_list
    assert hit.entry.url == f"/households/{household.pk}/"
    assert "<mark>Lê</mark> <mark>Lợi</mark>" in hit.snippet

    representative = household.representative
    representative.full_name = "Trần Thị Đào"
    representative.save()
    assert _titles(officer, "tran thi dao", [HOUSEHOLD]) == ["A1-001 — Trần Thị Đào"]

    household.memberships.all().delete()
    household.delete()
    assert _titles(officer, "le loi", [HOUSEHOLD]) == []
    assert not SearchEntry.objects.filter(kind=HOUSEHOLD, object_id=str(household.pk)).exists()


def test_index_and_remove_services(tree):
    anonymous = AnonymousUser()
    SearchEntry.objects.all().delete()
    search_index(tree.commune_b)
    assert _titles(anonymous, "binh minh", [UNIT]) == ["Phường Bình Minh"]
    search_remove(tree.commune_b)
    assert _titles(anonymous, "binh minh", [UNIT]) == []


def test_an_object_of_no_kind_raises(personas):
    with pytest.raises(UnknownSearchKind):
        search_index(personas["resident"])
    with pytest.raises(UnknownSearchKind):
        search_index(personas["resident"], kind="nope.nothing")


def test_reindex_rebuilds_an_emptied_index(personas, households):
    officer = personas["officer_a"]
    SearchEntry.objects.all().delete()
    assert _titles(officer, "nguyen", [HOUSEHOLD]) == []
    assert _titles(officer, "an phu", [UNIT]) == []

    counts = search_reindex()
    assert counts[UNIT] == Unit.objects.count()
    assert counts[HOUSEHOLD] == Household.objects.count() == 4
    assert sorted(_titles(officer, "nguyen", [HOUSEHOLD])) == [
        "A1-001 — Nguyễn Văn A1-001-0",
        "A2-001 — Nguyễn Văn A2-001-0",
    ]
    assert "Xã An Phú" in _titles(officer, "an phu", [UNIT])
    kinds = set(
        AuditEvent.objects.filter(action="search.reindexed").values_list("data__kind", flat=True)
    )
    assert {UNIT, HOUSEHOLD} <= kinds  # one audit event per kind rebuilt


def test_reindex_of_one_kind_leaves_the_others(tree, households):
    SearchEntry.objects.all().delete()
    assert search_reindex(UNIT) == {UNIT: Unit.objects.count()}
    assert not SearchEntry.objects.filter(kind=HOUSEHOLD).exists()
    with pytest.raises(UnknownSearchKind):
        search_reindex("nope.nothing")


def test_reindex_command(personas, households, danchu_cli, capsys):
    SearchEntry.objects.all().delete()
    danchu_cli("reindex")
    assert f"{HOUSEHOLD}: đã lập chỉ mục 4 mục." in capsys.readouterr().out
    assert _titles(personas["officer_b"], "nguyen", [HOUSEHOLD]) == ["B1-001 — Nguyễn Văn B1-001-0"]


def test_bulk_created_rows_are_indexed_by_the_task(tree, django_capture_on_commit_callbacks):
    created = Household.objects.bulk_create(
        [Household(village=tree.village_a1, code=f"BULK-{i}", address="Xóm Đồng") for i in range(3)]
    )
    assert not SearchEntry.objects.filter(kind=HOUSEHOLD).exists()
    assert search_index_many(HOUSEHOLD, [created[0].pk]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        from django.db import transaction

        transaction.on_commit(
            lambda: search_index_many_task.enqueue(HOUSEHOLD, [h.pk for h in created])
        )
    assert SearchEntry.objects.filter(kind=HOUSEHOLD).count() == 3


def test_renaming_a_village_reindexes_its_households(
    personas, households, tree, django_capture_on_commit_callbacks
):
    from danchu.core.search.selectors import search

    with django_capture_on_commit_callbacks(execute=True):
        tree.village_a1.name = "Thôn Hoa Sen"
        tree.village_a1.save()
    hits = search(personas["officer_a"], "hoa sen", kinds=[HOUSEHOLD])
    assert [h.entry.object_id for h in hits.object_list] == [str(households.a1.pk)]
