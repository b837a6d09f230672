"""The restore drill (issue 8): back up a populated database with ``maillage backup``,
restore it into an empty database with ``maillage restore`` (run as the operator does, in
another process), prove every table has the same row count and checksum, and that the site
boots on the restored copy (``/healthz`` answers 200, migrations are complete, the data is
read back). The SQLite drill runs in the SQLite pass of the suite, the PostgreSQL drill in
the PostgreSQL pass (``TEST_DATABASE_URL``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

from maillage.core.backup import database_fingerprint, postgresql_fingerprint, sqlite_fingerprint

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MAILLAGE = str(Path(sys.executable).with_name("maillage"))
BOOT = """
import os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.config.settings"
django.setup()
from django.core.management import call_command
from django.test import Client
from maillage.actors.models import Actor
call_command("check", verbosity=0)
call_command("migrate", check=True, verbosity=0)
response = Client().get("/healthz")
sys.stdout.write(json.dumps({
    "healthz": response.status_code,
    "body": response.json(),
    "actor": Actor.objects.get(pk=int(sys.argv[1])).name,
}))
"""


def _populate() -> dict[str, object]:
    from maillage.accounts.tests.factories import MembershipFactory
    from maillage.actors.tests.factories import ActorFactory, ContactFactory, NeedOfferFactory

    actor = ActorFactory(name="Les Ateliers du Clain — sauvegarde", themes=["handicap"])
    ContactFactory(actor=actor)
    NeedOfferFactory(actor=actor)
    MembershipFactory(actor=actor, admin=True)
    ActorFactory.create_batch(5, company=True)
    return {"actor_id": actor.pk, "name": actor.name}


def _env(database_url: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TEST_DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DATABASE_URL=database_url, MAILLAGE_ENV="development")
    return env


def _maillage(database_url: str, *args: str) -> tuple[int, dict]:
    completed = subprocess.run(
        [MAILLAGE, *args, "--json"],
        env=_env(database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    return completed.returncode, json.loads(completed.stdout or "{}")


def _boot(database_url: str, actor_id: int) -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", "import json\n" + BOOT, str(actor_id)],
        env=_env(database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0 and completed.stdout, (
        completed.stdout[-3000:] + completed.stderr[-3000:]
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _backup(tmp_path: Path, name: str) -> tuple[Path, dict]:
    from io import StringIO

    output = tmp_path / name
    out = StringIO()
    call_command("backup", "--output", str(output), "--json", stdout=out)
    return output, json.loads(out.getvalue())


def test_sqlite_restore_drill(tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite drill runs in the SQLite pass")
    data = _populate()
    source = database_fingerprint(connection)
    backup, summary = _backup(tmp_path, "maillage.sqlite3")
    assert summary["vendor"] == "sqlite"
    assert summary["tables"] == len(source)
    assert summary["rows"] == sum(rows for rows, _ in source.values())

    restored = tmp_path / "restored" / "maillage.sqlite3"
    url = f"sqlite:///{restored}"
    status, result = _maillage(url, "restore", str(backup))
    assert status == 0, result
    import sqlite3

    copy = sqlite3.connect(restored)
    assert sqlite_fingerprint(copy) == source
    copy.close()
    boot = _boot(url, int(data["actor_id"]))  # type: ignore[call-overload]
    assert boot == {
        "healthz": 200,
        "body": {"status": "ok", "database": "ok"},
        "actor": data["name"],
    }

    # Restoring again over data needs --yes, and changes nothing without it.
    status, result = _maillage(url, "restore", str(backup))
    assert status == 2
    assert "--yes" in result["error"]
    status, result = _maillage(url, "restore", str(backup), "--yes")
    assert status == 0
    copy = sqlite3.connect(restored)
    assert sqlite_fingerprint(copy) == source
    copy.close()


def _pg_url(settings: dict, name: str) -> str:
    user = quote(str(settings.get("USER") or ""), safe="")
    password = quote(str(settings.get("PASSWORD") or ""), safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings.get("HOST") or "localhost"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{name}"


def test_postgresql_restore_drill(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL drill runs in the PostgreSQL pass (TEST_DATABASE_URL)")
    import psycopg

    data = _populate()
    source = database_fingerprint(connection)
    backup, summary = _backup(tmp_path, "maillage.dump")
    assert summary["vendor"] == "postgresql"
    assert summary["rows"] == sum(rows for rows, _ in source.values())

    settings = connection.settings_dict
    # "test_x" → "x_restore_…": scratch databases are named after the suite's database.
    scratch = f"{str(settings['NAME']).removeprefix('test_')}_restore_{uuid.uuid4().hex[:8]}"
    admin_url = _pg_url(settings, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{scratch}"')
    url = _pg_url(settings, scratch)
    try:
        status, result = _maillage(url, "restore", str(backup))
        assert status == 0, result
        with psycopg.connect(url) as copy:
            assert postgresql_fingerprint(copy) == source
        boot = _boot(url, int(data["actor_id"]))  # type: ignore[call-overload]
        assert boot == {
            "healthz": 200,
            "body": {"status": "ok", "database": "ok"},
            "actor": data["name"],
        }
        status, result = _maillage(url, "restore", str(backup))
        assert status == 2
        assert "--yes" in result["error"]
        status, result = _maillage(url, "restore", str(backup), "--yes")
        assert status == 0, result
        with psycopg.connect(url) as copy:
            assert postgresql_fingerprint(copy) == source
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
