from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "maillage.core"
    label = "core"
    verbose_name = "Maillage"

    def ready(self) -> None:
        from maillage.core import checks  # noqa: F401  (registers the system checks)
