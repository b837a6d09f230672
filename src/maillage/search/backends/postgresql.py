"""PostgreSQL backend: ``tsvector`` with a French configuration, ``ts_rank`` relevance.

**Index.** Migration 0002 creates the ``unaccent`` and ``pg_trgm`` extensions and the text
search configuration ``maillage_fr`` (a copy of ``french`` whose word mappings go through
``unaccent`` then ``french_stem``), and adds to ``search_actordocument`` a ``vector``
column with a GIN index. The vector is computed when a document is written, from the
raw text, with weights A (name, acronym), B (keywords), C (body); the raw text is not
stored again. Django's cascade deletes an actor's document.

**Queries.** Each query word becomes ``to_tsquery('maillage_fr', 'word' | 'alternatives')``
(PostgreSQL stems them as it stemmed the documents); the last word being typed adds
``to_tsquery('simple', 'word':*)``, a prefix over the indexed lexemes — exactly what the
SQLite backend's ``"word"*`` does. Words are joined with ``&&``. Operands are runs of
letters and digits quoted by us, so nothing a user types is tsquery syntax. Name and
keyword tiers reuse the same query restricted to weights A and AB.

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

from maillage.actors.models import Actor, Category, Kind, Label, NeedOffer, SubKind, Theme
from maillage.search import vocabulary
from maillage.search.analysis import QueryTerm, index_words
from maillage.search.backends.native import NativeSearchBackend, Scope
from maillage.search.documents import ActorText
from maillage.search.models import ActorDocument, SearchTerm
from maillage.territories.models import Commune

CONFIG = "maillage_fr"
# ts_rank weights for D, C, B, A; normalisation 1 divides by 1 + log(document length).
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
TRIGRAM_THRESHOLD = 0.2
_SCOPE_WEIGHTS = {"all": "", "name": "A", "name_keywords": "AB"}

VECTOR_SQL = (
    f"setweight(to_tsvector('{CONFIG}', %s), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', %s), 'B') || "
    f"setweight(to_tsvector('{CONFIG}', %s), 'C')"
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
        "concat_ws(E'\\n', NULLIF(a.description, ''), n.texts, NULLIF(c.name, '')) AS body "
        f"FROM {t(Actor)} a "
        f"LEFT JOIN {t(Kind)} k ON k.code = a.kind_id "
        f"LEFT JOIN {t(SubKind)} sk ON sk.code = a.subkind_id "
        f"LEFT JOIN {t(Commune)} c ON c.code = a.seat_commune_id "
        "LEFT JOIN (SELECT l.actor_id, "
        "string_agg(NULLIF(x.name, ''), E'\\n' ORDER BY x.position, l.theme_id) AS names "
        f"FROM {t(themes)} l JOIN {t(Theme)} x ON x.code = l.theme_id "
        "GROUP BY l.actor_id) th ON th.actor_id = a.id "
        "LEFT JOIN (SELECT l.actor_id, "
        "string_agg(NULLIF(x.name, ''), E'\\n' ORDER BY l.label_id) AS names "
        f"FROM {t(labels)} l JOIN {t(Label)} x ON x.code = l.label_id "
        "GROUP BY l.actor_id) lb ON lb.actor_id = a.id "
        "LEFT JOIN (SELECT o.actor_id, "
        "string_agg(NULLIF(concat_ws(E'\\n', NULLIF(x.name, ''), NULLIF(o.title, '')), ''), "
        "E'\\n' ORDER BY o.id) AS keywords, "
        "string_agg(NULLIF(o.text, ''), E'\\n' ORDER BY o.id) AS texts "
        f"FROM {t(NeedOffer)} o LEFT JOIN {t(Category)} x ON x.code = o.category_id "
        "WHERE o.is_active GROUP BY o.actor_id) n ON n.actor_id = a.id"
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


def tsquery_sql(terms: list[QueryTerm], *, scope: Scope = "all") -> tuple[str, list[Any]]:
    """A tsquery expression matching every term (with its alternatives and prefix)."""
    weights = _SCOPE_WEIGHTS[scope]
    groups: list[str] = []
    params: list[Any] = []
    for term in terms:
        parts = [f"to_tsquery('{CONFIG}', %s)"]
        params.append(" | ".join(_operand(word, weights) for word in term.all_words()))
        if term.prefix:
            parts.append("to_tsquery('simple', %s)")
            params.append(_operand(term.word, "*" + weights))
        groups.append("(" + " || ".join(parts) + ")")
    return "(" + " && ".join(groups) + ")", params


class PostgresqlSearchBackend(NativeSearchBackend):
    def match_sql(self, terms: list[QueryTerm], *, scope: Scope = "all") -> tuple[str, list[Any]]:
        query, params = tsquery_sql(terms, scope=scope)
        table = ActorDocument._meta.db_table
        return f"SELECT actor_id FROM {table} WHERE vector @@ {query}", params  # noqa: S608

    def hits_sql(self, terms: list[QueryTerm]) -> tuple[str, list[Any]]:
        query, params = tsquery_sql(terms)
        name_query, name_params = tsquery_sql(terms, scope="name")
        keywords_query, keywords_params = tsquery_sql(terms, scope="name_keywords")
        table = ActorDocument._meta.db_table
        return (
            f"SELECT d.actor_id AS id, ts_rank('{RANK_WEIGHTS}', d.vector, q.q, 1) AS score, "  # noqa: S608
            "CASE WHEN d.vector @@ q.qa THEN 2 WHEN d.vector @@ q.qb THEN 1 ELSE 0 END AS tier "
            f"FROM {table} d, (SELECT {query} AS q, {name_query} AS qa, "
            f"{keywords_query} AS qb) q WHERE d.vector @@ q.q",
            [*params, *name_params, *keywords_params],
        )

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
                f"INSERT INTO {table} (actor_id, name, keywords, body, vector) "  # noqa: S608
                f"VALUES (%s, '', '', '', {VECTOR_SQL}) "
                "ON CONFLICT (actor_id) DO UPDATE SET vector = EXCLUDED.vector",
                [(text.actor_id, text.name, text.keywords, text.body) for text in texts],
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
        f"INSERT INTO {table} (actor_id, name, keywords, body, vector) "  # noqa: S608
        f"SELECT id, '', '', '', {VECTOR_SQL % ('name', 'keywords', 'body')} "
        f"FROM ({_document_texts_sql()}) documents"
    )
    count: int = cursor.rowcount
    for _index, definition in indexes:
        cursor.execute(definition)
    if drop_foreign_keys:
        for key, definition, _flag in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(key)} {definition}")
    return count
