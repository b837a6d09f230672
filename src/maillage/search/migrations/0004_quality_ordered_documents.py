"""SQLite: the FTS5 rowid becomes a quality-ordered document key (``ActorDocument.doc_key``,
``search.tags.document_key``), so that reading the first matches reads the most complete
profiles. The FTS5 table and its triggers are recreated on the new key, then the index is
rebuilt with the current backend (as in 0003). PostgreSQL only gains the (unused) column.
"""

from django.db import migrations, models


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    from maillage.search.backends.sqlite import drop_fts, install_fts

    with connection.cursor() as cursor:
        drop_fts(cursor)
        install_fts(cursor)
    if apps.get_model("actors", "Actor").objects.exists():
        from maillage.search.services import search_index_rebuild

        search_index_rebuild()


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        from maillage.search.backends.sqlite import drop_fts

        with connection.cursor() as cursor:
            drop_fts(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_filter_tags")]
    operations = [
        migrations.AddField(
            model_name="actordocument",
            name="doc_key",
            field=models.BigIntegerField(db_index=True, default=0),
        ),
        migrations.RunPython(forwards, backwards),
    ]
