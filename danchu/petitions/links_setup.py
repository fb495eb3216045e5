"""Links of the petitions pillar on a unit's page (``core.units.links``): anyone may send
feedback, a recommendation, a complaint or a denunciation to a commune-level authority, an
agency or an enterprise (Law 10/2022/QH15 Arts 34–35; Law on Complaints Art. 17; Law on
Denunciations Arts 12–13) and read the posted reception schedule (Law on Citizen Reception
42/2013/QH13 Art. 24: communes and agencies receive citizens); the unit's officials open the
cases queue, and statistics viewers the statistics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.core.units.domain.kinds import Kind, Level

CASE_LEVELS = (Level.COMMUNE, Level.ORGANISATION)
RECEPTION_LEVELS = (Level.COMMUNE, Kind.AGENCY)


def register() -> None:
    from danchu.core.units.links import register_unit_link
    from danchu.petitions.permissions import HANDLE, SEND, VIEW_STATISTICS

    register_unit_link(
        "petitions.send",
        _("Send feedback or a complaint"),
        "petitions:intake_new",
        permission=SEND,
        levels=CASE_LEVELS,
    )
    register_unit_link(
        "petitions.reception",
        _("Reception schedule"),
        "petitions:reception_unit",
        permission=SEND,
        levels=RECEPTION_LEVELS,
    )
    register_unit_link(
        "petitions.queue",
        _("Cases"),
        "petitions:workflow_queue",
        permission=HANDLE,
        levels=CASE_LEVELS,
        official=True,
    )
    register_unit_link(
        "petitions.statistics",
        _("Petition statistics"),
        "petitions:workflow_statistics",
        permission=VIEW_STATISTICS,
        levels=CASE_LEVELS,
        official=True,
    )
