"""Send the daily digest now (the huey consumer sends it every day at 07:00 on its own)."""

from django.core.management.base import BaseCommand

from danchu.core.notify.services import digest_send


class Command(BaseCommand):
    help = "Send every person their notifications waiting for the daily digest."

    def handle(self, *args, **options) -> None:
        report = digest_send()
        self.stdout.write(
            f"{report.people} people, {report.notifications} notifications, "
            f"{report.messages} messages"
        )
