"""What the intake step registers when the app is ready: audit actions, document types,
notification kinds, search kinds."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.core.audit.registry import register_actions


def register() -> None:
    register_actions({"petitions.intake_placeholder": _("Petitions: intake")})
