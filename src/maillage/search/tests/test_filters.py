"""Structured filters, alone, combined and with text; closed actors; filter validation."""

from __future__ import annotations

import pytest

from maillage.actors.tests.factories import ActorFactory
from maillage.search.backends.base import SearchQuery
from maillage.search.selectors import actors_search, search_query_errors


def names(text: str = "", **filters) -> list[str]:
    _, actors = actors_search(query=SearchQuery(text=text, per_page=100, **filters))
    return sorted(actor.name for actor in actors)


@pytest.fixture
def directory(publish):
    publish(
        "Épicerie solidaire de Poitiers",
        commune="86194",
        themes=["precarite"],
        needs=[("benevolat", "Des bénévoles le samedi")],
    )
    publish(
        "Chantier d'insertion du Clain",
        kind="siae",
        commune="86062",
        themes=["insertion_iae", "transition_ecologique"],
        offers=[("achats", "Entretien d'espaces verts, achats responsables")],
    )
    publish(
        "Garage solidaire du Châtelleraudais",
        kind="siae",
        commune="86066",
        themes=["insertion_iae"],
        needs=[("locaux", "Un atelier plus grand")],
    )
    publish(
        "Mutuelle de Poitiers",
        kind="mutuelle",
        commune="86194",
        offers=[("financement", "Soutien financier aux projets solidaires")],
    )
    publish(
        "Banque solidaire de Niort",
        kind="entreprise",
        sphere="entreprises",
        commune="79191",
        themes=["inclusion_bancaire"],
        offers=[("financement", "Microcrédit"), ("competences", "Conseil budgétaire")],
    )
    publish(
        "Épicerie solidaire Au Petit Plus",
        commune="94018",
        themes=["precarite"],
        needs=[("materiel", "Un réfrigérateur"), ("benevolat", "Des bras")],
    )


@pytest.mark.usefixtures("directory")
class TestEachFilter:
    def test_kind(self):
        assert names(kinds=("siae",)) == [
            "Chantier d'insertion du Clain",
            "Garage solidaire du Châtelleraudais",
        ]
        assert names(kinds=("siae", "mutuelle")) == [
            "Chantier d'insertion du Clain",
            "Garage solidaire du Châtelleraudais",
            "Mutuelle de Poitiers",
        ]

    def test_sphere(self):
        assert names(spheres=("entreprises",)) == ["Banque solidaire de Niort"]

    def test_theme(self):
        assert names(themes=("precarite",)) == [
            "Épicerie solidaire Au Petit Plus",
            "Épicerie solidaire de Poitiers",
        ]

    def test_need_and_offer_categories(self):
        assert names(needs=("benevolat",)) == [
            "Épicerie solidaire Au Petit Plus",
            "Épicerie solidaire de Poitiers",
        ]
        assert names(offers=("financement",)) == [
            "Banque solidaire de Niort",
            "Mutuelle de Poitiers",
        ]
        assert names(needs=("financement",)) == []

    @pytest.mark.parametrize(
        ("territory", "expected"),
        [
            ("com:86194", ["Mutuelle de Poitiers", "Épicerie solidaire de Poitiers"]),
            (
                "epci:200069854",
                [
                    "Chantier d'insertion du Clain",
                    "Mutuelle de Poitiers",
                    "Épicerie solidaire de Poitiers",
                ],
            ),
            (
                "dep:86",
                [
                    "Chantier d'insertion du Clain",
                    "Garage solidaire du Châtelleraudais",
                    "Mutuelle de Poitiers",
                    "Épicerie solidaire de Poitiers",
                ],
            ),
            (
                "reg:75",
                [
                    "Banque solidaire de Niort",
                    "Chantier d'insertion du Clain",
                    "Garage solidaire du Châtelleraudais",
                    "Mutuelle de Poitiers",
                    "Épicerie solidaire de Poitiers",
                ],
            ),
            ("reg:11", ["Épicerie solidaire Au Petit Plus"]),
        ],
    )
    def test_territory_includes_everything_inside_it(self, territory, expected):
        assert names(territory=territory) == expected

    def test_france_is_everywhere(self):
        assert len(names(territory="fr")) == 6


@pytest.mark.usefixtures("directory")
class TestCombinations:
    def test_text_with_kind_theme_and_territory(self):
        assert names(
            "solidaire", kinds=("siae",), themes=("insertion_iae",), territory="dep:86"
        ) == ["Garage solidaire du Châtelleraudais"]

    def test_text_with_need(self):
        assert names("épicerie", needs=("materiel",)) == ["Épicerie solidaire Au Petit Plus"]

    def test_kind_theme_territory_need_offer_together(self):
        assert names(
            kinds=("entreprise",),
            themes=("inclusion_bancaire",),
            territory="reg:75",
            offers=("financement", "locaux"),
        ) == ["Banque solidaire de Niort"]
        assert (
            names(kinds=("siae",), territory="dep:86", needs=("locaux",), offers=("achats",)) == []
        )

    def test_need_and_offer_filters_ignore_inactive_items(self, publish):
        from maillage.actors.services import need_offer_update

        actor = publish("Recyclerie", commune="86194", needs=[("logistique", "Un camion")])
        assert names(needs=("logistique",)) == ["Recyclerie"]
        need_offer_update(item=actor.needs_offers.get(), changes={"is_active": False})
        assert names(needs=("logistique",)) == []
        assert names("camion") == []


class TestClosedActors:
    def test_closed_actors_are_excluded_by_default(self, publish):
        publish("Épicerie ouverte", commune="86194")
        ActorFactory(name="Épicerie fermée", closed=True)
        assert names("épicerie") == ["Épicerie ouverte"]
        assert names() == ["Épicerie ouverte"]

    def test_closed_actors_on_request(self, publish):
        publish("Épicerie ouverte", commune="86194")
        ActorFactory(name="Épicerie fermée", closed=True)
        assert names("épicerie", include_closed=True) == ["Épicerie fermée", "Épicerie ouverte"]


class TestFilterValidation:
    def test_valid_filters_have_no_errors(self, geography):
        query = SearchQuery(
            kinds=("siae",),
            themes=("handicap",),
            needs=("locaux",),
            offers=("financement",),
            spheres=("ess",),
            territory="dep:86",
            place="86194",
        )
        assert search_query_errors(query=query) == {}

    def test_unknown_codes_are_reported_by_field(self, geography):
        query = SearchQuery(
            kinds=("siae", "licorne"),
            themes=("bonheur",),
            needs=("argent",),
            offers=("temps",),
            spheres=("autre",),
            territory="dep:13",
            place="99999",
            sort="hasard",
        )
        errors = search_query_errors(query=query)
        assert set(errors) == {
            "kind",
            "theme",
            "need",
            "offer",
            "sphere",
            "territory",
            "place",
            "sort",
        }
        assert "licorne" in errors["kind"][0] and "siae" not in errors["kind"][0]
        assert "dep:13" in errors["territory"][0]

    def test_malformed_territory_is_reported(self, geography):
        errors = search_query_errors(query=SearchQuery(territory="département 86"))
        assert errors["territory"][0].startswith("Code de territoire invalide")
