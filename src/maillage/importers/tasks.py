"""Background tasks of the web import (django-tasks; the worker is ``maillage db_worker``).

Thin: each task takes an upload id (JSON-serialisable) and calls its service in
``importers.uploads``, which records the outcome on the upload — a task never raises for a
bad file.
"""

from __future__ import annotations

from django_tasks import task

from maillage.importers.uploads import import_upload_analyse, import_upload_execute


@task()
def actors_upload_analyse(upload_id: int) -> None:
    """The dry run behind an upload's preview."""
    import_upload_analyse(upload_id=upload_id)


@task()
def actors_upload_import(upload_id: int) -> None:
    """The import of a confirmed upload, with its progress."""
    import_upload_execute(upload_id=upload_id)
