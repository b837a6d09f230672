"""Staff edit actors and vocabularies in the Django admin, through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.db.models import Model
from django.urls import reverse

from maillage.accounts.tests.factories import UserFactory
from maillage.actors.models import Actor, Contact, Kind, NeedOffer, Theme
from maillage.actors.tests.factories import ActorFactory, CommuneFactory, valid_siret

PREFIXES = ("needs_offers", "contacts", "intervention_areas", "memberships")


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(staff=True, is_superuser=True))
    return client


def _value(value: Any) -> Any:
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _post_data(response, **overrides: Any) -> dict[str, Any]:
    """What the admin's actor form posts, unchanged, plus ``overrides`` and empty inlines."""
    form = response.context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form.initial.get(name, field.initial)
        if isinstance(value, bool) or name in (
            "is_ess",
            "is_mission_company",
            "public_service_mission",
            "coordinates_approximate",
        ):
            if value:
                data[name] = "on"
            continue
        if value is None and isinstance(field, forms.ModelMultipleChoiceField):
            continue
        if name == "profile_confirmed_at" and value:
            data["profile_confirmed_at_0"] = value.strftime("%d/%m/%Y")
            data["profile_confirmed_at_1"] = value.strftime("%H:%M:%S")
            continue
        data[name] = _value(value)
    for prefix in PREFIXES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def _change_url(actor: Actor) -> str:
    return reverse("admin:actors_actor_change", args=[actor.pk])


@pytest.mark.parametrize(
    "model", ["actor", "kind", "subkind", "theme", "odd", "category", "partnershiptype", "label"]
)
def test_staff_open_every_actor_and_vocabulary_list(staff_client, model):
    ActorFactory()
    assert staff_client.get(reverse(f"admin:actors_{model}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"admin:actors_{model}_add")).status_code == 200


def test_actor_search_by_siret(staff_client):
    siret = valid_siret(5)
    ActorFactory(name="Trouvée", siret=siret)
    ActorFactory(name="Autre")
    response = staff_client.get(reverse("admin:actors_actor_changelist") + f"?q={siret}")
    assert [a.name for a in response.context["cl"].result_list] == ["Trouvée"]


def test_actor_change_page_has_the_inlines(staff_client):
    actor = ActorFactory()
    page = staff_client.get(_change_url(actor)).content.decode()
    for prefix in PREFIXES:
        assert f'name="{prefix}-TOTAL_FORMS"' in page


def test_an_invalid_siret_in_the_admin_is_an_error_on_the_field(staff_client):
    actor = ActorFactory(name="Inchangée")
    response = staff_client.get(_change_url(actor))
    response = staff_client.post(
        _change_url(actor), _post_data(response, name="Changée", siret="12345678901234")
    )
    assert response.status_code == 200
    assert "clé de contrôle" in str(response.context["adminform"].form.errors["siret"])
    actor.refresh_from_db()
    assert actor.name == "Inchangée"


def test_a_valid_change_in_the_admin_goes_through_the_service(staff_client):
    CommuneFactory()
    actor = ActorFactory(name="Avant")
    response = staff_client.get(_change_url(actor))
    theme = Theme.objects.get(code="handicap")
    response = staff_client.post(
        _change_url(actor),
        _post_data(response, name="Après", seat_commune="86194", themes=[theme.pk]),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    actor.refresh_from_db()
    assert actor.name == "Après"
    assert actor.departement_id == "86"  # derived by the service
    assert actor.field_origins.get("name") == "organisation"
    assert list(actor.themes.values_list("code", flat=True)) == ["handicap"]


def test_adding_an_actor_with_a_need_and_a_contact_in_the_admin(staff_client):
    response = staff_client.get(reverse("admin:actors_actor_add"))
    data = _post_data(
        response,
        name="Tremplin",
        kind="association",
        sphere="ess",
        status="active",
        source="manual",
    )
    data.update(
        {
            "needs_offers-TOTAL_FORMS": "1",
            "needs_offers-0-direction": "need",
            "needs_offers-0-category": "benevolat",
            "needs_offers-0-text": "Des tuteurs.",
            "needs_offers-0-is_active": "on",
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-first_name": "Inès",
            "contacts-0-last_name": "Fictive",
            "contacts-0-email": "ines@exemple.org",
            "contacts-0-consent_given": "on",
        }
    )
    response = staff_client.post(reverse("admin:actors_actor_add"), data)
    assert response.status_code == 302
    actor = Actor.objects.get(name="Tremplin")
    assert NeedOffer.objects.get(actor=actor).text == "Des tuteurs."
    assert Contact.objects.get(actor=actor).consent_at is not None
    assert actor.completeness > 0


def test_adding_a_contact_without_consent_in_the_admin_is_refused(staff_client):
    actor = ActorFactory()
    response = staff_client.get(_change_url(actor))
    data = _post_data(response)
    data.update(
        {
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-first_name": "Inès",
            "contacts-0-last_name": "Fictive",
            "contacts-0-email": "ines@exemple.org",
        }
    )
    response = staff_client.post(_change_url(actor), data)
    assert response.status_code == 200
    assert not Contact.objects.exists()


def test_vocabulary_codes_are_fixed_once_created(staff_client):
    response = staff_client.get(reverse("admin:actors_kind_change", args=["association"]))
    assert 'name="code"' not in response.content.decode()
    assert Kind.objects.filter(code="association").exists()


def test_staff_add_a_theme(staff_client):
    response = staff_client.post(
        reverse("admin:actors_theme_add"),
        {
            "code": "mobilite",
            "name": "Mobilité",
            "description": "",
            "position": "30",
        },
    )
    assert response.status_code == 302
    assert Theme.objects.get(code="mobilite").name == "Mobilité"


def test_a_non_staff_user_cannot_open_the_admin(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:actors_actor_changelist"))
    assert response.status_code == 302
