"""RGPD: data export completeness, erasure, retention, article 14 notices, objection."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.api_tokens import api_token_create
from maillage.accounts.models import ApiToken, User
from maillage.accounts.privacy import (
    ENCODER,
    SECRET_FIELDS,
    _user_relations,
    account_erase,
    personal_data_export,
    privacy_retention_run,
)
from maillage.accounts.tests.factories import (
    PASSWORD,
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.models import Contact
from maillage.actors.selectors import actor_contacts
from maillage.actors.services import contact_create, contact_opt_out
from maillage.actors.tests.factories import ActorFactory, CommuneFactory, ContactFactory

pytestmark = pytest.mark.django_db


def test_the_export_covers_every_model_that_refers_to_a_person():
    """Introspection: a new model pointing at users appears in the export by itself."""
    user = UserFactory()
    export = personal_data_export(user=user)
    expected = {f"{model._meta.label}.{field.name}" for model, field in _user_relations()}
    assert set(export["relations"]) == expected
    assert "accounts.Membership.user" in expected


def test_the_export_holds_the_persons_rows_and_no_secret():
    user = UserFactory()
    membership = MembershipFactory(user=user)
    api_token_create(user=user, name="script")
    ContactFactory(email=user.email.upper())
    export = json.loads(json.dumps(personal_data_export(user=user), cls=ENCODER))
    assert export["account"]["email"] == user.email
    assert "password" not in export["account"]
    assert [row["id"] for row in export["relations"]["accounts.Membership.user"]] == [membership.pk]
    tokens = export["relations"]["accounts.ApiToken.user"]
    assert len(tokens) == 1
    assert not set(tokens[0]) & SECRET_FIELDS
    assert len(export["as_contact_person"]) == 1


def test_the_my_data_page_downloads_json():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    response = client.get(reverse("accounts:my_data"), {"download": 1})
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["account"]["id"] == user.pk


def test_erasure_anonymises_the_account_and_removes_its_secrets():
    user = UserFactory()
    email = user.email
    MembershipFactory(user=user)
    api_token_create(user=user, name="script")
    ContactFactory(email=email)
    deleted = account_erase(user=user)
    user.refresh_from_db()
    assert user.email != email
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.display_name == "Compte supprimé"
    assert not ApiToken.objects.filter(user=user).exists()
    assert not Contact.objects.filter(email__iexact=email).exists()
    assert deleted["accounts.ApiToken"] == 1
    assert user.memberships.count() == 1  # shared history keeps its shape


def test_erasing_ones_account_needs_the_password_and_ends_the_session():
    user = UserFactory()
    client = Client()
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    url = reverse("accounts:erase_account")
    refused = client.post(url, {"password": "pas le bon mot de passe"})
    assert refused.status_code == 400
    assert User.objects.get(pk=user.pk).is_active
    client.post(url, {"password": PASSWORD})
    assert SESSION_KEY not in client.session
    assert not User.objects.get(pk=user.pk).is_active


def test_retention_notifies_then_erases_inactive_accounts(mailoutbox):
    now = timezone.now()
    long_ago = now - dt.timedelta(days=800)
    sleeper = UserFactory(last_login=long_ago)
    active = UserFactory(last_login=now - dt.timedelta(days=10))
    assert privacy_retention_run(now=now, dry_run=True)["notified"] == 1
    assert mailoutbox == []
    first = privacy_retention_run(now=now)
    assert first["notified"] == 1
    assert [message.to for message in mailoutbox] == [[sleeper.email]]
    second = privacy_retention_run(now=now + dt.timedelta(days=31))
    assert second["erased"] == 1
    sleeper.refresh_from_db()
    active.refresh_from_db()
    assert not sleeper.is_active
    assert active.is_active


def test_signing_in_after_the_notice_keeps_the_account():
    now = timezone.now()
    user = UserFactory(last_login=now - dt.timedelta(days=800))
    privacy_retention_run(now=now)
    User.objects.filter(pk=user.pk).update(last_login=now + dt.timedelta(days=1))
    assert privacy_retention_run(now=now + dt.timedelta(days=31))["erased"] == 0


def test_retention_deletes_imported_contacts_never_confirmed():
    old = ContactFactory(imported=True)
    Contact.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=91))
    fresh = ContactFactory(imported=True)
    consented = ContactFactory()
    Contact.objects.filter(pk=consented.pk).update(
        created_at=timezone.now() - dt.timedelta(days=400)
    )
    assert privacy_retention_run()["contacts_deleted"] == 1
    assert set(Contact.objects.values_list("pk", flat=True)) == {fresh.pk, consented.pk}


def test_a_contact_on_legitimate_interest_needs_no_consent_but_a_notice():
    actor = ActorFactory()
    contact = contact_create(
        actor=actor,
        first_name="Léa",
        last_name="Durand",
        email="lea@exemple.org",
        consent_given=False,
        legal_basis="legitimate_interest",
        source="facilitator",
    )
    assert contact.consent_at is None
    assert list(Contact.objects.notice_pending()) == [contact]


def test_an_objection_hides_the_contact_everywhere():
    contact = ContactFactory()
    contact_opt_out(contact=contact)
    contact.refresh_from_db()
    assert contact.email == ""
    assert actor_contacts(actor=contact.actor) == []


def test_facilitators_see_and_clear_the_notices_of_their_territory_only():
    commune = CommuneFactory()
    inside = ContactFactory(imported=True, actor=ActorFactory(seat_commune=commune))
    outside = ContactFactory(imported=True)
    facilitator = FacilitatorScopeFactory(territory_code=f"com:{commune.code}").user
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("accounts:privacy_notices")).content.decode()
    assert inside.last_name in page
    assert outside.last_name not in page
    refused = client.post(reverse("accounts:privacy_notice_sent", args=[outside.pk]))
    assert refused.status_code == 404
    client.post(reverse("accounts:privacy_notice_sent", args=[inside.pk]))
    inside.refresh_from_db()
    assert inside.informed_at is not None


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_the_notices_list_is_for_facilitators_only(role):
    client = Client()
    if role == "member":
        client.force_login(MembershipFactory().user)
    response = client.get(reverse("accounts:privacy_notices"))
    assert response.status_code == (302 if role == "anonymous" else 404)


def test_the_privacy_page_is_public():
    response = Client().get(reverse("privacy"))
    assert response.status_code == 200
    assert "Vos droits" in response.content.decode()
