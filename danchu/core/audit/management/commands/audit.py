"""`danchu audit verify`: walk the hash chain and name the first broken event."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danchu.core.audit.services import audit_verify


class Command(BaseCommand):
    help = "Audit trail tools. `verify` walks the hash chain and names the first broken event."

    def add_arguments(self, parser) -> None:
        parser.add_argument("subcommand", choices=["verify"])

    def handle(self, *args, **options) -> None:
        checked, broken = audit_verify()
        if broken is not None:
            reasons = {
                "previous_hash": _("its link to the previous event does not match"),
                "hash": _("its content no longer matches its hash"),
            }
            raise CommandError(
                _(
                    "Audit chain broken at event #%(id)s: %(reason)s "
                    "(%(checked)s events intact before it)."
                )
                % {"id": broken.event_id, "reason": reasons[broken.reason], "checked": checked}
            )
        self.stdout.write(
            _("Audit chain intact: %(checked)s events verified.") % {"checked": checked}
        )
