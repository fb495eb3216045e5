"""What the elections step registers when the app is ready: audit actions, permissions, the
candidate-list document type (Mẫu 05), the recognition hooks for village_head and board_member
matters (ND 59/2023 Arts 8, 9(3)) and its panel on the matter page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danchu.core.audit.registry import register_actions


def election_panel_context(request: HttpRequest, matter: Any) -> dict[str, Any] | None:
    """A link from a village_head or board_member matter to its election or dismissal."""
    from danchu.core.access.registry import has_perm
    from danchu.decisions.access_elections import election_is_public
    from danchu.decisions.domain import rules
    from danchu.decisions.models import Dismissal, Election
    from danchu.decisions.permissions_elections import VIEW_ELECTIONS

    if matter.kind not in (rules.VILLAGE_HEAD, rules.BOARD_MEMBER):
        return None
    is_official = has_perm(request.user, VIEW_ELECTIONS, matter)
    election = Election.objects.filter(matter=matter).first()
    if election is not None:
        if not (is_official or election_is_public(election)):
            return None
        return {"election": election, "dismissal": None}
    dismissal = Dismissal.objects.filter(matter=matter).first()
    if dismissal is not None and is_official:
        return {"election": None, "dismissal": dismissal}
    return None


def register() -> None:
    from danchu.core.documents.registry import register_document_type
    from danchu.decisions import outcome_hooks, permissions_elections
    from danchu.decisions.documents_elections import build_candidate_list
    from danchu.decisions.domain import rules
    from danchu.decisions.panels import register_panel
    from danchu.decisions.services_elections import (
        CANDIDATE_LIST,
        election_not_recognised,
        election_recognised,
    )

    permissions_elections.register_permissions()
    register_actions(
        {
            "decisions.election_created": _("Election planned"),
            "decisions.election_team_set": _("Election team set up"),
            "decisions.candidate_added": _("Candidate added"),
            "decisions.candidates_sent": _("Candidate list sent to the commune"),
            "decisions.election_notice_posted": _("Election publicly posted"),
            "decisions.candidate_votes_recorded": _("Votes for a candidate recorded"),
            "decisions.election_closed": _("Election decided"),
            "decisions.took_office": _("Elected person took office on recognition"),
            "decisions.rerun_ordered": _("Re-election ordered"),
            "decisions.dismissal_opened": _("Dismissal of a village head opened"),
            "decisions.dismissal_recognised": _("Dismissal of a village head recognised"),
            "decisions.new_election_ordered": _("New election ordered after a dismissal"),
            "decisions.interim_head_appointed": _("Interim village head appointed"),
        }
    )
    register_document_type(
        CANDIDATE_LIST,
        label=_("Candidate-list minutes (Form 05)"),
        build=build_candidate_list,
    )
    for kind in (rules.VILLAGE_HEAD, rules.BOARD_MEMBER):
        outcome_hooks.on_outcome("recognised", kind, election_recognised)
        outcome_hooks.on_outcome("refused", kind, election_not_recognised)
        outcome_hooks.on_outcome("annulled", kind, election_not_recognised)
    register_panel("elections", "decisions/elections/panel.html", election_panel_context, order=80)
    from danchu.core.units.links import register_unit_link

    register_unit_link(
        "decisions.elections",
        _("Village head elections and dismissals"),
        "decisions:elections_unit",
        permission=permissions_elections.VIEW_ELECTIONS,
        levels=("commune", "village"),
        official=True,
    )
