"""Personal API tokens and the API's session CSRF check (api/auth.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.api_tokens import api_token_create, api_token_revoke
from maillage.accounts.models import ApiToken
from maillage.accounts.tests.factories import PASSWORD, UserFactory
from maillage.core.errors import DomainError

pytestmark = pytest.mark.django_db
URL = "/api/v1/vocabularies"


def _bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_token_is_stored_hashed_and_shown_once():
    user = UserFactory()
    token, clear = api_token_create(user=user, name="Tableau de bord")
    assert clear.startswith("mlg_")
    assert clear not in (token.token_hash, token.prefix)
    assert ApiToken.objects.filter(token_hash__contains=clear).count() == 0


def test_a_valid_token_authenticates_and_records_its_use():
    user = UserFactory()
    token, clear = api_token_create(user=user, name="script")
    response = Client().get(URL, **_bearer(clear))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("value", ["mlg_nope_nope", "Basic abc", "not-a-token", "mlg_"])
def test_an_unknown_or_malformed_token_is_refused_with_401(value):
    header = value if " " in value else f"Bearer {value}"
    response = Client().get(URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response["Content-Type"] == "application/problem+json"


def test_a_revoked_token_is_refused():
    user = UserFactory()
    token, clear = api_token_create(user=user, name="script")
    api_token_revoke(user=user, token_id=token.pk)
    assert Client().get(URL, **_bearer(clear)).status_code == 401


def test_an_expired_token_is_refused():
    user = UserFactory()
    token, clear = api_token_create(user=user, name="script", expires_in_days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(URL, **_bearer(clear)).status_code == 401


def test_a_deactivated_owner_disables_the_token():
    user = UserFactory()
    _token, clear = api_token_create(user=user, name="script")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert Client().get(URL, **_bearer(clear)).status_code == 401


def test_a_read_token_cannot_write():
    user = UserFactory()
    _token, clear = api_token_create(user=user, name="lecture", scope="read")
    response = Client().post(URL, data={}, **_bearer(clear))
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_write_token_passes_the_csrf_check():
    user = UserFactory()
    _token, clear = api_token_create(user=user, name="écriture", scope="write")
    client = Client(enforce_csrf_checks=True)
    # No write endpoint on this resource: the method is refused by the API itself (405),
    # not by the CSRF check (403).
    assert client.post(URL, data={}, **_bearer(clear)).status_code == 405


def test_a_session_write_without_csrf_token_is_refused():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(URL, data={})
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]


def test_one_cannot_revoke_someone_elses_token():
    owner, other = UserFactory(), UserFactory()
    token, _clear = api_token_create(user=owner, name="script")
    with pytest.raises(DomainError):
        api_token_revoke(user=other, token_id=token.pk)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_creation_validates_its_input():
    user = UserFactory()
    with pytest.raises(DomainError):
        api_token_create(user=user, name="  ")
    with pytest.raises(DomainError):
        api_token_create(user=user, name="x", scope="admin")
    with pytest.raises(DomainError):
        api_token_create(user=user, name="x", expires_in_days=0)


def test_the_tokens_page_creates_shows_once_and_revokes():
    user = UserFactory()
    client = Client()
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    url = reverse("accounts:api_tokens")
    created = client.post(
        url, {"action": "create", "name": "Export", "scope": "read", "expires_in_days": "30"}
    )
    token = ApiToken.objects.get(user=user)
    assert f"mlg_{token.prefix}_" in created.content.decode()
    listed = client.get(url).content.decode()
    assert f"mlg_{token.prefix}_" not in listed
    client.post(url, {"action": "revoke", "token": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_tokens_page_is_for_signed_in_people_only():
    assert Client().get(reverse("accounts:api_tokens")).status_code == 302
