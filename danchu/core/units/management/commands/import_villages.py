"""`danchu import-villages FILE`: add villages under communes from CSV or XLSX."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danchu.common.tabular import TabularFileError
from danchu.core.units.importers import import_villages


class Command(BaseCommand):
    help = "Add villages (thôn, tổ dân phố) under communes from a CSV or XLSX file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:
        try:
            result = import_villages(options["file"])
        except TabularFileError as exc:
            raise CommandError(str(exc)) from exc
        if result.errors:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(
                _("%(count)s bad row(s); nothing was imported.") % {"count": len(result.errors)}
            )
        self.stdout.write(
            _("Villages: %(created)s created, %(unchanged)s already present.")
            % {"created": result.created, "unchanged": result.unchanged}
        )
