"""`danchu demo`: build the demo commune (idempotent) and print the logins."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from danchu.demo.builder import build_demo


class Command(BaseCommand):
    help = "Build a realistic demo commune in a real province, with one login per persona."

    def handle(self, *args, **options) -> None:
        personas = build_demo()
        self.stdout.write(
            _("Demo logins (password: %(password)s):") % {"password": settings.DANCHU_DEMO_PASSWORD}
        )
        for persona in personas:
            self.stdout.write(f"  {persona.phone}  {persona.label}")
