"""Portable backend: ``icontains`` on name and description, no index of its own.

It is the naive baseline the search benchmark compares against, and a fallback for a
database without full-text support. Relevance: name matches before description matches.
"""

from __future__ import annotations

import time
from collections import Counter

from django.db.models import Case, IntegerField, Q, Value, When

from maillage.actors.models import Actor
from maillage.search.backends.base import SearchBackend, SearchQuery, SearchResult
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
                _rank=Case(When(name__icontains=words[0], then=Value(2)), default=Value(1),
                           output_field=IntegerField())
            )
        order = {
            "name": ["name", "id"],
            "recent": ["-updated_at", "id"],
            "completeness": ["-completeness", "name", "id"],
        }.get(query.sort, ["-_rank", "-completeness", "name", "id"] if words
              else ["-completeness", "name", "id"])
        total = queryset.count()
        start = (max(query.page, 1) - 1) * query.per_page
        rows = list(queryset.order_by(*order).values_list("id", flat=True)
                    [start:start + query.per_page])
        facets = compute_facets(queryset) if query.with_facets else {}
        scores = Counter({actor_id: 1.0 for actor_id in rows})
        return SearchResult(total=total, ids=rows, scores=dict(scores), facets=facets,
                            took_ms=(time.perf_counter() - started) * 1000)

    def index_actors(self, *, actor_ids: list[int]) -> None:
        """Nothing to maintain: this backend reads the actor table directly."""

    def rebuild(self) -> int:
        return Actor.objects.count()
