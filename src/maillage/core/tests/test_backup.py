"""``maillage backup`` / ``maillage restore``: refusals that change nothing, vendor checks,
and the consistency of a SQLite backup taken while another connection writes."""

from __future__ import annotations

import json
import sqlite3
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from maillage.core.backup import (
    BackupError,
    backup_vendor,
    database_restore,
    find_postgresql_program,
    sqlite_backup_file,
    sqlite_fingerprint,
)


def _run(*args: str) -> tuple[int, dict]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, "--json", stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), json.loads(out.getvalue() or "{}")
    return 0, json.loads(out.getvalue())


def _sqlite_file(path: Path, rows: int) -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT)")
    db.executemany("INSERT INTO thing (name) VALUES (?)", [(f"n{i}",) for i in range(rows)])
    db.commit()
    db.close()
    return path


def test_backup_vendor_is_read_from_the_first_bytes(tmp_path: Path) -> None:
    assert backup_vendor(_sqlite_file(tmp_path / "a.sqlite3", 1)) == "sqlite"
    dump = tmp_path / "a.dump"
    dump.write_bytes(b"PGDMP\x01\x0e\x00rest")
    assert backup_vendor(dump) == "postgresql"
    other = tmp_path / "notes.txt"
    other.write_text("bonjour")
    assert backup_vendor(other) is None


@pytest.mark.django_db
def test_restore_refuses_a_file_of_another_vendor_and_changes_nothing(tmp_path: Path) -> None:
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    wrong = tmp_path / "wrong"
    if other == "sqlite":
        _sqlite_file(wrong, 3)
    else:
        wrong.write_bytes(b"PGDMP\x01\x0e\x00whatever")
    status, result = _run("restore", str(wrong), "--yes")
    assert status == 2
    assert "rien n'a été modifié" in result["error"]
    assert ("PostgreSQL" if other == "postgresql" else "SQLite") in result["error"]


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_no_backup(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00" * 100)
    status, result = _run("restore", str(junk), "--yes")
    assert status == 2
    assert "pas une sauvegarde" in result["error"]


@pytest.mark.django_db
def test_restore_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    status, result = _run("restore", str(tmp_path / "absent.sqlite3"))
    assert status == 2
    assert "introuvable" in result["error"]


def test_sqlite_restore_refuses_a_target_with_data_without_yes(tmp_path: Path) -> None:
    backup = _sqlite_file(tmp_path / "backup.sqlite3", 5)
    target = _sqlite_file(tmp_path / "target.sqlite3", 2)
    settings_dict = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)}
    before = sqlite_fingerprint(sqlite3.connect(target))
    with pytest.raises(BackupError, match="--yes"):
        database_restore(path=backup, using=None, settings_dict=settings_dict)
    assert sqlite_fingerprint(sqlite3.connect(target)) == before
    result = database_restore(path=backup, using=None, settings_dict=settings_dict, force=True)
    assert result.replaced_data
    assert sqlite_fingerprint(sqlite3.connect(target)) == sqlite_fingerprint(
        sqlite3.connect(backup)
    )


def test_sqlite_restore_refuses_a_damaged_backup(tmp_path: Path) -> None:
    backup = _sqlite_file(tmp_path / "backup.sqlite3", 2000)
    data = bytearray(backup.read_bytes())
    data[5000:9000] = b"\xff" * 4000  # a damaged page
    backup.write_bytes(bytes(data))
    target = tmp_path / "target.sqlite3"
    with pytest.raises(BackupError):
        database_restore(
            path=backup,
            using=None,
            settings_dict={"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)},
        )
    assert not target.exists() or sqlite_fingerprint(sqlite3.connect(target)) == {}


def test_sqlite_backup_is_consistent_while_another_connection_writes(tmp_path: Path) -> None:
    """Each writer transaction inserts a pair of rows; a backup never holds half a pair."""
    source_path = tmp_path / "live.sqlite3"
    setup = sqlite3.connect(source_path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE pair (id INTEGER PRIMARY KEY, batch INTEGER)")
    setup.commit()
    setup.close()
    stop = threading.Event()

    def write() -> None:
        db = sqlite3.connect(source_path, timeout=30)
        batch = 0
        while not stop.is_set():
            with db:
                db.execute("INSERT INTO pair (batch) VALUES (?)", (batch,))
                db.execute("INSERT INTO pair (batch) VALUES (?)", (batch,))
            batch += 1
        db.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        for number in range(5):
            output = tmp_path / f"backup-{number}.sqlite3"
            source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
            sqlite_backup_file(source, output)
            source.close()
            copy = sqlite3.connect(output)
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            odd = copy.execute(
                "SELECT count(*) FROM (SELECT batch FROM pair GROUP BY batch HAVING count(*) <> 2)"
            ).fetchone()
            assert odd == (0,)
            assert output.stat().st_mode & 0o077 == 0  # owner only
            copy.close()
    finally:
        stop.set()
        writer.join()


def test_a_missing_postgresql_client_is_named_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(BackupError, match="postgresql-client"):
        find_postgresql_program("pg_dump", server_major=15, search_dirs=())


@pytest.mark.django_db
def test_backup_refuses_to_overwrite_a_directory(tmp_path: Path) -> None:
    status, result = _run("backup", "--output", str(tmp_path))
    assert status == 2
    assert "dossier" in result["error"]
