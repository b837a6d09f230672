"""Facet counts over the whole match set of the current query."""

from __future__ import annotations

from maillage.search.backends.base import SearchQuery
from maillage.search.selectors import actors_search


def counts(text: str = "", **filters) -> dict[str, dict[str, int]]:
    result, _ = actors_search(query=SearchQuery(text=text, with_facets=True, per_page=1, **filters))
    return {
        key: {value.code: value.count for value in values} for key, values in result.facets.items()
    }


def test_facets_count_actors_matching_the_text(publish):
    publish(
        "Épicerie solidaire de Poitiers",
        commune="86194",
        themes=["precarite"],
        needs=[("benevolat", "Des bénévoles"), ("benevolat", "Encore des bénévoles")],
    )
    publish(
        "Épicerie solidaire Au Petit Plus",
        commune="94018",
        themes=["precarite", "sante"],
        needs=[("materiel", "Un frigo")],
        offers=[("acces_publics", "Permanence")],
    )
    publish(
        "Garage solidaire",
        kind="siae",
        commune="86066",
        themes=["insertion_iae"],
        offers=[("achats", "Réparations")],
    )
    publish(
        "Natixis",
        kind="entreprise",
        sphere="entreprises",
        commune="94018",
        offers=[("financement", "Mécénat")],
    )

    facets = counts("solidaire")

    assert facets["kind"] == {"association": 2, "siae": 1}
    assert facets["sphere"] == {"ess": 3}
    assert facets["theme"] == {"precarite": 2, "sante": 1, "insertion_iae": 1}
    assert facets["departement"] == {"86": 2, "94": 1}
    # Actors, not items: two bénévolat needs of one actor count once.
    assert facets["need"] == {"benevolat": 1, "materiel": 1}
    assert facets["offer"] == {"acces_publics": 1, "achats": 1}


def test_facets_follow_the_filters(publish):
    publish("Épicerie solidaire de Poitiers", commune="86194", themes=["precarite"])
    publish("Épicerie solidaire Au Petit Plus", commune="94018", themes=["sante"])
    facets = counts("épicerie", territory="dep:94")
    assert facets["departement"] == {"94": 1}
    assert facets["theme"] == {"sante": 1}


def test_facet_values_are_labelled_and_sorted_by_count(publish):
    publish("A", commune="86194", themes=["precarite"])
    publish("B", commune="86194", themes=["precarite", "sante"])
    result, _ = actors_search(query=SearchQuery(with_facets=True))
    themes = result.facets["theme"]
    assert [(value.code, value.label, value.count) for value in themes] == [
        ("precarite", "Lutte contre la précarité", 2),
        ("sante", "Santé", 1),
    ]
    assert result.facets["departement"][0].label == "Vienne (86)"


def test_no_facets_unless_asked(publish):
    publish("A", commune="86194")
    result, _ = actors_search(query=SearchQuery())
    assert result.facets == {}


def test_facets_of_an_empty_result_are_empty(publish):
    publish("A", commune="86194", themes=["precarite"])
    facets = counts("introuvable")
    assert all(values == {} for values in facets.values())
