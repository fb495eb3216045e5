"""Role predicates: ``holds_role_over`` reaches units below a role that covers descendants;
``holds_role_at`` never does (a body's own affairs, e.g. Law on Complaints Art. 17). ``check``
on one object and ``q`` over a queryset must agree."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.core.access import roles
from danchu.core.access.predicates import holds_role_at, holds_role_over
from danchu.core.units.models import Unit
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LOCAL = (roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER, roles.AGENCY_HEAD)


def _all_units(tree):
    return [
        tree.province,
        tree.commune_a,
        tree.village_a1,
        tree.village_a2,
        tree.agency_a,
        tree.commune_b,
        tree.village_b1,
        tree.other_province,
        tree.commune_c,
        tree.village_c1,
    ]


def _filtered(predicate, actor) -> set[str]:
    return set(Unit.objects.filter(predicate.q(actor, "path")).values_list("code", flat=True))


def _checked(predicate, actor, tree) -> set[str]:
    return {u.code for u in _all_units(tree) if predicate.check(actor, u)}


@pytest.mark.parametrize("persona", ["chair_a", "officer_a"])
def test_holds_role_over_reaches_the_units_below_the_commune(personas, tree, persona):
    predicate = holds_role_over(*LOCAL)
    expected = {"90001", "90001-001", "90001-002", "90001-C01"}
    assert _checked(predicate, personas[persona], tree) == expected
    assert _filtered(predicate, personas[persona]) == expected


@pytest.mark.parametrize("persona", ["chair_a", "officer_a"])
def test_holds_role_at_is_the_commune_itself_only(personas, tree, persona):
    predicate = holds_role_at(*LOCAL)
    actor = personas[persona]
    assert _checked(predicate, actor, tree) == {"90001"}
    assert _filtered(predicate, actor) == {"90001"}
    assert not predicate.check(actor, tree.agency_a)
    assert not predicate.check(actor, tree.village_a1)


def test_holds_role_at_for_the_agency_head(personas, tree):
    predicate = holds_role_at(*LOCAL)
    head = personas["agency_head_a"]
    assert _checked(predicate, head, tree) == {"90001-C01"}
    assert _filtered(predicate, head) == {"90001-C01"}


def test_holds_role_at_ignores_other_roles_and_anonymous(personas, tree):
    predicate = holds_role_at(roles.COMMUNE_CHAIR)
    for name in ("officer_a", "front_a", "province_officer", "resident", "agency_head_a"):
        assert _checked(predicate, personas[name], tree) == set()
        assert _filtered(predicate, personas[name]) == set()
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not predicate.check(anonymous, tree.commune_a)
    assert _filtered(predicate, anonymous) == set()
    assert not predicate.check(personas["chair_a"], None)


def test_holds_role_at_with_roles_in_two_units_reads_the_object_unit(personas, tree):
    """A person who is commune officer in A and agency head in A's agency acts at both units
    themselves, and still not at A's villages; the filter works through a relation too."""
    from danchu.core.access.models import RoleAssignment

    actor = make_user("0911000098", roles.COMMUNE_OFFICER, tree.commune_a)
    RoleAssignment.objects.create(
        user=actor,
        role_id=roles.AGENCY_HEAD,
        unit=tree.agency_a,
        valid_from=date(2025, 7, 1),
    )
    predicate = holds_role_at(*LOCAL)
    assert _checked(predicate, actor, tree) == {"90001", "90001-C01"}
    assert _filtered(predicate, actor) == {"90001", "90001-C01"}
    children = set(
        Unit.objects.filter(predicate.q(actor, "parent__path")).values_list("code", flat=True)
    )
    # Units whose parent is the commune itself (the agency's parent is the commune).
    assert children == {"90001-001", "90001-002", "90001-C01"}


def test_holds_role_at_reads_the_unit_of_an_object(personas, tree):
    class Thing:
        access_unit = tree.agency_a

    assert holds_role_at(roles.AGENCY_HEAD).check(personas["agency_head_a"], Thing())
    assert not holds_role_at(roles.COMMUNE_CHAIR).check(personas["chair_a"], Thing())
    assert holds_role_over(roles.COMMUNE_CHAIR).check(personas["chair_a"], Thing())
