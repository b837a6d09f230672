"""PostgreSQL backend: ``tsvector`` with a French configuration, ``ts_rank`` relevance.

**Index.** Migration 0002 creates the ``unaccent`` and ``pg_trgm`` extensions and the text
search configuration ``maillage_fr`` (a copy of ``french`` whose word mappings go through
``unaccent`` then ``french_stem``), and adds to ``search_actordocument`` a ``vector``
column with a GIN index. The vector is computed when a document is written, from the
raw text, with weights A (name, acronym), B (keywords), C (body); the raw text is not
stored again. Django's cascade deletes an actor's document.

**Queries.** Each query word becomes ``to_tsquery('maillage_fr', 'word':ABC | …)``
(PostgreSQL stems them as it stemmed the documents); the last word being typed adds
``to_tsquery('simple', 'word':*ABC)``, a prefix over the indexed lexemes — exactly what the
SQLite backend's ``"word"*`` does. Words are joined with ``&&``. Operands are runs of
letters and digits quoted by us, so nothing a user types is tsquery syntax. Name and
keyword tiers reuse the same query restricted to weights A and AB. Filter tags
(``search.tags``) are weight D of the vector (``to_tsvector('simple', tags)``): each group
adds ``&& to_tsquery('simple', 'a' | 'b')``, closed actors ``&& !! 'zx'``; text operands
are restricted to A–C so they never meet a tag. ``ts_rank`` gives tags no weight and runs
only on the rows read (``LIMIT``), with each row's tier from the same vector.

**Typo tolerance**: a trigram GIN index (``gin_trgm_ops``) over the *lexicon* of name
words (``SearchTerm`` where ``in_name``) — not over a million names — finds candidates
with the ``%`` operator (threshold lowered to 0.2 for the transaction, so that short
words with one typo qualify); ``search.analysis.edit_distance`` keeps those within one
edit (two for words of eight letters or more).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

from maillage.actors.enums import ActorStatus
from maillage.actors.models import Actor, Category, Kind, Label, NeedOffer, SubKind, Theme
from maillage.search import vocabulary
from maillage.search.analysis import QueryTerm, index_words
from maillage.search.backends.base import SearchQuery, SearchResult, Suggestion
from maillage.search.backends.native import NativeSearchBackend, Scope, TagFilter
from maillage.search.documents import ActorText
from maillage.search.models import ActorDocument, SearchTerm
from maillage.search.tags import ACTIVE, CLOSED, QUALITY_BUCKETS, SHARD_LEVELS
from maillage.territories.models import Commune

CONFIG = "maillage_fr"
# ts_rank weights for D, C, B, A; normalisation 1 divides by 1 + log(document length).
RANK_WEIGHTS = "{0, 0.2, 0.4, 1.0}"
TRIGRAM_THRESHOLD = 0.2
_SCOPE_WEIGHTS = {"all": "ABC", "name": "A", "name_keywords": "AB"}
# Per search transaction: bitmaps of a broad word stay exact (not lossy, which would
# recheck every row of a page), and the planner reads matches through the GIN index —
# with a LIMIT it otherwise scans the table, testing each row's vector.
# One statement (set_config(..., true) is SET LOCAL): a round trip saved on every search.
SEARCH_SETTINGS = (
    "SELECT set_config('work_mem', '32MB', true), set_config('enable_seqscan', 'off', true)",
)

# The names (name and acronym, weight A) and the tags (weight D), with their own GIN
# index: the name tier's matches, filters included, are one intersection inside that
# index, with no weight to recheck (a weight restriction makes PostgreSQL recheck every
# match in the table).
NAME_VECTOR_SQL = (
    f"setweight(to_tsvector('{CONFIG}', %s), 'A') || setweight(to_tsvector('simple', %s), 'D')"
)

VECTOR_SQL = (
    f"setweight(to_tsvector('{CONFIG}', %s), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', %s), 'B') || "
    f"setweight(to_tsvector('{CONFIG}', %s), 'C') || "
    "setweight(to_tsvector('simple', %s), 'D')"
)


# Working memory of the GIN index build at the end of a rebuild (session default: 64 MB).
REBUILD_WORK_MEM = "512MB"


def _document_texts_sql() -> str:
    """``SELECT id, name, keywords, body`` of every actor: the texts ``actor_texts`` gives
    (its parts joined by newlines, empty parts left out, in the same order)."""
    quote = connection.ops.quote_name

    def t(model: Any) -> str:
        return quote(model._meta.db_table)

    themes, labels = Actor.themes.through, Actor.labels.through
    return (
        "SELECT a.id, "  # noqa: S608 - table names from the models' metadata
        "concat_ws(E'\\n', NULLIF(a.name, ''), NULLIF(a.acronym, '')) AS name, "
        "concat_ws(E'\\n', NULLIF(k.name, ''), NULLIF(sk.name, ''), th.names, lb.names, "
        "n.keywords) AS keywords, "
        "concat_ws(E'\\n', NULLIF(a.description, ''), n.texts, NULLIF(c.name, '')) AS body, "
        f"{_tags_sql()} AS tags "
        f"FROM {t(Actor)} a "
        f"LEFT JOIN {t(Kind)} k ON k.code = a.kind_id "
        f"LEFT JOIN {t(SubKind)} sk ON sk.code = a.subkind_id "
        f"LEFT JOIN {t(Commune)} c ON c.code = a.seat_commune_id "
        "LEFT JOIN (SELECT l.actor_id, "
        "string_agg(NULLIF(x.name, ''), E'\\n' ORDER BY x.position, l.theme_id) AS names, "
        f"string_agg('zt' || {_code_sql('l.theme_id')}, ' ' ORDER BY x.position, l.theme_id) "
        "AS tags "
        f"FROM {t(themes)} l JOIN {t(Theme)} x ON x.code = l.theme_id "
        "GROUP BY l.actor_id) th ON th.actor_id = a.id "
        "LEFT JOIN (SELECT l.actor_id, "
        "string_agg(NULLIF(x.name, ''), E'\\n' ORDER BY l.label_id) AS names "
        f"FROM {t(labels)} l JOIN {t(Label)} x ON x.code = l.label_id "
        "GROUP BY l.actor_id) lb ON lb.actor_id = a.id "
        "LEFT JOIN (SELECT o.actor_id, "
        "string_agg(NULLIF(concat_ws(E'\\n', NULLIF(x.name, ''), NULLIF(o.title, '')), ''), "
        "E'\\n' ORDER BY o.id) AS keywords, "
        "string_agg(NULLIF(o.text, ''), E'\\n' ORDER BY o.id) AS texts, "
        f"{_distinct_tags_sql('zn', 'o.category_id')} "
        "FILTER (WHERE o.direction = 'need') AS needs, "
        f"{_distinct_tags_sql('zo', 'o.category_id')} "
        "FILTER (WHERE o.direction = 'offer') AS offers "
        f"FROM {t(NeedOffer)} o LEFT JOIN {t(Category)} x ON x.code = o.category_id "
        "WHERE o.is_active GROUP BY o.actor_id) n ON n.actor_id = a.id"
    )


def _code_sql(column: str) -> str:
    """``search.tags.code_token`` in SQL."""
    return f"replace(replace(lower({column}), '_', '0'), '-', '1')"


def _distinct_tags_sql(prefix: str, column: str) -> str:
    """Distinct tags of a column's values, in byte order (as ``document_tags`` sorts them)."""
    value = f"('{prefix}' || {_code_sql(column)}) COLLATE \"C\""
    return f"string_agg(DISTINCT {value}, ' ' ORDER BY {value})"


def _tags_sql() -> str:
    """``search.tags.document_tags`` in SQL, over the aliases of ``_document_texts_sql``."""
    buckets = " ".join(
        f"WHEN a.completeness >= {floor} THEN '{bucket}'"
        for floor, bucket in zip((75, 50, 25), QUALITY_BUCKETS, strict=False)
    )
    shards = ", ".join(f"'{prefix}' || (a.id % {modulus})" for prefix, modulus in SHARD_LEVELS)
    return (
        "concat_ws(' ', 'zc' || lower(a.seat_commune_id), 'ze' || lower(a.epci_id), "
        "'zd' || lower(a.departement_id), 'zr' || lower(a.region_id), "
        f"'zk' || {_code_sql('a.kind_id')}, "
        f"CASE WHEN a.sphere <> '' THEN 'zp' || {_code_sql('a.sphere')} END, "
        "th.tags, n.needs, n.offers, "
        f"CASE WHEN a.status = '{ActorStatus.ACTIVE}' THEN '{ACTIVE}' ELSE '{CLOSED}' END, "
        f"CASE {buckets} ELSE '{QUALITY_BUCKETS[-1]}' END, {shards})"
    )


def _lexicon(cursor: Any, texts: str) -> tuple[set[str], set[str]]:
    """(words of the names, words of the keywords and bodies) of the documents: the
    distinct space-separated tokens are read from the database, then analysed here
    (a space separates words for ``analysis.index_words`` too). Tokens of digits only
    hold no word the lexicon keeps."""
    found: list[set[str]] = []
    for columns in ("name", "keywords, body"):
        cursor.execute(
            "SELECT DISTINCT token FROM (SELECT unnest(string_to_array("  # noqa: S608
            f"concat_ws(' ', {columns}), ' ')) AS token FROM ({texts}) documents) tokens "
            "WHERE token !~ '^[0-9]*$'"
        )
        words: set[str] = set()
        for (token,) in cursor:
            words.update(index_words(token))
        found.append(words)
    return found[0], found[1]


def _operand(word: str, suffix: str) -> str:
    # Words are runs of letters and digits (search.analysis): quoting cannot be broken.
    return "'" + word.replace("'", "").replace("\\", "") + "'" + (f":{suffix}" if suffix else "")


def _tags_tsquery(tags: list[str]) -> str:
    return " | ".join(_operand(tag, "") for tag in tags)


def tsquery_sql(
    terms: list[QueryTerm],
    *,
    scope: Scope = "all",
    tags: TagFilter | None = None,
    weights: str | None = None,
) -> tuple[str, list[Any]]:
    """A tsquery expression matching every term (with its alternatives and prefix) within
    the scope's weights (or ``weights``), every tag group, and no excluded tag."""
    if weights is None:
        weights = _SCOPE_WEIGHTS[scope]
    if scope == "all" and _unweighted(terms):
        # No weight to check: the GIN index answers alone (a weight restriction makes
        # PostgreSQL recheck every match in the table). Only words starting with "z"
        # could meet a tag (weight D).
        weights = ""
    groups: list[str] = []
    params: list[Any] = []
    for term in terms:
        parts = [f"to_tsquery('{CONFIG}', %s)"]
        params.append(" | ".join(_operand(word, weights) for word in term.all_words()))
        if term.prefix:
            parts.append("to_tsquery('simple', %s)")
            params.append(_operand(term.word, "*" + weights))
        groups.append("(" + " || ".join(parts) + ")")
    if tags is not None:
        for group in tags.groups:
            if group:
                groups.append("to_tsquery('simple', %s)")
                params.append(_tags_tsquery(group))
        if tags.exclude:
            groups.append("!! to_tsquery('simple', %s)")
            params.append(_tags_tsquery(tags.exclude))
    return "(" + " && ".join(groups) + ")", params


def _unweighted(terms: list[QueryTerm]) -> bool:
    # Tags all start with "z": text words that do not cannot meet one.
    return not any(term.word.startswith("z") for term in terms)


def where_sql(
    terms: list[QueryTerm], scope: Scope, tags: TagFilter | None
) -> tuple[str, list[Any]]:
    """The WHERE condition of a scope's matches: the name scope reads ``name_vector``
    (names and tags, its own GIN index), the others ``vector``."""
    if scope == "name" and terms:
        query, params = tsquery_sql(
            terms, scope=scope, tags=tags, weights="" if _unweighted(terms) else "A"
        )
        return f"name_vector @@ {query}", params
    query, params = tsquery_sql(terms, scope=scope, tags=tags)
    return f"vector @@ {query}", params


class PostgresqlSearchBackend(NativeSearchBackend):
    exact_tiers = True
    cheap_count = False
    tier_scopes = ((2, "name"), (0, "all"))

    def _settings(self) -> None:
        with connection.cursor() as cursor:
            for statement in SEARCH_SETTINGS:
                cursor.execute(statement)

    def search(self, query: SearchQuery) -> SearchResult:
        with transaction.atomic():
            self._settings()
            return super().search(query)

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        with transaction.atomic():
            self._settings()
            return super().suggest(prefix, limit)

    def match_sql(
        self, terms: list[QueryTerm], *, scope: Scope = "all", tags: TagFilter | None = None
    ) -> tuple[str, list[Any]]:
        condition, params = where_sql(terms, scope, tags)
        table = ActorDocument._meta.db_table
        return f"SELECT actor_id FROM {table} WHERE {condition}", params  # noqa: S608

    def _rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def count(self, terms: list[QueryTerm], tags: TagFilter, *, limit: int | None = None) -> int:
        query, params = tsquery_sql(terms, tags=tags)
        table = ActorDocument._meta.db_table
        matches = f"SELECT 1 FROM {table} WHERE vector @@ {query}"  # noqa: S608
        if limit is not None:
            matches += " LIMIT %s"
            params.append(limit)
        return int(self._rows(f"SELECT count(*) FROM ({matches}) m", params)[0][0])  # noqa: S608

    def fetch(
        self, terms: list[QueryTerm], scope: Scope, tags: TagFilter, limit: int
    ) -> list[tuple[int, float, int]]:
        table = ActorDocument._meta.db_table
        match, match_params = where_sql(terms, scope, tags)
        if not terms:
            rows = self._rows(
                f"SELECT actor_id, 0.0, 0 FROM {table} WHERE {match} LIMIT %s",  # noqa: S608
                [*match_params, limit],
            )
        else:
            text, text_params = tsquery_sql(terms)
            name, name_params = tsquery_sql(
                terms, scope="name", weights="" if _unweighted(terms) else "A"
            )
            keywords, keywords_params = tsquery_sql(terms, scope="name_keywords")
            rows = self._rows(
                f"SELECT actor_id, ts_rank('{RANK_WEIGHTS}', vector, {text}, 1), "  # noqa: S608
                f"CASE WHEN name_vector @@ {name} THEN 2 WHEN vector @@ {keywords} THEN 1 "
                f"ELSE 0 END FROM {table} WHERE {match} LIMIT %s",
                [*text_params, *name_params, *keywords_params, *match_params, limit],
            )
        return [(row[0], float(row[1] or 0.0), int(row[2])) for row in rows]

    def fetch_tags(self, terms: list[QueryTerm], tags: TagFilter) -> list[str]:
        table = ActorDocument._meta.db_table
        match, params = tsquery_sql(terms, tags=tags)
        return [
            row[0]
            for row in self._rows(f"SELECT tags FROM {table} WHERE vector @@ {match}", params)  # noqa: S608
        ]

    def typo_candidates(self, word: str) -> list[str]:
        table = SearchTerm._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            # SET LOCAL: the lower threshold lasts until the end of the transaction.
            cursor.execute(f"SET LOCAL pg_trgm.similarity_threshold = {TRIGRAM_THRESHOLD}")
            cursor.execute(
                f"SELECT word FROM {table} WHERE in_name AND word %% %s "  # noqa: S608
                "ORDER BY similarity(word, %s) DESC, word LIMIT 50",
                [word, word],
            )
            return [row[0] for row in cursor.fetchall()]

    def write_documents(self, texts: list[ActorText]) -> None:
        table = ActorDocument._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (actor_id, name, keywords, body, tags, doc_key, vector, "  # noqa: S608
                f"name_vector) VALUES (%s, '', '', '', %s, 0, {VECTOR_SQL}, {NAME_VECTOR_SQL}) "
                "ON CONFLICT (actor_id) DO UPDATE SET vector = EXCLUDED.vector, "
                "tags = EXCLUDED.tags, name_vector = EXCLUDED.name_vector",
                [
                    (
                        text.actor_id,
                        text.tags,
                        text.name,
                        text.keywords,
                        text.body,
                        text.tags,
                        text.name,
                        text.tags,
                    )
                    for text in texts
                ],
            )

    def delete_documents(self, actor_ids: Sequence[int]) -> None:
        ActorDocument.objects.filter(actor_id__in=actor_ids).delete()

    def rebuild_begin(self) -> None:
        ActorDocument.objects.all().delete()

    def rebuild(self) -> int:
        """The whole index in a few set-based statements, in one transaction (see
        ``rebuild_documents``); the lexicon comes from the distinct words of the same
        texts. Searches wait for the end of the rebuild (the document table is locked)."""
        with transaction.atomic(), connection.cursor() as cursor:
            # Outside a transaction nothing is pending: the foreign key can go meanwhile.
            count = rebuild_documents(cursor, drop_foreign_keys=not connection.in_atomic_block)
            vocabulary.vocabulary_clear()
            names, others = _lexicon(cursor, _document_texts_sql())
            vocabulary.vocabulary_add(
                name_words=names, other_words=others - names, with_variants=False
            )
        return count


def rebuild_documents(cursor: Any, *, drop_foreign_keys: bool) -> int:
    """Every document again, built from the actor tables by one ``INSERT … SELECT`` (the
    texts of ``documents.actor_texts``, hence the vectors ``write_documents`` gives) into
    the emptied table without its GIN index, built once at the end — sorted, with more
    working memory. ``drop_foreign_keys`` (no write of the transaction may be pending a
    check): the key to the actor table goes too, and is checked by one query when put
    back instead of by a trigger per row; actor writes wait meanwhile. Otherwise it is
    checked row by row, immediately. Returns the number of documents."""
    quote = connection.ops.quote_name
    name = ActorDocument._meta.db_table
    table = quote(name)
    cursor.execute(f"SET LOCAL maintenance_work_mem = '{REBUILD_WORK_MEM}'")
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid), condeferrable FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f'",
        [name],
    )
    foreign_keys = cursor.fetchall()
    deferrable = [quote(key) for key, _definition, flag in foreign_keys if flag]
    if deferrable:  # checks pending from this transaction's writes run now, and later ones
        cursor.execute(f"SET CONSTRAINTS {', '.join(deferrable)} IMMEDIATE")
    if drop_foreign_keys:
        for key, _definition, _flag in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(key)}")
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = %s AND indexdef LIKE %s",
        [name, "% USING gin %"],
    )
    indexes = cursor.fetchall()
    for index, _definition in indexes:
        cursor.execute(f"DROP INDEX {quote(index)}")
    cursor.execute(f"TRUNCATE {table}")
    cursor.execute(
        f"INSERT INTO {table} (actor_id, name, keywords, body, tags, doc_key, vector, "  # noqa: S608
        f"name_vector) SELECT id, '', '', '', tags, 0, "
        f"{VECTOR_SQL % ('name', 'keywords', 'body', 'tags')}, "
        f"{NAME_VECTOR_SQL % ('name', 'tags')} "
        f"FROM ({_document_texts_sql()}) documents"
    )
    count: int = cursor.rowcount
    for _index, definition in indexes:
        cursor.execute(definition)
    if drop_foreign_keys:
        for key, definition, _flag in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(key)} {definition}")
    return count
