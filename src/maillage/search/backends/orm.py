"""Portable backend: ``icontains`` on name and description, no index of its own.

It is the naive baseline the search benchmark compares against, and a fallback for a
database without full-text support. Relevance: name matches before description matches.
"""

from __future__ import annotations

import time

from django.db.models import Case, IntegerField, Q, Value, When

from maillage.actors.models import Actor
from maillage.search.backends.base import (
    SearchBackend,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from maillage.search.facets import compute_facets
from maillage.search.filters import apply_filters


class OrmSearchBackend(SearchBackend):
    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        queryset = apply_filters(Actor.objects.all(), query)
        words = query.text.split()
        for word in words:
            queryset = queryset.filter(Q(name__icontains=word) | Q(description__icontains=word))
        if words:
            queryset = queryset.annotate(
                _rank=Case(
                    When(name__icontains=words[0], then=Value(2)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
        order = {
            "name": ["name", "id"],
            "recent": ["-updated_at", "id"],
            "completeness": ["-completeness", "name", "id"],
        }.get(
            query.sort,
            ["-_rank", "-completeness", "name", "id"] if words else ["-completeness", "name", "id"],
        )
        total = queryset.count()
        start = (max(query.page, 1) - 1) * query.per_page
        rows = list(
            queryset.order_by(*order).values_list("id", flat=True)[start : start + query.per_page]
        )
        facets = compute_facets(queryset) if query.with_facets else {}
        return SearchResult(
            total=total,
            ids=rows,
            scores=dict.fromkeys(rows, 1.0),
            facets=facets,
            took_ms=(time.perf_counter() - started) * 1000,
        )

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Active actors whose name contains the text (no typo tolerance)."""
        text = " ".join(prefix.split())
        if not text or limit < 1:
            return []
        rows = (
            Actor.objects.active()
            .filter(name__icontains=text)
            .order_by("name", "id")
            .values_list("pk", "name", "seat_commune__name")[:limit]
        )
        return [Suggestion(id=pk, name=name, commune=commune or "") for pk, name, commune in rows]

    def index_actors(self, *, actor_ids: list[int]) -> None:
        """Nothing to maintain: this backend reads the actor table directly."""

    def rebuild(self) -> int:
        return Actor.objects.count()
