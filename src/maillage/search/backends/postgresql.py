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

from maillage.search.analysis import QueryTerm
from maillage.search.backends.native import NativeSearchBackend, Scope
from maillage.search.documents import ActorText
from maillage.search.models import ActorDocument, SearchTerm

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
