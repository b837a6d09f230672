"""The public directory /acteurs/: search, filters, facets, pagination, htmx, bad input."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from maillage.actors.tests.factories import ActorFactory, NeedOfferFactory
from maillage.actors.tests.public_fixtures import Geography, build_geography

pytestmark = pytest.mark.django_db

URL = "/acteurs/"
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "directory-region"}


@pytest.fixture
def geo() -> Geography:
    return build_geography()


def names(response) -> list[str]:
    """Actor names of the result cards, in page order."""
    content = response.content.decode()
    found = re.findall(r'id="actor-\d+-name"><a href="[^"]+">([^<]+)</a>', content)
    return [html.unescape(name) for name in found]


def text(response) -> str:
    return html.unescape(response.content.decode())


# --------------------------------------------------------------------------- basics


def test_directory_lists_active_actors_and_leaves_closed_ones_out(client):
    ActorFactory(name="Atelier ouvert")
    ActorFactory(name="Atelier dissous", closed=True)
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Atelier ouvert"]
    assert "1 acteur" in text(response)


def test_closed_actors_appear_with_a_closed_mark_when_asked(client):
    ActorFactory(name="Atelier dissous", closed=True)
    response = client.get(URL, {"closed": "1"})
    assert names(response) == ["Atelier dissous"]
    assert "badge-closed" in response.content.decode()


def test_card_shows_kind_place_themes_needs_and_freshness(client, geo):
    actor = ActorFactory(
        association=True,
        name="Les Ateliers du Bocage",
        seat_commune=geo.poitiers,
        themes=["insertion_iae"],
        confirmed=True,
    )
    NeedOfferFactory(actor=actor, category_id="locaux", text="Un entrepôt de 200 m².")
    NeedOfferFactory(
        actor=actor,
        offer=True,
        category_id="achats",
        text="Collecte et réemploi de matériel informatique.",
    )
    NeedOfferFactory(actor=actor, inactive=True, text="Besoin retiré de la publication.")
    page = text(client.get(URL))
    assert "Les Ateliers du Bocage" in page
    assert "Association" in page
    assert "Poitiers · Vienne (86)" in page
    assert "Insertion par l'activité économique" in page
    assert "Un entrepôt de 200 m²." in page
    assert "Collecte et réemploi de matériel informatique." in page
    assert "Besoin retiré de la publication." not in page
    assert "Profil confirmé en" in page


def test_user_text_is_escaped_in_result_cards(client):
    ActorFactory(name="<script>alert('nom')</script>")
    content = client.get(URL).content.decode()
    assert "<script>alert(" not in content
    assert "&lt;script&gt;alert(" in content


# --------------------------------------------------------------------------- filters


def test_text_search_matches_name_and_description(client):
    ActorFactory(name="Chantier d'insertion du Clain")
    ActorFactory(name="Les Jardins", description="Maraîchage et insertion professionnelle.")
    ActorFactory(name="Club de boxe", description="Sport pour tous.")
    found = names(client.get(URL, {"q": "insertion"}))
    assert sorted(found) == ["Chantier d'insertion du Clain", "Les Jardins"]


def test_kind_filter(client):
    ActorFactory(association=True, name="Une association")
    ActorFactory(entreprise=True, name="Une entreprise")
    ActorFactory(collectivite=True, name="Une commune")
    assert names(client.get(URL, {"kind": "entreprise"})) == ["Une entreprise"]


def test_values_of_one_filter_combine_with_or(client):
    ActorFactory(association=True, name="Une association")
    ActorFactory(entreprise=True, name="Une entreprise")
    ActorFactory(collectivite=True, name="Une commune")
    found = names(client.get(URL, {"kind": ["entreprise", "collectivite"]}))
    assert sorted(found) == ["Une commune", "Une entreprise"]


def test_sphere_filter(client):
    ActorFactory(association=True, name="Une association")
    ActorFactory(entreprise=True, name="Une entreprise")
    assert names(client.get(URL, {"sphere": "entreprises"})) == ["Une entreprise"]


def test_theme_filter(client):
    ActorFactory(name="Handicap", themes=["handicap", "emploi"])
    ActorFactory(name="Santé", themes=["sante"])
    assert names(client.get(URL, {"theme": "handicap"})) == ["Handicap"]


def test_need_and_offer_filters_look_at_the_direction(client):
    needs_premises = ActorFactory(name="Cherche des locaux")
    NeedOfferFactory(actor=needs_premises, need=True, category_id="locaux")
    offers_premises = ActorFactory(name="Prête des locaux")
    NeedOfferFactory(actor=offers_premises, offer=True, category_id="locaux")
    assert names(client.get(URL, {"need": "locaux"})) == ["Cherche des locaux"]
    assert names(client.get(URL, {"offer": "locaux"})) == ["Prête des locaux"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("com:86194", {"Poitiers"}),
        ("epci:200069854", {"Poitiers", "Chasseneuil"}),
        ("dep:86", {"Poitiers", "Chasseneuil", "Châtellerault"}),
        ("reg:75", {"Poitiers", "Chasseneuil", "Châtellerault", "Niort"}),
        ("fr", {"Poitiers", "Chasseneuil", "Châtellerault", "Niort", "Charenton"}),
    ],
)
def test_territory_filter_includes_everything_inside_it(client, geo, code, expected):
    for name, commune in (
        ("Poitiers", geo.poitiers),
        ("Chasseneuil", geo.chasseneuil),
        ("Châtellerault", geo.chatellerault),
        ("Niort", geo.niort),
        ("Charenton", geo.charenton),
    ):
        ActorFactory(name=name, seat_commune=commune)
    response = client.get(URL, {"territory": code})
    assert set(names(response)) == expected
    assert response.status_code == 200


def test_filters_combine_kind_theme_territory_need_and_text(client, geo):
    wanted = ActorFactory(
        association=True,
        name="Boussole Vienne",
        seat_commune=geo.poitiers,
        themes=["insertion_iae"],
    )
    NeedOfferFactory(actor=wanted, category_id="competences")
    # Each of these misses exactly one criterion.
    other_kind = ActorFactory(
        entreprise=True,
        name="Boussole entreprise",
        seat_commune=geo.poitiers,
        themes=["insertion_iae"],
    )
    NeedOfferFactory(actor=other_kind, category_id="competences")
    other_theme = ActorFactory(
        association=True,
        name="Boussole culture",
        seat_commune=geo.poitiers,
        themes=["culture_sport_loisirs"],
    )
    NeedOfferFactory(actor=other_theme, category_id="competences")
    elsewhere = ActorFactory(
        association=True, name="Boussole Niort", seat_commune=geo.niort, themes=["insertion_iae"]
    )
    NeedOfferFactory(actor=elsewhere, category_id="competences")
    ActorFactory(
        association=True,
        name="Boussole sans besoin",
        seat_commune=geo.poitiers,
        themes=["insertion_iae"],
    )
    no_text = ActorFactory(
        association=True, name="Ateliers", seat_commune=geo.poitiers, themes=["insertion_iae"]
    )
    NeedOfferFactory(actor=no_text, category_id="competences")

    response = client.get(
        URL,
        {
            "q": "boussole",
            "kind": "association",
            "theme": "insertion_iae",
            "territory": "dep:86",
            "need": "competences",
        },
    )
    assert names(response) == ["Boussole Vienne"]


def test_sort_by_name(client):
    for name in ("Charlie", "Alpha", "Bravo"):
        ActorFactory(name=name)
    assert names(client.get(URL, {"sort": "name"})) == ["Alpha", "Bravo", "Charlie"]


def test_sort_by_completeness_puts_fuller_profiles_first(client):
    ActorFactory(name="Fiche vide")
    ActorFactory(
        name="Fiche riche",
        description="x" * 100,
        website="https://exemple.org",
        email="contact@exemple.org",
        themes=["emploi"],
    )
    assert names(client.get(URL, {"sort": "completeness"}))[0] == "Fiche riche"


# --------------------------------------------------------------------------- facets, chips


def facet_count(content: str, key: str, code: str) -> int | None:
    match = re.search(
        rf'id="f-{key}-{code}"[^>]*>\s*<span class="facet-label">[^<]*</span>\s*'
        r'<span class="facet-count">([\d\u202f\u00a0 ]+)</span>',
        content,
    )
    return int(re.sub(r"\D", "", match.group(1))) if match else None


def test_facets_count_actors_by_kind_theme_and_need(client, geo):
    for _ in range(3):
        ActorFactory(association=True, seat_commune=geo.poitiers, themes=["emploi"])
    ActorFactory(entreprise=True, seat_commune=geo.niort, themes=["emploi", "sante"])
    needing = ActorFactory(entreprise=True, seat_commune=geo.niort)
    NeedOfferFactory(actor=needing, category_id="financement")
    content = client.get(URL).content.decode()
    assert facet_count(content, "kind", "association") == 3
    assert facet_count(content, "kind", "entreprise") == 2
    assert facet_count(content, "theme", "emploi") == 4
    assert facet_count(content, "theme", "sante") == 1
    assert facet_count(content, "need", "financement") == 1
    assert facet_count(content, "sphere", "entreprises") == 2
    assert facet_count(content, "kind", "collectivite") is None  # no actor, no option


def test_facets_of_an_active_group_count_the_alternatives(client):
    for _ in range(3):
        ActorFactory(association=True, themes=["emploi"])
    ActorFactory(entreprise=True, themes=["emploi"])
    ActorFactory(entreprise=True, themes=["sante"])
    content = client.get(URL, {"kind": "association"}).content.decode()
    # The kind group lifts its own filter: ticking "entreprise" would add two actors…
    assert facet_count(content, "kind", "entreprise") == 2
    assert re.search(r'id="f-kind-association"[^>]*checked', content)
    # …while other groups count within the selection.
    assert facet_count(content, "theme", "emploi") == 3
    assert facet_count(content, "theme", "sante") is None


def test_departement_facet_links_replace_the_territory(client, geo):
    ActorFactory(seat_commune=geo.poitiers)
    ActorFactory(seat_commune=geo.poitiers)
    ActorFactory(seat_commune=geo.niort)
    content = html.unescape(client.get(URL, {"territory": "dep:79"}).content.decode())
    assert 'href="/acteurs/?territory=dep%3A86"' in content
    assert re.search(r'href="/acteurs/\?territory=dep%3A79"[^>]*aria-current="true"', content)


def test_active_filters_are_chips_that_remove_one_value(client, geo):
    ActorFactory(association=True, seat_commune=geo.poitiers, themes=["emploi"])
    response = client.get(
        URL,
        {
            "kind": ["association", "entreprise"],
            "theme": "emploi",
            "territory": "dep:86",
            "q": "atelier",
        },
    )
    content = html.unescape(response.content.decode())
    assert "Territoire : Vienne" in content
    assert "Type d'acteur : Entreprise" in content
    assert "Recherche : « atelier »" in content
    # The "Entreprise" chip leads to the same selection without it.
    chip = re.search(
        r'<a class="chip" href="([^"]+)"[^>]*aria-label="Retirer le filtre '
        r"Type d'acteur : Entreprise",
        content,
    )
    assert chip is not None
    assert chip.group(1) == ("/acteurs/?q=atelier&territory=dep%3A86&kind=association&theme=emploi")


def test_map_link_carries_the_selection(client):
    ActorFactory(association=True, themes=["emploi"])
    content = html.unescape(client.get(URL, {"theme": "emploi", "sort": "name"}).content.decode())
    assert 'href="/carte/?theme=emploi"' in content


# --------------------------------------------------------------------------- pagination


def test_pagination_is_an_accessible_nav_with_the_current_page(client):
    for index in range(45):
        ActorFactory(name=f"Acteur {index:02d}")
    response = client.get(URL, {"sort": "name", "page": "2"})
    assert names(response) == [f"Acteur {index:02d}" for index in range(20, 40)]
    content = html.unescape(response.content.decode())
    assert '<nav class="pagination" aria-label="Pagination des résultats">' in content
    assert re.search(r'<a aria-current="page" href="/acteurs/\?sort=name&page=2">', content)
    assert 'href="/acteurs/?sort=name&page=3"' in content
    assert 'rel="prev"' in content
    assert "Page 2 sur 3" in content


def test_a_page_beyond_the_last_shows_the_last_page(client):
    for index in range(25):
        ActorFactory(name=f"Acteur {index:02d}")
    response = client.get(URL, {"sort": "name", "page": "99"})
    assert response.status_code == 200
    assert names(response) == [f"Acteur {index:02d}" for index in range(20, 25)]


def test_no_pagination_for_a_single_page(client):
    ActorFactory()
    assert 'class="pagination"' not in client.get(URL).content.decode()


# --------------------------------------------------------------------------- bad input


def test_unknown_kind_is_reported_and_ignored(client):
    ActorFactory(name="Une association")
    response = client.get(URL, {"kind": "licorne"})
    assert response.status_code == 200
    content = text(response)
    assert "« licorne » n'est pas une valeur connue" in content
    assert names(response) == ["Une association"]


@pytest.mark.parametrize("value", ["dep:ZZ", "com:00000", "epci:12", "Atlantide"])
def test_invalid_or_unknown_territory_is_reported_not_a_server_error(client, geo, value):
    ActorFactory(name="Poitiers", seat_commune=geo.poitiers)
    response = client.get(URL, {"territory": value})
    assert response.status_code == 200
    assert "Territoire inconnu" in text(response)
    assert names(response) == ["Poitiers"]


def test_a_territory_name_typed_without_javascript_is_interpreted(client, geo):
    ActorFactory(name="Poitiers", seat_commune=geo.poitiers)
    ActorFactory(name="Niort", seat_commune=geo.niort)
    response = client.get(URL, {"territory": "Poitiers"})
    assert names(response) == ["Poitiers"]
    assert "Territoire retenu : Poitiers (86)." in text(response)


@pytest.mark.parametrize(
    "params",
    [
        {"page": "deux"},
        {"page": "-3"},
        {"sort": "hasard"},
        {"q": "x" * 500},
        {"theme": "nope", "need": "nope"},
    ],
)
def test_malformed_parameters_give_a_friendly_message(client, params):
    ActorFactory()
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "Certains paramètres n'ont pas été compris" in text(response)


def test_empty_result_has_a_designed_state_with_suggestions(client, geo):
    ActorFactory(seat_commune=geo.poitiers)
    response = client.get(URL, {"q": "introuvable", "territory": "com:86194"})
    content = text(response)
    assert "Aucun acteur ne correspond à votre recherche" in content
    assert "choisissez un territoire plus large" in content
    assert "Effacer tous les filtres" in content


def test_only_get_is_allowed(client):
    assert client.post(URL).status_code == 405


# --------------------------------------------------------------------------- htmx


def test_htmx_request_gets_the_results_region_only(client):
    ActorFactory(association=True, name="Une association")
    response = client.get(URL, {"kind": "association", "q": "", "territory": ""}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="directory-region"')
    assert "<html" not in content
    assert "Une association" in content
    # The address bar gets the clean selection, not the raw form submission.
    assert response["HX-Push-Url"] == "/acteurs/?kind=association"
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_full_page(client):
    response = client.get(URL, **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_filter_form_is_wired_for_htmx_and_works_without_it(client):
    content = client.get(URL).content.decode()
    assert 'method="get" action="/acteurs/"' in content
    assert 'hx-get="/acteurs/"' in content
    assert 'hx-target="#directory-region"' in content
    assert 'hx-push-url="true"' in content


# --------------------------------------------------------------------------- budget


def test_directory_query_budget(client, geo, django_assert_max_num_queries):
    for index in range(30):
        actor = ActorFactory(
            name=f"Acteur {index}", seat_commune=geo.poitiers, themes=["emploi", "sante"]
        )
        NeedOfferFactory(actor=actor, category_id="locaux")
        NeedOfferFactory(actor=actor, offer=True, category_id="competences")
    # Typical page: search, facets, one page of cards with their themes and needs/offers.
    with django_assert_max_num_queries(20):
        response = client.get(URL)
    assert len(names(response)) == 20
    # Every filter group active: each counts its alternatives in two more queries.
    with django_assert_max_num_queries(20 + 6 * 2):
        response = client.get(
            URL,
            {
                "kind": "association",
                "theme": "emploi",
                "territory": "dep:86",
                "need": "locaux",
                "offer": "competences",
                "sphere": "ess",
            },
        )
    assert len(names(response)) == 20
    # With text, the search backend matches it again for each active group.
    with django_assert_max_num_queries(40):
        client.get(URL, {"q": "acteur", "kind": "association"})


def test_disjunctive_counts_agree_with_and_without_text(client):
    """The two ways of counting a lifted group (shared filters alone, or the backend with
    the text) give the same numbers."""
    for _ in range(2):
        ActorFactory(association=True, name="Les Amis du quartier", themes=["emploi"])
    ActorFactory(entreprise=True, name="Les Amis du commerce", themes=["emploi"])
    without_text = client.get(URL, {"kind": "association"}).content.decode()
    with_text = client.get(URL, {"kind": "association", "q": "amis"}).content.decode()
    for content in (without_text, with_text):
        assert facet_count(content, "kind", "entreprise") == 1
        assert facet_count(content, "kind", "association") == 2


def test_directory_url_name():
    assert reverse("actors:directory") == URL
