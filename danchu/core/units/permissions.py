"""Permissions over units. A unit's public page is public (Dân biết); changing the tree is for
the officials of the commune (or province) above it."""

from danchu.core.access import roles
from danchu.core.access.predicates import anyone, holds_role_over
from danchu.core.access.registry import register

VIEW_UNIT = "units.view_unit"
ADD_VILLAGE = "units.add_village"
ADD_ORGANISATION = "units.add_organisation"

manages_tree = holds_role_over(roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER, roles.PROVINCE_OFFICER)

register(VIEW_UNIT, anyone)
register(ADD_VILLAGE, manages_tree)
register(ADD_ORGANISATION, manages_tree)
