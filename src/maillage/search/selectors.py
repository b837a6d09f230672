"""The one search entry point used by the directory, the map, the API and the CLI."""

from __future__ import annotations

from maillage.actors.models import Actor
from maillage.search.backends import get_backend
from maillage.search.backends.base import SearchQuery, SearchResult


def actors_search(*, query: SearchQuery) -> tuple[SearchResult, list[Actor]]:
    """Run a search; return the raw result and the page's actors in rank order."""
    result = get_backend().search(query)
    by_id = Actor.objects.select_related("kind", "seat_commune", "departement").in_bulk(
        result.ids
    )
    return result, [by_id[actor_id] for actor_id in result.ids if actor_id in by_id]
