"""What the village codes step registers when the app is ready: audit actions, permissions,
document types and its panel on the matter page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.core.audit.registry import register_actions


def register() -> None:
    register_actions(
        {
            "decisions.village_code_created": _("Village code drafted"),
        }
    )
