from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "danchu.core.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from danchu.core.audit.registry import register_actions

        register_actions(
            {
                "jobs.started": _("Background job started"),
                "jobs.retried": _("Background job retried"),
            }
        )
