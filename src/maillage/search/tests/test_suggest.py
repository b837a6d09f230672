"""Autocomplete of actor names: prefixes, typos, closed actors, limits."""

from __future__ import annotations

import pytest

from maillage.actors.tests.factories import ActorFactory
from maillage.search.selectors import actors_suggest


def suggested(prefix: str, limit: int = 8) -> list[str]:
    return [suggestion.name for suggestion in actors_suggest(prefix=prefix, limit=limit)]


@pytest.fixture
def directory(publish):
    publish("Épicerie solidaire Au Petit Plus", commune="94018")
    publish("Épiceries Sociales du Poitou", commune="86194")
    publish("Croix-Rouge française", commune="86194")
    publish("Natixis", kind="entreprise", commune="94018")
    publish(
        "Union régionale des SCOP",
        kind="reseau",
        commune="86194",
        description="Épicerie de services aux coopératives.",
    )


@pytest.mark.usefixtures("directory")
class TestSuggest:
    def test_a_prefix_suggests_names(self):
        assert suggested("épi") == [
            "Épiceries Sociales du Poitou",
            "Épicerie solidaire Au Petit Plus",
        ]

    def test_names_starting_with_the_text_come_first(self):
        assert suggested("Épicerie sol") == ["Épicerie solidaire Au Petit Plus"]

    def test_only_names_are_suggested(self):
        assert "Union régionale des SCOP" not in suggested("épicerie")

    def test_several_words_and_hyphens(self):
        assert suggested("croix ro") == ["Croix-Rouge française"]

    def test_a_typo_is_tolerated(self):
        assert suggested("Natixsi") == ["Natixis"]
        assert suggested("croix rouje") == ["Croix-Rouge française"]

    def test_suggestions_carry_the_commune(self):
        (suggestion,) = actors_suggest(prefix="natix")
        assert suggestion.commune == "Charenton-le-Pont"

    def test_limit(self):
        assert len(suggested("épi", limit=1)) == 1
        assert suggested("épi", limit=0) == []

    def test_nothing_to_suggest(self):
        assert suggested("") == []
        assert suggested("zzzz") == []
        assert suggested('"*') == []


def test_closed_actors_are_not_suggested(publish):
    publish("Épicerie ouverte", commune="86194")
    ActorFactory(name="Épicerie fermée", closed=True)
    assert suggested("épic") == ["Épicerie ouverte"]
