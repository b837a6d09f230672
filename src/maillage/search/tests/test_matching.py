"""French matching: accents, case, plural/singular, prefixes, typos in names, fields."""

from __future__ import annotations

import pytest

from maillage.search.backends.base import SearchQuery
from maillage.search.selectors import actors_search


def names(text: str, **filters) -> list[str]:
    _, actors = actors_search(query=SearchQuery(text=text, per_page=100, **filters))
    return sorted(actor.name for actor in actors)


@pytest.fixture
def directory(publish):
    publish(
        "Épicerie solidaire Au Petit Plus",
        commune="94018",
        description="Une épicerie pour les familles du quartier.",
    )
    publish("Épiceries Sociales du Poitou", commune="86194")
    publish(
        "Croix-Rouge française",
        commune="86194",
        themes=["precarite"],
        needs=[("benevolat", "Des bénévoles pour la distribution alimentaire")],
    )
    publish(
        "Ateliers du Bocage",
        commune="79191",
        description="Réemploi et recyclage du matériel informatique.",
    )
    publish(
        "Natixis",
        kind="entreprise",
        commune="94018",
        offers=[("competences", "Mécénat de compétences en gestion financière")],
    )
    publish("Maison des lycéens du lycée Robert Schuman", commune="94018")
    publish(
        "Chantier d'insertion du Clain",
        kind="siae",
        commune="86062",
        description="Un accompagnement des personnes éloignées de l'emploi.",
        themes=["insertion_iae"],
    )


@pytest.mark.usefixtures("directory")
class TestFrenchMatching:
    def test_plural_query_finds_singular_name(self):
        assert "Épicerie solidaire Au Petit Plus" in names("épiceries solidaires")

    def test_singular_query_finds_plural_name(self):
        assert "Épiceries Sociales du Poitou" in names("épicerie sociale")

    def test_accents_and_case_are_ignored(self):
        expected = ["Épicerie solidaire Au Petit Plus"]
        assert names("EPICERIE SOLIDAIRE") == expected
        assert names("épicerie SOLIDAIRE") == expected
        assert names("Epicerie solidaire") == expected

    def test_word_order_does_not_matter(self):
        assert names("solidaire épicerie") == ["Épicerie solidaire Au Petit Plus"]

    def test_every_word_must_match(self):
        assert names("épicerie natixis") == []

    def test_hyphenated_and_apostrophe_words(self):
        assert names("croix rouge") == ["Croix-Rouge française"]
        assert names("l'insertion") == ["Chantier d'insertion du Clain"]

    def test_stop_words_are_not_required(self):
        assert names("maison lycéens") == names("maison des lycéens")
        assert names("maison des lycéens") == ["Maison des lycéens du lycée Robert Schuman"]

    def test_verb_finds_its_noun(self):
        # « accompagner » and « accompagnement » share their stem.
        assert names("accompagner") == ["Chantier d'insertion du Clain"]

    def test_description_needs_offers_and_commune_are_searched(self):
        assert names("recyclage") == ["Ateliers du Bocage"]
        assert names("bénévole") == ["Croix-Rouge française"]
        assert names("mécénat compétences") == ["Natixis"]
        assert names("Niort") == ["Ateliers du Bocage"]

    def test_theme_kind_and_category_labels_are_searched(self):
        assert names("précarité") == ["Croix-Rouge française"]
        assert names("activité économique") == ["Chantier d'insertion du Clain"]
        assert "Natixis" in names("entreprise")
        assert names("mobilisation des salariés") == ["Croix-Rouge française"]


@pytest.mark.usefixtures("directory")
class TestPrefix:
    def test_last_word_is_completed(self):
        assert names("épic") == ["Épicerie solidaire Au Petit Plus", "Épiceries Sociales du Poitou"]
        assert names("croix ro") == ["Croix-Rouge française"]

    def test_prefix_longer_than_the_stem_still_completes(self):
        # « insertion » is indexed under its stem « insert »; « insertio » runs past it.
        assert names("insertio") == ["Chantier d'insertion du Clain"]

    def test_a_finished_word_is_not_completed(self):
        assert names("épic ") == []


@pytest.mark.usefixtures("directory")
class TestTypos:
    def test_a_typo_in_a_name_is_tolerated(self):
        assert names("Natixsi") == ["Natixis"]
        assert names("Ateliers du Bocagge") == ["Ateliers du Bocage"]
        assert names("croix rouje") == ["Croix-Rouge française"]

    def test_corrections_are_reported(self):
        result, _ = actors_search(query=SearchQuery(text="croix rouje "))
        assert result.corrections == {"rouje": ["rouge"]}

    def test_known_words_are_not_corrected(self, publish):
        publish("Maison du vélo", commune="86194")
        publish("Raison d'être", commune="86194")
        assert names("raison ") == ["Raison d'être"]

    def test_typo_tolerance_can_be_turned_off(self):
        assert names("Natixsi ", fuzzy=False) == []

    def test_short_words_are_not_corrected(self):
        assert names("plu ") == []  # « plus » is one edit away, but three letters is short
