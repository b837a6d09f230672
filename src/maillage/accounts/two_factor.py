"""Optional two-factor authentication (TOTP, with single-use recovery codes), on django-otp.

Offered to everyone, recommended to facilitators and staff (their accounts see every
contact of a territory). Once a person has a confirmed device, a sign-in with the password
alone is not enough: ``RequireVerifiedMiddleware`` sends them to the verification page until
a code from their app (or a recovery code) is given. Codes are checked by django-otp, which
also slows down repeated failures on each device; the page is rate-limited on top.

Services here are the one write path for devices: ``two_factor_start``, ``two_factor_confirm``,
``two_factor_disable``.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable

import segno
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.accounts.models import User
from maillage.core.errors import DomainError

DEVICE_NAME = "maillage"
RECOVERY_CODES = 10


def two_factor_enabled(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def two_factor_pending_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()


def two_factor_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for ``user`` (replacing an earlier unconfirmed one)."""
    if two_factor_enabled(user):
        raise DomainError(_("La double authentification est déjà active."), code="already_on")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def two_factor_confirm(*, user: User, token: str) -> list[str]:
    """Confirm the pending authenticator with a code from the app; return the recovery
    codes, shown once (only their hashes' devices keep them afterwards)."""
    device = two_factor_pending_device(user)
    if device is None:
        raise DomainError(_("Commencez par activer la double authentification."), code="none")
    if not device.verify_token(token.strip().replace(" ", "")):
        raise DomainError(
            _("Code incorrect. Vérifiez l'heure de votre téléphone et saisissez le code affiché."),
            field="token",
            code="invalid_token",
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


def two_factor_disable(*, user: User, token: str) -> None:
    """Switching it off needs a valid code: a stolen session alone cannot remove it."""
    if match_token(user, token.strip().replace(" ", "")) is None:
        raise DomainError(_("Code incorrect."), field="token", code="invalid_token")
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def two_factor_qr_data_uri(device: TOTPDevice) -> str:
    """The ``otpauth://`` URI as an SVG QR code in a data URI (an ``<img>``: no inline
    markup to trust, allowed by the CSP's ``img-src data:``)."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5))


def two_factor_secret(device: TOTPDevice) -> str:
    """The base32 secret, for people who type it instead of scanning."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


# Set at sign-in (one query), so that later requests cost nothing.
SESSION_FLAG = "_maillage_2fa_required"


def two_factor_flag_at_sign_in(
    sender: object, request: HttpRequest, user: User, **kwargs: object
) -> None:
    request.session[SESSION_FLAG] = two_factor_enabled(user)


# Paths an unverified person may still reach: the verification page itself, sign-out, and
# static files.
_OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz")


class RequireVerifiedMiddleware:
    """After ``django_otp.middleware.OTPMiddleware``: a signed-in person with a confirmed
    device and no verified code this session is sent to the verification page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.session.get(SESSION_FLAG)
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
            and request.path not in _exempt_paths()
        ):
            return HttpResponseRedirect(
                reverse("accounts:two_factor_verify")
                + "?"
                + urlencode({"next": request.get_full_path()})
            )
        return self.get_response(request)


def _exempt_paths() -> set[str]:
    return {reverse("accounts:two_factor_verify"), reverse("accounts:logout")}
