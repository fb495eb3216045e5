"""Permissions of the petitions pillar (one registry for pages, API, exports and services).

Anyone may send feedback, a recommendation, a complaint or a denunciation to a commune-level
authority, an agency or an enterprise, and follow it by its tracking code. The unit's leaders
and officers receive, classify and handle cases (Law on Complaints Art. 17; Law on
Denunciations Arts 12–13; Law on Citizen Reception Art. 15). Statistics, without personal data,
are also for the steering committees above. Unsealing a denouncer's identity is not a role: only
the case's assigned handler may, with a stated reason (checked in the sealing service).
"""

from danchu.core.access import roles
from danchu.core.access.predicates import anyone, holds_role_over
from danchu.core.access.registry import register

SEND = "petitions.send"
RECEIVE = "petitions.receive"
HANDLE = "petitions.handle"
VIEW_STATISTICS = "petitions.view_statistics"
MANAGE_RECEPTION = "petitions.manage_reception"

handlers = holds_role_over(roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER, *roles.ORGANISATION_LEADERS)


def register_permissions() -> None:
    register(SEND, anyone)
    register(RECEIVE, handlers)
    register(HANDLE, handlers)
    register(MANAGE_RECEPTION, handlers)
    register(
        VIEW_STATISTICS,
        handlers
        | holds_role_over(roles.COMMUNE_FRONT, roles.PROVINCE_OFFICER, roles.STEERING_MEMBER),
    )
