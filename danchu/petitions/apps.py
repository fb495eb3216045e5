from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "danchu.petitions"
    label = "petitions"
    verbose_name = _("Petitions, complaints and denunciations")

    def ready(self) -> None:
        from danchu.petitions import (
            intake_setup,
            links_setup,
            permissions,
            reception_setup,
            workflow_setup,
        )

        permissions.register_permissions()
        for step in (intake_setup, workflow_setup, reception_setup):
            step.register()
        links_setup.register()
