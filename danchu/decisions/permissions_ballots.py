"""Permissions of the ballots and online-voting steps (Law 10/2022 Art. 19(2); ND 59/2023 Arts
4(2)–(3), 5(2)).

MANAGE_BALLOTS: the plan, the ballot team, issuing and printing the ballots — the village head
and the Front work committee head write the plan together (ND 59 Art. 4(2)); the commune chair
and the commune Front for a commune-scope matter (Art. 19(1)(a)).
MANAGE_ONLINE: the online voting team and the poll's progress (ND 59 Art. 5(2)(b)), the same
officials.
VIEW_COMMUNE_TALLY: the commune's officials follow the villages' results of a commune-scope
matter while it is open; once it is closed the result is public (VIEW_RESULTS).
"""

from danchu.core.access import roles
from danchu.core.access.predicates import holds_role_over
from danchu.core.access.registry import register

MANAGE_BALLOTS = "decisions.manage_ballots"
MANAGE_ONLINE = "decisions.manage_online"
VIEW_COMMUNE_TALLY = "decisions.view_commune_tally"

_village_and_front = holds_role_over(
    roles.VILLAGE_HEAD, roles.FRONT_COMMITTEE_HEAD, roles.COMMUNE_CHAIR, roles.COMMUNE_FRONT
)
_commune_officials = holds_role_over(
    roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER, roles.COMMUNE_FRONT
)


def register_permissions() -> None:
    register(MANAGE_BALLOTS, _village_and_front)
    register(MANAGE_ONLINE, _village_and_front)
    register(VIEW_COMMUNE_TALLY, _commune_officials)
