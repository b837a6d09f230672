"""Backend selection, and the portable ORM baseline (the benchmark's reference)."""

from __future__ import annotations

import pytest
from django.db import connection

from maillage.search.backends import get_backend
from maillage.search.backends.base import SearchQuery
from maillage.search.backends.orm import OrmSearchBackend
from maillage.search.selectors import actors_search, actors_suggest


def test_the_native_backend_of_the_database_is_used():
    expected = {"sqlite": "SqliteSearchBackend", "postgresql": "PostgresqlSearchBackend"}
    assert type(get_backend()).__name__ == expected[connection.vendor]


@pytest.fixture
def orm_backend(settings):
    settings.MAILLAGE_SEARCH_BACKEND = "maillage.search.backends.orm.OrmSearchBackend"
    assert isinstance(get_backend(), OrmSearchBackend)


@pytest.mark.usefixtures("orm_backend")
def test_orm_baseline_searches_names_and_descriptions(publish):
    publish("Épicerie solidaire", commune="86194", themes=["precarite"])
    publish("Les Amis", commune="94018", description="Une épicerie solidaire du quartier.")
    publish("Natixis", kind="entreprise", commune="94018")
    result, actors = actors_search(
        query=SearchQuery(text="solidaire", with_facets=True, territory="reg:75")
    )
    assert [actor.name for actor in actors] == ["Épicerie solidaire"]
    assert result.facets["theme"][0].code == "precarite"
    result, actors = actors_search(query=SearchQuery(text="solidaire"))
    assert [actor.name for actor in actors] == ["Épicerie solidaire", "Les Amis"]


@pytest.mark.usefixtures("orm_backend")
def test_orm_baseline_suggests_names(publish):
    publish("Épicerie solidaire", commune="86194")
    assert [s.name for s in actors_suggest(prefix="picerie")] == ["Épicerie solidaire"]
    assert actors_suggest(prefix=" ") == []
