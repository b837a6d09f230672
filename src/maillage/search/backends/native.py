"""What the two native backends (SQLite FTS5, PostgreSQL full-text) share.

A vendor backend only says how to count and read the matches of one index query (text
terms in a scope, plus filter tags: ``count``, ``fetch``, ``fetch_tags``, ``match_sql``),
how to write documents and where typo candidates come from. Everything else is here, so
both databases rank, filter, page, count facets and suggest identically
(docs/decisions/0011-bounded-ranking.md):

1. the query text is parsed (``search.analysis.parse_query``) then *expanded*: the last
   word is also a prefix; when it runs past the stem of the words it begins, those words
   are added; a word unknown to the lexicon gets the name words one or two edits away;
2. structured filters become *filter tags* (``search.tags``) matched by the same index
   lookup as the text, so the total is one ``count`` and every read below is already
   filtered;
3. ranking — text relevance first, then proximity, then profile completeness: relevance
   is compared in *tiers* (2: the whole query matches the name or acronym; 1: name,
   acronym and keywords — themes, kind, need/offer categories; 0: anywhere); within a
   tier, actors nearer the searcher's ``place`` come first (same commune > same EPCI >
   same département > same région), then the finer text score (bm25 or ts_rank), then
   completeness. Without text, actors are ordered by proximity, completeness, then name.
4. **bounded candidates**: ranking reads at most ``CANDIDATES`` matches per *pool*, never
   every match. Pools are visited best class first — tier 2, then 1, then 0; within a
   tier, the searcher's commune, EPCI, département, région, then everywhere — and the
   visit stops as soon as the pools read hold enough actors for the page. A pool with more
   than ``CANDIDATES`` matches is read best profiles first (quality-bucket tags). The
   candidates are then ranked exactly (tier, proximity, score, completeness, id). When
   the whole result fits in ``CANDIDATES``, the ranking is exact; beyond, only actors
   outside the best ``CANDIDATES`` of their pool can be missed from the first pages.
5. **facets** are counted from the documents' tags: exactly when the result holds at most
   ``FACET_EXACT_LIMIT`` actors, otherwise on a uniform sample (a sample-shard tag) of
   at most about ``FACET_SAMPLE_MAX`` actors, scaled to the total; the result says so
   (``facets_estimated``).
6. **totals** are exact up to ``COUNT_EXACT_LIMIT`` matches; beyond (a word found in most
   documents, such as « association »), counting every match would cost more than the
   whole page, so the total is estimated from a sample shard, rounded to two significant
   digits, and flagged (``total_estimated``) — on a first page of at most
   ``ESTIMATE_MAX_PER_PAGE`` results only: further pages and large reads (exports walk
   pages until the total) always get the exact count.

Explicit sorts (name, recent, completeness) read every match through SQL (exact, slower on
very broad queries).
"""

from __future__ import annotations

import time
from abc import abstractmethod
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from maillage.actors.enums import Sphere
from maillage.actors.models import Actor, Category, Kind, Theme
from maillage.search import vocabulary
from maillage.search.analysis import QueryTerm, closest_words, fold, parse_query, stem
from maillage.search.backends.base import (
    FacetValue,
    SearchBackend,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from maillage.search.documents import ActorText, actor_id_batches, actor_texts
from maillage.search.proximity import Place, place_get
from maillage.search.tags import (
    ACTIVE,
    CLOSED,
    QUALITY_BUCKETS,
    SHARD_LEVELS,
    TagGroups,
    any_of,
    code_token,
    territory_tag,
)
from maillage.territories.codes import parse_territory_code
from maillage.territories.models import Commune, Departement

Scope = Literal["all", "name", "name_keywords"]

# Callers size their pages (directory 20, exports 10 000 ids); this only bounds a mistake.
MAX_PER_PAGE = 100_000
SUGGEST_CANDIDATES = 60
REBUILD_BATCH = 2000
# Matches read per candidate pool (see the module docstring, point 4).
CANDIDATES = 300
# Facets: exact up to this many matches, else from a sample of about this many at most.
FACET_EXACT_LIMIT = 3000
FACET_SAMPLE_MAX = 3000
# Totals are counted exactly up to this many matches, estimated from a sample beyond.
COUNT_EXACT_LIMIT = 50_000
# An estimated total comes from a sample shard holding at least this many matches.
COUNT_SAMPLE_MIN = 400
# Totals may be estimated only for a first page of at most this many results.
ESTIMATE_MAX_PER_PAGE = 1000
_TIERS: tuple[tuple[int, Scope], ...] = ((2, "name"), (1, "name_keywords"), (0, "all"))


def _page_bounds(query: SearchQuery) -> tuple[int, int]:
    per_page = min(max(query.per_page, 1), MAX_PER_PAGE)
    return per_page, (max(query.page, 1) - 1) * per_page


_EXPLICIT_ORDER = {
    "name": ["name", "id"],
    "recent": ["-updated_at", "id"],
    "completeness": ["-completeness", "name", "id"],
}


@dataclass
class TagFilter:
    """Filter tags: every group must hold one of its tags; no ``exclude`` tag may be present."""

    groups: TagGroups = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)

    def also(self, *tags: str) -> TagFilter:
        return TagFilter(groups=[*self.groups, list(tags)], exclude=self.exclude)


def tag_filter(query: SearchQuery, *, with_text: bool) -> TagFilter:
    """The query's structured filters as tags. Without text, a positive group (the status)
    is always there: an index query needs at least one word to look up."""
    groups: TagGroups = []
    for prefix, codes in (
        ("zk", query.kinds),
        ("zp", query.spheres),
        ("zt", query.themes),
        ("zn", query.needs),
        ("zo", query.offers),
    ):
        if codes:
            groups.append(any_of(prefix, codes))
    if query.territory:
        level, value = parse_territory_code(query.territory)
        territory = territory_tag(level, value)
        if territory:
            groups.append([territory])
    exclude: list[str] = []
    if with_text:
        if not query.include_closed:
            exclude.append(CLOSED)
    else:
        groups.append([ACTIVE] if not query.include_closed else [ACTIVE, CLOSED])
    return TagFilter(groups=groups, exclude=exclude)


@dataclass
class _Candidate:
    tier: int
    score: float
    proximity: int = 0
    completeness: int = 0
    name: str = ""


def _place_levels(place: Place | None) -> list[tuple[int, str | None]]:
    """(proximity, tag) of the searcher's territories, nearest first, then everywhere."""
    levels: list[tuple[int, str | None]] = []
    if place is not None:
        for proximity, level, value in (
            (4, "com", place.commune),
            (3, "epci", place.epci),
            (2, "dep", place.departement),
            (1, "reg", place.region),
        ):
            if value:
                levels.append((proximity, territory_tag(level, value)))
    levels.append((0, None))
    return levels


def _proximity(row: tuple[Any, ...], place: Place | None) -> int:
    if place is None:
        return 0
    commune, epci, departement, region = row
    if commune and commune == place.commune:
        return 4
    if epci and epci == place.epci:
        return 3
    if departement and departement == place.departement:
        return 2
    if region and region == place.region:
        return 1
    return 0


class NativeSearchBackend(SearchBackend):
    """Template for the vendor backends; see the module docstring."""

    # Whether ``fetch`` gives each match's exact tier (PostgreSQL does, at no cost).
    exact_tiers = False
    # Whether ``fetch`` leaves scores and tiers to ``score_candidates`` (SQLite).
    scores_later = False
    # The pools read for each tier, best first. A backend whose reads give every match's
    # exact tier may skip a scope its index cannot read cheaply (PostgreSQL: name and
    # keywords, a weight-restricted query rechecked row by row): its matches are still
    # ranked at their tier when read by the broader pool.
    tier_scopes: tuple[tuple[int, Scope], ...] = _TIERS
    # Whether counting every match is cheap (SQLite walks posting lists; PostgreSQL visits
    # the heap for each match): if not, a large total is estimated before it is counted.
    cheap_count = True
    # Whether ``fetch`` returns the most complete profiles first (SQLite's quality-ordered
    # rowids): a capped pool then needs no quality-bucket reads.
    ordered_by_quality = False

    # ------------------------------------------------------------------ vendor hooks

    @abstractmethod
    def count(self, terms: list[QueryTerm], tags: TagFilter, *, limit: int | None = None) -> int:
        """Number of documents matching every term (scope "all") and the tags; with
        ``limit``, counting stops there."""

    @abstractmethod
    def fetch(
        self, terms: list[QueryTerm], scope: Scope, tags: TagFilter, limit: int
    ) -> list[tuple[int, float, int]]:
        """Up to ``limit`` matches, in no particular order, as (actor id, text score —
        higher is better, 0 without terms —, tier — exact if ``exact_tiers``, else 0)."""

    def score_candidates(self, terms: list[QueryTerm], candidates: dict[int, Any]) -> None:
        """Set ``tier`` and ``score`` of the candidates, when ``scores_later``."""

    @abstractmethod
    def fetch_tags(self, terms: list[QueryTerm], tags: TagFilter) -> list[str]:
        """The tags (``ActorDocument.tags``) of every match."""

    @abstractmethod
    def match_sql(
        self, terms: list[QueryTerm], *, scope: Scope = "all", tags: TagFilter | None = None
    ) -> tuple[str, list[Any]]:
        """SQL selecting the ids (one column) of the documents matching every term and tag."""

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
                words = vocabulary.prefix_words(term.word)
                if words is not None:
                    # The prefix as the words it begins (see vocabulary.prefix_words).
                    term.alternatives += [word for word in words if word != term.word]
                    term.prefix = False
                    unknown = unknown and not words
                else:
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
        tags = tag_filter(query, with_text=bool(terms))
        place = place_get(query.place)
        per_page, offset = _page_bounds(query)
        # Only a first screen may show an estimate: deeper pages and large reads (exports
        # walk pages until the total) get the exact count.
        total, total_estimated = self._total(
            terms, tags, estimate=offset == 0 and per_page <= ESTIMATE_MAX_PER_PAGE
        )
        ids: list[int] = []
        scores: dict[int, float] = {}
        if total > offset:
            order = _EXPLICIT_ORDER.get(query.sort)
            if order:
                match, params = self.match_sql(terms, tags=tags)
                ids = list(
                    Actor.objects.filter(pk__in=RawSQL(match, params))  # noqa: S611  # nosec B611: reviewed SQL, bound values
                    .order_by(*order)
                    .values_list("pk", flat=True)[offset : offset + per_page]
                )
            else:
                ranked = self._ranked(terms, tags, place, needed=offset + per_page, total=total)
                page = ranked[offset : offset + per_page]
                ids = [actor_id for actor_id, _ in page]
                scores = dict(page) if terms else {}
        facets, estimated = self._facets(terms, tags, total) if query.with_facets else ({}, False)
        return SearchResult(
            total=total,
            ids=ids,
            scores=scores,
            facets=facets,
            facets_estimated=estimated,
            total_estimated=total_estimated,
            took_ms=(time.perf_counter() - started) * 1000,
            corrections=corrections,
        )

    def _total(
        self, terms: list[QueryTerm], tags: TagFilter, *, estimate: bool = True
    ) -> tuple[int, bool]:
        """(number of matches, whether it is an estimate): see the module docstring, 6.
        The estimate reads the smallest sample shard holding ``COUNT_SAMPLE_MIN`` matches
        (about ±5 %), and is rounded to two significant digits."""
        if not estimate:
            return self.count(terms, tags), False
        if self.cheap_count:
            total = self.count(terms, tags, limit=COUNT_EXACT_LIMIT + 1)
            if total <= COUNT_EXACT_LIMIT:
                return total, False
        else:
            # The smallest shard first: a result it says is small is counted exactly.
            prefix, modulus = SHARD_LEVELS[-1]
            if self.count(terms, tags.also(f"{prefix}0")) * modulus <= COUNT_EXACT_LIMIT // 2:
                return self.count(terms, tags), False
            total = 0
        value = total
        for prefix, modulus in reversed(SHARD_LEVELS):
            sample = self.count(terms, tags.also(f"{prefix}0"))
            value = max(sample * modulus, total)
            if sample >= COUNT_SAMPLE_MIN:
                break
        return int(float(f"{value:.2g}")), True

    # ------------------------------------------------------------------ ranking

    def _pool(
        self, terms: list[QueryTerm], scope: Scope, tags: TagFilter, limit: int
    ) -> list[tuple[int, float, int]]:
        """At most ``limit`` matches; when there are more, the best profiles first."""
        rows = self.fetch(terms, scope, tags, limit)
        if len(rows) < limit or self.ordered_by_quality:
            return rows
        rows = []
        for bucket in QUALITY_BUCKETS:
            rows += self.fetch(terms, scope, tags.also(bucket), limit - len(rows))
            if len(rows) >= limit:
                break
        return rows

    def _ranked(
        self,
        terms: list[QueryTerm],
        tags: TagFilter,
        place: Place | None,
        *,
        needed: int,
        total: int,
    ) -> list[tuple[int, float]]:
        """(actor id, text score) of the candidates, best first (module docstring, 4)."""
        limit = max(CANDIDATES, needed)
        found: dict[int, _Candidate] = {}
        tiers = self.tier_scopes if terms else ((0, "all"),)
        if total <= limit:
            # Everything fits: read it all, every tier's pool (or only one, when the
            # backend knows each match's tier), then rank exactly.
            exact = self.exact_tiers or self.scores_later
            for tier, scope in tiers[-1:] if exact else tiers:
                for actor_id, score, known in self.fetch(terms, scope, tags, limit):
                    if actor_id not in found:
                        found[actor_id] = _Candidate(tier=known or tier, score=score)
        else:
            levels = _place_levels(place)
            for tier, scope in tiers:
                for _proximity_level, level_tag in levels:
                    pool = tags.also(level_tag) if level_tag else tags
                    for actor_id, score, known in self._pool(terms, scope, pool, limit):
                        if actor_id not in found:
                            found[actor_id] = _Candidate(tier=max(known, tier), score=score)
                    if len(found) >= needed:
                        break
                if len(found) >= needed:
                    break
        if terms and self.scores_later:
            self.score_candidates(terms, found)
        self._complete(found, place)
        ordered = sorted(
            found.items(),
            key=lambda item: (
                -item[1].tier,
                -item[1].proximity,
                -item[1].score,
                -item[1].completeness,
                item[1].name if not terms else "",
                item[0],
            ),
        )
        return [(actor_id, candidate.score) for actor_id, candidate in ordered]

    def _complete(self, found: dict[int, _Candidate], place: Place | None) -> None:
        """Proximity, completeness and name of the candidates (one query per 5 000; plain
        SQL: the ORM would spend more building the query than the database answering)."""
        ids = sorted(found)
        table = connection.ops.quote_name(Actor._meta.db_table)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 5000):
                part = ids[start : start + 5000]
                cursor.execute(
                    "SELECT id, completeness, name, seat_commune_id, epci_id, "  # noqa: S608
                    f"departement_id, region_id FROM {table} "
                    f"WHERE id IN ({', '.join(['%s'] * len(part))})",
                    part,
                )
                for row in cursor.fetchall():
                    candidate = found[row[0]]
                    candidate.completeness, candidate.name = row[1], row[2]
                    candidate.proximity = _proximity(row[3:], place)

    # ------------------------------------------------------------------ facets

    def _facets(
        self, terms: list[QueryTerm], tags: TagFilter, total: int
    ) -> tuple[dict[str, list[FacetValue]], bool]:
        """Facet counts from the matches' tags; estimated on a sample for large results."""
        if not total:
            return _facet_values(Counter(), 1.0), False
        if total <= FACET_EXACT_LIMIT:
            return _facet_values(_count_tags(self.fetch_tags(terms, tags)), 1.0), False
        prefix, _modulus = next(
            ((p, m) for p, m in SHARD_LEVELS if total / m <= FACET_SAMPLE_MAX), SHARD_LEVELS[-1]
        )
        sample = self.fetch_tags(terms, tags.also(f"{prefix}0"))
        if not sample:
            return _facet_values(Counter(), 1.0), True
        return _facet_values(_count_tags(sample), total / len(sample)), True

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        terms = parse_query(prefix)
        if not terms or limit < 1:
            return []
        self.expand(terms, fuzzy=True)
        # One index read: name matches of active actors (on SQLite the most complete first).
        ids = [
            row[0]
            for row in self.fetch(terms, "name", TagFilter(exclude=[CLOSED]), SUGGEST_CANDIDATES)
        ]
        candidates: list[tuple[int, str, str | None, int]] = []
        if ids:
            actors = connection.ops.quote_name(Actor._meta.db_table)
            communes = connection.ops.quote_name(Commune._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT a.id, a.name, c.name, a.completeness FROM {actors} a "  # noqa: S608
                    f"LEFT JOIN {communes} c ON c.code = a.seat_commune_id "
                    f"WHERE a.id IN ({', '.join(['%s'] * len(ids))})",
                    ids,
                )
                candidates = list(cursor.fetchall())
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


# --------------------------------------------------------------------------- facets

_FACET_PREFIXES = {"zk": "kind", "zp": "sphere", "zt": "theme", "zd": "departement"}


def _count_tags(documents: list[str]) -> Counter[str]:
    return Counter(" ".join(documents).split())


def _facet_values(counts: Counter[str], scale: float) -> dict[str, list[FacetValue]]:
    """Facet lists (code, label, count) from tag counts, each count multiplied by ``scale``
    (1 for exact counts), most frequent first. Labels come from the reference tables."""
    vocabularies: list[tuple[str, str, dict[str, str]]] = [
        ("kind", "zk", dict(Kind.objects.values_list("code", "name"))),
        ("sphere", "zp", {code: str(label) for code, label in Sphere.choices}),
        ("theme", "zt", dict(Theme.objects.values_list("code", "name"))),
    ]
    categories = dict(Category.objects.values_list("code", "name"))
    vocabularies += [("need", "zn", categories), ("offer", "zo", categories)]
    facets: dict[str, list[FacetValue]] = {}
    for key, prefix, labels in vocabularies:
        facets[key] = _labelled(
            {code: counts[prefix + code_token(code)] for code in labels}, labels, scale
        )
    departements = {
        token[2:].upper(): count for token, count in counts.items() if token.startswith("zd")
    }
    labels = {
        code: f"{name} ({code})"
        for code, name in Departement.objects.filter(code__in=list(departements)).values_list(
            "code", "name"
        )
    }
    facets["departement"] = _labelled(
        {code: count for code, count in departements.items() if code in labels}, labels, scale
    )
    return {key: facets[key] for key in ("kind", "sphere", "theme", "departement", "need", "offer")}


def _labelled(counts: dict[str, int], labels: dict[str, str], scale: float) -> list[FacetValue]:
    values = [
        FacetValue(code=code, label=labels.get(code, code), count=round(count * scale))
        for code, count in counts.items()
        if count
    ]
    return sorted(values, key=lambda value: (-value.count, value.label, value.code))
