"""Permissions of the petitions pillar (one registry for pages, API, exports and services).

Anyone may send feedback, a recommendation, a complaint or a denunciation to a commune-level
authority, an agency or an enterprise, and follow it by its tracking code. Each body receives,
classifies and handles its own cases and holds its own citizen reception (Law on Complaints
Art. 17; Law on Denunciations Arts 12–13; Law on Citizen Reception Art. 15): receiving,
handling and managing reception need a role held at the case's or schedule's unit itself —
the commune chair or a commune officer for the commune, the head of an agency or the employer
for an agency or enterprise. A commune's officials do not handle, nor even see, the cases or
the reception of an agency or enterprise under the commune (``holds_role_at``, never through
an ancestor). Statistics, without personal data, are also for the steering committees above
and for the commune's officials over the units below it (``holds_role_over``). Unsealing a
denouncer's identity is not a role: only the case's assigned handler may, with a stated reason
(checked in the sealing service). The superior body — the commune over its agencies and
enterprises, the province over its communes — oversees overdue denunciations of the bodies
directly under it (``SUPERVISE``, held over the superior's own unit; Law on Denunciations
Art. 38).
"""

from danchu.core.access import roles
from danchu.core.access.predicates import anyone, holds_role_at, holds_role_over
from danchu.core.access.registry import register

SEND = "petitions.send"
RECEIVE = "petitions.receive"
HANDLE = "petitions.handle"
VIEW_STATISTICS = "petitions.view_statistics"
MANAGE_RECEPTION = "petitions.manage_reception"
# Held over the superior body: the commune chair over the agencies and enterprises under the
# commune, the province's officers over the communes (Law on Denunciations Art. 38).
SUPERVISE = "petitions.supervise"

HANDLING_ROLES = (roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER, *roles.ORGANISATION_LEADERS)

# Those who receive and handle a unit's own cases and manage its reception.
handlers = holds_role_at(*HANDLING_ROLES)


def register_permissions() -> None:
    register(SEND, anyone)
    register(RECEIVE, handlers)
    register(HANDLE, handlers)
    register(MANAGE_RECEPTION, handlers)
    register(SUPERVISE, holds_role_at(roles.COMMUNE_CHAIR, roles.PROVINCE_OFFICER))
    register(
        VIEW_STATISTICS,
        holds_role_over(
            *HANDLING_ROLES, roles.COMMUNE_FRONT, roles.PROVINCE_OFFICER, roles.STEERING_MEMBER
        ),
    )
