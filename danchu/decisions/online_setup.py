"""What the online-voting step registers when the app is ready: audit actions and its panel on
the matter page (the poll on voting online). Its permissions are registered with the ballots
step's (danchu.decisions.permissions_ballots)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.core.audit.registry import register_actions


def register() -> None:
    from danchu.decisions import permissions_ballots
    from danchu.decisions.panels import register_panel
    from danchu.decisions.views_online import online_panel_context

    permissions_ballots.register_permissions()
    register_actions(
        {
            "decisions.online_team_set": _("Online voting team set up"),
            "decisions.poll_opened": _("Poll on voting online started"),
            "decisions.poll_answered": _("Answer to the poll on voting online recorded"),
            "decisions.poll_closed": _("Poll on voting online closed"),
            "decisions.matter_form_changed": _("Form of decision changed"),
        }
    )
    register_panel("online", "decisions/online/panel.html", online_panel_context, order=20)
