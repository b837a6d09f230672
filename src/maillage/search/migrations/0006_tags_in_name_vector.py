"""PostgreSQL: the tags join the names in ``name_vector`` (weight D), so that a name-tier
read with filters is one intersection inside that GIN index (backends/postgresql.py).
Nothing on SQLite."""

from django.db import migrations

FORWARDS = [
    "DROP INDEX IF EXISTS search_actordocument_name_vector",
    "UPDATE search_actordocument d SET name_vector = setweight(to_tsvector('maillage_fr', "
    "concat_ws(E'\\n', NULLIF(a.name, ''), NULLIF(a.acronym, ''))), 'A') || "
    "setweight(to_tsvector('simple', d.tags), 'D') "
    "FROM actors_actor a WHERE a.id = d.actor_id",
    "CREATE INDEX search_actordocument_name_vector ON search_actordocument "
    "USING gin (name_vector)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for statement in FORWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_name_vector")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
