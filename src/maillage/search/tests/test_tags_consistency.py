"""Filter tags agree with the actor tables: the index answers every filter exactly as the
ORM filters do (``search.filters.apply_filters``), after writes, imports and a new
vintage of the referential."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory
from maillage.search.backends.base import SearchQuery
from maillage.search.filters import apply_filters
from maillage.search.selectors import actors_search
from maillage.territories.models import Commune, Epci
from maillage.territories.signals import referential_changed

KINDS = ("association", "entreprise", "siae")
THEMES = ("handicap", "precarite", "logement")
CATEGORIES = ("locaux", "financement", "benevolat")
TERRITORIES = ("", "com:86194", "epci:200069854", "dep:86", "dep:94", "reg:75", "fr")


@pytest.fixture
def population(publish):
    specs = [
        ("Épicerie solidaire", "association", "86194", ["precarite"], "locaux", ""),
        ("Chantier vert", "siae", "86062", ["logement"], "", "financement"),
        ("Banque", "entreprise", "94018", [], "", "benevolat"),
        ("Foyer solidaire", "association", "79191", ["handicap", "logement"], "benevolat", ""),
        ("Garage solidaire", "entreprise", "86066", ["precarite"], "financement", "locaux"),
        ("Maison des jeunes", "association", "94069", [], "", ""),
    ]
    actors = []
    for name, kind, commune, themes, need, offer in specs:
        actors.append(
            publish(
                name,
                kind=kind,
                commune=commune,
                themes=themes,
                needs=[(need, "Un besoin")] if need else [],
                offers=[(offer, "Une offre")] if offer else [],
            )
        )
    actors.append(ActorFactory(name="Épicerie fermée", closed=True, in_poitiers=True))
    return actors


def _native(query: SearchQuery) -> set[int]:
    result, _ = actors_search(query=query)
    assert result.total == len(result.ids)
    return set(result.ids)


def _orm(query: SearchQuery, text_ids: set[int] | None = None) -> set[int]:
    ids = set(apply_filters(Actor.objects.all(), query).values_list("pk", flat=True))
    return ids if text_ids is None else ids & text_ids


@pytest.mark.usefixtures("population")
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kinds=st.lists(st.sampled_from(KINDS), max_size=2, unique=True),
    themes=st.lists(st.sampled_from(THEMES), max_size=2, unique=True),
    needs=st.lists(st.sampled_from(CATEGORIES), max_size=1),
    offers=st.lists(st.sampled_from(CATEGORIES), max_size=1),
    territory=st.sampled_from(TERRITORIES),
    include_closed=st.booleans(),
    text=st.sampled_from(["", "solidaire", "banque"]),
)
def test_the_index_filters_like_the_orm(
    kinds, themes, needs, offers, territory, include_closed, text
):
    query = SearchQuery(
        text=text,
        kinds=tuple(kinds),
        themes=tuple(themes),
        needs=tuple(needs),
        offers=tuple(offers),
        territory=territory,
        include_closed=include_closed,
        per_page=100,
    )
    text_ids = None
    if text:
        text_ids = _native(SearchQuery(text=text, include_closed=True, per_page=100))
    assert _native(query) == _orm(query, text_ids)


def test_a_new_referential_vintage_moves_actors_between_territories(publish):
    actor = publish("Recyclerie", commune="86062")  # Grand Poitiers
    assert _native(SearchQuery(territory="epci:200069854")) == {actor.pk}
    moved_to = Epci.objects.create(code="200099999", name="CC nouvelle", type="CC")
    Commune.objects.filter(code="86062").update(epci=moved_to)
    referential_changed.send(sender=Commune)
    assert _native(SearchQuery(territory="epci:200069854")) == set()
    assert _native(SearchQuery(text="recyclerie", territory="epci:200099999")) == {actor.pk}


def test_an_import_is_searchable_at_once_and_after_a_reimport(geography):
    from maillage.importers.canonical import actors_file_import

    content = (
        "name,kind,rna,commune,themes,needs\n"
        "Ressourcerie du Clain,association,W861000001,86194,precarite,locaux:Un entrepôt\n"
    )
    actors_file_import(path=_write(content))
    found = _native(SearchQuery(text="ressourceries", themes=("precarite",), needs=("locaux",)))
    assert len(found) == 1
    content = content.replace("Ressourcerie du Clain", "Recyclerie du Clain")
    actors_file_import(path=_write(content))
    assert _native(SearchQuery(text="ressourcerie")) == set()
    assert _native(SearchQuery(text="recyclerie", territory="dep:86")) == found


def _write(content: str) -> Path:
    path = Path(tempfile.mkdtemp()) / "acteurs.csv"
    path.write_text(content, encoding="utf-8")
    return path
