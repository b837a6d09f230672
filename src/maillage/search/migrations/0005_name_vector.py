"""PostgreSQL: ``name_vector``, the names alone as a ``tsvector`` with its own GIN index, so
that the name tier's matches are read from an index that needs no weight check
(backends/postgresql.py). Filled from the actors (name and acronym, as ``documents``
joins them). Nothing on SQLite.
"""

from django.db import migrations

FORWARDS = [
    "ALTER TABLE search_actordocument ADD COLUMN name_vector tsvector",
    "UPDATE search_actordocument d SET name_vector = to_tsvector('maillage_fr', "
    "concat_ws(E'\\n', NULLIF(a.name, ''), NULLIF(a.acronym, ''))) "
    "FROM actors_actor a WHERE a.id = d.actor_id",
    "CREATE INDEX search_actordocument_name_vector ON search_actordocument "
    "USING gin (name_vector)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS search_actordocument_name_vector",
    "ALTER TABLE search_actordocument DROP COLUMN IF EXISTS name_vector",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for statement in FORWARDS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_quality_ordered_documents")]
    operations = [migrations.RunPython(forwards, backwards)]
