"""Contact persons: consent required, edits, erasure (RGPD)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.accounts.tests.personas import build_cast
from maillage.actors.models import Contact
from maillage.actors.tests.factories import ContactFactory


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast.admin)
    return client


def _url(name, cast, **kwargs):
    return reverse(f"actors:{name}", kwargs={"pk": cast.actor.pk, **kwargs})


def test_adding_a_contact_records_the_consent_date(admin_client, cast):
    response = admin_client.post(
        _url("contact_add", cast),
        {
            "first_name": "Inès",
            "last_name": "Fictive",
            "role": "Présidente",
            "email": "ines@exemple.org",
            "consent_given": "on",
            "is_primary": "on",
        },
    )
    assert response["Location"] == _url("contacts", cast)
    contact = Contact.objects.get(actor=cast.actor)
    assert contact.consent_at is not None
    assert contact.is_primary


def test_a_contact_without_consent_is_refused_on_the_consent_field(admin_client, cast):
    response = admin_client.post(
        _url("contact_add", cast),
        {
            "first_name": "Inès",
            "last_name": "Fictive",
            "email": "ines@exemple.org",
        },
    )
    assert "consentement" in response.context["form"].errors["consent_given"][0]
    assert not Contact.objects.exists()


def test_all_contact_errors_are_shown_at_once(admin_client, cast):
    response = admin_client.post(_url("contact_add", cast), {"first_name": "", "last_name": ""})
    errors = response.context["form"].errors
    assert {"first_name", "last_name", "email", "consent_given"} <= set(errors)
    assert not Contact.objects.exists()


def test_a_contact_needs_an_email_or_a_phone(admin_client, cast):
    response = admin_client.post(
        _url("contact_add", cast),
        {
            "first_name": "Inès",
            "last_name": "Fictive",
            "consent_given": "on",
        },
    )
    assert response.context["form"].errors["email"]
    response = admin_client.post(
        _url("contact_add", cast),
        {
            "first_name": "Inès",
            "last_name": "Fictive",
            "phone": "05 49 00 00 00",
            "consent_given": "on",
        },
    )
    assert response.status_code == 302


def test_editing_a_contact_does_not_ask_consent_again(admin_client, cast):
    contact = ContactFactory(actor=cast.actor)
    url = _url("contact_edit", cast, contact_pk=contact.pk)
    assert "consent_given" not in admin_client.get(url).context["form"].fields
    response = admin_client.post(
        url,
        {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "email": "nouvelle@exemple.org",
            "role": "Trésorière",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.email, contact.role) == ("nouvelle@exemple.org", "Trésorière")


def test_invalid_email_on_edit_keeps_the_stored_contact(admin_client, cast):
    contact = ContactFactory(actor=cast.actor, email="bon@exemple.org")
    response = admin_client.post(
        _url("contact_edit", cast, contact_pk=contact.pk),
        {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "email": "mauvais",
        },
    )
    assert response.context["form"].errors["email"]
    contact.refresh_from_db()
    assert contact.email == "bon@exemple.org"


def test_erasure_asks_first_then_deletes_the_row(admin_client, cast):
    contact = ContactFactory(actor=cast.actor, first_name="Inès", last_name="Fictive")
    url = _url("contact_delete", cast, contact_pk=contact.pk)
    assert "Inès Fictive" in admin_client.get(url).content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()
    response = admin_client.post(url)
    assert response["Location"] == _url("contacts", cast)
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_contacts_page_lists_them_with_consent(admin_client, cast):
    ContactFactory(actor=cast.actor, first_name="Inès", last_name="Fictive")
    page = admin_client.get(_url("contacts", cast)).content.decode()
    assert "Inès Fictive" in page
    assert "données personnelles" in page
