"""Backup and restore of the whole database, for ``maillage backup`` and ``maillage restore``.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies every page in one
  step under a read transaction: the copy is consistent while the site keeps writing (in
  WAL mode writers are not blocked). The backup is a SQLite database file. A restore copies
  it back page by page into the configured database in one write transaction.
- PostgreSQL: ``pg_dump -Fc`` (a consistent snapshot, the custom format) and
  ``pg_restore --clean --if-exists --single-transaction``: the restore replaces the dumped
  objects or changes nothing. The client programs are found on the ``PATH`` or in
  ``/usr/lib/postgresql/<version>/bin`` (the newest; it must not be older than the server).
  Connection settings reach them through the ``PG*`` environment, never the command line
  (where a password would show in the process list).

Both write the backup next to its destination first and move it into place when complete,
readable by its owner only (a backup holds personal data). A restore checks the file's
vendor (its first bytes) and integrity before touching anything, and refuses a target that
holds data unless told to replace it.

``database_fingerprint`` gives each table's row count and a checksum of its rows, to prove
a restored copy identical to its source (the restore drill).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_dump/pg_restore with fixed arguments
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Tables a freshly created database fills by itself: rows there are not "data" to protect.
BOOKKEEPING_TABLES = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}
)
# How long a PostgreSQL restore waits for a lock held by the running site before giving up
# (it then changes nothing) rather than hanging.
RESTORE_LOCK_TIMEOUT = "30s"


class BackupError(Exception):
    """Nothing was done (missing program, wrong file, refused target…): a clear message."""


@dataclass(frozen=True)
class BackupResult:
    vendor: str
    path: str
    bytes: int
    sha256: str
    tables: int
    rows: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RestoreResult:
    vendor: str
    path: str
    tables: int
    rows: int
    replaced_data: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- helpers


def backup_vendor(path: Path) -> str | None:
    """``sqlite``, ``postgresql`` (a ``pg_dump -Fc`` archive) or ``None`` for anything else."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def _staged(output: Path) -> Iterator[Path]:
    """A private temporary file beside ``output``, moved onto it when the block succeeds."""
    output.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    os.close(descriptor)
    staged = Path(name)
    staged.chmod(0o600)
    try:
        yield staged
        with staged.open("rb") as handle:
            os.fsync(handle.fileno())
        staged.replace(output)
    finally:
        staged.unlink(missing_ok=True)


def _sqlite_name(settings_dict: Mapping[str, Any]) -> str:
    return str(settings_dict.get("NAME") or "")


def _is_memory(name: str) -> bool:
    return name == ":memory:" or "mode=memory" in name


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --------------------------------------------------------------------------- fingerprint


def _tables(connection: Any, vendor: str) -> list[str]:
    cursor = connection.cursor()
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    else:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    return [row[0] for row in cursor.fetchall()]


def _sqlite_table_fingerprint(db: sqlite3.Connection, table: str) -> tuple[int, str]:
    # Each row as the text of its SQL literals (``quote()``): an expression has no declared
    # type, so a connection's type converters (Django's) leave it alone.
    columns = [row[1] for row in db.execute(f"PRAGMA table_info({_quote(table)})")]
    row_text = " || ',' || ".join(f"quote({_quote(c)})" for c in columns) or "''"
    digest = hashlib.sha256()
    rows = 0
    for (text,) in db.execute(f"SELECT {row_text} FROM {_quote(table)} ORDER BY 1"):  # noqa: S608
        digest.update(text.encode() + b"\n")
        rows += 1
    return rows, digest.hexdigest()


def sqlite_fingerprint(db: sqlite3.Connection) -> dict[str, tuple[int, str]]:
    return {table: _sqlite_table_fingerprint(db, table) for table in _tables(db, "sqlite")}


def postgresql_fingerprint(connection: Any) -> dict[str, tuple[int, str]]:
    """Per table: the row count and an md5 of the rows' text, sorted (computed by the
    server, so that a large table is not sent over)."""
    result = {}
    cursor = connection.cursor()
    for table in _tables(connection, "postgresql"):
        cursor.execute(
            "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' "  # noqa: S608
            f"ORDER BY md5(t::text))), '') FROM {_quote(table)} t"
        )
        count, checksum = cursor.fetchone()
        result[table] = (int(count), str(checksum))
    return result


def database_fingerprint(connection: BaseDatabaseWrapper) -> dict[str, tuple[int, str]]:
    """Row count and checksum of every table of a Django connection's database."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return sqlite_fingerprint(connection.connection)
    if connection.vendor == "postgresql":
        return postgresql_fingerprint(connection.connection)
    raise BackupError(f"Base de données non prise en charge : {connection.vendor}.")


def _non_empty(fingerprint: Mapping[str, tuple[int, str]]) -> list[str]:
    return sorted(t for t, (rows, _) in fingerprint.items() if rows and t not in BOOKKEEPING_TABLES)


def _totals(fingerprint: Mapping[str, tuple[int, str]]) -> tuple[int, int]:
    return len(fingerprint), sum(rows for rows, _ in fingerprint.values())


# --------------------------------------------------------------------------- SQLite


def sqlite_backup_file(source: sqlite3.Connection, output: Path) -> None:
    """Copy a live SQLite database into ``output`` (online backup API, all pages in one
    step: a consistent snapshot, writers in WAL mode keep going)."""
    with _staged(output) as staged:
        target = sqlite3.connect(staged)
        try:
            source.backup(target)
        finally:
            target.close()


def _sqlite_source(settings_dict: Mapping[str, Any], using: str) -> sqlite3.Connection:
    name = _sqlite_name(settings_dict)
    if _is_memory(name):  # the test database lives in this process only
        connection = connections[using]
        connection.ensure_connection()
        return connection.connection
    if not Path(name).exists():
        raise BackupError(f"La base SQLite {name} n'existe pas.")
    return sqlite3.connect(f"file:{name}?mode=ro", uri=True)


def _sqlite_check_file(path: Path) -> None:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (verdict,) = db.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"Sauvegarde SQLite illisible : {error}.") from None
    finally:
        db.close()
    if verdict != "ok":
        raise BackupError(f"Sauvegarde SQLite endommagée : {verdict}.")


def _sqlite_restore(
    path: Path, settings_dict: Mapping[str, Any], *, force: bool, using: str | None
) -> RestoreResult:
    name = _sqlite_name(settings_dict)
    if _is_memory(name) or not name:
        raise BackupError("La base configurée est en mémoire : rien à restaurer.")
    _sqlite_check_file(path)
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    if using is not None:
        connections[using].close()  # no connection of ours keeps the old schema open
    target = sqlite3.connect(name, timeout=30)
    try:
        existing = _non_empty(sqlite_fingerprint(target))
        if existing and not force:
            raise _refusal(existing)
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(target)
        finally:
            source.close()
        tables, rows = _totals(sqlite_fingerprint(target))
    finally:
        target.close()
    return RestoreResult("sqlite", str(path), tables, rows, bool(existing))


# --------------------------------------------------------------------------- PostgreSQL


def _version(program: str) -> int:
    output = subprocess.run(  # noqa: S603  # nosec B603
        [program, "--version"], capture_output=True, text=True, check=False
    ).stdout
    match = re.search(r"(\d+)(?:\.(\d+))?", output)
    return int(match.group(1)) if match else 0


POSTGRESQL_DIRS = (Path("/usr/lib/postgresql"),)


def find_postgresql_program(
    name: str, *, server_major: int = 0, search_dirs: tuple[Path, ...] = POSTGRESQL_DIRS
) -> str:
    """The newest ``pg_dump``/``pg_restore`` on the ``PATH`` or in ``search_dirs``
    (``<dir>/<version>/bin``), at least the server's version."""
    candidates = []
    found = shutil.which(name)
    if found:
        candidates.append(found)
    for directory in search_dirs:
        candidates += [str(p) for p in directory.glob(f"*/bin/{name}") if p.is_file()]
    best = max(((_version(c), c) for c in dict.fromkeys(candidates)), default=None)
    if best is None:
        raise BackupError(
            f"Programme {name} introuvable : installez le client PostgreSQL "
            f"(paquet postgresql-client{f'-{server_major}' if server_major else ''})."
        )
    version, program = best
    if server_major and version < server_major:
        raise BackupError(
            f"{program} est en version {version}, plus ancienne que le serveur "
            f"(version {server_major}) : installez postgresql-client-{server_major}."
        )
    return program


_PG_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
}


def postgresql_environment(settings_dict: Mapping[str, Any]) -> dict[str, str]:
    """The libpq environment naming the database of a Django settings dictionary."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for key, variable in (
        ("NAME", "PGDATABASE"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in _PG_OPTION_ENV.items():
        value = (settings_dict.get("OPTIONS") or {}).get(option)
        if value:
            env[variable] = str(value)
    return env


def _pg_connect(settings_dict: Mapping[str, Any]) -> Any:
    import psycopg

    env = postgresql_environment(settings_dict)
    return psycopg.connect(
        dbname=env.get("PGDATABASE", ""),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        sslmode=env.get("PGSSLMODE", "prefer"),
        autocommit=True,
    )


def _server_major(db: Any) -> int:
    return int(db.execute("SHOW server_version_num").fetchone()[0]) // 10000


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    completed = subprocess.run(  # noqa: S603  # nosec B603 - fixed program, no shell
        command, env=env, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        detail = completed.stderr.strip().splitlines()
        raise BackupError(f"{what} a échoué : {detail[-1] if detail else completed.returncode}.")


def _postgresql_backup(settings_dict: Mapping[str, Any], output: Path) -> None:
    with contextlib.closing(_pg_connect(settings_dict)) as db:
        major = _server_major(db)
    program = find_postgresql_program("pg_dump", server_major=major)
    env = postgresql_environment(settings_dict)
    with _staged(output) as staged:
        _run([program, "--format=custom", f"--file={staged}"], env, "pg_dump")


def _postgresql_restore(
    path: Path, settings_dict: Mapping[str, Any], *, force: bool, using: str | None
) -> RestoreResult:
    with contextlib.closing(_pg_connect(settings_dict)) as db:
        major = _server_major(db)
        existing = _non_empty(postgresql_fingerprint(db))
    program = find_postgresql_program("pg_restore", server_major=major)
    env = postgresql_environment(settings_dict)
    _run([program, "--list", str(path)], env, "La lecture de l'archive")
    if existing and not force:
        raise _refusal(existing)
    if using is not None:
        connections[using].close()
    env["PGOPTIONS"] = (
        env.get("PGOPTIONS", "") + f" -c lock_timeout={RESTORE_LOCK_TIMEOUT}"
    ).strip()
    _run(
        [
            program,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={env.get('PGDATABASE', '')}",
            str(path),
        ],
        env,
        "pg_restore",
    )
    with contextlib.closing(_pg_connect(settings_dict)) as db:
        tables, rows = _totals(postgresql_fingerprint(db))
    return RestoreResult("postgresql", str(path), tables, rows, bool(existing))


# --------------------------------------------------------------------------- entry points


def _refusal(tables: list[str]) -> BackupError:
    shown = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
    return BackupError(
        f"La base cible contient déjà des données ({len(tables)} table(s) non vide(s) : "
        f"{shown}). Relancez avec --yes pour les remplacer ; rien n'a été modifié."
    )


def database_backup(*, output: Path, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write a consistent copy of the database of ``using`` into ``output``."""
    connection = connections[using]
    settings_dict = connection.settings_dict
    output = output.resolve()
    if output.is_dir():
        raise BackupError(f"{output} est un dossier : donnez le chemin d'un fichier.")
    if connection.vendor == "sqlite":
        if output == Path(_sqlite_name(settings_dict)).resolve():
            raise BackupError("La sauvegarde ne peut pas remplacer la base elle-même.")
        source = _sqlite_source(settings_dict, using)
        try:
            sqlite_backup_file(source, output)
        finally:
            if source is not connection.connection:
                source.close()
        check = sqlite3.connect(f"file:{output}?mode=ro", uri=True)
        try:
            tables, rows = _totals(sqlite_fingerprint(check))
        finally:
            check.close()
    elif connection.vendor == "postgresql":
        _postgresql_backup(settings_dict, output)
        tables, rows = _totals(database_fingerprint(connection))
    else:
        raise BackupError(f"Base de données non prise en charge : {connection.vendor}.")
    return BackupResult(
        vendor=connection.vendor,
        path=str(output),
        bytes=output.stat().st_size,
        sha256=_sha256(output),
        tables=tables,
        rows=rows,
    )


def database_restore(
    *,
    path: Path,
    force: bool = False,
    using: str | None = DEFAULT_DB_ALIAS,
    settings_dict: Mapping[str, Any] | None = None,
) -> RestoreResult:
    """Replace the database of ``using`` (or the one ``settings_dict`` describes, with
    ``using=None``) by the backup at ``path``. Refuses, changing nothing, a file that is not
    a backup of the same vendor, a damaged one, and a target holding data unless
    ``force``."""
    if not path.is_file():
        raise BackupError(f"Fichier introuvable : {path}.")
    if settings_dict is None:
        if using is None:
            raise BackupError("Aucune base cible.")
        settings_dict = connections[using].settings_dict
    engine = str(settings_dict.get("ENGINE", ""))
    vendor = "sqlite" if "sqlite" in engine else "postgresql" if "postgresql" in engine else engine
    found = backup_vendor(path)
    if found is None:
        raise BackupError(
            f"{path} n'est pas une sauvegarde Maillage (ni base SQLite ni archive pg_dump) : "
            "rien n'a été modifié."
        )
    if found != vendor:
        raise BackupError(
            f"{path} est une sauvegarde {VENDOR_NAMES[found]}, la base configurée est "
            f"{VENDOR_NAMES.get(vendor, vendor)} : rien n'a été modifié."
        )
    if vendor == "sqlite":
        return _sqlite_restore(path, settings_dict, force=force, using=using)
    return _postgresql_restore(path, settings_dict, force=force, using=using)
