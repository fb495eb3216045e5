"""Who does what with a village code (ND 61/2023/NĐ-CP; Law 10/2022 Art. 15(3)).

* The village head drafts the code, posts the draft, puts it to the households' vote, sends
  the recognition dossier and records the yearly review (ND 61 Arts 8–11, 15(4)).
* The commune People's Committee (its chair and officers) receives reports, suspends and
  abolishes codes (Arts 11–14).
* Everyone reads posted drafts and codes once adopted (publicity, Art. 9); a draft still being
  written is seen only by the village's officials and the commune's.
"""

from danchu.core.access import roles
from danchu.core.access.predicates import anyone, holds_role_over
from danchu.core.access.registry import register

VIEW_CODES = "decisions.view_village_codes"
SEE_DRAFTS = "decisions.see_village_code_drafts"
MANAGE_CODES = "decisions.manage_village_codes"
CONTROL_CODES = "decisions.control_village_codes"

# Built once: registering the same predicate object again is a no-op (ready() may run twice).
_PREDICATES = {
    VIEW_CODES: anyone,
    SEE_DRAFTS: holds_role_over(
        roles.VILLAGE_HEAD,
        roles.FRONT_COMMITTEE_HEAD,
        roles.COMMUNE_CHAIR,
        roles.COMMUNE_OFFICER,
        roles.COMMUNE_FRONT,
    ),
    MANAGE_CODES: holds_role_over(roles.VILLAGE_HEAD),
    CONTROL_CODES: holds_role_over(roles.COMMUNE_CHAIR, roles.COMMUNE_OFFICER),
}


def register_permissions() -> None:
    for name, predicate in _PREDICATES.items():
        register(name, predicate)
