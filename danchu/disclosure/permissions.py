"""Permissions of the disclosure pillar (one registry for pages, partials, API and services).

Published publications are public (Dân biết); drafts, proofs and requests are for the unit's
officials. A village head confirms relays for their own village.
"""

from danchu.core.access import roles
from danchu.core.access.predicates import anyone, holds_role_over
from danchu.core.access.registry import register

VIEW_PUBLISHED = "disclosure.view_published"
MANAGE_PUBLICATIONS = "disclosure.manage_publications"
CONFIRM_RELAY = "disclosure.confirm_relay"
VIEW_COMPLIANCE = "disclosure.view_compliance"
HANDLE_REQUESTS = "disclosure.handle_requests"

publishers = holds_role_over(
    roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER, *roles.ORGANISATION_LEADERS
)


def register_permissions() -> None:
    register(VIEW_PUBLISHED, anyone)
    register(MANAGE_PUBLICATIONS, publishers)
    register(CONFIRM_RELAY, holds_role_over(roles.VILLAGE_HEAD))
    register(
        VIEW_COMPLIANCE,
        holds_role_over(
            *roles.LOCAL_OFFICIALS,
            *roles.ORGANISATION_LEADERS,
            roles.PROVINCE_OFFICER,
            roles.STEERING_MEMBER,
        ),
    )
    register(HANDLE_REQUESTS, publishers)
