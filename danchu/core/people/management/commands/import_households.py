"""`danchu import-households FILE [--skip-bad] [--report PATH]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.common.tabular import TabularFileError
from danchu.core.people.importers import import_households, write_bad_rows_report

STAGES = {
    "validate": gettext_noop("Checking rows"),
    "persons": gettext_noop("Writing persons"),
    "households": gettext_noop("Writing households"),
}


class Command(BaseCommand):
    help = "Import a household register (CSV in UTF-8 or XLSX), one row per person."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--skip-bad",
            action="store_true",
            help="Import the good households and write the bad rows to a report file.",
        )
        parser.add_argument("--report", type=Path, help="Where to write the bad rows (CSV).")

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stderr.write(f"{_(STAGES[stage])}: {done}/{total}")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        try:
            result = import_households(path, skip_bad=options["skip_bad"], progress=self.progress)
        except TabularFileError as exc:
            raise CommandError(str(exc)) from exc
        if result.file_error:
            raise CommandError(result.file_error)
        for bad in result.bad_rows:
            self.stderr.write(
                _("Line %(line)s: %(reason)s.") % {"line": bad.line, "reason": bad.reason}
            )
        if result.bad_rows and not options["skip_bad"]:
            raise CommandError(
                _("%(count)s bad row(s); nothing was imported. Fix them, or use --skip-bad.")
                % {"count": len(result.bad_rows)}
            )
        if result.bad_rows:
            report = options["report"] or path.with_name(f"{path.stem}.loi.csv")
            write_bad_rows_report(report, result.bad_rows)
            self.stderr.write(
                _("%(count)s row(s) not imported are listed in %(report)s.")
                % {"count": len(result.bad_rows), "report": report}
            )
        self.stdout.write(
            _("Imported %(households)s household(s) and %(persons)s person(s).")
            % {"households": result.households, "persons": result.persons}
        )
