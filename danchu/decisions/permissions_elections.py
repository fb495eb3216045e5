"""Who plans, runs and sees village-head elections and dismissals (ND 59/2023 Arts 6–9).

The commune chair decides the plan with the commune Front (Art. 6(1)(a)) and receives the
dismissal trigger (Art. 9(1)); the commune People's Committee — its chair and officers — records
the election team, the candidate list's arrival, the public notice and the interim head (Arts
6, 9(3)). Opening a matter also needs ``RUN_MATTERS`` (``services.matter_create``), so planning
and opening a dismissal are, in effect, the commune chair's. On the day of the meeting those who
run the village's matters enter self-nominated candidates (``RUN_MATTERS``) and those who record
votes enter the count (``RECORD_VOTES``).
"""

from danchu.core.access import roles
from danchu.core.access.predicates import holds_role_over
from danchu.core.access.registry import register

PLAN_ELECTIONS = "decisions.plan_elections"
VIEW_ELECTIONS = "decisions.view_elections"


_commune_committee = holds_role_over(roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER)
# Officials of the village and of the commune see the whole file (team, timeline, dismissals);
# the public sees the candidate list and results once posted.
_local_officials = holds_role_over(*roles.LOCAL_OFFICIALS)


def register_permissions() -> None:
    register(PLAN_ELECTIONS, _commune_committee)
    register(VIEW_ELECTIONS, _local_officials)
