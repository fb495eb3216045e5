"""Who proposes, runs and records the community's decisions (Law 10/2022 Arts 16, 18–19).

Village scope: the village head proposes with the village Front work committee head (Art.
16(2)); the ballot team, led by the Front work committee's representative, records paper ballots
(Art. 19(2)). Commune scope: the commune chair with the commune Front (Art. 16(1)).
"""

from danchu.core.access import roles
from danchu.core.access.predicates import anyone, holds_role_over
from danchu.core.access.registry import register

VIEW_RESULTS = "decisions.view_results"
RUN_MATTERS = "decisions.run_matters"
RECORD_VOTES = "decisions.record_votes"


def register_permissions() -> None:
    # Results are published to the village (ND 59/2023 Art. 5(4)); drafts stay with RUN_MATTERS.
    register(VIEW_RESULTS, anyone)
    register(
        RUN_MATTERS,
        holds_role_over(roles.VILLAGE_HEAD, roles.COMMUNE_CHAIR),
    )
    register(
        RECORD_VOTES,
        holds_role_over(
            roles.VILLAGE_HEAD, roles.FRONT_COMMITTEE_HEAD, roles.COMMUNE_CHAIR, roles.COMMUNE_FRONT
        ),
    )
