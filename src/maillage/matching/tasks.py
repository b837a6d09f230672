"""Background tasks (django-tasks; the worker is ``maillage db_worker``). Thin: each calls
its service, which records the outcome."""

from __future__ import annotations

from django_tasks import task

from maillage.matching.services import best_pairs_report_run


@task()
def best_pairs_report_task(report_id: int) -> None:
    """A territory's most promising pairs not yet in contact."""
    best_pairs_report_run(report_id=report_id)
