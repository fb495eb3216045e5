"""Fetching elections and dismissals: a 404, never a 403, for anyone who may not see them.

An election's candidate list and results are public once the election is publicly posted
(ND 59/2023 Art. 6(1)); before that, and for dismissals, only the officials of the village and
of its commune see them.
"""

from __future__ import annotations

from typing import Any

from danchu.core.access.errors import not_found
from danchu.core.access.registry import has_perm
from danchu.decisions.models import Dismissal, Election
from danchu.decisions.permissions_elections import VIEW_ELECTIONS


def election_is_public(election: Election) -> bool:
    return election.notice_posted_on is not None


def access_election_by_id(
    actor: Any, election_id: int, *, permission: str | None = None
) -> Election:
    """The election if the actor holds ``permission`` over its village; without a permission:
    officials of the village or commune, or anyone once it is publicly posted."""
    election = (
        Election.objects.select_related("matter", "matter__unit", "matter__unit__parent")
        .filter(pk=election_id)
        .first()
    )
    if election is None:
        raise not_found()
    if permission is not None:
        if not has_perm(actor, permission, election):
            raise not_found()
        return election
    if not (election_is_public(election) or has_perm(actor, VIEW_ELECTIONS, election)):
        raise not_found()
    return election


def access_dismissal_by_id(
    actor: Any, dismissal_id: int, *, permission: str = VIEW_ELECTIONS
) -> Dismissal:
    dismissal = (
        Dismissal.objects.select_related("unit", "unit__parent", "matter")
        .filter(pk=dismissal_id)
        .first()
    )
    if dismissal is None or not has_perm(actor, permission, dismissal):
        raise not_found()
    return dismissal
