"""Search backends, one per database vendor, behind ``SearchBackend`` (backends/base.py)."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from maillage.search.backends.base import SearchBackend

BACKEND_BY_VENDOR = {
    "sqlite": "maillage.search.backends.sqlite.SqliteSearchBackend",
    "postgresql": "maillage.search.backends.postgresql.PostgresqlSearchBackend",
}


@cache
def _backend_class(path: str) -> type[SearchBackend]:
    backend: type[SearchBackend] = import_string(path)
    return backend


def get_backend() -> SearchBackend:
    """The backend for the default database (``MAILLAGE_SEARCH_BACKEND`` overrides)."""
    path = getattr(settings, "MAILLAGE_SEARCH_BACKEND", None) or BACKEND_BY_VENDOR.get(
        connection.vendor, "maillage.search.backends.orm.OrmSearchBackend"
    )
    return _backend_class(path)()
