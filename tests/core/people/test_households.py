"""Officials manage households: services re-check permission, validate and audit."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.people.models import Household, Person
from danchu.core.people.services import (
    HouseholdError,
    MemberInput,
    household_create,
    household_member_add,
    household_update,
)


def test_create_update_and_add_member(personas, tree):
    officer = personas["officer_a"]
    household = household_create(actor=officer, village=tree.village_a1, code="M01", address="Số 5")
    membership = household_member_add(
        actor=officer,
        household=household,
        member=MemberInput(
            full_name="Vũ Văn Nam",
            date_of_birth=date(1980, 2, 3),
            gender="male",
            citizen_id="038080000555",
        ),
    )
    household.refresh_from_db()
    assert household.representative == membership.person
    household_update(
        actor=officer,
        household=household,
        address="Số 6",
        left_on=None,
        representative_id=membership.person_id,
    )
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions == [
        "people.household_created",
        "people.household_member_added",
        "people.household_updated",
    ]
    assert AuditEvent.objects.last().data == {"changes": {"address": ["Số 5", "Số 6"]}}


def test_village_head_may_see_but_not_change(personas, tree, households):
    with pytest.raises(NotPermitted):
        household_create(actor=personas["village_head_a1"], village=tree.village_a1, code="X")
    with pytest.raises(NotPermitted):
        household_update(
            actor=personas["village_head_a1"],
            household=households.a1,
            address="x",
            left_on=None,
            representative_id=None,
        )


def test_other_commune_cannot_change(personas, households):
    with pytest.raises(NotPermitted):
        household_member_add(
            actor=personas["officer_b"], household=households.a1, member=MemberInput(full_name="A")
        )


def test_bad_member_input_is_refused_and_nothing_written(personas, households):
    before = (Person.objects.count(), AuditEvent.objects.count())
    with pytest.raises(HouseholdError, match="12 chữ số"):
        household_member_add(
            actor=personas["officer_a"],
            household=households.a1,
            member=MemberInput(full_name="Lý Thị C", citizen_id="123"),
        )
    with pytest.raises(HouseholdError):
        household_member_add(
            actor=personas["officer_a"],
            household=households.a1,
            member=MemberInput(full_name="   "),
        )
    assert (Person.objects.count(), AuditEvent.objects.count()) == before


def test_duplicate_household_number_and_representative_outside(personas, tree, households):
    with pytest.raises(HouseholdError):
        household_create(actor=personas["officer_a"], village=tree.village_a1, code="A1-001")
    stranger = households.b1.representative
    with pytest.raises(HouseholdError):
        household_update(
            actor=personas["officer_a"],
            household=households.a1,
            address="",
            left_on=None,
            representative_id=stranger.pk,
        )
    with pytest.raises(HouseholdError):
        household_create(actor=personas["officer_a"], village=tree.commune_a, code="Z")
    assert Household.objects.count() == 4


def test_member_form_keeps_input_and_explains_in_vietnamese(client, personas, households):
    client.force_login(personas["officer_a"])
    response = client.post(
        f"/households/{households.a1.pk}/members/new/",
        {
            "full_name": "Hồ Thị Mai",
            "date_of_birth": "12/12/1990",
            "gender": "female",
            "citizen_id": "999",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Hồ Thị Mai"' in body and "12 chữ số" in body
    response = client.post(
        f"/households/{households.a1.pk}/members/new/",
        {
            "full_name": "Hồ Thị Mai",
            "date_of_birth": "12/12/1990",
            "gender": "female",
            "citizen_id": "038190000777",
        },
    )
    assert response.status_code == 302
    assert households.a1.memberships.filter(person__full_name="Hồ Thị Mai").exists()
