"""Search backends that misbehave, plugged in through ``MAILLAGE_SEARCH_BACKEND``.

They wrap the database's real backend (``search.backends.BACKEND_BY_VENDOR``) and change
only what the test is about.
"""

from __future__ import annotations

from django.db import connection
from django.utils.module_loading import import_string

from maillage.core.errors import DomainError
from maillage.search.backends import BACKEND_BY_VENDOR
from maillage.search.backends.base import SearchBackend, SearchQuery, SearchResult, Suggestion


class _Wrapping(SearchBackend):
    def __init__(self) -> None:
        self.real: SearchBackend = import_string(BACKEND_BY_VENDOR[connection.vendor])()

    def search(self, query: SearchQuery) -> SearchResult:
        return self.real.search(query)

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        return self.real.suggest(prefix, limit)

    def index_actors(self, *, actor_ids: list[int]) -> None:
        self.real.index_actors(actor_ids=actor_ids)

    def rebuild(self) -> int:
        return self.real.rebuild()


class BreaksOnSecondPageBackend(_Wrapping):
    """A huge selection whose second page never comes (the database went away).

    The first page is full: the real matches, then ids no actor has (negative), so that the
    export writes several chunks before asking for the second page.
    """

    def search(self, query: SearchQuery) -> SearchResult:
        if query.page > 1:
            raise RuntimeError("connexion perdue")
        ids = self.real.search(query).ids
        ids += [-index for index in range(1, query.per_page - len(ids) + 1)]
        return SearchResult(total=1_000_000, ids=ids)


class RefusingBackend(_Wrapping):
    """A search that refuses the query itself (e.g. too complex for the full-text engine)."""

    def search(self, query: SearchQuery) -> SearchResult:
        raise DomainError("Recherche trop complexe : simplifiez-la.", field="q")


BREAKS_ON_SECOND_PAGE = f"{__name__}.BreaksOnSecondPageBackend"
REFUSING = f"{__name__}.RefusingBackend"
