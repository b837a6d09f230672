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
being typed also matches tokens that start with it (``"epic"*``); words are joined by AND
inside a column filter (``{name keywords body} : (…)``, or narrower for the name tiers).
Filter tags (``search.tags``) live in a fourth column, ``tags``: each group of the filter
adds ``AND {tags} : ("a" OR "b")``, closed actors are left out with ``NOT {tags} : "zx"``.
Every token is quoted, so FTS5 operators typed by users (``NEAR(``, ``*``, ``"``, ``-``)
are plain separators.

**Quality order.** The FTS5 rowid is not the actor id but the document key
(``search.tags.document_key``: ``(100 - completeness) << 32 | actor id``, the
``doc_key`` column of the content table): FTS5 returns matches in rowid order, so a
``LIMIT k`` read gets the k most complete matching profiles at once, whatever the number
of matches; ``rowid & 0xFFFFFFFF`` is the actor id. A change of completeness changes the
key: the update trigger deletes the old entry and inserts the new one.

**Scores** are computed on the candidates read, from their analysed text
(``analysis.text_score``: column weights 10/4/1, length normalisation): FTS5's bm25()
counts every document holding each term before returning a row, which over a word found
in 600 000 documents costs more than the whole search.

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
from maillage.search.analysis import QueryTerm, score_patterns, stems_text, text_score
from maillage.search.backends.native import NativeSearchBackend, Scope, TagFilter
from maillage.search.documents import ActorText
from maillage.search.models import ActorDocument
from maillage.search.tags import KEY_MASK, document_key

FTS_TABLE = "search_actordocument_fts"
# bm25 weights of the FTS columns: name (with acronym), keywords, body, tags.
WEIGHTS = (10.0, 4.0, 1.0, 0.0)
_COLUMNS = "name, keywords, body, tags"
_NEW = "new.doc_key, new.name, new.keywords, new.body, new.tags"
_OLD = "old.doc_key, old.name, old.keywords, old.body, old.tags"
# The actor id of an FTS rowid (a document key, search.tags.document_key).
_ACTOR_ID = f"(rowid & {KEY_MASK})"
_SCOPE_COLUMNS = {
    "all": "{name keywords body}",
    "name": "{name}",
    "name_keywords": "{name keywords}",
}


def install_fts(cursor: Any) -> None:
    """Create the FTS5 table and the triggers that mirror ``ActorDocument`` (idempotent)."""
    table = ActorDocument._meta.db_table
    cursor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        f"{_COLUMNS}, content='{table}', content_rowid='doc_key', "
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


def _tags_group(tags: list[str]) -> str:
    return "{tags} : (" + " OR ".join(_quoted(tag) for tag in tags) + ")"


def match_expression(
    terms: list[QueryTerm], *, scope: Scope = "all", tags: TagFilter | None = None
) -> str:
    """The FTS5 query: every term within the scope's columns, every tag group, no
    excluded tag."""
    parts = []
    if terms:
        text = " AND ".join(_group(term) for term in terms)
        # Tags start with "z" and a letter: a text query whose words cannot meet one needs
        # no column filter in the "all" scope (filters cost a position-list walk per match).
        if scope != "all" or any(term.word.startswith("z") for term in terms):
            text = _SCOPE_COLUMNS[scope] + " : (" + text + ")"
        parts.append(text)
    if tags is not None:
        parts += [_tags_group(group) for group in tags.groups if group]
    expression = " AND ".join(f"({part})" for part in parts)
    if tags is not None and tags.exclude:
        expression = f"({expression}) NOT ({_tags_group(tags.exclude)})"
    return expression


class SqliteSearchBackend(NativeSearchBackend):
    uses_name_variants = True

    def match_sql(
        self, terms: list[QueryTerm], *, scope: Scope = "all", tags: TagFilter | None = None
    ) -> tuple[str, list[Any]]:
        return (
            f"SELECT {_ACTOR_ID} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608 - identifiers are constants
            [match_expression(terms, scope=scope, tags=tags)],
        )

    def _rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def count(self, terms: list[QueryTerm], tags: TagFilter, *, limit: int | None = None) -> int:
        matches = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - identifiers are constants
        params: list[Any] = [match_expression(terms, tags=tags)]
        if limit is not None:
            matches += " LIMIT %s"
            params.append(limit)
        rows = self._rows(f"SELECT count(*) FROM ({matches})", params)  # noqa: S608
        return int(rows[0][0])

    # FTS5's bm25() counts, for every query, the documents holding each term (its inverse
    # document frequency): over a word found in 600 000 documents that costs more than the
    # rest of the search. Candidates are scored afterwards instead, from their analysed
    # text (``analysis.text_score``), which also gives their exact tier.
    scores_later = True
    # The FTS5 rowid is the document key: matches come best profiles first.
    ordered_by_quality = True

    def fetch(
        self, terms: list[QueryTerm], scope: Scope, tags: TagFilter, limit: int
    ) -> list[tuple[int, float, int]]:
        rows = self._rows(
            f"SELECT {_ACTOR_ID} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s",  # noqa: S608 - identifiers are constants
            [match_expression(terms, scope=scope, tags=tags), limit],
        )
        return [(row[0], 0.0, 0) for row in rows]

    def score_candidates(self, terms: list[QueryTerm], candidates: dict[int, Any]) -> None:
        table = ActorDocument._meta.db_table
        ids = sorted(candidates)
        patterns = score_patterns(terms)
        for start in range(0, len(ids), 5000):
            part = ids[start : start + 5000]
            for actor_id, name, keywords, body in self._rows(
                f"SELECT actor_id, name, keywords, body FROM {table} "  # noqa: S608
                f"WHERE actor_id IN ({', '.join(['%s'] * len(part))})",
                part,
            ):
                candidate = candidates[actor_id]
                candidate.tier, candidate.score = text_score(patterns, (name, keywords, body))

    def fetch_tags(self, terms: list[QueryTerm], tags: TagFilter) -> list[str]:
        table = ActorDocument._meta.db_table
        rows = self._rows(
            f"SELECT d.tags FROM {FTS_TABLE} JOIN {table} d ON d.doc_key = {FTS_TABLE}.rowid "  # noqa: S608 - identifiers are constants
            f"WHERE {FTS_TABLE} MATCH %s",
            [match_expression(terms, tags=tags)],
        )
        return [row[0] for row in rows]

    def typo_candidates(self, word: str) -> list[str]:
        return vocabulary.name_words_near_by_variants(word)

    def write_documents(self, texts: list[ActorText]) -> None:
        # Delete then insert: the triggers turn both into FTS index updates.
        table = ActorDocument._meta.db_table
        ActorDocument.objects.filter(actor_id__in=[text.actor_id for text in texts]).delete()
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (actor_id, doc_key, name, keywords, body, tags) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        text.actor_id,
                        document_key(text.actor_id, text.completeness),
                        *map(stems_text, text.words),
                        text.tags,
                    )
                    for text in texts
                ],
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
