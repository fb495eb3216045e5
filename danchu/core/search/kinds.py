"""The first two searchable kinds: units (public) and households (officials over the village).

Other apps register their own kinds in their ``AppConfig.ready()`` with
:func:`danchu.core.search.registry.register_kind`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danchu.core.people.models import Household
from danchu.core.people.permissions import VIEW_HOUSEHOLD
from danchu.core.search.registry import SearchDocument, register_kind
from danchu.core.units.models import Unit

UNIT = "units.unit"
HOUSEHOLD = "people.household"
SEPARATOR = " · "


def _ancestor_names(unit: Unit) -> list[str]:
    names = []
    parent = unit.parent if unit.parent_id else None
    while parent is not None:
        names.append(parent.name)
        parent = parent.parent if parent.parent_id else None
    return names


def unit_document(unit: Unit) -> SearchDocument:
    """Name in the title; the kind and the names of the units above in the text."""
    body = SEPARATOR.join([str(unit.get_kind_display()), *_ancestor_names(unit)])
    return SearchDocument(
        title=unit.name,
        body=body,
        unit=unit,
        url=reverse("units:detail", args=[unit.code]),
        public=True,
    )


def household_document(household: Household) -> SearchDocument:
    """Household number and representative in the title; address, village and commune in the
    text. Only officials holding people.view_household over the village find it."""
    representative = household.representative
    title = household.code
    if representative is not None:
        title = f"{household.code} — {representative.full_name}"
    village = household.village
    body = SEPARATOR.join(
        part for part in [household.address, village.name, *_ancestor_names(village)] if part
    )
    return SearchDocument(
        title=title,
        body=body,
        unit=village,
        url=reverse("people:household_detail", args=[household.pk]),
        public=False,
    )


def _units():
    return Unit.objects.select_related("parent__parent__parent")


def _households():
    return Household.objects.select_related("representative", "village__parent__parent__parent")


def register_core_kinds() -> None:
    register_kind(UNIT, label=_("Unit"), permission=None, document=unit_document, queryset=_units)
    register_kind(
        HOUSEHOLD,
        label=_("Household"),
        permission=VIEW_HOUSEHOLD,
        document=household_document,
        queryset=_households,
    )
