"""Household register pages for officials. Every fetch goes through access_* and the
permission registry; an object outside the official's units is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danchu.common.form_flow import submit_to_service
from danchu.common.pagination import paginate
from danchu.core.access.registry import has_perm
from danchu.core.people.access import access_household_by_id
from danchu.core.people.forms import HouseholdEditForm, HouseholdForm, MemberForm
from danchu.core.people.models import Person
from danchu.core.people.permissions import MANAGE_HOUSEHOLD, VIEW_HOUSEHOLD
from danchu.core.people.selectors import (
    attach_member_counts,
    current_members,
    households_in_unit,
)
from danchu.core.people.services import (
    HouseholdError,
    MemberInput,
    household_create,
    household_member_add,
    household_update,
)
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.selectors import ancestors_of


@login_required
@require_GET
def household_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code, permission=VIEW_HOUSEHOLD)
    query = request.GET.get("q", "").strip()[:100]
    page = paginate(request, households_in_unit(request.user, unit, query=query))
    attach_member_counts(page.object_list)
    context = {
        "unit": unit,
        "ancestors": ancestors_of(unit),
        "page": page,
        "query": query,
        "can_add": unit.is_village and has_perm(request.user, MANAGE_HOUSEHOLD, unit),
    }
    if request.htmx and request.htmx.target == "household-results":
        return render(request, "people/_household_results.html", context)
    return render(request, "people/household_list.html", context)


def _back_to(household_pk: int, message: str) -> tuple[str, HttpResponse]:
    return message, redirect("people:household_detail", pk=household_pk)


@login_required
@require_http_methods(["GET", "POST"])
def household_new(request: HttpRequest, code: str) -> HttpResponse:
    village = access_unit_by_code(request.user, code, permission=MANAGE_HOUSEHOLD)
    form = HouseholdForm(request.POST or None)
    done = submit_to_service(
        request,
        form,
        lambda data: household_create(actor=request.user, village=village, **data),
        refusals=(HouseholdError,),
        success=lambda h: _back_to(h.pk, _("Household %(code)s was added.") % {"code": h.code}),
    )
    return done or render(
        request,
        "people/household_form.html",
        {"form": form, "unit": village, "title": _("Add a household")},
    )


@login_required
@require_GET
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = access_household_by_id(request.user, pk)
    return render(
        request,
        "people/household_detail.html",
        {
            "household": household,
            "unit": household.village,
            "members": current_members(household),
            "can_manage": has_perm(request.user, MANAGE_HOUSEHOLD, household),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    household = access_household_by_id(request.user, pk, permission=MANAGE_HOUSEHOLD)
    members = Person.objects.filter(
        memberships__household=household, memberships__left_on__isnull=True
    )
    initial = {
        "address": household.address,
        "representative": household.representative_id,
        "left_on": household.left_on,
    }
    form = HouseholdEditForm(request.POST or None, initial=initial, members=members)
    done = submit_to_service(
        request,
        form,
        lambda data: household_update(
            actor=request.user,
            household=household,
            address=data["address"],
            left_on=data["left_on"],
            representative_id=data["representative"].pk if data["representative"] else None,
        ),
        refusals=(HouseholdError,),
        success=lambda h: _back_to(h.pk, _("The household was updated.")),
    )
    return done or render(
        request,
        "people/household_form.html",
        {
            "form": form,
            "unit": household.village,
            "household": household,
            "title": _("Edit household %(code)s") % {"code": household.code},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_new(request: HttpRequest, pk: int) -> HttpResponse:
    household = access_household_by_id(request.user, pk, permission=MANAGE_HOUSEHOLD)
    form = MemberForm(request.POST or None)

    def add(data: dict) -> str:
        household_member_add(
            actor=request.user,
            household=household,
            member=MemberInput(
                full_name=data["full_name"],
                date_of_birth=data["date_of_birth"],
                gender=data["gender"],
                citizen_id=data["citizen_id"],
                phone=data["phone"],
                relation=data["relation"],
            ),
            make_representative=data["make_representative"],
        )
        return data["full_name"]

    done = submit_to_service(
        request,
        form,
        add,
        refusals=(HouseholdError,),
        success=lambda name: _back_to(
            household.pk, _("%(name)s was added to the household.") % {"name": name}
        ),
    )
    return done or render(
        request,
        "people/household_form.html",
        {
            "form": form,
            "unit": household.village,
            "household": household,
            "title": _("Add a member to household %(code)s") % {"code": household.code},
        },
    )
