"""`danchu reindex [--kind KIND]`: rebuild the search index (after bulk imports)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danchu.core.search.registry import UnknownSearchKind, registered_kinds
from danchu.core.search.services import search_reindex


class Command(BaseCommand):
    help = "Rebuild the search index, for every kind or one kind."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--kind",
            help=f"Only this kind ({', '.join(sorted(registered_kinds()))}).",
        )

    def handle(self, *args, **options) -> None:
        try:
            counts = search_reindex(options["kind"])
        except UnknownSearchKind as exc:
            raise CommandError(_("Unknown search kind: %(kind)s.") % {"kind": exc}) from exc
        for kind, count in counts.items():
            self.stdout.write(
                _("%(kind)s: %(count)s entries indexed.") % {"kind": kind, "count": count}
            )
