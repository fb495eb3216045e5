"""Send the deadline alerts and escalate overdue cases now (the huey consumer does it every day
at 06:30 on its own): ``danchu petitions_alerts``. Idempotent — each alert is sent once per
case and deadline (Law on Denunciations Art. 38; issue #7 item 3)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from danchu.petitions.services_workflow import petitions_alerts_run


class Command(BaseCommand):
    help = "Alert handlers and unit heads of cases close to their deadline; escalate overdue ones."

    def handle(self, *args, **options) -> None:
        report = petitions_alerts_run()
        self.stdout.write(
            _("%(near)s cases close to their deadline, %(overdue)s overdue cases escalated")
            % {"near": report.near, "overdue": report.overdue}
        )
