"""What the information-request area registers at startup (called from contributions.py)."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from danchu.core.notify.domain.preferences import EMAIL, IN_APP
    from danchu.core.notify.registry import register_notification_kind
    from danchu.disclosure.services_requests import NOTIFICATION_KIND, UPDATE_NOTIFICATION_KIND

    register_notification_kind(
        NOTIFICATION_KIND,
        _("Your information request was answered"),
        urgent=False,
        default_channels=(IN_APP, EMAIL),
    )
    register_notification_kind(
        UPDATE_NOTIFICATION_KIND,
        _("The deadline of your information request changed"),
        urgent=False,
        default_channels=(IN_APP, EMAIL),
    )
