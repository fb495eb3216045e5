"""`danchu seed_publications --unit CODE --count N`: N published publications for benchmarks."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danchu.core.units.models import Unit
from danchu.disclosure.scale import bulk_publications


class Command(BaseCommand):
    help = "Bulk-create N published publications in a unit (benchmarks; bulk_create in batches)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="Unit code, e.g. 15271")
        parser.add_argument("--count", type=int, default=10000)
        parser.add_argument("--index", action="store_true", help="Also fill the search index.")

    def handle(self, *args, **options) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(_("No unit with the code %(code)s.") % {"code": options["unit"]})
        made = bulk_publications(unit, options["count"], index=options["index"])
        if not made:
            raise CommandError(
                _("%(unit)s has no catalogue items to publish under.") % {"unit": unit.name}
            )
        self.stdout.write(f"{made} publications created in {unit.code}.")
