"""A selection larger than a search page and an export chunk is exported whole, once each."""

from __future__ import annotations

import dataclasses
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from maillage.actors.enums import Sphere
from maillage.actors.models import Actor, NeedOffer
from maillage.exports.selectors import (
    CHUNK_SIZE,
    ID_PAGE_SIZE,
    actor_canonical_row,
    actors_export,
)
from maillage.exports.tests.conftest import MakeActor, Places, csv_rows
from maillage.search.backends import get_backend
from maillage.search.backends.base import SearchQuery
from maillage.search.services import search_index_rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.urls("maillage.exports.tests.urls")]

COUNT = 2500


@pytest.fixture
def many_actors(places: Places) -> list[int]:
    """2 500 actors seated in Poitiers, the way an import writes them (bulk_create)."""
    actors = Actor.objects.bulk_create(
        Actor(
            name=f"Association {index:04d}",
            kind_id="association",
            sphere=Sphere.ESS,
            seat_commune=places.poitiers,
            epci=places.grand_poitiers,
            departement=places.vienne,
            region=places.nouvelle_aquitaine,
            latitude=46.58 + index / 100_000,
            longitude=-0.34 - index / 100_000,
            completeness=index % 7,
        )
        for index in range(COUNT)
    )
    NeedOffer.objects.bulk_create(
        NeedOffer(actor=actor, direction="need", category_id="locaux", text=f"Salle {i}")
        for i, actor in enumerate(actors)
        if i % 10 == 0
    )
    assert search_index_rebuild() >= COUNT
    return [actor.pk for actor in actors]


def test_a_chunk_is_smaller_than_this_selection() -> None:
    assert CHUNK_SIZE < COUNT


def test_csv_export_holds_every_actor_of_a_large_selection_exactly_once(
    client: Client, many_actors: list[int]
) -> None:
    response = client.get("/acteurs/export.csv", {"territory": "com:86194"})
    pieces = list(response.streaming_content)

    rows = csv_rows(b"".join(pieces))
    assert len(rows) == COUNT
    assert len({row["name"] for row in rows}) == COUNT
    assert sum(1 for row in rows if row["needs"]) == COUNT // 10
    # Streamed chunk by chunk, not built whole: a piece per chunk plus the header.
    assert len(pieces) == 1 + -(-COUNT // CHUNK_SIZE)


def test_geojson_export_of_a_large_selection_holds_every_feature(
    client: Client, many_actors: list[int]
) -> None:
    response = client.get("/acteurs/export.geojson")

    features = json.loads(b"".join(response.streaming_content))["features"]
    assert sorted(feature["id"] for feature in features) == sorted(many_actors)
    assert all(feature["geometry"]["coordinates"][0] < 0 for feature in features)


@pytest.mark.parametrize(("page_size", "chunk_size"), [(700, 300), (1000, 1000), (2500, 500)])
def test_search_pages_and_chunks_give_every_actor_once_in_search_order(
    many_actors: list[int], page_size: int, chunk_size: int
) -> None:
    query = SearchQuery(sort="name")

    chunks = list(actors_export(query=query, page_size=page_size, chunk_size=chunk_size))

    names = [actor.name for chunk in chunks for actor in chunk]
    assert names == sorted(names)
    assert len(set(names)) == len(names) == COUNT
    assert max(len(chunk) for chunk in chunks) == chunk_size


def _rows_and_queries(query: SearchQuery) -> tuple[list[dict[str, object]], int, int]:
    """The rows, the number of queries of the export, and of its one search page alone."""
    with CaptureQueriesContext(connection) as search:
        get_backend().search(dataclasses.replace(query, per_page=ID_PAGE_SIZE))
    with CaptureQueriesContext(connection) as export:
        rows = [
            actor_canonical_row(actor) for chunk in actors_export(query=query) for actor in chunk
        ]
    return rows, len(export.captured_queries), len(search.captured_queries)


def test_queries_grow_with_chunks_not_with_actors(make_actor: MakeActor) -> None:
    for index in range(5):
        make_actor(name=f"Profil vide {index}")
    make_actor(name="Profil complet", themes=["emploi"], intervention=["dep:86"])
    _rows, few_queries, _ = _rows_and_queries(SearchQuery())

    for index in range(30):
        make_actor(
            name=f"Profil {index}",
            themes=["emploi"],
            intervention=["dep:86"],
            partnership_types=["mecenat"],
            needs=[("locaux", "Une salle")],
            offers=[("competences", "Comptabilité")],
        )
    rows, queries, search_queries = _rows_and_queries(SearchQuery())

    # The search page, then for the chunk: actors, themes, types, areas, needs/offers.
    assert queries == few_queries == search_queries + 5
    assert len(rows) == 36
    assert {(row["themes"], row["intervention"], row["needs"], row["offers"]) for row in rows} == {
        ("emploi", "dep:86", "locaux:Une salle", "competences:Comptabilité"),
        ("emploi", "dep:86", "", ""),
        ("", "", "", ""),
    }
