"""The table of the shared database cache (rate limits, sign-in lock-out, API throttling).

Created with Django's own ``createcachetable`` code, from a migration so that ``maillage
migrate`` — which every deployment runs — is enough; always under the name the settings use
(``maillage_cache``), whatever cache the current settings select (tests use a per-process
one). Idempotent."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "maillage_cache"


def create_cache_table(apps, schema_editor):  # type: ignore[no-untyped-def]
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []
    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
