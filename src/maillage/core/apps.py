from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "maillage.core"
    label = "core"
    verbose_name = "Maillage"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from maillage.core import checks  # noqa: F401  (registers the system checks)
        from maillage.core.sessions import session_stamp_at_sign_in

        user_logged_in.connect(session_stamp_at_sign_in, dispatch_uid="maillage-session-stamp")
