"""Fetching community decisions, the commune's list and residents' initiatives for pages: a
404 for anyone without the permission, so nobody learns what exists elsewhere."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.units.models import Unit
from danchu.decisions.models import CommunityDecision, Matter, MatterOrigin
from danchu.decisions.permissions_outcomes import (
    BODY_PERMISSION,
    COMMUNE_COMMITTEE_ACTS,
    FOLLOW_DECISIONS,
)


def _decision_of_matter(matter_id: int) -> CommunityDecision | None:
    return (
        CommunityDecision.objects.select_related("matter", "matter__unit", "matter__unit__parent")
        .filter(matter_id=matter_id)
        .first()
    )


def access_decision_by_matter_id(
    actor: Any, matter_id: int, *, permission: str
) -> CommunityDecision:
    """The decision of matter ``matter_id`` if the actor holds ``permission`` over it."""
    decision = _decision_of_matter(matter_id)
    if decision is None or not has_perm(actor, permission, decision):
        raise not_found()
    return decision


def access_decision_for_answer(actor: Any, matter_id: int) -> CommunityDecision:
    """The decision for its recognising body (Art. 21(2)): the commune UBND for the village
    code and the village head, the commune Front for board members. A decision that needs no
    recognition is reached by the commune UBND, and the service says why nothing can be done."""
    decision = _decision_of_matter(matter_id)
    if decision is None:
        raise not_found()
    permission = BODY_PERMISSION.get(decision.recognising_body, COMMUNE_COMMITTEE_ACTS)
    if not has_perm(actor, permission, decision):
        raise not_found()
    return decision


def access_commune_by_code(actor: Any, code: str) -> Unit:
    """A commune whose decisions the actor follows (its UBND or its Front)."""
    unit = Unit.objects.select_related("parent").filter(code=code).first()
    if unit is None or not unit.is_commune or not has_perm(actor, FOLLOW_DECISIONS, unit):
        raise not_found()
    return unit


def access_initiative_by_id(actor: Any, matter_id: int, *, permission: str) -> Matter:
    """A residents' initiative (Art. 16(3)) if the actor holds ``permission`` over it."""
    matter = (
        Matter.objects.select_related("unit", "unit__parent")
        .filter(pk=matter_id, origin=MatterOrigin.INITIATIVE)
        .first()
    )
    if matter is None or not has_perm(actor, permission, matter):
        raise not_found()
    return matter
