"""Changes to households and their members. Each function is atomic, re-checks permission
and writes its audit event in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danchu.common.text import normalise_spaces
from danchu.core.access.errors import NotPermitted
from danchu.core.access.registry import has_perm
from danchu.core.audit.services import audit_record
from danchu.core.people.domain.phone import normalise_phone
from danchu.core.people.models import Household, HouseholdMember, Person
from danchu.core.people.parsing import FieldProblem, clean_citizen_id
from danchu.core.people.permissions import MANAGE_HOUSEHOLD
from danchu.core.units.models import Unit


class HouseholdError(ValueError):
    """A household change that cannot be made; the message is in the user's language."""


@dataclass(frozen=True)
class MemberInput:
    full_name: str
    date_of_birth: date | None = None
    gender: str = ""
    citizen_id: str = ""
    phone: str = ""
    relation: str = ""


def household_create(
    *, actor: Any, village: Unit, code: str, address: str = "", joined_on: date | None = None
) -> Household:
    if not village.is_village:
        raise HouseholdError(_("A household belongs to a village (thôn or tổ dân phố)."))
    if not has_perm(actor, MANAGE_HOUSEHOLD, village):
        raise NotPermitted()
    code = code.strip()
    if not code:
        raise HouseholdError(_("The household number is required."))
    with transaction.atomic():
        if Household.objects.filter(village=village, code=code).exists():
            raise HouseholdError(
                _("Household number %(code)s already exists in %(village)s.")
                % {"code": code, "village": village.name}
            )
        household = Household.objects.create(
            village=village, code=code, address=normalise_spaces(address), joined_on=joined_on
        )
        audit_record(
            actor=actor,
            action="people.household_created",
            target=household,
            unit=village,
            data={"code": code, "address": household.address},
        )
    return household


def household_update(
    *,
    actor: Any,
    household: Household,
    address: str,
    left_on: date | None,
    representative_id: int | None,
) -> Household:
    if not has_perm(actor, MANAGE_HOUSEHOLD, household):
        raise NotPermitted()
    with transaction.atomic():
        household = Household.objects.select_for_update().get(pk=household.pk)
        if (
            representative_id is not None
            and not household.memberships.filter(
                person_id=representative_id, left_on__isnull=True
            ).exists()
        ):
            raise HouseholdError(_("The representative must be a current member of the household."))
        before = {
            "address": household.address,
            "left_on": household.left_on,
            "representative_id": household.representative_id,
        }
        household.address = normalise_spaces(address)
        household.left_on = left_on
        household.representative_id = representative_id
        household.save(update_fields=["address", "left_on", "representative", "updated_at"])
        after = {
            "address": household.address,
            "left_on": household.left_on,
            "representative_id": household.representative_id,
        }
        changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
        if changes:
            audit_record(
                actor=actor,
                action="people.household_updated",
                target=household,
                unit=household.village,
                data={"changes": changes},
            )
    return household


def household_member_add(
    *, actor: Any, household: Household, member: MemberInput, make_representative: bool = False
) -> HouseholdMember:
    if not has_perm(actor, MANAGE_HOUSEHOLD, household):
        raise NotPermitted()
    full_name = normalise_spaces(member.full_name)
    if not full_name:
        raise HouseholdError(_("The full name is required."))
    try:
        citizen_id = clean_citizen_id(
            member.citizen_id, date_of_birth=member.date_of_birth, gender=member.gender
        )
    except FieldProblem as exc:
        raise HouseholdError(str(exc)) from exc
    phone = ""
    if member.phone.strip():
        phone = normalise_phone(member.phone) or ""
        if not phone:
            raise HouseholdError(
                _("%(value)s is not a valid phone number.") % {"value": member.phone}
            )
    with transaction.atomic():
        if citizen_id and Person.objects.filter(citizen_id=citizen_id).exists():
            raise HouseholdError(
                _("A person with citizen identity number %(value)s is already registered.")
                % {"value": citizen_id}
            )
        person = Person(
            full_name=full_name,
            date_of_birth=member.date_of_birth,
            gender=member.gender,
            citizen_id=citizen_id,
            phone=phone,
        )
        person.save()
        membership = HouseholdMember.objects.create(
            household=household,
            person=person,
            relation=normalise_spaces(member.relation),
            joined_on=date.today(),
        )
        if make_representative or household.representative_id is None:
            household.representative = person
            household.save(update_fields=["representative", "updated_at"])
        audit_record(
            actor=actor,
            action="people.household_member_added",
            target=household,
            unit=household.village,
            data={"person_id": person.pk, "relation": membership.relation},
        )
    return membership
