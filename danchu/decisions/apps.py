from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "danchu.decisions"
    label = "decisions"
    verbose_name = _("Community decisions (Dân bàn và quyết định)")

    def ready(self) -> None:
        from danchu.core.audit.registry import register_actions
        from danchu.decisions import permissions

        permissions.register_permissions()
        from danchu.core.units.links import register_unit_link

        register_unit_link(
            "decisions.village_matters",
            _("Community decisions"),
            "decisions:village_matters",
            permission=permissions.VIEW_RESULTS,
            levels=("village",),
        )
        register_actions(
            {
                "decisions.matter_created": _("Matter proposed"),
                "decisions.matter_opened": _("Voting on a matter opened"),
                "decisions.vote_recorded": _("Household vote recorded"),
                "decisions.matter_closed": _("Voting on a matter closed"),
                "decisions.front_agreed": _("Front head's agreement recorded"),
                "decisions.consent_recorded": _("Household consent to an initiative recorded"),
            }
        )
        from danchu.decisions import (
            ballots_setup,
            elections_setup,
            meetings_setup,
            online_setup,
            outcomes_setup,
            village_codes_setup,
        )

        for step in (
            meetings_setup,
            ballots_setup,
            online_setup,
            outcomes_setup,
            village_codes_setup,
            elections_setup,
        ):
            step.register()
