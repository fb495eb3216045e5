"""The public page of every unit, and the forms officials use to extend the tree."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danchu.common.form_flow import submit_to_service
from danchu.common.pagination import paginate
from danchu.common.public_cache import cache_public_page
from danchu.core.access.registry import has_perm
from danchu.core.people.permissions import VIEW_HOUSEHOLD
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.domain.kinds import Level
from danchu.core.units.forms import OrganisationForm, VillageForm
from danchu.core.units.links import links_for
from danchu.core.units.permissions import ADD_ORGANISATION, ADD_VILLAGE
from danchu.core.units.selectors import ancestors_of, children_of
from danchu.core.units.services import UnitError, organisation_create, village_create
from danchu.core.units.signals import PUBLIC_PAGES


@require_GET
@cache_public_page(PUBLIC_PAGES)
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit_by_code(request.user, code)
    child_level = {Level.PROVINCE: Level.COMMUNE, Level.COMMUNE: Level.VILLAGE}.get(unit.level)
    children = paginate(request, children_of(unit, level=child_level)) if child_level else None
    organisations = None
    if unit.level in (Level.PROVINCE, Level.COMMUNE):
        organisations = paginate(
            request, children_of(unit, level=Level.ORGANISATION), param="org_page"
        )
    public_links, official_links = links_for(request.user, unit)
    context = {
        "unit": unit,
        "public_links": public_links,
        "official_links": official_links,
        "ancestors": ancestors_of(unit),
        "children": children,
        "organisations": organisations,
        "can_add_village": unit.is_commune and has_perm(request.user, ADD_VILLAGE, unit),
        "can_add_organisation": unit.level in (Level.PROVINCE, Level.COMMUNE)
        and has_perm(request.user, ADD_ORGANISATION, unit),
        "can_view_households": (unit.is_commune or unit.is_village)
        and has_perm(request.user, VIEW_HOUSEHOLD, unit),
    }
    if request.htmx and request.htmx.target == "unit-children":
        return render(request, "units/_children.html", context)
    return render(request, "units/unit_detail.html", context)


def _created(unit) -> tuple[str, HttpResponse]:
    return _("%(name)s was added.") % {"name": unit.name}, redirect("units:detail", code=unit.code)


@login_required
@require_http_methods(["GET", "POST"])
def village_new(request: HttpRequest, code: str) -> HttpResponse:
    commune = access_unit_by_code(request.user, code, permission=ADD_VILLAGE)
    form = VillageForm(request.POST or None)
    done = submit_to_service(
        request,
        form,
        lambda data: village_create(actor=request.user, commune=commune, **data),
        refusals=(UnitError,),
        success=_created,
    )
    return done or render(
        request,
        "units/unit_form.html",
        {"form": form, "parent": commune, "title": _("Add a village or residential group")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest, code: str) -> HttpResponse:
    parent = access_unit_by_code(request.user, code, permission=ADD_ORGANISATION)
    form = OrganisationForm(request.POST or None)
    done = submit_to_service(
        request,
        form,
        lambda data: organisation_create(actor=request.user, parent=parent, **data),
        refusals=(UnitError,),
        success=_created,
    )
    return done or render(
        request,
        "units/unit_form.html",
        {"form": form, "parent": parent, "title": _("Add an agency or enterprise")},
    )
