"""What the two native backends (SQLite FTS5, PostgreSQL full-text) share.

A vendor backend only says how to match and score text (``match_sql``, ``hits_sql``), how
to write documents and where typo candidates come from. Everything else is here, so both
databases rank, filter, page and suggest identically:

1. the query text is parsed (``search.analysis.parse_query``) then *expanded*: the last
   word is also a prefix; when it runs past the stem of the words it begins, those words
   are added; a word unknown to the lexicon gets the name words one or two edits away;
2. structured filters narrow the actors (``search.filters.apply_filters``, shared with
   every backend); the text match is a subquery of actor ids;
3. ranking — text relevance first, then proximity, then profile completeness:
   relevance is compared in *tiers* (2: the whole query matches the name or acronym;
   1: name, acronym and keywords — themes, kind, need/offer categories; 0: anywhere);
   within a tier, actors nearer the searcher's ``place`` come first (same commune >
   same EPCI > same département > same région), then the finer text score (bm25 or
   ts_rank), then completeness. Tiers keep a longer description from outweighing
   proximity, while a name match always beats a mention in passing.
   Without text, actors are ordered by proximity, completeness, then name.
"""

from __future__ import annotations

import time
from abc import abstractmethod
from collections.abc import Sequence
from typing import Any, Literal

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from maillage.actors.models import Actor, ActorQuerySet
from maillage.search import vocabulary
from maillage.search.analysis import QueryTerm, closest_words, fold, parse_query, stem
from maillage.search.backends.base import (
    SearchBackend,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from maillage.search.documents import ActorText, actor_id_batches, actor_texts
from maillage.search.facets import compute_facets
from maillage.search.filters import apply_filters
from maillage.search.proximity import Place, place_get, proximity_expression, proximity_sql

Scope = Literal["all", "name", "name_keywords"]

# Callers size their pages (directory 20, exports 10 000 ids); this only bounds a mistake.
MAX_PER_PAGE = 100_000
SUGGEST_CANDIDATES = 300
REBUILD_BATCH = 2000


def _page_bounds(query: SearchQuery) -> tuple[int, int]:
    per_page = min(max(query.per_page, 1), MAX_PER_PAGE)
    return per_page, (max(query.page, 1) - 1) * per_page


_TEXT_ORDER = {
    "name": "{actor}.name, {actor}.id",
    "recent": "{actor}.updated_at DESC, {actor}.id",
    "completeness": "{actor}.completeness DESC, {actor}.name, {actor}.id",
}
_RELEVANCE_ORDER = (
    "h.tier DESC, proximity DESC, h.score DESC, {actor}.completeness DESC, {actor}.id"
)
_BROWSE_ORDER = {
    "name": ["name", "id"],
    "recent": ["-updated_at", "id"],
    "completeness": ["-completeness", "name", "id"],
}


def _filters_sql(queryset: ActorQuerySet) -> tuple[str, list[Any]]:
    """The queryset's WHERE clause over the actor table itself, so that the ranked query
    probes the actors it matched instead of listing every allowed actor first. Falls
    back to ``id IN (subquery)`` should a filter ever need a join."""
    query = queryset.query
    table = Actor._meta.db_table
    if set(query.alias_map) <= {table}:
        compiler = query.get_compiler(connection=connection)
        try:
            sql, params = compiler.compile(query.where)
        except FullResultSet:
            return "1 = 1", []
        except EmptyResultSet:
            return "1 = 0", []
        return sql or "1 = 1", list(params)
    allowed, params = queryset.order_by().values("pk").query.sql_with_params()
    return f"{table}.id IN ({allowed})", list(params)


class NativeSearchBackend(SearchBackend):
    """Template for the vendor backends; see the module docstring."""

    # ------------------------------------------------------------------ vendor hooks

    @abstractmethod
    def match_sql(self, terms: list[QueryTerm], *, scope: Scope = "all") -> tuple[str, list[Any]]:
        """SQL selecting the ids (one column) of the documents matching every term."""

    @abstractmethod
    def hits_sql(self, terms: list[QueryTerm]) -> tuple[str, list[Any]]:
        """SQL selecting ``id``, ``score`` (higher is better) and ``tier`` of every match."""

    @abstractmethod
    def typo_candidates(self, word: str) -> list[str]:
        """Name words that may be ``word`` mistyped (verified by edit distance afterwards)."""

    @abstractmethod
    def write_documents(self, texts: list[ActorText]) -> None:
        """Insert or replace these actors' documents."""

    @abstractmethod
    def delete_documents(self, actor_ids: Sequence[int]) -> None: ...

    def rebuild_begin(self) -> None:
        """Called in the rebuild's transaction before documents are written again."""

    def rebuild_end(self) -> None:
        """Called in the rebuild's transaction after every document was written."""

    uses_name_variants = False

    # ------------------------------------------------------------------ queries

    def expand(self, terms: list[QueryTerm], *, fuzzy: bool) -> dict[str, list[str]]:
        """Add prefix completions and typo corrections to the terms (in place); returns
        the corrections made, by query word."""
        corrections: dict[str, list[str]] = {}
        if not terms:
            return corrections
        known = vocabulary.known_words(term.word for term in terms)
        for term in terms:
            unknown = term.word not in known
            if term.prefix:
                any_word, completions = vocabulary.prefix_completions(term.word)
                by_stem = {stem(word): word for word in reversed(completions)}
                term.alternatives += [w for w in by_stem.values() if w != term.word]
                unknown = unknown and not any_word
            if unknown and fuzzy:
                fixes = closest_words(term.word, self.typo_candidates(term.word))
                if fixes:
                    term.alternatives += fixes
                    corrections[term.word] = fixes
        return corrections

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        terms = parse_query(query.text)
        corrections = self.expand(terms, fuzzy=query.fuzzy)
        filtered: ActorQuerySet = apply_filters(Actor.objects.all(), query)
        place = place_get(query.place)
        per_page, offset = _page_bounds(query)
        scores: dict[int, float] = {}
        if not terms:
            selection = filtered
            order = _BROWSE_ORDER.get(query.sort)
            ordered = (
                filtered.order_by(*order)
                if order
                else filtered.annotate(_proximity=proximity_expression(place)).order_by(
                    "-_proximity", "-completeness", "name", "id"
                )
            )
            total = selection.count()
            ids = list(ordered.values_list("pk", flat=True)[offset : offset + per_page])
        else:
            match, match_params = self.match_sql(terms)
            selection = filtered.filter(pk__in=RawSQL(match, match_params))  # noqa: S611
            total = selection.count()
            ids, scores = (
                self._ranked_page(terms, filtered, place, query.sort, per_page, offset)
                if total > offset
                else ([], {})
            )
        facets = compute_facets(selection) if query.with_facets else {}
        return SearchResult(
            total=total,
            ids=ids,
            scores=scores,
            facets=facets,
            took_ms=(time.perf_counter() - started) * 1000,
            corrections=corrections,
        )

    def _ranked_page(
        self,
        terms: list[QueryTerm],
        filtered: ActorQuerySet,
        place: Place | None,
        sort: str,
        limit: int,
        offset: int,
    ) -> tuple[list[int], dict[int, float]]:
        hits, hits_params = self.hits_sql(terms)
        table = Actor._meta.db_table
        where, where_params = _filters_sql(filtered)
        proximity, proximity_params = proximity_sql(place, alias=table)
        order = _TEXT_ORDER.get(sort, _RELEVANCE_ORDER).format(actor=table)
        sql = (
            f"SELECT h.id, h.score, {proximity} AS proximity "  # noqa: S608 - fixed fragments
            f"FROM ({hits}) h INNER JOIN {table} ON {table}.id = h.id "
            f"WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params = [*proximity_params, *hits_params, *where_params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [row[0] for row in rows], {row[0]: float(row[1] or 0.0) for row in rows}

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        terms = parse_query(prefix)
        if not terms or limit < 1:
            return []
        self.expand(terms, fuzzy=True)
        match, params = self.match_sql(terms, scope="name")
        candidates = (
            Actor.objects.active()
            .filter(pk__in=RawSQL(f"{match} LIMIT {SUGGEST_CANDIDATES}", params))  # noqa: S611
            .order_by()
            .values_list("pk", "name", "seat_commune__name", "completeness")
        )
        typed = " ".join(fold(prefix).split())

        def rank(row: tuple[int, str, str | None, int]) -> tuple[Any, ...]:
            name = " ".join(fold(row[1]).split())
            return (
                not name.startswith(typed),
                typed not in name,
                -row[3],
                len(row[1]),
                row[1],
                row[0],
            )

        return [
            Suggestion(id=pk, name=name, commune=commune or "")
            for pk, name, commune, _ in sorted(candidates, key=rank)[:limit]
        ]

    # ------------------------------------------------------------------ writes

    def index_actors(self, *, actor_ids: list[int]) -> None:
        wanted = sorted(set(actor_ids))
        if not wanted:
            return
        with transaction.atomic():
            texts = actor_texts(wanted)
            present = {text.actor_id for text in texts}
            gone = [actor_id for actor_id in wanted if actor_id not in present]
            if gone:
                self.delete_documents(gone)
            if texts:
                self.write_documents(texts)
                self._add_vocabulary(texts)

    def _add_vocabulary(self, texts: list[ActorText]) -> None:
        names: set[str] = set()
        others: set[str] = set()
        for text in texts:
            name_words, other_words = text.vocabulary()
            names |= name_words
            others |= other_words
        vocabulary.vocabulary_add(
            name_words=names, other_words=others, with_variants=self.uses_name_variants
        )

    def rebuild(self) -> int:
        count = 0
        with transaction.atomic():
            self.rebuild_begin()
            vocabulary.vocabulary_clear()
            names: set[str] = set()
            others: set[str] = set()
            for batch in actor_id_batches(batch_size=REBUILD_BATCH):
                texts = actor_texts(batch)
                self.write_documents(texts)
                for text in texts:
                    name_words, other_words = text.vocabulary()
                    names |= name_words
                    others |= other_words
                count += len(texts)
            vocabulary.vocabulary_add(
                name_words=names, other_words=others - names, with_variants=self.uses_name_variants
            )
            self.rebuild_end()
        return count
