from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danchu.core.documents"
    label = "documents"
    verbose_name = _("Official documents")

    def ready(self) -> None:
        from danchu.core.audit.registry import register_actions
        from danchu.core.documents import permissions  # noqa: F401  (registers permissions)
        from danchu.core.documents.standard_types import register_standard_types

        register_actions({"documents.generated": _("Official document generated")})
        register_standard_types()
