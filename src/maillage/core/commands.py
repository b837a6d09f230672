"""Base class for Maillage management commands.

Conventions (docs/cli.md): ``--json`` prints exactly one JSON object on stdout, logs and
progress go to stderr; exit status 0 = success, 1 = done but some input rows were rejected,
2 = usage error or nothing could be done (data unchanged).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.core.errors import DomainError

EXIT_OK = 0
EXIT_REJECTED_ROWS = 1
EXIT_UNUSABLE = 2

# Context managers every command runs inside, each called with the command's name. The
# kernel knows no domain app: apps register here (the audit trail records which command
# changed what, see maillage.audit.context).
COMMAND_CONTEXTS: list[Callable[[str], AbstractContextManager[Any]]] = []


class UsageError(Exception):
    """Raised by a command's ``run`` when nothing could be done (exit status 2)."""


class MaillageCommand(BaseCommand):
    """Subclasses implement ``run(**options) -> dict`` and optionally ``human_summary``."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # argparse usage errors exit 2 already; keep Django from turning them into tracebacks.
        parser.called_from_command_line = True
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="Print exactly one JSON object on standard output (logs go to standard error).",
        )

    def run(self, **options: Any) -> dict[str, Any]:
        raise NotImplementedError  # pragma: no cover - abstract

    def human_summary(self, result: dict[str, Any]) -> str:
        return "\n".join(f"{key}: {value}" for key, value in result.items() if key != "errors")

    def exit_status(self, result: dict[str, Any]) -> int:
        return EXIT_REJECTED_ROWS if result.get("rejected") else EXIT_OK

    def log(self, message: str) -> None:
        """Progress and logs: always standard error, so --json output stays parseable."""
        self.stderr.write(message)

    def handle(self, *args: Any, **options: Any) -> None:
        as_json = options.pop("as_json", False)
        name = type(self).__module__.rsplit(".", 1)[-1]
        try:
            with ExitStack() as stack:
                for context in COMMAND_CONTEXTS:
                    stack.enter_context(context(name))
                result = self.run(**options)
        except (UsageError, DomainError, CommandError, FileNotFoundError) as error:
            if as_json:
                self.stdout.write(json.dumps({"error": str(error)}, ensure_ascii=False))
            self.stderr.write(f"Erreur : {error}")
            sys.exit(EXIT_UNUSABLE)
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, default=str))
        else:
            self.stdout.write(self.human_summary(result))
            for row_error in result.get("errors", [])[:50]:
                self.stdout.write(
                    "  {file}:{line} [{field}] {message}".format(
                        **{"file": "", "line": "", "field": "", **row_error}
                    )
                )
        status = self.exit_status(result)
        if status:
            sys.exit(status)
