from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "danchu.core.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from danchu.core.audit.registry import register_actions
        from danchu.core.search import signals  # noqa: F401  (connects the receivers)
        from danchu.core.search.kinds import register_core_kinds

        register_core_kinds()
        register_actions({"search.reindexed": _("Search index rebuilt")})
