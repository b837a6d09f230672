"""``maillage audit_install_triggers``: create (or remove) the audit trail's triggers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from maillage.audit.triggers import audit_triggers_drop, audit_triggers_install
from maillage.core.commands import MaillageCommand


class Command(MaillageCommand):
    help = (
        "Create or replace the database triggers that record every insert, update and delete "
        "on the audited tables (migrate does it after each run; this command repairs a "
        "database where they went missing). Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--drop",
            action="store_true",
            help="Remove the triggers instead: changes are no longer recorded until the next "
            "run without --drop (or the next migrate).",
        )
        parser.add_argument(
            "--database", default="default", help="Database alias (default: default)."
        )

    def run(self, **options: Any) -> dict[str, Any]:
        if options["drop"]:
            return audit_triggers_drop(using=options["database"]).as_dict()
        return audit_triggers_install(using=options["database"]).as_dict()

    def human_summary(self, result: dict[str, Any]) -> str:
        if result["dropped"] and not result["tables"]:
            return f"{len(result['dropped'])} déclencheur(s) supprimé(s) ({result['vendor']})."
        lines = [f"Tables suivies ({result['vendor']}) : {len(result['tables'])}"]
        lines += [f"  {table}" for table in result["tables"]]
        if result["skipped"]:
            lines.append("Modèles absents, ignorés : " + ", ".join(result["skipped"]))
        return "\n".join(lines)
