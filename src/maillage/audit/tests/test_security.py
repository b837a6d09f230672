"""Sign-in successes and failures, sign-outs and refusals on ``maillage.security``: useful
to follow an attack, without a secret or a readable e-mail address."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from maillage.accounts.tests.factories import PASSWORD, UserFactory
from maillage.audit.security import pseudonym

pytestmark = pytest.mark.django_db


def _messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "maillage.security"]


def test_a_failed_sign_in_is_logged_with_a_keyed_hash_of_the_address(client, caplog) -> None:
    UserFactory(email="camille@exemple.org")
    with caplog.at_level(logging.INFO, logger="maillage.security"):
        client.post(
            reverse("accounts:login"),
            {"username": "Camille@exemple.org", "password": "mauvais-mot-de-passe-123"},
        )
    (message,) = [m for m in _messages(caplog) if m.startswith("signin_failure")]
    assert f"account={pseudonym('camille@exemple.org', purpose='account')}" in message
    text = "\n".join(_messages(caplog))
    assert "camille" not in text.lower()
    assert "mauvais-mot-de-passe" not in text
    assert "127.0.0.1" not in text


def test_a_successful_sign_in_and_the_sign_out_are_logged(client, caplog) -> None:
    user = UserFactory(email="dominique@exemple.org")
    with caplog.at_level(logging.INFO, logger="maillage.security"):
        client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
        client.post(reverse("accounts:logout"))
    messages = _messages(caplog)
    assert any(m.startswith(f"signin_success user={user.pk} ") for m in messages)
    assert any(m.startswith(f"signout user={user.pk} ") for m in messages)
    assert "dominique" not in "\n".join(messages)
    assert PASSWORD not in "\n".join(messages)


def test_the_same_address_always_gives_the_same_token_and_others_differ() -> None:
    a = pseudonym(" Camille@Exemple.org ", purpose="account")
    assert a == pseudonym("camille@exemple.org", purpose="account")
    assert a != pseudonym("camille@exemple.org", purpose="client")
    assert a != pseudonym("dominique@exemple.org", purpose="account")
    assert pseudonym("", purpose="account") == "-"
