"""What the ballots step registers when the app is ready: audit actions, permissions, the Mẫu 04
counting minutes and its panels on the matter page (the ballots; the commune's villages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.core.audit.registry import register_actions


def register() -> None:
    from danchu.core.documents.registry import register_document_type
    from danchu.decisions import permissions_ballots
    from danchu.decisions.documents_ballots import build_ballot_counting_minutes
    from danchu.decisions.panels import register_panel
    from danchu.decisions.services_ballots import COUNTING_MINUTES
    from danchu.decisions.views_ballots import ballots_panel_context, commune_panel_context

    permissions_ballots.register_permissions()
    register_actions(
        {
            "decisions.ballot_plan_created": _("Ballot plan issued"),
            "decisions.ballot_team_set": _("Ballot team set up"),
            "decisions.ballots_issued": _("Household ballots issued"),
            "decisions.ballots_counted": _("Household ballots counted"),
        }
    )
    register_document_type(
        COUNTING_MINUTES,
        label=_("Counting minutes of household ballots (Mẫu 04)"),
        build=build_ballot_counting_minutes,
    )
    register_panel("ballots", "decisions/ballots/panel.html", ballots_panel_context, order=30)
    register_panel(
        "commune_villages", "decisions/ballots/commune_panel.html", commune_panel_context, order=5
    )
