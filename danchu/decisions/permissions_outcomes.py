"""Who recognises, refuses, annuls and follows the community's decisions (Law 10/2022 Arts
16(3), 21(2), 22, 23).

The commune People's Committee (its chair, and its officers who prepare its papers) recognises
the village code and the village head, sets the effective date of commune-scope contributions,
annuls a decision or asks for its amendment; the commune Fatherland Front recognises the members
of the inspection and supervision boards. All of them follow the villages' decisions. Below 10%
of consenting households, the village Front work committee's head approves a residents'
initiative. Decisions of adopted matters and their papers are published (ND 59/2023 Art.
5(4)(b); Art. 23(2)).
"""

from danchu.core.access import roles
from danchu.core.access.predicates import anyone, holds_role_over
from danchu.core.access.registry import register
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


def register_permissions() -> None:
    register(COMMUNE_COMMITTEE_ACTS, _committee)
    register(COMMUNE_FRONT_ACTS, _front)
    register(FOLLOW_DECISIONS, _follow)
    register(APPROVE_INITIATIVE, _front_committee_head)
    register(VIEW_OUTCOME_DOCUMENTS, anyone)
