from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "danchu.core.units"
    label = "units"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from danchu.core.audit.registry import register_actions
        from danchu.core.units import permissions, signals  # noqa: F401  (registers them)

        register_actions(
            {
                "units.imported": _("Administrative units imported"),
                "units.village_created": _("Village created"),
                "units.villages_imported": _("Villages imported"),
                "units.organisation_created": _("Agency or enterprise created"),
            }
        )
