"""Optional two-factor authentication: switch on, sign in with a code, recovery codes,
switch off."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_backoff_between_attempts(settings):
    """django-otp delays a device after a failure (exponential back-off, its own tested
    behaviour); these tests make a wrong then a right attempt at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


SECURITY = reverse("accounts:security")
VERIFY = reverse("accounts:two_factor_verify")
DASHBOARD = reverse("accounts:dashboard")


def _code(device: TOTPDevice, *, drift: int = 0) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{code:06d}"


def _sign_in(client: Client, email: str):
    return client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})


def _switch_on(client: Client, user) -> tuple[TOTPDevice, list[str]]:
    client.post(SECURITY, {"action": "start"})
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SECURITY, {"action": "confirm", "token": _code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    return device, response.context["codes"]


def test_switching_on_needs_a_valid_code_from_the_app():
    user = UserFactory()
    client = Client()
    _sign_in(client, user.email)
    page = client.post(SECURITY, {"action": "start"})
    assert 'src="data:image/svg+xml' in page.content.decode()
    response = client.post(SECURITY, {"action": "confirm", "token": "000000"})
    assert "Code incorrect" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_switched_on_it_shows_ten_single_use_recovery_codes_once():
    user = UserFactory()
    client = Client()
    _sign_in(client, user.email)
    device, codes = _switch_on(client, user)
    assert device.confirmed
    assert len(set(codes)) == 10
    again = client.get(SECURITY)
    assert not any(code in again.content.decode() for code in codes)


def test_after_the_password_a_code_is_required_before_anything_else():
    user = UserFactory()
    setup = Client()
    _sign_in(setup, user.email)
    device, _codes = _switch_on(setup, user)

    client = Client()
    _sign_in(client, user.email)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    wrong = client.post(VERIFY, {"token": "123456"})
    assert "Code incorrect" in wrong.content.decode()
    ok = client.post(VERIFY, {"token": _code(device, drift=1), "next": DASHBOARD})
    assert ok.status_code == 302
    assert client.get(DASHBOARD).status_code == 200


def test_a_recovery_code_works_once():
    user = UserFactory()
    setup = Client()
    _sign_in(setup, user.email)
    _device, codes = _switch_on(setup, user)

    first = Client()
    _sign_in(first, user.email)
    assert first.post(VERIFY, {"token": codes[0]}).status_code == 302
    assert first.get(DASHBOARD).status_code == 200

    second = Client()
    _sign_in(second, user.email)
    assert second.post(VERIFY, {"token": codes[0]}).status_code == 200
    assert second.get(DASHBOARD).status_code == 302


def test_switching_off_needs_a_code_not_just_the_session():
    user = UserFactory()
    client = Client()
    _sign_in(client, user.email)
    _device, codes = _switch_on(client, user)
    refused = client.post(SECURITY, {"action": "disable", "token": "000000"})
    assert "Code incorrect" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    client.post(SECURITY, {"action": "disable", "token": codes[1]})
    assert not TOTPDevice.objects.filter(user=user).exists()
    fresh = Client()
    _sign_in(fresh, user.email)
    assert fresh.get(DASHBOARD).status_code == 200


def test_people_without_two_factor_are_not_asked_for_a_code():
    user = UserFactory()
    client = Client()
    _sign_in(client, user.email)
    assert client.get(DASHBOARD).status_code == 200


def test_the_security_page_is_for_signed_in_people_only():
    response = Client().get(SECURITY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
