"""The actors write path: validation by field, nothing half-saved, derived fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from maillage.actors import services
from maillage.actors.models import Actor, Contact, InterventionArea, NeedOffer
from maillage.actors.services import ActorInput
from maillage.actors.tests.factories import ActorFactory, CommuneFactory, valid_siret
from maillage.core.errors import DomainValidationError
from maillage.territories.enums import CommuneType
from maillage.territories.models import CommuneAlias


@pytest.fixture
def poitiers(db):
    return CommuneFactory()


def test_actor_create_reports_every_invalid_field_and_saves_nothing(db):
    with pytest.raises(DomainValidationError) as error:
        services.actor_create(
            data=ActorInput(
                name="",
                kind="licorne",
                siret="12345678901234",
                rna="X123",
                commune="99999",
                latitude=120.0,
                longitude=2.0,
                website="pas un site",
                email="arobase",
                themes=["inconnu"],
                intervention=["dep:999"],
            )
        )
    assert set(error.value.errors) >= {
        "name",
        "kind",
        "siret",
        "rna",
        "commune",
        "latitude",
        "website",
        "email",
        "themes",
        "intervention",
    }
    assert not Actor.objects.exists()


def test_actor_create_derives_siren_and_territories_and_places_it_approximately(poitiers):
    siret = valid_siret(3)
    actor = services.actor_create(
        data=ActorInput(
            name="  IRIS   Poitou-Charentes ",
            kind="reseau",
            siret=siret,
            commune="86194",
            themes=["insertion_iae"],
            intervention=["DEP:86", "reg:75", "dep:86"],
        )
    )
    assert actor.name == "IRIS Poitou-Charentes"
    assert actor.siren == siret[:9]
    assert (actor.epci_id, actor.departement_id, actor.region_id) == ("200069854", "86", "75")
    assert (actor.latitude, actor.longitude, actor.coordinates_approximate) == (
        poitiers.latitude,
        poitiers.longitude,
        True,
    )
    assert sorted(
        InterventionArea.objects.filter(actor=actor).values_list("level", "territory_code")
    ) == [("departement", "dep:86"), ("region", "reg:75")]
    assert actor.sphere == "ess"


def test_la_poste_establishments_follow_their_own_siret_rule(db):
    """La Poste's SIRET do not pass the Luhn check; their digits sum to a multiple of 5."""
    actor = services.actor_create(
        data=ActorInput(name="La Poste", kind="entreprise", siret="35600000000001")
    )
    assert actor.siret == "35600000000001"


def test_a_municipal_district_code_resolves_to_its_commune(poitiers):
    paris = CommuneFactory(
        code="75056",
        name="Paris",
        departement__code="75",
        departement__name="Paris",
        departement__region__code="11",
        departement__region__name="Île-de-France",
        epci=None,
    )
    CommuneAlias.objects.create(
        code="75112",
        type=CommuneType.MUNICIPAL_DISTRICT,
        name="Paris 12e Arrondissement",
        commune=paris,
    )
    actor = services.actor_create(
        data=ActorInput(name="Une asso", kind="association", commune="75112")
    )
    assert actor.seat_commune == paris


def test_identifiers_are_unique_when_present(db):
    siret = valid_siret(9)
    ActorFactory(siret=siret, rna="W861000001")
    with pytest.raises(DomainValidationError) as error:
        services.actor_create(
            data=ActorInput(name="Doublon", kind="association", siret=siret, rna="w861000001")
        )
    assert set(error.value.errors) == {"siret", "rna"}
    assert Actor.objects.count() == 1
    services.actor_create(data=ActorInput(name="Sans identifiant", kind="association"))
    services.actor_create(data=ActorInput(name="Sans identifiant 2", kind="association"))


def test_actor_update_records_who_owns_the_changed_fields(poitiers):
    actor = services.actor_create(
        data=ActorInput(name="Ateliers", kind="association", commune="86194"), source="sirene"
    )
    assert actor.field_origins == {"name": "sirene", "kind": "sirene", "commune": "sirene"}
    services.actor_update(actor=actor, changes={"description": "Un atelier."})
    actor.refresh_from_db()
    assert actor.field_origins["description"] == "organisation"
    assert actor.field_origins["name"] == "sirene"


def test_actor_update_refuses_unknown_fields_and_keeps_everything(db):
    actor = ActorFactory(name="Inchangé")
    with pytest.raises(DomainValidationError) as error:
        services.actor_update(actor=actor, changes={"name": "Nouveau", "couleur": "bleu"})
    assert list(error.value.errors) == ["couleur"]
    actor.refresh_from_db()
    assert actor.name == "Inchangé"


def test_an_invalid_change_leaves_the_actor_as_it_was(db):
    actor = ActorFactory(name="Inchangé")
    with pytest.raises(DomainValidationError):
        services.actor_update(actor=actor, changes={"name": "Nouveau", "siret": "1"})
    actor.refresh_from_db()
    assert actor.name == "Inchangé"


def test_changing_the_commune_moves_an_approximate_point(poitiers):
    chatellerault = CommuneFactory(
        code="86066", name="Châtellerault", latitude=46.82, longitude=0.55, epci=None
    )
    actor = services.actor_create(data=ActorInput(name="A", kind="association", commune="86194"))
    services.actor_update(actor=actor, changes={"commune": "86066"})
    actor.refresh_from_db()
    assert (actor.latitude, actor.longitude) == (chatellerault.latitude, chatellerault.longitude)
    assert actor.epci_id is None


def test_confirm_profile_records_the_date(db):
    actor = ActorFactory()
    services.actor_confirm_profile(actor=actor)
    actor.refresh_from_db()
    assert actor.profile_confirmed_at is not None


def test_need_offer_create_validates_each_field(db):
    actor = ActorFactory()
    with pytest.raises(DomainValidationError) as error:
        services.need_offer_create(
            actor=actor,
            direction="demande",
            category="licorne",
            text=" ",
            themes=["inconnu"],
            territory_code="dep:999",
            value_eur=Decimal("-1"),
            valid_from=dt.date(2026, 6, 1),
            valid_until=dt.date(2026, 1, 1),
        )
    assert set(error.value.errors) == {
        "direction",
        "category",
        "text",
        "themes",
        "territory_code",
        "value_eur",
        "valid_until",
    }
    assert not NeedOffer.objects.exists()


def test_needs_and_contacts_raise_the_completeness(db):
    actor = ActorFactory()
    assert actor.completeness == 0
    services.need_offer_create(
        actor=actor, direction="need", category="benevolat", text="Des bras pour la collecte."
    )
    services.contact_create(
        actor=actor,
        first_name="Inès",
        last_name="Fictive",
        email="ines@exemple.org",
        consent_given=True,
    )
    actor.refresh_from_db()
    assert actor.completeness > 0


def test_need_offer_update_keeps_the_direction_and_refuses_unknown_fields(db):
    actor = ActorFactory()
    item = services.need_offer_create(
        actor=actor, direction="offer", category="locaux", text="Une salle."
    )
    with pytest.raises(DomainValidationError):
        services.need_offer_update(item=item, changes={"direction": "need"})
    services.need_offer_update(item=item, changes={"text": "Deux salles.", "is_active": False})
    item.refresh_from_db()
    assert (item.direction, item.text, item.is_active) == ("offer", "Deux salles.", False)


def test_contact_create_requires_consent(db):
    actor = ActorFactory()
    with pytest.raises(DomainValidationError) as error:
        services.contact_create(
            actor=actor,
            first_name="Inès",
            last_name="Fictive",
            email="ines@exemple.org",
            consent_given=False,
        )
    assert list(error.value.errors) == ["consent_given"]
    assert not Contact.objects.exists()


def test_contact_delete_erases_the_person(db):
    actor = ActorFactory()
    contact = services.contact_create(
        actor=actor, first_name="Inès", last_name="Fictive", phone="0549000000", consent_given=True
    )
    services.contact_delete(contact=contact)
    assert not Contact.objects.filter(first_name="Inès").exists()
