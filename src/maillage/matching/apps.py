from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "maillage.matching"
    label = "matching"
    verbose_name = _("Mise en relation")

    def ready(self) -> None:
        from maillage.matching import signals

        signals.connect()
