"""Native full-text index, per database (see search/backends/sqlite.py and postgresql.py).

SQLite: the FTS5 table over ``search_actordocument`` and its triggers.
PostgreSQL: the ``unaccent`` and ``pg_trgm`` extensions (trusted extensions: a database
owner may create them), the ``maillage_fr`` text search configuration, the weighted
``vector`` column with its GIN index, and a trigram index over the lexicon's name words.
Each part runs only on its own database; documents are (re)built by
``maillage rebuild_search_index``, or as actors are written.
"""

from django.db import migrations

POSTGRESQL_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'maillage_fr') THEN
            CREATE TEXT SEARCH CONFIGURATION maillage_fr (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION maillage_fr
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END
    $$
    """,
    "ALTER TABLE search_actordocument ADD COLUMN vector tsvector",
    "CREATE INDEX search_actordocument_vector ON search_actordocument USING gin (vector)",
    "CREATE INDEX search_searchterm_name_trgm ON search_searchterm "
    "USING gin (word gin_trgm_ops) WHERE in_name",
]

POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS search_searchterm_name_trgm",
    "DROP INDEX IF EXISTS search_actordocument_vector",
    "ALTER TABLE search_actordocument DROP COLUMN IF EXISTS vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS maillage_fr",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from maillage.search.backends.sqlite import install_fts

        with schema_editor.connection.cursor() as cursor:
            install_fts(cursor)
    elif vendor == "postgresql":
        for statement in POSTGRESQL_FORWARDS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from maillage.search.backends.sqlite import drop_fts

        with schema_editor.connection.cursor() as cursor:
            drop_fts(cursor)
    elif vendor == "postgresql":
        for statement in POSTGRESQL_BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
