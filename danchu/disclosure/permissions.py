"""Permissions of the disclosure pillar (one registry for pages, partials, API and services).

What a commune-level authority publishes is public (Dân biết, Law 10/2022 Art. 11). What an
agency or an enterprise publishes is internal (Arts 46, 64): for the people who work there and
its leaders. Each unit publishes for itself: commune officials do not act for the agencies and
enterprises under their commune. A village head confirms relays for their own village.
"""

from danchu.core.access import roles
from danchu.core.access.predicates import at_level, holds_role_over, works_at
from danchu.core.access.registry import register

VIEW_PUBLISHED = "disclosure.view_published"
MANAGE_PUBLICATIONS = "disclosure.manage_publications"
CONFIRM_RELAY = "disclosure.confirm_relay"
VIEW_COMPLIANCE = "disclosure.view_compliance"
HANDLE_REQUESTS = "disclosure.handle_requests"

COMMUNE_LEVEL = ("province", "commune", "village")
ORGANISATION = ("organisation",)

publishers = (
    at_level(*COMMUNE_LEVEL) & holds_role_over(roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER)
) | (at_level(*ORGANISATION) & holds_role_over(*roles.ORGANISATION_LEADERS))
readers = at_level(*COMMUNE_LEVEL) | (
    at_level(*ORGANISATION)
    & (works_at | holds_role_over(*roles.ORGANISATION_LEADERS, roles.TRADE_UNION))
)


def register_permissions() -> None:
    register(VIEW_PUBLISHED, readers)
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
