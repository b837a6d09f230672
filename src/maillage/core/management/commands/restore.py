"""``maillage restore FILE [--yes]``: replace the database by a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from maillage.core.backup import BackupError, database_restore
from maillage.core.commands import MaillageCommand, UsageError


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


class Command(MaillageCommand):
    help = (
        "Replace the configured database by a backup made with `maillage backup`. The file "
        "must come from the same database vendor (a SQLite file for SQLite, a pg_dump archive "
        "for PostgreSQL) and be intact; otherwise nothing is changed (exit status 2). When the "
        "database already holds data, the command refuses unless --yes is given. PostgreSQL: "
        "pg_restore --clean --if-exists in a single transaction (all or nothing). Stop the "
        "site or expect its pages to change under its users."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("file", metavar="FILE", help="The backup to restore.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Replace the data the database already holds (required when it has any).",
        )
        parser.add_argument(
            "--database", default="default", help="Database alias (default: default)."
        )

    def run(self, **options: Any) -> dict[str, Any]:
        try:
            result = database_restore(
                path=Path(options["file"]), force=options["yes"], using=options["database"]
            )
        except BackupError as error:
            raise UsageError(str(error)) from None
        return result.as_dict()

    def human_summary(self, result: dict[str, Any]) -> str:
        return (
            f"Sauvegarde {result['vendor']} restaurée depuis {result['path']} : "
            f"{result['tables']} tables, {_number(result['rows'])} lignes."
        )
