"""``maillage backup --output FILE``: a consistent copy of the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from maillage.core.backup import BackupError, database_backup
from maillage.core.commands import MaillageCommand, UsageError


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


class Command(MaillageCommand):
    help = (
        "Write a consistent backup of the database while the site keeps running. SQLite: a "
        "copy of the database file made with SQLite's online backup API. PostgreSQL: a "
        "pg_dump archive in the custom format (pg_dump must be installed, at least the "
        "server's version). The file is readable by its owner only: it holds personal data. "
        "Restore it with `maillage restore`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--output",
            required=True,
            metavar="FILE",
            help="Where to write the backup (replaced if it exists, once the copy is complete).",
        )
        parser.add_argument(
            "--database", default="default", help="Database alias (default: default)."
        )

    def run(self, **options: Any) -> dict[str, Any]:
        try:
            return database_backup(
                output=Path(options["output"]), using=options["database"]
            ).as_dict()
        except BackupError as error:
            raise UsageError(str(error)) from None

    def human_summary(self, result: dict[str, Any]) -> str:
        return (
            f"Sauvegarde {result['vendor']} écrite : {result['path']} "
            f"({_number(result['bytes'])} octets, {result['tables']} tables, "
            f"{_number(result['rows'])} lignes)\n"
            f"sha256 {result['sha256']}"
        )
