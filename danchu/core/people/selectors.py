"""Scoped reads over households."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from danchu.common.text import fold
from danchu.core.access.registry import scope_queryset
from danchu.core.people.models import Household, HouseholdMember
from danchu.core.people.permissions import VIEW_HOUSEHOLD
from danchu.core.units.models import Unit


def households_visible_to(actor: Any) -> QuerySet[Household]:
    return scope_queryset(actor, VIEW_HOUSEHOLD, Household.objects.all(), "village__path")


def households_in_unit(actor: Any, unit: Unit, *, query: str = "") -> QuerySet[Household]:
    """Current households in ``unit`` (a village, or every village of a commune) that the actor
    may see, with their village and representative."""
    qs = (
        households_visible_to(actor)
        .current()
        .filter(village__path__startswith=unit.path)
        .select_related("village")
        # Fetched for the page only: joining persons before the sort would touch every row.
        .prefetch_related("representative")
        .order_by("village__path", "code")
    )
    if query:
        folded = fold(query)
        qs = qs.filter(
            Q(code__icontains=query)
            | Q(representative__full_name_folded__contains=folded)
            | Q(address__icontains=query)
        )
    return qs


def attach_member_counts(households: list[Household]) -> list[Household]:
    """Set ``member_count`` on each household of a page, with one query for the whole page
    (counting in the list query would group every household before the page is cut)."""
    counts = dict(
        HouseholdMember.objects.filter(
            household_id__in=[h.pk for h in households], left_on__isnull=True
        )
        .values("household_id")
        .annotate(n=Count("id"))
        .values_list("household_id", "n")
    )
    for household in households:
        household.member_count = counts.get(household.pk, 0)
    return households


def current_members(household: Household) -> QuerySet[HouseholdMember]:
    return (
        household.memberships.filter(left_on__isnull=True).select_related("person").order_by("id")
    )
