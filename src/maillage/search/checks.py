"""System checks for what the native search backends need from the database.

PostgreSQL: the ``unaccent`` and ``pg_trgm`` extensions (created by migration
``search.0002_native_index``; they ship with ``postgresql-contrib``). SQLite: the FTS5
table and its triggers (a later table rebuild by a migration could drop the triggers).
Database checks run with ``maillage check --database default`` and before ``migrate``;
before migration 0002 is applied only the availability of the extensions is checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

INDEX_MIGRATION = ("search", "0002_native_index")
EXTENSIONS = ("unaccent", "pg_trgm")


def extension_errors(
    *, available: set[str], installed: set[str], index_migrated: bool
) -> list[CheckMessage]:
    """Errors for the PostgreSQL extensions search needs (pure, for tests)."""
    errors: list[CheckMessage] = []
    for number, extension in enumerate(EXTENSIONS):
        if extension not in available:
            errors.append(
                Error(
                    _(
                        "L'extension PostgreSQL « %(name)s » n'est pas disponible sur ce serveur : "
                        "la recherche de l'annuaire en a besoin."
                    )
                    % {"name": extension},
                    hint=_(
                        "Installez les extensions fournies avec PostgreSQL (paquet Debian "
                        "postgresql-contrib), puis lancez « maillage migrate »."
                    ),
                    id=f"search.E00{2 * number + 1}",
                )
            )
        elif index_migrated and extension not in installed:
            errors.append(
                Error(
                    _(
                        "L'extension PostgreSQL « %(name)s » n'est pas installée dans la base : "
                        "la recherche de l'annuaire ne peut pas fonctionner."
                    )
                    % {"name": extension},
                    hint=_(
                        "En tant que propriétaire de la base : CREATE EXTENSION %(name)s; "
                        "puis « maillage rebuild_search_index »."
                    )
                    % {"name": extension},
                    id=f"search.E00{2 * number + 2}",
                )
            )
    return errors


def _index_migrated(connection: BaseDatabaseWrapper) -> bool:
    recorder = MigrationRecorder(connection)
    return recorder.has_table() and INDEX_MIGRATION in recorder.applied_migrations()


def _postgresql_errors(connection: BaseDatabaseWrapper) -> list[CheckMessage]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, installed_version IS NOT NULL FROM pg_available_extensions "
            "WHERE name = ANY(%s)",
            [list(EXTENSIONS)],
        )
        rows = cursor.fetchall()
    return extension_errors(
        available={name for name, _ in rows},
        installed={name for name, installed in rows if installed},
        index_migrated=_index_migrated(connection),
    )


def _sqlite_errors(connection: BaseDatabaseWrapper) -> list[CheckMessage]:
    from maillage.search.backends.sqlite import fts_installed

    if not _index_migrated(connection):
        return []
    with connection.cursor() as cursor:
        if fts_installed(cursor):
            return []
    return [
        Error(
            _(
                "L'index plein texte de l'annuaire (table FTS5 et ses déclencheurs) est absent "
                "ou incomplet : les recherches seraient fausses."
            ),
            hint=_("Lancez « maillage rebuild_search_index »."),
            id="search.E010",
        )
    ]


@register(Tags.database)
def check_search_database(
    app_configs: Any = None, databases: Iterable[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor == "postgresql":
            errors += _postgresql_errors(connection)
        elif connection.vendor == "sqlite":
            errors += _sqlite_errors(connection)
    return errors
