"""The audit triggers, generated from the registry (``audit.registry``) for each database.

PostgreSQL: one PL/pgSQL function per audited table; inserts and deletes fire ``FOR EACH
STATEMENT`` triggers with transition tables (``REFERENCING NEW TABLE``), so that a
statement writing 5 000 rows (a ``COPY`` of an import) records them with one set-based
``INSERT … SELECT``; updates fire a ``FOR EACH ROW`` trigger (see ``postgresql_trigger_sql``).
Rows are ``to_jsonb`` of the table's row; an update records only the changed columns. The
acting user and context come from the session settings of ``audit.context``. A statement
trigger on ``audit_event`` refuses ``UPDATE``/``DELETE`` outside a maintenance context.

SQLite: three ``FOR EACH ROW`` triggers per table, stored in the schema, writing
``json_object`` of the row and calling the functions that ``audit.context`` registers on
each connection (docs/decisions/0022 explains why not TEMP triggers). A trigger refuses
``UPDATE`` of ``audit_event`` outside a maintenance context. SQLite has no statement
trigger, and Django's table rebuilds (``ALTER`` on SQLite) would carry stale triggers, so
the triggers are dropped before ``migrate`` and installed again after it.

Every object created here is named ``maillage_audit…``: installing drops what the registry
no longer lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from maillage.audit.models import AuditEvent
from maillage.audit.registry import AUDITED, MASK, Audited, ResolvedAudit, resolve

PREFIX = "maillage_audit"
READONLY = f"{PREFIX}_readonly"
AUDIT_COLUMNS = (
    "occurred_at",
    "table_name",
    "row_id",
    "action",
    "subject_type",
    "subject_id",
    "user_id",
    "context",
    "old_values",
    "new_values",
)
# SQLite functions take at most 127 arguments: json_object() is built in chunks.
_SQLITE_PAIRS_PER_CALL = 60
# A key no row has: json_remove() of it changes nothing (a NULL path would give NULL).
_ABSENT_KEY = "~"


@dataclass
class TriggerReport:
    vendor: str
    tables: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "vendor": self.vendor,
            "tables": self.tables,
            "skipped": self.skipped,
            "dropped": self.dropped,
        }


def _q(connection: BaseDatabaseWrapper, name: str) -> str:
    return str(connection.ops.quote_name(name))


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _audit_table() -> str:
    return AuditEvent._meta.db_table


# --------------------------------------------------------------------------- PostgreSQL


def _pg_function_name(table: str) -> str:
    return f"{PREFIX}_fn_{table}"[:63]


def _pg_subject(connection: BaseDatabaseWrapper, audited: ResolvedAudit, row: str) -> str:
    q = lambda name: _q(connection, name)  # noqa: E731
    if audited.via_table:
        return (
            f"(SELECT v.{q(audited.via_column or '')} FROM {q(audited.via_table)} v "  # noqa: S608 - quoted names of our models
            f"WHERE v.{q(audited.via_pk_column or '')} = {row}.{q(audited.subject_column)})"
        )
    return f"{row}.{q(audited.subject_column)}"


def _pg_keys(columns: set[str]) -> str:
    return "ARRAY[" + ", ".join(_literal(c) for c in sorted(columns)) + "]::text[]"


def postgresql_function_sql(connection: BaseDatabaseWrapper, audited: ResolvedAudit) -> str:
    q = lambda name: _q(connection, name)  # noqa: E731
    pk = q(audited.pk_column)
    secret = set(audited.entry.secret)
    dropped = secret | set(audited.entry.ignore)
    insert = f"INSERT INTO {q(_audit_table())} ({', '.join(q(c) for c in AUDIT_COLUMNS)})"
    head = (
        "now(), TG_TABLE_NAME::text, ({row}.{pk})::text, '{action}', "
        f"{_literal(audited.subject_type)}, {{subject}}, v_user, v_context"
    )

    def values(row: str, action: str) -> str:
        return head.format(
            row=row, pk=pk, action=action, subject=_pg_subject(connection, audited, row)
        )

    without_secret = f" - {_pg_keys(secret)}" if secret else ""

    def masked_row(row: str) -> str:
        if not audited.masked:
            return ""
        pairs = ", ".join(
            f"{_literal(c)}, CASE WHEN coalesce({row}.{q(c)}::text, '') = '' "
            f"THEN to_jsonb({row}.{q(c)}) ELSE to_jsonb({_literal(MASK)}::text) END"
            for c in sorted(audited.masked)
        )
        return f" || jsonb_build_object({pairs})"

    def masked_value(alias: str) -> str:
        if not audited.masked:
            return f"{alias}.value"
        return (
            f"CASE WHEN {alias}.key = ANY({_pg_keys(set(audited.masked))}) AND "
            f"{alias}.value NOT IN ('null'::jsonb, '\"\"'::jsonb) "
            f"THEN to_jsonb({_literal(MASK)}::text) ELSE {alias}.value END"
        )

    return f"""
CREATE OR REPLACE FUNCTION {q(_pg_function_name(audited.table))}() RETURNS trigger
LANGUAGE plpgsql AS $maillage$
DECLARE
  v_user bigint;
  v_context text;
BEGIN
  IF coalesce(current_setting('maillage.audit_mode', true), '') = 'summary' THEN
    RETURN NULL;
  END IF;
  v_user := nullif(current_setting('maillage.audit_user', true), '')::bigint;
  v_context := coalesce(current_setting('maillage.audit_context', true), '');
  IF TG_OP = 'INSERT' THEN
    {insert}
    SELECT {values("n", "insert")}, NULL, to_jsonb(n){without_secret}{masked_row("n")}
    FROM maillage_new n;
  ELSIF TG_OP = 'UPDATE' THEN
    {insert}
    SELECT {values("NEW", "update")}, d.old_values, d.new_values
    FROM (
      SELECT jsonb_object_agg(a.key, {masked_value("b")}) AS old_values,
             jsonb_object_agg(a.key, {masked_value("a")}) AS new_values
      FROM jsonb_each(to_jsonb(NEW) - {_pg_keys(dropped) if dropped else "ARRAY[]::text[]"}) a
      JOIN jsonb_each(to_jsonb(OLD)) b ON b.key = a.key
      WHERE a.value IS DISTINCT FROM b.value
    ) d
    WHERE d.new_values IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    {insert}
    SELECT {values("o", "delete")}, to_jsonb(o){without_secret}{masked_row("o")}, NULL
    FROM maillage_old o;
  END IF;
  RETURN NULL;
END
$maillage$;
"""  # noqa: S608 - quoted names of our models


def postgresql_trigger_sql(connection: BaseDatabaseWrapper, audited: ResolvedAudit) -> list[str]:
    table = _q(connection, audited.table)
    function = _q(connection, _pg_function_name(audited.table))
    statements = [postgresql_function_sql(connection, audited)]
    for suffix, event, timing in (
        ("i", "INSERT", "REFERENCING NEW TABLE AS maillage_new FOR EACH STATEMENT"),
        # Updates row by row: pairing old and new rows of a statement's transition tables
        # needs a join the planner cannot estimate (they have no statistics), and a nested
        # loop made a 20 000-row update run for minutes. The WHEN clause, evaluated before
        # the function is called, skips updates that change nothing.
        ("u", "UPDATE", "FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)"),
        ("d", "DELETE", "REFERENCING OLD TABLE AS maillage_old FOR EACH STATEMENT"),
    ):
        name = _q(connection, f"{PREFIX}_{suffix}")
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER {event} ON {table} {timing} "
            f"EXECUTE FUNCTION {function}()",
        ]
    return statements


def postgresql_readonly_sql(connection: BaseDatabaseWrapper) -> list[str]:
    table = _q(connection, _audit_table())
    name = _q(connection, READONLY)
    return [
        f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $maillage$
BEGIN
  IF coalesce(current_setting('maillage.audit_maintenance', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'The audit trail cannot be changed (% refused).', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$maillage$;
""",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


def _postgresql_installed(cursor: object) -> list[tuple[str, str]]:
    """(table, trigger) of every audit trigger in the current schema."""
    cursor.execute(  # type: ignore[attr-defined]
        "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND t.tgname LIKE %s AND c.relnamespace = "
        "current_schema()::regnamespace",
        [PREFIX + "%"],
    )
    return list(cursor.fetchall())  # type: ignore[attr-defined]


def _postgresql_drop(
    connection: BaseDatabaseWrapper, cursor: object, keep: set[str], report: TriggerReport
) -> None:
    for table, trigger in _postgresql_installed(cursor):
        if table in keep:
            continue
        cursor.execute(  # type: ignore[attr-defined]
            f"DROP TRIGGER IF EXISTS {_q(connection, trigger)} ON {_q(connection, table)}"
        )
        report.dropped.append(f"{table}.{trigger}")
    cursor.execute(  # type: ignore[attr-defined]
        "SELECT p.proname FROM pg_proc p WHERE p.proname LIKE %s AND p.pronamespace = "
        "current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_trigger t "
        "WHERE t.tgfoid = p.oid)",
        [PREFIX + "%"],
    )
    for (function,) in cursor.fetchall():  # type: ignore[attr-defined]
        cursor.execute(f"DROP FUNCTION IF EXISTS {_q(connection, function)}()")  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- SQLite


def _sqlite_object(
    connection: BaseDatabaseWrapper,
    audited: ResolvedAudit,
    row: str,
    columns: tuple[str, ...],
    *,
    mask: bool = True,
) -> str:
    q = lambda name: _q(connection, name)  # noqa: E731

    def value(column: str) -> str:
        ref = f"{row}.{q(column)}"
        if column in audited.json_columns:
            return f"json({ref})"
        if mask and column in audited.masked:
            return f"CASE WHEN coalesce({ref}, '') = '' THEN {ref} ELSE {_literal(MASK)} END"
        return ref

    pairs = [f"{_literal(c)}, {value(c)}" for c in columns]
    expression = "json_object(" + ", ".join(pairs[:_SQLITE_PAIRS_PER_CALL]) + ")"
    for start in range(_SQLITE_PAIRS_PER_CALL, len(pairs), _SQLITE_PAIRS_PER_CALL):
        chunk = columns[start : start + _SQLITE_PAIRS_PER_CALL]
        inserts = ", ".join(f"{_literal(_json_path(c))}, {value(c)}" for c in chunk)
        expression = f"json_insert({expression}, {inserts})"
    return expression


def _sqlite_subject(connection: BaseDatabaseWrapper, audited: ResolvedAudit, row: str) -> str:
    q = lambda name: _q(connection, name)  # noqa: E731
    if audited.via_table:
        return (
            f"(SELECT {q(audited.via_column or '')} FROM {q(audited.via_table)} "  # noqa: S608 - quoted names of our models
            f"WHERE {q(audited.via_pk_column or '')} = {row}.{q(audited.subject_column)})"
        )
    return f"{row}.{q(audited.subject_column)}"


def _sqlite_changed(
    connection: BaseDatabaseWrapper, audited: ResolvedAudit, row: str, columns: tuple[str, ...]
) -> str:
    """The row's values of the columns that changed: the whole object, minus (with
    ``json_remove``) the columns whose old and new values are the same."""
    q = lambda name: _q(connection, name)  # noqa: E731
    expression = _sqlite_object(connection, audited, row, columns)
    paths = [
        f"CASE WHEN OLD.{q(c)} IS NEW.{q(c)} THEN {_literal(_json_path(c))} "
        f"ELSE {_literal(_json_path(_ABSENT_KEY))} END"
        for c in columns
    ]
    for start in range(0, len(paths), _SQLITE_PAIRS_PER_CALL):
        expression = (
            f"json_remove({expression}, {', '.join(paths[start : start + _SQLITE_PAIRS_PER_CALL])})"
        )
    return expression


def _sqlite_update_body(
    connection: BaseDatabaseWrapper, audited: ResolvedAudit, columns: str, head: str
) -> str:
    """The update trigger's statement. Its diff is made by ``maillage_audit_diff`` (see
    ``context``), which receives the column names once as a literal and the old and new
    values: each connection parses every trigger when it loads the schema, and a diff
    written in SQL (a comparison and a ``CASE`` per column) made that parse cost ~10 ms per
    connection. Wide tables (more columns than a SQLite function takes arguments) keep the
    SQL diff."""
    q = lambda name: _q(connection, name)  # noqa: E731
    compared = audited.compared_columns
    table = q(_audit_table())
    if len(compared) > _SQLITE_PAIRS_PER_CALL:
        return (
            f"INSERT INTO {table} ({columns}) VALUES ({head}, "  # noqa: S608 - quoted names of our models
            f"{_sqlite_changed(connection, audited, 'OLD', compared)}, "
            f"{_sqlite_changed(connection, audited, 'NEW', compared)});"
        )
    spec = [
        _literal(",".join(compared)),
        _literal(",".join(c for c in compared if c in audited.masked)),
        _literal(",".join(c for c in compared if c in audited.json_columns)),
    ]
    values = [f"OLD.{q(c)}" for c in compared] + [f"NEW.{q(c)}" for c in compared]
    return (
        f"INSERT INTO {table} ({columns}) SELECT {head}, json_extract(d.x, '$.old'), "  # noqa: S608 - quoted names of our models
        f"json_extract(d.x, '$.new') FROM (SELECT maillage_audit_diff({', '.join(spec + values)}) "
        "AS x) AS d WHERE d.x IS NOT NULL;"
    )


def _json_path(key: str) -> str:
    return '$."' + key.replace('"', '\\"') + '"'


def sqlite_trigger_sql(connection: BaseDatabaseWrapper, audited: ResolvedAudit) -> list[str]:
    q = lambda name: _q(connection, name)  # noqa: E731
    table = q(audited.table)
    columns = ", ".join(q(c) for c in AUDIT_COLUMNS)
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    context = "maillage_audit_user(), maillage_audit_context()"

    def head(row: str, action: str) -> str:
        return (
            f"{now}, {_literal(audited.table)}, {row}.{q(audited.pk_column)}, '{action}', "
            f"{_literal(audited.subject_type)}, {_sqlite_subject(connection, audited, row)}, "
            f"{context}"
        )

    compared = audited.compared_columns
    statements = []
    for suffix, event, body in (
        (
            "i",
            "INSERT",
            f"INSERT INTO {q(_audit_table())} ({columns}) VALUES ({head('NEW', 'insert')}, "  # noqa: S608 - quoted names of our models
            f"NULL, {_sqlite_object(connection, audited, 'NEW', audited.columns)});",
        ),
        (
            "u",
            "UPDATE",
            _sqlite_update_body(connection, audited, columns, head("NEW", "update")),
        ),
        (
            "d",
            "DELETE",
            f"INSERT INTO {q(_audit_table())} ({columns}) VALUES ({head('OLD', 'delete')}, "  # noqa: S608 - quoted names of our models
            f"{_sqlite_object(connection, audited, 'OLD', audited.columns)}, NULL);",
        ),
    ):
        name = q(f"{PREFIX}_{audited.table}_{suffix}")
        when = "maillage_audit_mode() = 'row'"
        if event == "UPDATE" and len(compared) > _SQLITE_PAIRS_PER_CALL:
            # The SQL diff (wide tables): nothing recorded when no compared column changed.
            changed = " OR ".join(f"OLD.{q(c)} IS NOT NEW.{q(c)}" for c in compared)
            when += f" AND ({changed or '0'})"
        statements += [
            f"DROP TRIGGER IF EXISTS {name}",
            f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW "
            f"WHEN {when} BEGIN {body} END",
        ]
    return statements


def sqlite_readonly_sql(connection: BaseDatabaseWrapper) -> list[str]:
    name = _q(connection, READONLY)
    return [
        f"DROP TRIGGER IF EXISTS {name}",
        f"CREATE TRIGGER {name} BEFORE UPDATE ON {_q(connection, _audit_table())} "
        "WHEN maillage_audit_maintenance() = 0 "
        "BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed (UPDATE refused).'); END",
    ]


def _sqlite_installed(cursor: object) -> list[tuple[str, str]]:
    cursor.execute(  # type: ignore[attr-defined]
        "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
        [PREFIX + "%"],
    )
    return list(cursor.fetchall())  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- install / drop


def audit_triggers_install(
    *, using: str = DEFAULT_DB_ALIAS, entries: tuple[Audited, ...] = AUDITED
) -> TriggerReport:
    """Create or replace the triggers of every registered table that exists; drop audit
    triggers of tables no longer registered. Idempotent, atomic."""
    connection = connections[using]
    report = TriggerReport(vendor=connection.vendor)
    if connection.vendor not in {"postgresql", "sqlite"}:
        return report
    audit_table = _audit_table()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if audit_table not in connection.introspection.table_names(cursor):
            report.skipped = [entry.model for entry in entries]
            return report
        resolved, report.skipped = resolve(entries, connection)
        keep = {audited.table for audited in resolved} | {audit_table}
        if connection.vendor == "postgresql":
            _postgresql_drop(connection, cursor, keep, report)
            statements = postgresql_readonly_sql(connection)
            for audited in resolved:
                statements += postgresql_trigger_sql(connection, audited)
        else:
            expected = {f"{PREFIX}_{a.table}_{s}" for a in resolved for s in "iud"} | {READONLY}
            for table, trigger in _sqlite_installed(cursor):
                if trigger not in expected:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {_q(connection, trigger)}")
                    report.dropped.append(f"{table}.{trigger}")
            statements = sqlite_readonly_sql(connection)
            for audited in resolved:
                statements += sqlite_trigger_sql(connection, audited)
        for statement in statements:
            cursor.execute(statement)
        report.tables = [audited.table for audited in resolved]
    return report


def audit_triggers_drop(
    *, using: str = DEFAULT_DB_ALIAS, keep_readonly: bool = False
) -> TriggerReport:
    """Remove every audit trigger (and, on PostgreSQL, their functions); with
    ``keep_readonly``, the one protecting the audit table stays."""
    connection = connections[using]
    report = TriggerReport(vendor=connection.vendor)
    keep = {_audit_table()} if keep_readonly else set()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _postgresql_drop(connection, cursor, keep, report)
        elif connection.vendor == "sqlite":
            for table, trigger in _sqlite_installed(cursor):
                if table in keep:
                    continue
                cursor.execute(f"DROP TRIGGER IF EXISTS {_q(connection, trigger)}")
                report.dropped.append(f"{table}.{trigger}")
    return report


def audit_triggers_missing(*, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Tables of the registry that exist but lack one of their triggers."""
    connection = connections[using]
    if connection.vendor not in {"postgresql", "sqlite"}:
        return []
    with connection.cursor() as cursor:
        if _audit_table() not in connection.introspection.table_names(cursor):
            return []
        resolved, _skipped = resolve(AUDITED, connection)
        if connection.vendor == "postgresql":
            found = {(table, trigger) for table, trigger in _postgresql_installed(cursor)}
            wanted = {a.table: [(a.table, f"{PREFIX}_{s}") for s in "iud"] for a in resolved}
        else:
            found = set(_sqlite_installed(cursor))
            wanted = {
                a.table: [(a.table, f"{PREFIX}_{a.table}_{s}") for s in "iud"] for a in resolved
            }
    return sorted(table for table, pairs in wanted.items() if not set(pairs) <= found)
