"""Who sees and who generates official papers.

A generated paper belongs to a unit. The officials who hold a role over that unit see it and
may generate papers for it: the commune's chair, officers and Front (the whole commune), the
village head and the village Front work committee head (their village), and the head,
employer or trade union of an agency or enterprise (that organisation). A document type may
name stricter permissions of its own when it registers.
"""

from danchu.core.access import roles
from danchu.core.access.predicates import holds_role_over
from danchu.core.access.registry import register

VIEW_DOCUMENT = "documents.view_document"
GENERATE_DOCUMENT = "documents.generate_document"

DOCUMENT_ROLES = (*roles.LOCAL_OFFICIALS, *roles.ORGANISATION_LEADERS, roles.TRADE_UNION)

_officials_of_the_unit = holds_role_over(*DOCUMENT_ROLES)
register(VIEW_DOCUMENT, _officials_of_the_unit)
register(GENERATE_DOCUMENT, _officials_of_the_unit)
