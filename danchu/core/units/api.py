"""Read endpoints for units: public, like the unit pages."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from danchu.core.units.access import access_unit_by_code
from danchu.core.units.models import Unit
from danchu.core.units.selectors import provinces

router = Router(tags=["units"])


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    level: str
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None
    successor_code: str | None

    @staticmethod
    def resolve_parent_code(obj: Unit) -> str | None:
        return obj.ancestor_codes[-1] if obj.parent_id else None

    @staticmethod
    def resolve_successor_code(obj: Unit) -> str | None:
        return obj.successor.code if obj.successor_id else None


@router.get("/units", response=list[UnitOut])
@paginate(PageNumberPagination, page_size=settings.DANCHU_API_PAGE_SIZE)
def list_units(request: HttpRequest, parent: str | None = None, level: str | None = None):
    """Provinces by default; the children of ``parent`` when given."""
    if parent:
        unit = access_unit_by_code(request.user, parent)
        qs = Unit.objects.current().filter(parent=unit)
    else:
        qs = provinces()
    if level:
        qs = qs.filter(level=level)
    return qs.select_related("successor").order_by("code")


@router.get("/units/{code}", response=UnitOut)
def get_unit(request: HttpRequest, code: str):
    return access_unit_by_code(request.user, code)
