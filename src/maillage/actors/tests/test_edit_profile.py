"""Editing an actor's profile: field errors where they belong, nothing half-saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.accounts.tests.personas import build_cast
from maillage.actors.forms import ActorProfileForm
from maillage.actors.models import Actor
from maillage.actors.services import actor_input_from
from maillage.actors.tests.factories import ActorFactory, CommuneFactory, valid_siret


@pytest.fixture
def cast(db):
    return build_cast()


def _form_data(actor: Actor, **changes) -> dict:
    """What the browser posts when the admin changes only ``changes``."""
    current = actor_input_from(actor)
    data = {
        name: getattr(current, name)
        for name in (
            "name",
            "acronym",
            "kind",
            "subkind",
            "sphere",
            "company_size",
            "siret",
            "siren",
            "rna",
            "commune",
            "address",
            "postal_code",
            "description",
            "website",
            "email",
            "phone",
            "themes",
            "partnership_types",
            "labels",
        )
    }
    data["intervention"] = " ".join(current.intervention)
    for flag in ("is_ess", "is_mission_company", "public_service_mission"):
        if getattr(current, flag):
            data[flag] = "on"
    for name in ("employees", "latitude", "longitude"):
        value = getattr(current, name)
        data[name] = "" if value is None else str(value).replace(".", ",")
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _post(client, actor, **changes):
    return client.post(
        reverse("actors:edit", kwargs={"pk": actor.pk}), _form_data(actor, **changes)
    )


def test_admin_saves_the_profile_and_sees_it(client, cast):
    client.force_login(cast.admin)
    response = _post(
        client,
        cast.actor,
        description="Un atelier vélo solidaire à Poitiers.",
        website="ateliers-du-clain.example",
        themes=["transition_ecologique", "insertion_iae"],
        partnership_types=["mecenat"],
        intervention="dep:86 com:86194",
    )
    assert response.status_code == 302
    actor = Actor.objects.get(pk=cast.actor.pk)
    assert actor.description == "Un atelier vélo solidaire à Poitiers."
    assert actor.website == "https://ateliers-du-clain.example"
    assert set(actor.themes.values_list("code", flat=True)) == {
        "transition_ecologique",
        "insertion_iae",
    }
    assert set(actor.intervention_areas.values_list("territory_code", flat=True)) == {
        "dep:86",
        "com:86194",
    }


def test_only_changed_fields_become_the_organisation_s_own(client, cast):
    client.force_login(cast.admin)
    _post(client, cast.actor, phone="05 49 00 00 00")
    actor = Actor.objects.get(pk=cast.actor.pk)
    assert actor.field_origins == {"phone": "organisation"}


def test_an_unchanged_form_writes_nothing(client, cast):
    client.force_login(cast.admin)
    before = Actor.objects.get(pk=cast.actor.pk).updated_at
    response = _post(client, cast.actor)
    assert response.status_code == 302
    assert Actor.objects.get(pk=cast.actor.pk).updated_at == before


def test_invalid_siret_checksum_shows_on_the_siret_field_and_nothing_is_saved(client, cast):
    client.force_login(cast.admin)
    response = _post(
        client, cast.actor, name="Nom qui ne doit pas être enregistré", siret="123 456 789 00012"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["siret"]
    assert "clé de contrôle" in form.errors["siret"][0]
    assert Actor.objects.get(pk=cast.actor.pk).name == "Les Ateliers du Clain"
    page = response.content.decode()
    assert 'id="id_siret_error"' in page
    assert 'aria-invalid="true"' in page


def test_a_valid_siret_typed_with_spaces_is_saved_with_its_siren(client, cast):
    client.force_login(cast.admin)
    siret = valid_siret(7)
    spaced = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    assert _post(client, cast.actor, siret=spaced).status_code == 302
    actor = Actor.objects.get(pk=cast.actor.pk)
    assert (actor.siret, actor.siren) == (siret, siret[:9])


def test_unknown_commune_shows_on_the_commune_field(client, cast):
    client.force_login(cast.admin)
    response = _post(client, cast.actor, commune="99999")
    assert "Code commune inconnu" in response.context["form"].errors["commune"][0]
    assert Actor.objects.get(pk=cast.actor.pk).seat_commune_id == "86194"


@pytest.mark.parametrize("typed", ["Poitiers", "dep:86", "86000 Poitiers"])
def test_a_commune_that_is_not_a_commune_code_is_explained(client, cast, typed):
    client.force_login(cast.admin)
    response = _post(client, cast.actor, commune=typed)
    assert "liste proposée" in response.context["form"].errors["commune"][0]
    assert Actor.objects.get(pk=cast.actor.pk).seat_commune_id == "86194"


def test_commune_field_is_a_territory_picker_showing_the_current_commune(client, cast):
    client.force_login(cast.admin)
    page = client.get(reverse("actors:edit", kwargs={"pk": cast.actor.pk})).content.decode()
    assert "data-territory-picker" in page
    assert 'data-territory-label="Poitiers' in page
    assert f'data-autocomplete-url="{reverse("territories:autocomplete")}"' in page
    assert "js/territory-picker.js" in page


def test_moving_the_seat_updates_the_territory_fields(client, cast):
    CommuneFactory(
        code="86066",
        name="Châtellerault",
        epci__code="200070670",
        epci__name="CA de Grand Châtellerault",
        epci__type="CA",
        main_postal_code="86100",
    )
    client.force_login(cast.admin)
    assert _post(client, cast.actor, commune="com:86066").status_code == 302
    actor = Actor.objects.get(pk=cast.actor.pk)
    assert (actor.seat_commune_id, actor.epci_id, actor.departement_id, actor.region_id) == (
        "86066",
        "200070670",
        "86",
        "75",
    )


def test_duplicate_rna_shows_on_the_rna_field(client, cast):
    ActorFactory(name="Association déjà là", rna="W861000123")
    client.force_login(cast.admin)
    response = _post(client, cast.actor, rna="w861000123", description="Ne pas garder")
    assert "W861000123" in response.context["form"].errors["rna"][0]
    actor = Actor.objects.get(pk=cast.actor.pk)
    assert actor.rna == ""
    assert actor.description == ""


def test_every_error_is_reported_at_once_including_unparsable_numbers(client, cast):
    client.force_login(cast.admin)
    response = _post(
        client,
        cast.actor,
        siret="123",
        commune="00000",
        latitude="nord",
        email="pas-un-courriel",
        intervention="dep:86 quelque-part",
    )
    errors = response.context["form"].errors
    assert {"siret", "commune", "latitude", "email", "intervention"} <= set(errors)
    assert Actor.objects.get(pk=cast.actor.pk).email == ""


def test_coordinates_accept_a_decimal_comma(client, cast):
    client.force_login(cast.admin)
    assert _post(client, cast.actor, latitude="46,5802", longitude="0,3404").status_code == 302
    actor = Actor.objects.get(pk=cast.actor.pk)
    assert (actor.latitude, actor.longitude, actor.coordinates_approximate) == (
        46.5802,
        0.3404,
        False,
    )


def test_subkind_of_another_kind_is_an_error_on_subkind(client, cast):
    client.force_login(cast.admin)
    response = _post(client, cast.actor, subkind="scop")
    assert response.context["form"].errors["subkind"]


def test_empty_name_is_reported_once_on_the_name_field(client, cast):
    client.force_login(cast.admin)
    response = _post(client, cast.actor, name="  ")
    assert len(response.context["form"].errors["name"]) == 1


def test_profile_form_without_http_reports_the_same_errors(cast):
    form = ActorProfileForm(_form_data(cast.actor, siret="12345678901234"), actor=cast.actor)
    assert not form.is_valid()
    assert list(form.errors) == ["siret"]


def test_confirming_the_profile_records_the_date(client, cast):
    client.force_login(cast.admin)
    response = client.post(reverse("actors:confirm_profile", kwargs={"pk": cast.actor.pk}))
    assert response["Location"] == reverse("actors:edit", kwargs={"pk": cast.actor.pk})
    assert Actor.objects.get(pk=cast.actor.pk).profile_confirmed_at is not None


def test_confirming_the_profile_is_a_post(client, cast):
    client.force_login(cast.admin)
    url = reverse("actors:confirm_profile", kwargs={"pk": cast.actor.pk})
    assert client.get(url).status_code == 405
    assert Actor.objects.get(pk=cast.actor.pk).profile_confirmed_at is None


def test_profile_page_shows_sections_and_the_confirm_button(client, cast):
    client.force_login(cast.admin)
    page = client.get(reverse("actors:edit", kwargs={"pk": cast.actor.pk})).content.decode()
    assert "Identifiants officiels" in page
    assert "Je confirme que ma fiche est à jour" in page
    assert "Poitiers (86194)" in page


def test_profile_page_names_the_current_intervention_territories(client, cast):
    client.force_login(cast.admin)
    _post(client, cast.actor, intervention="dep:86")
    page = client.get(reverse("actors:edit", kwargs={"pk": cast.actor.pk})).content.decode()
    assert "Vienne" in page
    assert 'aria-current="page"' in page
