"""Filter tags in the search documents (search/tags.py).

Adds ``ActorDocument.tags``; on SQLite the FTS5 table gains a fourth column (``tags``) and is
recreated with its triggers; then the index is rebuilt with the current backend (nothing to
do on an empty database). The rebuild uses the live models: like 0002, this migration
assumes it runs with the code of its time (``maillage rebuild_search_index`` redoes it).
"""

from django.db import migrations, models


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        from maillage.search.backends.sqlite import drop_fts, install_fts

        with connection.cursor() as cursor:
            drop_fts(cursor)
            install_fts(cursor)
    if connection.vendor in {"sqlite", "postgresql"}:
        actor = apps.get_model("actors", "Actor")
        if actor.objects.exists():
            from maillage.search.services import search_index_rebuild

            search_index_rebuild()


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        from maillage.search.backends.sqlite import drop_fts

        with connection.cursor() as cursor:
            drop_fts(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_native_index")]
    operations = [
        migrations.AddField(
            model_name="actordocument",
            name="tags",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(forwards, backwards),
    ]
