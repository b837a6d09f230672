"""``GET /api/v1/actors`` and ``GET /api/v1/actors/{id}``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client

from maillage.accounts.tests.factories import (
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.tests.factories import ActorFactory, ContactFactory, NeedOfferFactory
from maillage.api.tests.conftest import Places

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/actors"


def search_overhead() -> int:
    """PostgreSQL searches in a savepoint with their own settings (3 statements) and counts
    a sample shard before the whole (1): a constant, whatever the page size."""
    return 0 if connection.vendor == "sqlite" else 4


def _ours(body: dict) -> dict:
    """Our three keys of a problem document (the RFC 9457 ones are checked apart)."""
    return {key: body[key] for key in ("code", "message", "field")}


def _ids(response) -> list[int]:  # type: ignore[no-untyped-def]
    return [row["id"] for row in response.json()["results"]]


# --------------------------------------------------------------------------- list


def test_list_gives_total_page_and_public_fields_of_each_actor(
    api_client: Client, places: Places
) -> None:
    iris = ActorFactory(
        name="IRIS",
        acronym="IRIS",
        association=True,
        subkind_id="association_declaree",
        seat_commune=places.poitiers,
        themes=["insertion_iae", "emploi"],
    )

    response = api_client.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["page"], body["per_page"], body["pages"]) == (1, 1, 20, 1)
    assert body["facets"] is None
    assert body["results"] == [
        {
            "id": iris.pk,
            "name": "IRIS",
            "acronym": "IRIS",
            "kind": "association",
            "subkind": "association_declaree",
            "sphere": "ess",
            "commune": {"code": "86194", "name": "Poitiers"},
            "departement": {"code": "86", "name": "Vienne"},
            "themes": ["emploi", "insertion_iae"],
            "url": f"http://testserver/acteurs/{iris.pk}/iris/",
        }
    ]


def test_list_filters_by_departement_include_every_commune_inside(
    api_client: Client, places: Places
) -> None:
    poitiers = ActorFactory(seat_commune=places.poitiers)
    chatellerault = ActorFactory(seat_commune=places.chatellerault)
    ActorFactory(seat_commune=places.charenton)

    response = api_client.get(LIST_URL, {"territory": "dep:86", "sort": "name"})

    assert response.status_code == 200
    assert sorted(_ids(response)) == sorted([poitiers.pk, chatellerault.pk])
    epci = api_client.get(LIST_URL, {"territory": "epci:200069854"})
    assert _ids(epci) == [poitiers.pk]


def test_list_combines_kind_theme_and_need_filters(api_client: Client, places: Places) -> None:
    wanted = ActorFactory(association=True, seat_commune=places.poitiers, themes=["handicap"])
    NeedOfferFactory(actor=wanted, need=True, category_id="locaux")
    other_kind = ActorFactory(entreprise=True, seat_commune=places.poitiers, themes=["handicap"])
    NeedOfferFactory(actor=other_kind, need=True, category_id="locaux")
    other_theme = ActorFactory(association=True, seat_commune=places.poitiers, themes=["sante"])
    NeedOfferFactory(actor=other_theme, need=True, category_id="locaux")
    offers_only = ActorFactory(association=True, seat_commune=places.poitiers, themes=["handicap"])
    NeedOfferFactory(actor=offers_only, offer=True, category_id="locaux")

    response = api_client.get(
        LIST_URL, {"kind": "association", "theme": "handicap", "need": "locaux"}
    )

    assert _ids(response) == [wanted.pk]


def test_list_accepts_repeated_and_comma_separated_codes(
    api_client: Client, places: Places
) -> None:
    association = ActorFactory(association=True)
    company = ActorFactory(entreprise=True)
    ActorFactory(collectivite=True)

    repeated = api_client.get(f"{LIST_URL}?kind=association&kind=entreprise")
    commas = api_client.get(LIST_URL, {"kind": "association,entreprise"})

    assert sorted(_ids(repeated)) == sorted([association.pk, company.pk])
    assert sorted(_ids(commas)) == sorted([association.pk, company.pk])


def test_list_searches_text_in_names_and_descriptions(api_client: Client, places: Places) -> None:
    by_name = ActorFactory(name="Chantier d'insertion du Clain")
    by_description = ActorFactory(name="Les Ateliers", description="Insertion par le maraîchage.")
    ActorFactory(name="Club de boxe", description="Sport pour tous.")

    response = api_client.get(LIST_URL, {"q": "insertion"})

    assert set(_ids(response)) == {by_name.pk, by_description.pk}


def test_list_leaves_out_closed_actors_unless_asked(api_client: Client, places: Places) -> None:
    open_actor = ActorFactory()
    closed_actor = ActorFactory(closed=True)

    assert _ids(api_client.get(LIST_URL)) == [open_actor.pk]
    with_closed = api_client.get(LIST_URL, {"closed": "true"})
    assert sorted(_ids(with_closed)) == sorted([open_actor.pk, closed_actor.pk])


def test_list_pages_through_results(api_client: Client, places: Places) -> None:
    actors = [ActorFactory(name=name) for name in ("Alpha", "Bravo", "Charlie")]

    second = api_client.get(LIST_URL, {"sort": "name", "per_page": 2, "page": 2}).json()
    beyond = api_client.get(LIST_URL, {"sort": "name", "per_page": 2, "page": 9}).json()

    assert (second["total"], second["pages"]) == (3, 2)
    assert [row["id"] for row in second["results"]] == [actors[2].pk]
    assert (beyond["total"], beyond["results"]) == (3, [])


def test_list_counts_facets_only_when_asked(api_client: Client, places: Places) -> None:
    ActorFactory(association=True, seat_commune=places.poitiers, themes=["emploi"])
    ActorFactory(association=True, seat_commune=places.charenton)
    ActorFactory(entreprise=True, seat_commune=places.poitiers)

    body = api_client.get(LIST_URL, {"facets": "true"}).json()

    assert set(body["facets"]) >= {"kind", "sphere", "theme", "departement", "need", "offer"}
    kinds = {value["code"]: value["count"] for value in body["facets"]["kind"]}
    assert kinds == {"association": 2, "entreprise": 1}
    departements = {value["code"]: value for value in body["facets"]["departement"]}
    assert departements["86"] == {"code": "86", "label": "Vienne (86)", "count": 2}


def test_list_query_count_does_not_grow_with_the_page(
    api_client: Client, places: Places, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for index in range(30):
        ActorFactory(
            seat_commune=places.poitiers, themes=["emploi", "sante"], name=f"Acteur {index}"
        )

    with django_assert_max_num_queries(10 + search_overhead()):
        response = api_client.get(LIST_URL, {"per_page": 30, "theme": "emploi"})

    assert len(response.json()["results"]) == 30


# --------------------------------------------------------------------------- bad parameters


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"territory": "departement-86"}, "territory"),
        ({"territory": "dep:999"}, "territory"),
        ({"kind": "licorne"}, "kind"),
        ({"sphere": "ess,licorne"}, "sphere"),
        ({"theme": "pas_un_theme"}, "theme"),
        ({"need": "pas_une_categorie"}, "need"),
        ({"offer": "pas_une_categorie"}, "offer"),
        ({"per_page": "101"}, "per_page"),
        ({"per_page": "0"}, "per_page"),
        ({"page": "0"}, "page"),
        ({"page": "deux"}, "page"),
        ({"sort": "hasard"}, "sort"),
    ],
)
def test_list_rejects_a_bad_parameter_naming_it(
    api_client: Client, places: Places, params: dict[str, str], field: str
) -> None:
    response = api_client.get(LIST_URL, params)

    assert response.status_code == 400
    body = response.json()
    assert {"code", "message", "field", "type", "title", "status"} <= set(body)
    assert body["code"] == "invalid_parameter"
    assert body["field"] == field
    assert body["message"]


def test_list_rejects_a_well_formed_but_unknown_territory(
    api_client: Client, places: Places
) -> None:
    response = api_client.get(LIST_URL, {"territory": "com:33063"})

    assert response.status_code == 400
    assert _ours(response.json()) == {
        "code": "invalid_parameter",
        "message": "Territoire inconnu : com:33063.",
        "field": "territory",
    }


# --------------------------------------------------------------------------- detail


def test_detail_gives_the_public_profile_with_current_needs_and_offers(
    api_client: Client, places: Places
) -> None:
    actor = ActorFactory(
        name="Ateliers du Bocage",
        siae=True,
        subkind_id="aci",
        seat_commune=places.poitiers,
        located=True,
        description="Réemploi et insertion.",
        themes=["insertion_iae"],
        partnership_types=["mecenat"],
        labels=["conventionnement_iae"],
    )
    need = NeedOfferFactory(
        actor=actor,
        need=True,
        category_id="locaux",
        text="Un entrepôt de 200 m²",
        themes=["insertion_iae"],
    )
    offer = NeedOfferFactory(
        actor=actor, offer=True, category_id="achats", text="Collecte de matériel informatique"
    )
    NeedOfferFactory(actor=actor, need=True, inactive=True, text="Ancien besoin pourvu")
    NeedOfferFactory(actor=actor, offer=True, text="Offre échue", valid_until=dt.date(2020, 1, 31))

    response = api_client.get(f"{LIST_URL}/{actor.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Ateliers du Bocage"
    assert (body["kind"], body["subkind"], body["sphere"]) == ("siae", "aci", "ess")
    assert body["commune"] == {"code": "86194", "name": "Poitiers"}
    assert body["epci"] == {"code": "200069854", "name": "CU du Grand Poitiers"}
    assert body["region"] == {"code": "75", "name": "Nouvelle-Aquitaine"}
    assert body["description"] == "Réemploi et insertion."
    assert body["partnership_types"] == ["mecenat"]
    assert body["labels"] == ["conventionnement_iae"]
    assert [(n["id"], n["category"], n["text"], n["themes"]) for n in body["needs"]] == [
        (need.pk, "locaux", "Un entrepôt de 200 m²", ["insertion_iae"])
    ]
    assert [o["id"] for o in body["offers"]] == [offer.pk]
    assert body["status"] == "active"


def test_detail_of_a_missing_actor_is_not_found(api_client: Client, places: Places) -> None:
    response = api_client.get(f"{LIST_URL}/987654")

    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "not_found"
    assert body["field"] is None
    assert "987654" in body["message"]


def test_detail_query_count_is_bounded(
    api_client: Client, places: Places, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    actor = ActorFactory(seat_commune=places.poitiers, themes=["emploi"])
    for _ in range(5):
        NeedOfferFactory(actor=actor, need=True, themes=["emploi", "sante"])

    with django_assert_max_num_queries(12):
        response = api_client.get(f"{LIST_URL}/{actor.pk}")

    assert len(response.json()["needs"]) == 5


# --------------------------------------------------------------------------- contact persons


@pytest.fixture
def actor_with_contact(places: Places):  # type: ignore[no-untyped-def]
    actor = ActorFactory(association=True, seat_commune=places.poitiers)
    ContactFactory(
        actor=actor,
        first_name="Camille",
        last_name="Fictive",
        email="camille@exemple.org",
        is_primary=True,
    )
    return actor


def test_anonymous_visitors_do_not_see_contact_persons(
    api_client: Client, actor_with_contact
) -> None:  # type: ignore[no-untyped-def]
    body = api_client.get(f"{LIST_URL}/{actor_with_contact.pk}").json()

    assert body["contacts"] is None
    assert "camille@exemple.org" not in str(body)


def test_signed_in_strangers_do_not_see_contact_persons(
    api_client: Client, actor_with_contact
) -> None:  # type: ignore[no-untyped-def]
    MembershipFactory(actor=ActorFactory(), admin=True, user=UserFactory())
    api_client.force_login(UserFactory())

    assert api_client.get(f"{LIST_URL}/{actor_with_contact.pk}").json()["contacts"] is None


def test_pending_members_do_not_see_contact_persons(api_client: Client, actor_with_contact) -> None:  # type: ignore[no-untyped-def]
    membership = MembershipFactory(actor=actor_with_contact, pending=True)
    api_client.force_login(membership.user)

    assert api_client.get(f"{LIST_URL}/{actor_with_contact.pk}").json()["contacts"] is None


def test_members_see_their_organisation_contact_persons(
    api_client: Client, actor_with_contact
) -> None:  # type: ignore[no-untyped-def]
    membership = MembershipFactory(actor=actor_with_contact)
    api_client.force_login(membership.user)

    contacts = api_client.get(f"{LIST_URL}/{actor_with_contact.pk}").json()["contacts"]

    assert [(c["first_name"], c["last_name"], c["email"], c["is_primary"]) for c in contacts] == [
        ("Camille", "Fictive", "camille@exemple.org", True)
    ]


def test_facilitators_see_contacts_inside_their_territory_only(
    api_client: Client, actor_with_contact, places: Places
) -> None:  # type: ignore[no-untyped-def]
    elsewhere = ActorFactory(seat_commune=places.charenton)
    ContactFactory(actor=elsewhere)
    scope = FacilitatorScopeFactory(territory_code="dep:86")
    api_client.force_login(scope.user)

    assert len(api_client.get(f"{LIST_URL}/{actor_with_contact.pk}").json()["contacts"]) == 1
    assert api_client.get(f"{LIST_URL}/{elsewhere.pk}").json()["contacts"] is None


def test_staff_see_contact_persons(api_client: Client, actor_with_contact) -> None:  # type: ignore[no-untyped-def]
    api_client.force_login(UserFactory(staff=True))

    assert len(api_client.get(f"{LIST_URL}/{actor_with_contact.pk}").json()["contacts"]) == 1
