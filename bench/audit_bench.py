"""Benchmark of the audit trail's triggers (issue 8, item 3).

On SQLite and on PostgreSQL, in a fresh database each (migrated in a subprocess), a worker
process writes N actors through the importers' bulk path (``actors.bulk.actors_bulk_upsert``:
multi-row INSERT on SQLite, COPY on PostgreSQL; batches of 5 000 in one transaction each,
with two themes and one intervention area per actor), then updates all of them with one
``QuerySet.update``, three times:

- ``none``: audit triggers dropped (the baseline);
- ``row``: triggers installed, one audit entry per row written (the default);
- ``summary``: triggers installed but silenced by ``audit_bulk_summary``, one explicit
  entry per batch with the ids (``audit_record_bulk``) — the mode offered to bulk imports.

It also measures what the triggers cost outside bulk work: on SQLite, opening a
connection and writing one row (the schema, triggers included, is parsed by each new
connection); on PostgreSQL, opening and closing an ``audit_context`` (two ``set_config``).

Usage::

    .venv/bin/python bench/audit_bench.py                        # 100 000 actors, both
    .venv/bin/python bench/audit_bench.py --rows 20000 --databases sqlite
    .venv/bin/python bench/audit_bench.py --pg-url postgres://postgres@127.0.0.1:5432/helper_audit_bench

The PostgreSQL database of ``--pg-url`` is dropped and created (its name must start with
``helper_audit_`` or ``bench_``) and dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/helper_audit_bench"
PG_PREFIXES = ("helper_audit_", "bench_")
BATCH = 5000
MODES = tuple(os.environ.get("AUDIT_BENCH_MODES", "none,row,summary").split(","))


# --------------------------------------------------------------------------- worker


def _luhn(digits: str) -> str:
    for check in "0123456789":
        candidate = digits + check
        total = 0
        for index, char in enumerate(reversed(candidate)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def _records(start: int, count: int, offset: int, variant: str = "") -> list[Any]:
    from maillage.actors.bulk import ActorRecord

    records = []
    for number in range(start, start + count):
        siren = _luhn(f"{(offset + number) % 100_000_000:08d}")
        records.append(
            ActorRecord(
                values={
                    "name": f"Entreprise solidaire numéro {number}",
                    "kind_id": "entreprise",
                    "sphere": "entreprises",
                    "employees": number % 250,
                    "company_size": "pme",
                    "description": "Une entreprise du territoire engagée dans l'insertion "
                    f"et la transition écologique (fiche {number}{variant}).",
                    "website": f"https://entreprise-{number}.example.org",
                    "address": f"{number % 200} rue de la République",
                    "postal_code": "86000",
                },
                siren=siren,
                siret=_luhn(f"{siren}{number % 10000:04d}"),
                is_seat=True,
                relations={"themes": ("emploi", "transition_ecologique")},
                intervention=("dep:86",),
                row_hash=f"{offset}-{number}{variant}",
            )
        )
    return records


def _reset(connection: Any) -> None:
    """Empty the actor and audit tables (triggers dropped meanwhile)."""
    from django.db import transaction

    from maillage.actors.models import Actor, InterventionArea
    from maillage.audit.context import audit_maintenance
    from maillage.audit.models import AuditEvent
    from maillage.audit.triggers import audit_triggers_drop

    audit_triggers_drop()
    tables = [
        InterventionArea._meta.db_table,
        *(
            getattr(Actor, name).through._meta.db_table
            for name in ("themes", "partnership_types", "labels")
        ),
        "search_actordocument",
        "matching_actorprofile",
        Actor._meta.db_table,
    ]
    with audit_maintenance(), transaction.atomic(), connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for table in tables:
            if table in existing:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(AuditEvent._meta.db_table)}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _measure(mode: str, rows: int, offset: int) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.db.models import F

    from maillage.actors.bulk import actors_bulk_upsert
    from maillage.actors.models import Actor
    from maillage.audit.context import audit_bulk_summary, audit_context
    from maillage.audit.models import AuditEvent
    from maillage.audit.services import audit_record_bulk
    from maillage.audit.triggers import audit_triggers_install

    _reset(connection)
    if mode != "none":
        audit_triggers_install()
    batches = [_records(start, min(BATCH, rows - start), offset) for start in range(0, rows, BATCH)]
    changed = [
        _records(start, min(BATCH, rows - start), offset, " mise à jour")
        for start in range(0, rows, BATCH)
    ]

    def upsert(all_batches: list[list[Any]], operation: str) -> float:
        started = time.perf_counter()
        for records in all_batches:
            with transaction.atomic():
                if mode == "summary":
                    with audit_bulk_summary():
                        result = actors_bulk_upsert(
                            records=records, source="sirene", refresh_index=False
                        )
                        written = result.created if operation == "insert" else result.updated
                        audit_record_bulk(
                            model=Actor, operation=operation, ids=[i for i, _ in written]
                        )
                else:
                    actors_bulk_upsert(records=records, source="sirene", refresh_index=False)
        return time.perf_counter() - started

    with audit_context(user=None, label="maillage audit_bench"):
        insert_s = upsert(batches, "insert")
        reimport_s = upsert(changed, "update")
        started = time.perf_counter()
        with transaction.atomic():
            if mode == "summary":
                with audit_bulk_summary():
                    Actor.objects.update(employees=F("employees") + 1)
                    audit_record_bulk(
                        model=Actor,
                        operation="update",
                        ids=Actor.objects.values_list("id", flat=True),
                    )
            else:
                Actor.objects.update(employees=F("employees") + 1)
        update_s = time.perf_counter() - started
    return {
        "insert_s": insert_s,
        "reimport_s": reimport_s,
        "update_s": update_s,
        "actors": Actor.objects.count(),
        "audit_rows": AuditEvent.objects.count(),
    }


def _connection_cost(vendor: str, samples: int = 200) -> dict[str, float]:
    from django.db import connection, transaction

    from maillage.actors.models import Actor
    from maillage.audit.context import audit_context
    from maillage.audit.triggers import audit_triggers_drop, audit_triggers_install

    costs: dict[str, float] = {}
    if vendor == "sqlite":
        for mode in ("none", "row"):
            audit_triggers_drop() if mode == "none" else audit_triggers_install()
            target = Actor.objects.order_by("id").values_list("id", flat=True).first()
            connection.close()
            started = time.perf_counter()
            for _ in range(samples):
                with transaction.atomic():
                    Actor.objects.filter(pk=target).update(employees=F_plus_one())
                connection.close()
            costs[f"connect_and_write_ms_{mode}"] = (time.perf_counter() - started) / samples * 1000
    else:
        connection.ensure_connection()
        started = time.perf_counter()
        for number in range(samples * 5):
            with audit_context(user=number, label=f"GET /bench/{number}"):
                pass
        costs["context_open_close_ms"] = (time.perf_counter() - started) / (samples * 5) * 1000
    return costs


def F_plus_one() -> Any:  # noqa: N802 - reads like the expression it builds
    from django.db.models import F

    return F("employees") + 1


def worker(rows: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.config.settings")
    django.setup()
    from django.db import connection

    results: dict[str, Any] = {"vendor": connection.vendor, "rows": rows, "modes": {}}
    for number, mode in enumerate(MODES):
        results["modes"][mode] = _measure(mode, rows, offset=number * 1_000_000)
    results["overhead"] = _connection_cost(connection.vendor)
    sys.stdout.write(json.dumps(results) + "\n")


# --------------------------------------------------------------------------- driver


def _pg_admin(url: str, statement: str) -> None:
    import psycopg

    base, _, _name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _run(database_url: str, rows: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MAILLAGE_ENV": "development",
        "DEBUG": "false",
    }
    maillage = str(Path(sys.executable).with_name("maillage"))
    subprocess.run([maillage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    output = subprocess.run(
        [sys.executable, __file__, "--worker", "--rows", str(rows)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _report(result: dict[str, Any]) -> list[str]:
    rows = result["rows"]
    modes = result["modes"]
    base = modes["none"]
    lines = [
        f"{result['vendor']} — {rows:,} actors through the importers' bulk path "
        f"(batches of {BATCH:,}), the same {rows:,} re-imported with a change, then one "
        "QuerySet.update of all"
    ]
    lines.append(
        f"  {'mode':<8} {'import':>8} {'/s':>8} {'×':>5}  {'re-import':>9} {'/s':>8} {'×':>5}"
        f"  {'update':>7} {'/s':>8} {'×':>5}  {'audit rows':>10}"
    )
    for mode in MODES:
        m = modes[mode]
        cells = []
        for key, width in (("insert_s", 8), ("reimport_s", 9), ("update_s", 7)):
            cells.append(
                f"{m[key]:>{width - 1}.2f}s {rows / m[key]:>8,.0f} {m[key] / base[key]:>5.2f}"
            )
        lines.append(f"  {mode:<8} " + "  ".join(cells) + f"  {m['audit_rows']:>10,}")
    for key, value in result["overhead"].items():
        lines.append(f"  {key}: {value:.3f}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", type=int, default=100_000, help="Actors to write (default 100 000)."
    )
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="Comma-separated: sqlite, postgresql."
    )
    parser.add_argument(
        "--pg-url", default=DEFAULT_PG_URL, help="PostgreSQL database to (re)create."
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(ROOT / "src"))
        worker(args.rows)
        return
    lines: list[str] = []
    for database in args.databases.split(","):
        if database == "sqlite":
            with tempfile.TemporaryDirectory() as directory:
                url = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
                lines += _report(_run(url, args.rows))
        elif database == "postgresql":
            name = args.pg_url.rpartition("/")[2]
            if not name.startswith(PG_PREFIXES):
                parser.error(f"--pg-url: the database name must start with {PG_PREFIXES}")
            _pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{name}"')
            _pg_admin(args.pg_url, f'CREATE DATABASE "{name}"')
            try:
                lines += _report(_run(args.pg_url, args.rows))
            finally:
                _pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{name}"')
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
