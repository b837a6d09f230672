"""System checks for capabilities the platform needs from its database."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, register
from django.db import connection


@register(Tags.database)
def check_database_capabilities(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors: list[Error] = []
    if connection.vendor == "sqlite":
        import sqlite3

        db = sqlite3.connect(":memory:")
        try:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        except sqlite3.OperationalError:
            errors.append(
                Error(
                    "SQLite was built without FTS5; directory search needs it.",
                    hint="Use a Python whose sqlite3 module has FTS5, or PostgreSQL.",
                    id="maillage.E001",
                )
            )
        finally:
            db.close()
    return errors
