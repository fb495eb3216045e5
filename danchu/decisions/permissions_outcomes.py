"""Who recognises, refuses, annuls and follows the community's decisions (Law 10/2022 Arts
16(3), 21(2), 22, 23).

The commune People's Committee (its chair, and its officers who prepare its papers) recognises
the village code and the village head, sets the effective date of commune-scope contributions,
annuls a decision or asks for its amendment; the commune Fatherland Front recognises the members
of the inspection and supervision boards. All of them follow the villages' decisions. Below 10%
of consenting households, the village Front work committee's head approves a residents'
initiative.

The content of a decision is public on the matter page (ND 59/2023 Art. 5(4)(b); Art. 23(2)).
Its papers are not: the Mẫu 03 of an online vote lists every participating representative's
name and permanent address (ND 59 Art. 5(4)(a)). The community decision, its recognition (the
generic one, and the ND 61 Mẫu 03 of a village code) and the written refusal are seen by the
officials over the decision's unit (the village's and its commune's; for a commune-scope
decision, also the officials of its villages) and by the residents of that unit: users whose
person is a member of a current household of the village (of one of the commune's villages,
for a commune-scope decision). Everyone else gets a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from danchu.core.access import roles
from danchu.core.access.predicates import NOTHING, Predicate, holds_role_over, unit_path_of
from danchu.core.access.registry import register
from danchu.core.access.roles import actor_scopes
from danchu.decisions.domain import outcomes as rules

COMMUNE_COMMITTEE_ACTS = "decisions.outcomes_commune_committee"
COMMUNE_FRONT_ACTS = "decisions.outcomes_commune_front"
FOLLOW_DECISIONS = "decisions.outcomes_follow"
APPROVE_INITIATIVE = "decisions.outcomes_approve_initiative"
VIEW_OUTCOME_DOCUMENTS = "decisions.outcomes_view_documents"

# The permission of each recognising body (Art. 21(2)).
BODY_PERMISSION = {
    rules.COMMUNE_COMMITTEE: COMMUNE_COMMITTEE_ACTS,
    rules.COMMUNE_FRONT: COMMUNE_FRONT_ACTS,
}

_committee = holds_role_over(roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER)
_front = holds_role_over(roles.COMMUNE_FRONT)
_follow = holds_role_over(roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER, roles.COMMUNE_FRONT)
_front_committee_head = holds_role_over(roles.FRONT_COMMITTEE_HEAD)
_local_officials = holds_role_over(*roles.LOCAL_OFFICIALS)


def _official_of(actor: Any, path: str) -> bool:
    """A local official over the unit at ``path`` (its own or its commune's), or of a unit
    below it (a commune-scope decision concerns the villages' officials too)."""
    return any(
        s.role in roles.LOCAL_OFFICIALS and (s.covers_path(path) or s.path.startswith(path))
        for s in actor_scopes(actor)
    )


def _resident_of(actor: Any, path: str) -> bool:
    """The actor's person is a current member of a current household of the unit at ``path``
    or of a village below it."""
    person_id = getattr(actor, "person_id", None)
    if not getattr(actor, "is_authenticated", False) or not person_id:
        return False
    from danchu.core.people.models import HouseholdMember

    return HouseholdMember.objects.filter(
        person_id=person_id,
        left_on__isnull=True,
        household__left_on__isnull=True,
        household__village__path__startswith=path,
    ).exists()


def may_see_decision_papers(actor: Any, unit: Any) -> bool:
    """Whether the actor sees the papers of a decision of ``unit`` (the matter's unit)."""
    path = unit_path_of(unit)
    if not path:
        return False
    return _official_of(actor, path) or _resident_of(actor, path)


def _unit_of_paper(document: Any) -> Any:
    """The unit of the decision a paper belongs to: the matter's unit of the community decision
    it is the paper, recognition or refusal of; for the ND 61 Mẫu 03 of an older village code
    kept only on the code, the code's village; else the paper's own unit."""
    from danchu.decisions.models import CommunityDecision, VillageCode

    pk = getattr(document, "pk", None)
    decision = (
        CommunityDecision.objects.filter(
            Q(document_id=pk) | Q(recognition_document_id=pk) | Q(refusal_document_id=pk)
        )
        .select_related("matter__unit")
        .first()
    )
    if decision is not None:
        return decision.matter.unit
    code = VillageCode.objects.filter(recognition_document_id=pk).select_related("unit").first()
    if code is not None:
        return code.unit
    return getattr(document, "access_unit", None)


def _check_papers(actor: Any, document: Any) -> bool:
    if document is None or not getattr(actor, "is_authenticated", False):
        return False
    return may_see_decision_papers(actor, _unit_of_paper(document))


def _papers_q(actor: Any, path_field: str) -> Q:
    """As a filter, only the officials' side (never wider than the check): papers of the units
    the actor holds a local role over."""
    if not getattr(actor, "is_authenticated", False):
        return NOTHING
    return _local_officials.q(actor, path_field)


# Built once: registering the same predicate object again is a no-op (ready() may run twice).
_decision_papers = Predicate("decision_papers", _check_papers, _papers_q)


def register_permissions() -> None:
    register(COMMUNE_COMMITTEE_ACTS, _committee)
    register(COMMUNE_FRONT_ACTS, _front)
    register(FOLLOW_DECISIONS, _follow)
    register(APPROVE_INITIATIVE, _front_committee_head)
    register(VIEW_OUTCOME_DOCUMENTS, _decision_papers)
