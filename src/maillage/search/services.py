"""Writes to the search index. Every write to an actor's searchable data calls
``search_index_refresh`` so the index never drifts from the database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from maillage.search.backends import get_backend

# A bulk load refreshes its actors' documents batch by batch, unless they are this many,
# or this share of all actors: then rebuilding the whole index at once is faster.
BULK_REBUILD_FROM = 50_000
BULK_REBUILD_SHARE = 0.3
BULK_BATCH = 2000


def search_index_refresh(*, actor_ids: Iterable[int]) -> None:
    get_backend().index_actors(actor_ids=list(actor_ids))


def search_index_rebuild() -> int:
    """Rebuild the whole index (after bulk imports); returns the number of actors indexed."""
    return get_backend().rebuild()


def search_index_bulk_refresh(*, actor_ids: Sequence[int]) -> str:
    """After a bulk load of ``actor_ids``: refresh their documents, or rebuild the whole
    index when they are many (see ``BULK_REBUILD_*``). Returns "rebuilt", "refreshed" or
    "unchanged"."""
    from maillage.actors.models import Actor

    if not actor_ids:
        return "unchanged"
    if len(actor_ids) >= BULK_REBUILD_FROM or len(actor_ids) >= BULK_REBUILD_SHARE * (
        Actor.objects.count()
    ):
        search_index_rebuild()
        return "rebuilt"
    ids = sorted(actor_ids)
    for start in range(0, len(ids), BULK_BATCH):
        search_index_refresh(actor_ids=ids[start : start + BULK_BATCH])
    return "refreshed"


def search_index_refresh_territories() -> int:
    """Refresh the documents whose territory tags no longer match their actor's seat
    territories (after a new vintage of the referential moved communes between EPCI,
    départements or régions: ``actors.services.actors_refresh_territory_links`` re-copies
    them, then this runs). One comparison in SQL; returns the number of actors refreshed."""
    from django.db import connection

    from maillage.actors.models import Actor
    from maillage.search.models import ActorDocument

    expected = (
        "'zc' || lower(a.seat_commune_id) || COALESCE(' ze' || lower(a.epci_id), '') || "
        "COALESCE(' zd' || lower(a.departement_id), '') || "
        "COALESCE(' zr' || lower(a.region_id), '') || ' '"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.id FROM {Actor._meta.db_table} a "  # noqa: S608 - table names from models
            f"JOIN {ActorDocument._meta.db_table} d ON d.actor_id = a.id "
            f"WHERE a.seat_commune_id IS NOT NULL "
            f"AND substr(d.tags, 1, length({expected})) <> {expected}"
        )
        stale = [row[0] for row in cursor.fetchall()]
    for start in range(0, len(stale), BULK_BATCH):
        search_index_refresh(actor_ids=stale[start : start + BULK_BATCH])
    return len(stale)
