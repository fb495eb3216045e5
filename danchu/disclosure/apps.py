from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "danchu.disclosure"
    label = "disclosure"
    verbose_name = _("Disclosure (Dân biết)")

    def ready(self) -> None:
        from danchu.disclosure import contributions

        contributions.register_all()
