"""`danchu import-units`: all 34 provinces and 3,321 commune-level units, idempotent."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from danchu.core.units.services import units_import_official


class Command(BaseCommand):
    help = "Import provinces and commune-level units from the vietnam-provinces package."

    def handle(self, *args, **options) -> None:
        counts = units_import_official()
        self.stdout.write(
            _("Units: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % counts.as_dict()
        )
