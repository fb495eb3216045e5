"""Read endpoints for households: officials only, with the same checks as the pages."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from danchu.core.access.api_auth import api_auth
from danchu.core.people.access import access_household_by_id
from danchu.core.people.models import Household
from danchu.core.people.permissions import VIEW_HOUSEHOLD
from danchu.core.people.selectors import current_members, households_in_unit
from danchu.core.units.access import access_unit_by_code

router = Router(tags=["households"], auth=api_auth)


class HouseholdOut(Schema):
    id: int
    code: str
    village_code: str
    address: str
    representative: str | None
    joined_on: date | None
    left_on: date | None

    @staticmethod
    def resolve_village_code(obj: Household) -> str:
        return obj.village.code

    @staticmethod
    def resolve_representative(obj: Household) -> str | None:
        return obj.representative.full_name if obj.representative_id else None


class MemberOut(Schema):
    full_name: str
    relation: str
    date_of_birth: date | None


class HouseholdDetailOut(HouseholdOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj: Household) -> list[dict]:
        return [
            {
                "full_name": m.person.full_name,
                "relation": m.relation,
                "date_of_birth": m.person.date_of_birth,
            }
            for m in current_members(obj)
        ]


@router.get("/units/{code}/households", response=list[HouseholdOut])
@paginate(PageNumberPagination, page_size=settings.DANCHU_API_PAGE_SIZE)
def list_households(request: HttpRequest, code: str, q: str = ""):
    unit = access_unit_by_code(request.user, code, permission=VIEW_HOUSEHOLD)
    return households_in_unit(request.user, unit, query=q[:100])


@router.get("/households/{household_id}", response=HouseholdDetailOut)
def get_household(request: HttpRequest, household_id: int):
    return access_household_by_id(request.user, household_id)
