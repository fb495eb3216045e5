"""Who may notify many people at once.

Officials notify the people of the units they serve: commune leaders, officers and the commune
Front (the whole commune), the village head and the village Front work committee head (their
village), agency heads and employers (their organisation). Sending to one or a few people is
not a permission of its own: pillars call ``notify_send`` from services that have already
authorised the act the notification is about.
"""

from danchu.core.access import roles
from danchu.core.access.predicates import holds_role_over
from danchu.core.access.registry import register

SEND_FANOUT = "notify.send_fanout"

register(SEND_FANOUT, holds_role_over(*roles.LOCAL_OFFICIALS, *roles.ORGANISATION_LEADERS))
