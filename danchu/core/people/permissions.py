"""Permissions over households and persons.

Household registers hold personal data, so only the officials who work with them see them:
the commune's officials and Front (whole commune), and the village head and the village Front
work committee head (their own village). Province officers see indicators, not names
(docs/decisions/0003-who-sees-households.md).
"""

from danchu.core.access import roles
from danchu.core.access.predicates import holds_role_over
from danchu.core.access.registry import register

VIEW_HOUSEHOLD = "people.view_household"
MANAGE_HOUSEHOLD = "people.manage_household"

register(VIEW_HOUSEHOLD, holds_role_over(*roles.LOCAL_OFFICIALS))
register(MANAGE_HOUSEHOLD, holds_role_over(roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER))
