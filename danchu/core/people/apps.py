from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "danchu.core.people"
    label = "people"
    verbose_name = _("People and households")

    def ready(self) -> None:
        from danchu.core.audit.registry import register_actions
        from danchu.core.people import permissions  # noqa: F401  (registers permissions)

        register_actions(
            {
                "people.household_created": _("Household created"),
                "people.household_updated": _("Household updated"),
                "people.household_member_added": _("Household member added"),
                "people.households_imported": _("Household register imported"),
            }
        )
