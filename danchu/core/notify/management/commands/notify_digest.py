"""Send the daily digest now (the huey consumer sends it every day at 07:00 on its own)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from danchu.core.notify.services import digest_send


class Command(BaseCommand):
    help = "Send every person their notifications waiting for the daily digest."

    def handle(self, *args, **options) -> None:
        report = digest_send()
        self.stdout.write(
            _("%(people)s people, %(notifications)s notifications, %(messages)s messages")
            % {
                "people": report.people,
                "notifications": report.notifications,
                "messages": report.messages,
            }
        )
