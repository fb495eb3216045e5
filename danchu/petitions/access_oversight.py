"""The only way the oversight pages fetch units and cases (a 404 for anything not overseen)."""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.models import Unit
from danchu.petitions.domain.deadlines import DENUNCIATION
from danchu.petitions.models import Case
from danchu.petitions.permissions import SUPERVISE
from danchu.petitions.services_oversight import superior_of


def access_superior_unit(actor: Any, code: str) -> Unit:
    """A unit whose oversight the actor holds (``petitions.supervise``); 404 otherwise."""
    return access_unit_by_code(actor, code, permission=SUPERVISE)


def access_overseen_case(actor: Any, case_id: int) -> Case:
    """A denunciation of a body directly under a unit the actor oversees; 404 otherwise."""
    case = (
        Case.objects.select_related("unit", "unit__parent")
        .filter(pk=case_id, kind=DENUNCIATION)
        .first()
    )
    superior = superior_of(case) if case is not None else None
    if superior is None or not has_perm(actor, SUPERVISE, superior):
        raise not_found()
    return case
