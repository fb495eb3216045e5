from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "danchu.core.access"
    label = "access"
    verbose_name = _("Access")

    def ready(self) -> None:
        from danchu.core.audit.registry import register_actions

        register_actions(
            {
                "access.api_token_created": _("API token created"),
                "access.totp_confirmed": _("Two-factor device confirmed"),
            }
        )
