"""`danchu demo` builds a realistic commune once; `danchu seed` builds scale data in bulk."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command

from danchu.core.access.models import RoleAssignment, User
from danchu.core.audit.services import audit_verify
from danchu.core.people.models import Employment, Household, Person
from danchu.core.units.models import Unit
from danchu.demo.builder import DEMO_COMMUNE, personas
from danchu.demo.seed import SeedError, seed


def _counts():
    return (
        Unit.objects.count(),
        Household.objects.count(),
        Person.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
    )


def test_demo_builds_a_commune_once_and_its_logins_work(client, db, capsys):
    call_command("demo")
    out = capsys.readouterr().out
    commune = Unit.objects.get(code=DEMO_COMMUNE)
    assert commune.parent.name == "Thanh Hóa"
    villages = Unit.objects.filter(parent=commune, level="village")
    assert villages.count() == 8
    assert Unit.objects.filter(parent=commune, kind="agency").count() == 2
    assert Unit.objects.filter(parent=commune, kind="enterprise").count() == 3
    assert Household.objects.filter(village__parent=commune).count() == 1500
    assert not Household.objects.filter(representative__isnull=True).exists()
    for role in ("village_head", "front_committee_head"):
        heads = RoleAssignment.objects.filter(role_id=role, unit__in=villages)
        assert sorted(heads.values_list("unit__code", flat=True)) == sorted(
            v.code for v in villages
        )
    assert Employment.objects.filter(organisation__parent=commune).count() == 200
    first = _counts()
    call_command("demo")
    assert _counts() == first
    assert audit_verify()[1] is None
    for persona in personas():
        assert persona.phone in out
        response = client.post(
            "/login/", {"username": persona.phone, "password": settings.DANCHU_DEMO_PASSWORD}
        )
        assert response.status_code == 302, persona
        client.post("/logout/")
    resident = User.objects.get(phone="0901000009")
    assert resident.person is not None and resident.person.represented_households.exists()


def test_demo_chair_sees_the_register(client, db):
    call_command("demo")
    client.post("/login/", {"username": "0901000001", "password": settings.DANCHU_DEMO_PASSWORD})
    response = client.get(f"/units/{DEMO_COMMUNE}/households/")
    assert response.status_code == 200
    # 1,500 households were registered; two of the first village moved away (decisions demo).
    current = Household.objects.current().filter(village__parent__code=DEMO_COMMUNE).count()
    assert current == 1498
    assert str(current) in response.content.decode()


def test_seed_builds_scale_data_in_bulk_and_skips_what_exists(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(40 + 3400 * 2):  # the unit import saves one row each
        result = seed(
            province_code="38", communes=2, households_per_commune=1200, villages_per_commune=5
        )
    assert (result.communes, result.villages, result.households) == (2, 10, 2400)
    with django_assert_max_num_queries(20):
        again = seed(
            province_code="38", communes=2, households_per_commune=1200, villages_per_commune=5
        )
    assert (again.communes, again.skipped_communes) == (0, 2)
    assert Household.objects.count() == 2400


def test_seed_refuses_unknown_province(db):
    with pytest.raises(SeedError):
        seed(province_code="00", communes=1, households_per_commune=1)
