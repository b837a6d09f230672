"""Ranking: text relevance first, then proximity to the searcher, then completeness."""

from __future__ import annotations

from maillage.search.backends.base import SearchQuery
from maillage.search.selectors import actors_search


def ranked(text: str = "", **options) -> list[str]:
    _, actors = actors_search(query=SearchQuery(text=text, per_page=100, **options))
    return [f"{actor.name} @ {actor.seat_commune_id}" for actor in actors]


def test_nearer_actors_come_first_among_equally_relevant_ones(publish):
    # Created farthest first, so that creation order cannot explain the result.
    for commune in ("94018", "79191", "86066", "86062", "86194"):
        publish("Épicerie solidaire", commune=commune)
    assert ranked("épicerie solidaire", place="86194") == [
        "Épicerie solidaire @ 86194",  # same commune
        "Épicerie solidaire @ 86062",  # same EPCI (Grand Poitiers)
        "Épicerie solidaire @ 86066",  # same département (Vienne)
        "Épicerie solidaire @ 79191",  # same région (Nouvelle-Aquitaine)
        "Épicerie solidaire @ 94018",  # elsewhere
    ]
    assert ranked("épicerie solidaire", place="com:94018")[0] == "Épicerie solidaire @ 94018"


def test_a_name_match_outranks_a_nearby_mention_in_passing(publish):
    publish(
        "Atelier vélo",
        commune="86194",
        description="Parmi nos partenaires, un chantier d'insertion.",
    )
    publish("Chantier d'insertion du Clain", commune="94018")
    assert ranked("insertion", place="86194") == [
        "Chantier d'insertion du Clain @ 94018",
        "Atelier vélo @ 86194",
    ]


def test_theme_and_category_keywords_outrank_the_description(publish):
    publish("Atelier vélo", commune="86194", description="Quelques mots sur le handicap.")
    publish("Les Amis", commune="94018", themes=["handicap"])
    assert ranked("handicap", place="86194") == ["Les Amis @ 94018", "Atelier vélo @ 86194"]


def test_a_more_complete_profile_breaks_ties(publish):
    publish("Repair café", commune="86194")
    publish(
        "Repair café",
        commune="86194",
        website="https://repair.example.org",
        email="contact@repair.example.org",
        siret="",
    )
    results = actors_search(query=SearchQuery(text="repair café"))[1]
    assert [actor.website for actor in results] == ["https://repair.example.org", ""]


def test_without_text_nearer_then_more_complete_actors_come_first(publish):
    publish("Zèbre", commune="94018", website="https://zebre.example.org")
    publish("Abeille", commune="86062")
    publish("Castor", commune="86194")
    publish("Belette", commune="86194", website="https://belette.example.org")
    assert ranked(place="86194") == [
        "Belette @ 86194",
        "Castor @ 86194",
        "Abeille @ 86062",
        "Zèbre @ 94018",
    ]


def test_an_unknown_place_only_drops_proximity(publish):
    publish("Épicerie solidaire", commune="86194")
    assert ranked("épicerie", place="99999") == ["Épicerie solidaire @ 86194"]


def test_sort_by_name_overrides_relevance(publish):
    publish("Zèbre solidaire", commune="86194")
    publish("Abeille", commune="86194", description="Une épicerie solidaire.")
    assert ranked("solidaire", sort="name") == ["Abeille @ 86194", "Zèbre solidaire @ 86194"]
    assert ranked("solidaire") == ["Zèbre solidaire @ 86194", "Abeille @ 86194"]


def test_scores_are_reported_best_first(publish):
    publish("Épicerie solidaire", commune="86194")
    publish("Autre chose", commune="86194", description="Nous aidons une épicerie solidaire.")
    result, _ = actors_search(query=SearchQuery(text="épicerie solidaire"))
    scores = [result.scores[actor_id] for actor_id in result.ids]
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)


def test_pages_partition_the_ranked_results(publish):
    for number in range(7):
        publish(f"Jardin partagé {number}", commune="86194")
    first = actors_search(query=SearchQuery(text="jardin", per_page=3, page=1))[0]
    second = actors_search(query=SearchQuery(text="jardin", per_page=3, page=2))[0]
    third = actors_search(query=SearchQuery(text="jardin", per_page=3, page=3))[0]
    beyond = actors_search(query=SearchQuery(text="jardin", per_page=3, page=9))[0]
    assert first.total == second.total == third.total == beyond.total == 7
    assert len(first.ids) == len(second.ids) == 3 and len(third.ids) == 1
    assert len(set(first.ids + second.ids + third.ids)) == 7
    assert beyond.ids == []
