"""What the village codes step registers when the app is ready: audit actions, permissions,
document types (ND 61/2023 Mẫu 01, 03, 04, 05), the outcome hooks, the receiver that follows
the households' vote, its panel on the matter page and its links on unit pages."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from danchu.core.audit.registry import register_actions

ACTIONS = {
    "decisions.village_code_created": _("Village code drafted"),
    "decisions.village_code_edited": _("Village code draft edited"),
    "decisions.village_code_posted": _("Village code draft posted for comment"),
    "decisions.village_code_put_to_vote": _("Village code put to the households' vote"),
    "decisions.village_code_adopted": _("Village code adopted by the households"),
    "decisions.village_code_not_adopted": _("Village code not adopted by the households"),
    "decisions.village_code_dossier_sent": _("Village code recognition dossier sent"),
    "decisions.village_code_recognised": _("Village code recognised"),
    "decisions.village_code_refused": _("Village code recognition refused"),
    "decisions.village_code_recognition_issued": _("Village code recognition decision issued"),
    "decisions.village_code_report_received": _("Report on a village code received"),
    "decisions.village_code_suspended": _("Village code suspended"),
    "decisions.village_code_abolished": _("Village code abolished"),
    "decisions.village_code_reviewed": _("Village code yearly review recorded"),
    "decisions.village_code_review_day_set": _("Village code yearly review day agreed"),
}


def register() -> None:
    from danchu.core.units.links import register_unit_link
    from danchu.decisions import outcome_hooks, services_village_codes
    from danchu.decisions.documents_village_codes import register_documents
    from danchu.decisions.domain.rules import VILLAGE_CODE
    from danchu.decisions.models import Matter
    from danchu.decisions.panels import register_panel
    from danchu.decisions.permissions_village_codes import (
        SEE_DRAFTS,
        VIEW_CODES,
        register_permissions,
    )
    from danchu.decisions.views_village_codes import matter_panel_context

    register_actions(ACTIONS)
    register_permissions()
    register_documents()
    outcome_hooks.on_outcome("recognised", VILLAGE_CODE, services_village_codes.on_recognised)
    outcome_hooks.on_outcome("refused", VILLAGE_CODE, services_village_codes.on_refused)
    outcome_hooks.on_outcome("annulled", VILLAGE_CODE, services_village_codes.on_annulled)
    post_save.connect(
        services_village_codes.matter_saved,
        sender=Matter,
        dispatch_uid="decisions_village_code_follows_matter",
    )
    register_panel(
        "village_codes", "decisions/village_codes/panel.html", matter_panel_context, order=60
    )
    register_unit_link(
        "decisions.village_codes",
        _("Village codes"),
        "decisions:village_codes_list",
        permission=VIEW_CODES,
        levels=("village",),
    )
    register_unit_link(
        "decisions.village_codes_commune",
        _("Village codes: reports, deadlines and reviews"),
        "decisions:village_codes_commune",
        permission=SEE_DRAFTS,
        levels=("commune",),
        official=True,
    )
