"""Who may see a meeting's records and approve a cluster plan (Law 10/2022 Art. 18(3); ND
59/2023 Art. 3(6)).

The village head convenes and runs the meeting (RUN_MATTERS); the village head, the Front work
committee head and the commune's chair and Front record attendance and counts (RECORD_VOTES).
The commune People's Committee decides a cluster plan: its chair or officers approve it.
"""

from danchu.core.access import roles
from danchu.core.access.predicates import holds_role_over
from danchu.core.access.registry import register

APPROVE_CLUSTER_PLAN = "decisions.approve_cluster_plan"
VIEW_MEETING_RECORDS = "decisions.view_meeting_records"

_approve_cluster_plan = holds_role_over(roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER)
# The attendance register names households: officials of the village and its commune only.
_view_meeting_records = holds_role_over(
    roles.VILLAGE_HEAD,
    roles.FRONT_COMMITTEE_HEAD,
    roles.COMMUNE_CHAIR,
    roles.COMMUNE_OFFICER,
    roles.COMMUNE_FRONT,
)


def register_permissions() -> None:
    register(APPROVE_CLUSTER_PLAN, _approve_cluster_plan)
    register(VIEW_MEETING_RECORDS, _view_meeting_records)
