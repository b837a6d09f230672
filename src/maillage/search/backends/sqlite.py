"""SQLite backend: FTS5 over analysed text, bm25 relevance.

**Index.** ``search_actordocument_fts`` is an FTS5 table (``unicode61 remove_diacritics 2``,
prefix indexes for 2 and 3 characters) whose external content is the ``ActorDocument``
table; triggers on that table keep the index in step (``install_fts``, run by migration
0002 and again, idempotently, by every rebuild). The documents hold *analysed* text —
folded Snowball French stems computed in Python (``search.analysis``) — because SQLite
has no French stemmer: the same analysis runs on queries, so « épiceries solidaires »
(``epicer solidair``) finds « Épicerie solidaire ». Django's cascade deletes an actor's
document, and the delete trigger removes it from the index.

Caution: when a future migration alters ``ActorDocument``, Django's SQLite schema editor
rebuilds the table and its triggers are lost; such a migration must call ``install_fts``
(``rebuild_search_index`` also restores them).

**Queries.** Each query word becomes ``("stem" OR "alternative stems"…)``; the last word
being typed also matches tokens that start with it (``"epic"*``); words are joined by AND.
Every token is quoted, so FTS5 operators typed by users (``NEAR(``, ``*``, ``"``, ``-``)
are plain separators. bm25 weighs the name ×10, keywords ×4, body ×1.

**Typo fallback** (SQLite has no trigram similarity operator): a symmetric-delete lexicon.
``SearchNameVariant`` holds every word found in names together with each string obtained
by deleting one of its letters. A query word unknown to the lexicon is looked up through
its own one-deletion variants (one indexed ``IN`` lookup); two words share a variant
exactly when they are at most one edit apart (insertion, deletion, substitution or
transposition of adjacent letters), which ``search.analysis.edit_distance`` then checks.
So SQLite tolerates one typo per word of four letters or more (PostgreSQL also tolerates
two in words of eight letters or more). The lexicon holds distinct words, not actors, so
the lookup costs the same with a million actors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from maillage.search import vocabulary
from maillage.search.analysis import QueryTerm, stems_text
from maillage.search.backends.native import NativeSearchBackend, Scope
from maillage.search.documents import ActorText
from maillage.search.models import ActorDocument

FTS_TABLE = "search_actordocument_fts"
# bm25 weights of the FTS columns: name (with acronym), keywords, body.
WEIGHTS = (10.0, 4.0, 1.0)
_COLUMNS = "name, keywords, body"
_NEW = "new.actor_id, new.name, new.keywords, new.body"
_OLD = "old.actor_id, old.name, old.keywords, old.body"


def install_fts(cursor: Any) -> None:
    """Create the FTS5 table and the triggers that mirror ``ActorDocument`` (idempotent)."""
    table = ActorDocument._meta.db_table
    cursor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        f"{_COLUMNS}, content='{table}', content_rowid='actor_id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    cursor.execute(
        f"CREATE TRIGGER IF NOT EXISTS {table}_ai AFTER INSERT ON {table} BEGIN "  # noqa: S608 - identifiers are constants
        f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES ({_NEW}); END"
    )
    cursor.execute(
        f"CREATE TRIGGER IF NOT EXISTS {table}_ad AFTER DELETE ON {table} BEGIN "  # noqa: S608 - identifiers are constants
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', {_OLD}); "
        "END"
    )
    cursor.execute(
        f"CREATE TRIGGER IF NOT EXISTS {table}_au AFTER UPDATE ON {table} BEGIN "  # noqa: S608 - identifiers are constants
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', {_OLD}); "
        f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES ({_NEW}); END"
    )


def drop_fts(cursor: Any) -> None:
    table = ActorDocument._meta.db_table
    for suffix in ("ai", "ad", "au"):
        cursor.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
    cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def fts_installed(cursor: Any) -> bool:
    """Whether the FTS table and its three triggers exist."""
    table = ActorDocument._meta.db_table
    cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE (type = 'table' AND name = %s) "
        "OR (type = 'trigger' AND name IN (%s, %s, %s))",
        [FTS_TABLE, f"{table}_ai", f"{table}_ad", f"{table}_au"],
    )
    return bool(cursor.fetchone()[0] == 4)


def _quoted(token: str) -> str:
    # Tokens are runs of letters and digits (search.analysis): nothing to escape.
    return '"' + token.replace('"', "") + '"'


def _group(term: QueryTerm) -> str:
    options = [_quoted(stem) for stem in term.all_stems() if stem]
    if term.prefix:
        options.append(_quoted(term.word) + "*")
    return "(" + " OR ".join(options) + ")"


def match_expression(terms: list[QueryTerm], *, scope: Scope = "all") -> str:
    expression = " AND ".join(_group(term) for term in terms)
    if scope == "name":
        return "{name} : (" + expression + ")"
    if scope == "name_keywords":
        return "{name keywords} : (" + expression + ")"
    return expression


class SqliteSearchBackend(NativeSearchBackend):
    uses_name_variants = True

    def match_sql(self, terms: list[QueryTerm], *, scope: Scope = "all") -> tuple[str, list[Any]]:
        return (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608 - identifiers are constants
            [match_expression(terms, scope=scope)],
        )

    def hits_sql(self, terms: list[QueryTerm]) -> tuple[str, list[Any]]:
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        name_sql, name_params = self.match_sql(terms, scope="name")
        keywords_sql, keywords_params = self.match_sql(terms, scope="name_keywords")
        return (
            f"SELECT rowid AS id, -bm25({FTS_TABLE}, {weights}) AS score, "  # noqa: S608 - identifiers are constants
            f"CASE WHEN rowid IN ({name_sql}) THEN 2 WHEN rowid IN ({keywords_sql}) THEN 1 "
            f"ELSE 0 END AS tier FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [*name_params, *keywords_params, match_expression(terms)],
        )

    def typo_candidates(self, word: str) -> list[str]:
        return vocabulary.name_words_near_by_variants(word)

    def write_documents(self, texts: list[ActorText]) -> None:
        # Delete then insert: the triggers turn both into FTS index updates.
        table = ActorDocument._meta.db_table
        ActorDocument.objects.filter(actor_id__in=[text.actor_id for text in texts]).delete()
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (actor_id, name, keywords, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(text.actor_id, *map(stems_text, text.words)) for text in texts],
            )

    def delete_documents(self, actor_ids: Sequence[int]) -> None:
        ActorDocument.objects.filter(actor_id__in=actor_ids).delete()

    def rebuild_begin(self) -> None:
        # Without triggers the documents are replaced in bulk; 'rebuild' then reindexes
        # the whole content table in one pass.
        with connection.cursor() as cursor:
            table = ActorDocument._meta.db_table
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table name

    def rebuild_end(self) -> None:
        with connection.cursor() as cursor:
            install_fts(cursor)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608 - identifiers are constants
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608 - identifiers are constants
