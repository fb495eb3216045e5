from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "danchu.core.calendar"
    label = "workcalendar"
    verbose_name = _("Working-day calendar")

    def ready(self) -> None:
        from danchu.core.calendar import signals  # noqa: F401
