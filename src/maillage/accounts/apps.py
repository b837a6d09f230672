from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "maillage.accounts"
    label = "accounts"
    verbose_name = _("Comptes et organisations")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from maillage.accounts.two_factor import two_factor_flag_at_sign_in

        user_logged_in.connect(two_factor_flag_at_sign_in, dispatch_uid="maillage-2fa-flag")
