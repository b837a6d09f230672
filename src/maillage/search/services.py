"""Writes to the search index. Every write to an actor's searchable data calls
``search_index_refresh`` so the index never drifts from the database."""

from __future__ import annotations

from collections.abc import Iterable

from maillage.search.backends import get_backend


def search_index_refresh(*, actor_ids: Iterable[int]) -> None:
    get_backend().index_actors(actor_ids=list(actor_ids))


def search_index_rebuild() -> int:
    """Rebuild the whole index (after bulk imports); returns the number of actors indexed."""
    return get_backend().rebuild()
