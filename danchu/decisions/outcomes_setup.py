"""What the outcomes step registers when the app is ready: audit actions, permissions,
document types, its panel on the matter page and the commune's list on the unit page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.core.audit.registry import register_actions


def register() -> None:
    from danchu.core.documents.registry import register_document_type
    from danchu.core.units.links import register_unit_link
    from danchu.decisions import documents_outcomes as docs
    from danchu.decisions import permissions_outcomes as perms
    from danchu.decisions.panels import register_panel
    from danchu.decisions.selectors_outcomes import outcome_panel_context

    perms.register_permissions()
    register_actions(
        {
            "decisions.decision_created": _("Community decision drawn up"),
            "decisions.decision_sent": _("Community decision sent to the commune"),
            "decisions.decision_received": _("Receipt of a community decision by the commune"),
            "decisions.decision_recognised": _("Community decision recognised"),
            "decisions.decision_refused": _("Recognition of a community decision refused"),
            "decisions.decision_effective_set": _("Effective date of a decision set"),
            "decisions.decision_annulled": _("Community decision annulled"),
            "decisions.amendment_requested": _("Amendment of a community decision requested"),
            "decisions.amendment_proposed": _("Amendment of a community decision proposed"),
            "decisions.initiative_front_approved": _(
                "Residents' initiative approved by the Front work committee"
            ),
        }
    )
    # The decision's content is public on the matter page (ND 59/2023 Art. 5(4)(b)); its papers
    # (an online vote's lists every voter's name and address) are for the officials over the
    # unit and its residents (permissions_outcomes). Only the unit's officials generate them.
    register_document_type(
        docs.COMMUNITY_DECISION,
        label=_("Community decision"),
        build=docs.build_community_decision,
        view_permission=perms.VIEW_OUTCOME_DOCUMENTS,
    )
    register_document_type(
        docs.RECOGNITION,
        label=_("Recognition of a community decision"),
        build=docs.build_recognition,
        view_permission=perms.VIEW_OUTCOME_DOCUMENTS,
    )
    register_document_type(
        docs.RECOGNITION_REFUSAL,
        label=_("Written answer refusing recognition"),
        build=docs.build_recognition_refusal,
        view_permission=perms.VIEW_OUTCOME_DOCUMENTS,
    )
    register_panel("outcomes", "decisions/outcomes/panel.html", outcome_panel_context, order=80)
    register_unit_link(
        "decisions.outcomes_commune",
        _("Community decisions of the commune"),
        "decisions:outcomes_commune",
        permission=perms.FOLLOW_DECISIONS,
        levels=("commune",),
        official=True,
    )
