"""The demo publications of Xã Hà Trung and the bulk seeding used by benchmarks."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from danchu.core.search.selectors import search
from danchu.core.units.domain.kinds import Kind
from danchu.disclosure.demo import build_demo_publications
from danchu.disclosure.models import (
    BroadcastLog,
    ChannelRecord,
    Publication,
    PublicationVersion,
    RelayConfirmation,
)
from tests.conftest import make_unit


@pytest.fixture
def ha_trung(db):
    province = make_unit("38", "Tỉnh Thanh Hóa", Kind.PROVINCE)
    commune = make_unit("15271", "Xã Hà Trung", Kind.COMMUNE, province)
    for n, name in enumerate(("Thôn Đông Sơn", "Thôn Yên Thái", "Thôn Phú Điền"), start=1):
        make_unit(f"15271-{n:03d}", name, Kind.VILLAGE, commune)
    return commune


def test_demo_publications_cover_most_items_and_are_idempotent(ha_trung, client):
    made = build_demo_publications(ha_trung)
    assert len(made) == 13
    assert {p.item.number for p in made} == set(range(1, 14))
    assert all(p.status == "published" and p.published_on <= p.due_on for p in made)
    budget = Publication.objects.get(
        current_version__title="Dự toán ngân sách xã Hà Trung năm 2027"
    )
    assert "18.450 triệu đồng" in budget.current_version.body
    assert ChannelRecord.objects.filter(publication=budget, channel="posting_village").count() == 3
    assert BroadcastLog.objects.filter(publication__item__number=7).count() == 3
    assert RelayConfirmation.objects.filter(publication__item__number=9).count() == 3
    counts = (Publication.objects.count(), PublicationVersion.objects.count())
    build_demo_publications(ha_trung)
    assert (Publication.objects.count(), PublicationVersion.objects.count()) == counts
    hits = search(AnonymousUser(), "du toan ngan sach", kinds=["disclosure.publication"])
    assert hits.object_list[0].entry.title == "Dự toán ngân sách xã Hà Trung năm 2027"
    page = client.get("/publications/units/15271/").content.decode()
    assert "Dự toán ngân sách xã Hà Trung năm 2027" in page


def test_seed_command_bulk_creates_published_publications(tree):
    call_command("seed_publications", unit="90001", count=25, index=True)
    publications = Publication.objects.filter(unit=tree.commune_a)
    assert publications.count() == 25
    assert not publications.filter(current_version__isnull=True).exists()
    assert not publications.exclude(status="published").exists()
    hits = search(AnonymousUser(), "thong tin cong khai", kinds=["disclosure.publication"])
    assert hits.paginator.count == 25


def test_seed_command_refuses_unknown_or_non_publishing_units(tree):
    with pytest.raises(CommandError):
        call_command("seed_publications", unit="00000", count=5)
    with pytest.raises(CommandError):
        call_command("seed_publications", unit="90001-001", count=5)  # a village
