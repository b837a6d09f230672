from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "maillage.search"
    label = "search"
    verbose_name = _("Recherche")

    def ready(self) -> None:
        from maillage.search import (
            checks,  # noqa: F401  (registers the system checks)
            signals,  # noqa: F401  (connects the receivers)
        )
