"""`danchu create-api-token LOGIN NAME`: print a new API token for an integration."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danchu.core.access.backends import find_user_by_login
from danchu.core.access.tokens import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user (phone or e-mail). The token is shown only once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("login")
        parser.add_argument("name")

    def handle(self, *args, **options) -> None:
        user = find_user_by_login(options["login"])
        if user is None:
            raise CommandError(_("No user with the login %(login)s.") % {"login": options["login"]})
        _token, raw = api_token_create(actor=None, user=user, name=options["name"])
        self.stdout.write(raw)
