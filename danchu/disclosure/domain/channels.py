"""Channels of publicity (hình thức công khai).

Commune level: Law 10/2022 Art. 12(1); agencies: Art. 47(1); enterprises: Art. 65(1).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    POSTING_HQ = "posting_hq", _("Posted at the headquarters")
    POSTING_VILLAGE = "posting_village", _("Posted at village culture houses")
    WEBSITE = "website", _("Web portal or website")
    LOUDSPEAKER = "loudspeaker", _("Loudspeaker")
    VILLAGE_RELAY = "village_relay", _("Relayed by village heads")
    LETTER = "letter", _("Letters to citizens or written notice")
    CONFERENCE = "conference", _("Conference or dialogue")
    RECEPTION = "reception", _("Citizen reception, voter meetings, press")
    ORGANISATIONS = "organisations", _("Through socio-political organisations")
    SOCIAL_NETWORK = "social_network", _("Telecom networks or social networks")
    INTRANET = "intranet", _("Intranet or internal information system")
    STAFF_CONFERENCE = "staff_conference", _("Staff or workers' conference")
    UNIT_HEADS = "unit_heads", _("Through heads of units")
    TRADE_UNION = "trade_union", _("Through the party cell or trade union")
    OTHER = "other", _("Other")


# Channels whose proof is a posting record (biên bản niêm yết): where, from, until.
POSTING_CHANNELS = (Channel.POSTING_HQ, Channel.POSTING_VILLAGE)
