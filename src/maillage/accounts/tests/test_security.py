"""Sign-in hardening: lock-out per (account, address), rate limits, sessions, passwords."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from maillage.accounts.tests.factories import PASSWORD, UserFactory
from maillage.config import settings as deployed_settings
from maillage.core.sessions import LAST_SEEN, STARTED

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def _sign_in(client: Client, email: str, password: str, ip: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_account_from_that_address_even_with_the_right_password():
    user = UserFactory()
    client = Client()
    for _attempt in range(settings.SIGNIN_LOCKOUT_FAILURES - 1):
        assert _sign_in(client, user.email, "wrong-password-1234").status_code == 200
    locked = _sign_in(client, user.email, "wrong-password-1234")
    assert locked.status_code == 429
    assert "Trop de tentatives" in locked.content.decode()
    refused = _sign_in(client, user.email, PASSWORD)
    assert refused.status_code == 429
    assert SESSION_KEY not in client.session


def test_lockout_does_not_block_the_same_account_from_another_address():
    user = UserFactory()
    for _attempt in range(settings.SIGNIN_LOCKOUT_FAILURES):
        _sign_in(Client(), user.email, "wrong-password-1234", ip="198.51.100.1")
    response = _sign_in(Client(), user.email, PASSWORD, ip="198.51.100.2")
    assert response.status_code == 302


def test_lockout_does_not_block_colleagues_sharing_the_address():
    user, colleague = UserFactory(), UserFactory()
    for _attempt in range(settings.SIGNIN_LOCKOUT_FAILURES):
        _sign_in(Client(), user.email, "wrong-password-1234")
    assert _sign_in(Client(), colleague.email, PASSWORD).status_code == 302


def test_a_success_resets_the_failure_count():
    user = UserFactory()
    for _attempt in range(settings.SIGNIN_LOCKOUT_FAILURES - 1):
        _sign_in(Client(), user.email, "wrong-password-1234")
    assert _sign_in(Client(), user.email, PASSWORD).status_code == 302
    for _attempt in range(settings.SIGNIN_LOCKOUT_FAILURES - 1):
        _sign_in(Client(), user.email, "wrong-password-1234")
    assert _sign_in(Client(), user.email, PASSWORD).status_code == 302


def test_sign_in_attempts_from_one_address_are_rate_limited():
    limit, _window = settings.RATE_LIMITS["signin"]
    client = Client()
    statuses = [
        _sign_in(client, f"inconnu{n}@exemple.org", "whatever-password").status_code
        for n in range(limit + 1)
    ]
    assert statuses[:limit] == [200] * limit
    assert statuses[-1] == 429


def test_password_reset_requests_are_rate_limited(mailoutbox):
    user = UserFactory()
    limit, _window = settings.RATE_LIMITS["password_reset"]
    client = Client()
    url = reverse("accounts:password_reset")
    statuses = [client.post(url, {"email": user.email}).status_code for _ in range(limit + 1)]
    assert statuses[-1] == 429
    assert len(mailoutbox) == limit


def test_sign_in_rotates_the_session_key():
    user = UserFactory()
    client = Client()
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    _sign_in(client, user.email, PASSWORD)
    assert client.session.session_key != before
    assert client.session[SESSION_KEY] == str(user.pk)


def test_sign_out_deletes_the_session_on_the_server():
    user = UserFactory()
    client = Client()
    _sign_in(client, user.email, PASSWORD)
    key = client.session.session_key
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()


def test_password_change_ends_the_other_sessions():
    user = UserFactory()
    laptop, phone = Client(), Client()
    _sign_in(laptop, user.email, PASSWORD)
    _sign_in(phone, user.email, PASSWORD)
    new_password = "une-toute-nouvelle-phrase-2026"
    response = laptop.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert laptop.get(reverse("accounts:dashboard")).status_code == 200
    assert phone.get(reverse("accounts:dashboard")).status_code == 302


def test_deactivation_ends_the_sessions():
    user = UserFactory()
    client = Client()
    _sign_in(client, user.email, PASSWORD)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def _age_session(client: Client, *, idle_s: int = 0, since_sign_in_s: int = 0) -> None:
    session = client.session
    now = int(time.time())
    session[LAST_SEEN] = now - idle_s
    session[STARTED] = now - since_sign_in_s
    session.save()


def test_an_idle_session_ends():
    user = UserFactory()
    client = Client()
    _sign_in(client, user.email, PASSWORD)
    _age_session(client, idle_s=settings.SESSION_IDLE_TIMEOUT + 5)
    assert client.get(reverse("accounts:dashboard")).status_code == 302
    assert SESSION_KEY not in client.session


def test_an_active_session_ends_after_the_absolute_timeout():
    user = UserFactory()
    client = Client()
    _sign_in(client, user.email, PASSWORD)
    _age_session(client, idle_s=10, since_sign_in_s=settings.SESSION_ABSOLUTE_TIMEOUT + 5)
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_a_recently_active_session_lives_on():
    user = UserFactory()
    client = Client()
    _sign_in(client, user.email, PASSWORD)
    _age_session(client, idle_s=60, since_sign_in_s=3600)
    assert client.get(reverse("accounts:dashboard")).status_code == 200


@pytest.mark.parametrize(
    ("password", "valid"),
    [
        ("court-2026", False),  # 10 characters
        ("douze-carac!", True),  # 12 characters, no composition rule
        ("une phrase de passe très longue " * 2, True),  # 64 characters
        ("x" * 257, False),
        ("qwerty123456", False),  # common password list
        ("azertyuiop12", True),
    ],
)
def test_password_policy_is_about_length_not_composition(password, valid):
    if valid:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


def test_deployed_settings_hash_with_argon2_and_upgrade_older_hashes():
    assert deployed_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("une phrase de passe", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify("une phrase de passe", encoded)


def test_the_shared_database_cache_table_is_created_by_migrate():
    shared = DatabaseCache(deployed_settings.CACHES["default"]["LOCATION"], {})
    shared.set("probe", 41)
    assert shared.incr("probe") == 42


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = {
        **os.environ,
        "MAILLAGE_ENV": "production",
        "SECRET_KEY": "k" * 20 + "-production-like-secret-" + "z" * 30,
        "ALLOWED_HOSTS": "maillage.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "maillage.config.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "maillage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_uploads_are_rate_limited_per_person(settings):
    from maillage.accounts.tests.factories import FacilitatorScopeFactory

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload": (2, 3600)}
    client = Client()
    client.force_login(FacilitatorScopeFactory().user)
    url = reverse("importers:upload")
    statuses = [client.post(url, {}).status_code for _ in range(3)]
    assert statuses[-1] == 429
    assert 429 not in statuses[:2]


def test_invitations_are_rate_limited_per_person(settings):
    from maillage.accounts.tests.factories import MembershipFactory

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invitation": (1, 3600)}
    admin = MembershipFactory(admin=True)
    client = Client()
    client.force_login(admin.user)
    url = reverse("actors:member_invite", args=[admin.actor.pk])
    first = client.post(url, {"email": "nouvelle@exemple.org", "role": "member"})
    second = client.post(url, {"email": "autre@exemple.org", "role": "member"})
    assert first.status_code != 429
    assert second.status_code == 429
