"""Persona fixtures in a small tree:

    province 90 (Tỉnh Thử Nghiệm)
      commune 90001 (Xã An Phú)   villages 90001-001 (Thôn Một), 90001-002 (Thôn Hai)
                                  agency 90001-C01
      commune 90002 (Phường Bình Minh)  village 90002-001 (Tổ dân phố Một)
    province 91 (Tỉnh Bên Cạnh)
      commune 91001 (Xã Xa Xôi)  village 91001-001

Personas hold roles in commune A (90001), commune B (90002) or the province.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.cache import cache
from django.utils import translation

from danchu.core.access import roles
from danchu.core.access.models import RoleAssignment, User
from danchu.core.calendar.workdays import clear_cache
from danchu.core.people.models import Household, HouseholdMember, Person
from danchu.core.units.domain.kinds import Kind
from danchu.core.units.models import Unit

PASSWORD = "mat-khau-thu-nghiem-2026"


@pytest.fixture(autouse=True)
def _vietnamese_and_fresh_caches():
    clear_cache()
    cache.clear()
    with translation.override("vi"):
        yield
    clear_cache()
    cache.clear()


def make_unit(code: str, name: str, kind: str, parent: Unit | None = None) -> Unit:
    unit = Unit(code=code, name=name, kind=kind, parent=parent)
    unit.save()
    return unit


@dataclass
class Tree:
    province: Unit
    commune_a: Unit
    village_a1: Unit
    village_a2: Unit
    agency_a: Unit
    commune_b: Unit
    village_b1: Unit
    other_province: Unit
    commune_c: Unit
    village_c1: Unit


@pytest.fixture
def tree(db) -> Tree:
    province = make_unit("90", "Tỉnh Thử Nghiệm", Kind.PROVINCE)
    commune_a = make_unit("90001", "Xã An Phú", Kind.COMMUNE, province)
    commune_b = make_unit("90002", "Phường Bình Minh", Kind.WARD, province)
    other = make_unit("91", "Tỉnh Bên Cạnh", Kind.PROVINCE)
    commune_c = make_unit("91001", "Xã Xa Xôi", Kind.COMMUNE, other)
    return Tree(
        province=province,
        commune_a=commune_a,
        village_a1=make_unit("90001-001", "Thôn Một", Kind.VILLAGE, commune_a),
        village_a2=make_unit("90001-002", "Thôn Hai", Kind.VILLAGE, commune_a),
        agency_a=make_unit("90001-C01", "Trạm Y tế xã An Phú", Kind.AGENCY, commune_a),
        commune_b=commune_b,
        village_b1=make_unit("90002-001", "Tổ dân phố Một", Kind.RESIDENTIAL_GROUP, commune_b),
        other_province=other,
        commune_c=commune_c,
        village_c1=make_unit("91001-001", "Thôn Xa", Kind.VILLAGE, commune_c),
    )


def make_user(phone: str, role: str | None = None, unit: Unit | None = None, **extra) -> User:
    user = User.objects.create_user(phone=phone, password=PASSWORD, **extra)
    if role is not None:
        RoleAssignment.objects.create(
            user=user, role_id=role, unit=unit, valid_from=date(2025, 7, 1)
        )
    return user


PERSONAS = {
    # name: (phone, role, unit attribute of Tree)
    "chair_a": ("0911000001", roles.COMMUNE_CHAIR, "commune_a"),
    "officer_a": ("0911000002", roles.COMMUNE_OFFICER, "commune_a"),
    "front_a": ("0911000003", roles.COMMUNE_FRONT, "commune_a"),
    "village_head_a1": ("0911000004", roles.VILLAGE_HEAD, "village_a1"),
    "front_head_a1": ("0911000005", roles.FRONT_COMMITTEE_HEAD, "village_a1"),
    "agency_head_a": ("0911000006", roles.AGENCY_HEAD, "agency_a"),
    "officer_b": ("0911000007", roles.COMMUNE_OFFICER, "commune_b"),
    "province_officer": ("0911000008", roles.PROVINCE_OFFICER, "province"),
    "resident": ("0911000009", None, None),
}


def ensure_roles() -> None:
    """The Role table is seeded by a migration; transactional tests flush it, so put it back."""
    from danchu.core.access.models import Role

    for code, name, covers in roles.ROLE_TABLE:
        Role.objects.get_or_create(code=code, defaults={"name": name, "covers_descendants": covers})


@pytest.fixture
def personas(tree) -> dict[str, User]:
    ensure_roles()
    users = {}
    for name, (phone, role, attr) in PERSONAS.items():
        users[name] = make_user(phone, role, getattr(tree, attr) if attr else None, full_name=name)
    return users


def make_household(village: Unit, code: str, members: int = 2) -> Household:
    household = Household.objects.create(village=village, code=code, address=f"Số {code}")
    people = []
    for index in range(members):
        person = Person(full_name=f"Nguyễn Văn {code}-{index}")
        person.save()
        HouseholdMember.objects.create(
            household=household, person=person, relation="Chủ hộ" if index == 0 else "Con"
        )
        people.append(person)
    household.representative = people[0]
    household.save()
    return household


@dataclass
class Households:
    a1: Household
    a2: Household
    b1: Household
    c1: Household


@pytest.fixture
def households(tree) -> Households:
    return Households(
        a1=make_household(tree.village_a1, "A1-001"),
        a2=make_household(tree.village_a2, "A2-001"),
        b1=make_household(tree.village_b1, "B1-001"),
        c1=make_household(tree.village_c1, "C1-001"),
    )


@pytest.fixture
def login(client):
    def _login(user: User):
        client.force_login(user)
        return client

    return _login


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` exercise PostgreSQL-only features (triggers); on SQLite they are
    deselected, not skipped, and `.ci/run` runs them against PostgreSQL."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgres") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.fixture
def danchu_cli(monkeypatch):
    """Run the `danchu` console script in-process, on the test database.

    Django closes every connection when a command run from the command line ends; inside a
    test that would drop the test transaction, so closing is suspended here.
    """
    from django.db import connections

    from danchu.cli import main

    monkeypatch.setattr(connections, "close_all", lambda: None)

    def run(*args: str) -> None:
        main(["danchu", *args])

    return run
