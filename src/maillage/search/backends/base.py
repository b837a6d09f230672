"""The search contract every backend fulfils.

A backend owns text matching and relevance. Structured filters (kind, theme, territory,
need/offer categories) are shared: ``search.filters.apply_filters`` narrows an Actor
queryset identically for every backend, so only the text part differs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    spheres: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    territory: str = ""  # a territory code; everything seated inside it matches
    needs: tuple[str, ...] = ()  # need categories
    offers: tuple[str, ...] = ()  # offer categories
    place: str = ""  # commune of the searcher ("86194" or "com:86194"), for proximity ranking
    include_closed: bool = False
    sort: str = "relevance"  # relevance | name | recent | completeness
    page: int = 1
    per_page: int = 20
    with_facets: bool = False
    fuzzy: bool = True  # look for typo corrections of unknown words (names' vocabulary)


@dataclass
class FacetValue:
    code: str
    label: str
    count: int


@dataclass
class SearchResult:
    total: int
    ids: list[int]
    scores: dict[int, float] = field(default_factory=dict)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # Facet counts estimated from a uniform sample (large results), not counted exactly.
    facets_estimated: bool = False
    # Total estimated from a sample (very broad queries), rounded to 3 significant digits.
    total_estimated: bool = False
    took_ms: float = 0.0
    # Query words that were unknown, with the indexed words searched in their place.
    corrections: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    """An actor name proposed while typing (autocomplete)."""

    id: int
    name: str
    commune: str = ""


class SearchBackend(ABC):
    """Implementations: ``orm`` (portable baseline), ``sqlite`` (FTS5), ``postgresql``."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """Matching actor ids for one page, best first, with the total and, when asked,
        facet counts over the whole match set."""

    @abstractmethod
    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Active actors whose name matches what is being typed (the last word as a prefix),
        tolerating a typo where the backend can; best first, at most ``limit``."""

    @abstractmethod
    def index_actors(self, *, actor_ids: list[int]) -> None:
        """Bring the index up to date for these actors (created, changed or deleted)."""

    @abstractmethod
    def rebuild(self) -> int:
        """Rebuild the index from scratch; returns the number of indexed actors."""
