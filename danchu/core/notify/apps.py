from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "danchu.core.notify"
    label = "notify"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from danchu.core.audit.registry import register_actions
        from danchu.core.notify import permissions  # noqa: F401  (registers permissions)
        from danchu.core.notify.domain.preferences import EMAIL, IN_APP
        from danchu.core.notify.registry import register_notification_kind

        register_actions(
            {
                "notify.fanout_started": _("Notification to many people started"),
                "notify.preferences_changed": _("Notification preferences changed"),
            }
        )
        register_notification_kind(
            ANNOUNCEMENT,
            _("Announcements from your commune or village"),
            urgent=False,
            default_channels=(IN_APP, EMAIL),
        )


ANNOUNCEMENT = "notify.announcement"
