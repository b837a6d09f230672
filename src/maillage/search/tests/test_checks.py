"""System checks for the search backends' database needs."""

from __future__ import annotations

import pytest
from django.db import connection

from maillage.search.checks import check_search_database, extension_errors


def test_missing_unaccent_is_reported():
    errors = extension_errors(
        available={"unaccent", "pg_trgm"}, installed={"pg_trgm"}, index_migrated=True
    )
    assert [error.id for error in errors] == ["search.E002"]
    assert "unaccent" in errors[0].msg
    assert "CREATE EXTENSION unaccent" in errors[0].hint


def test_unavailable_extensions_are_reported_even_before_migrating():
    errors = extension_errors(available=set(), installed=set(), index_migrated=False)
    assert [error.id for error in errors] == ["search.E001", "search.E003"]
    assert "postgresql-contrib" in errors[0].hint


def test_extensions_not_yet_created_are_fine_before_migrating():
    assert (
        extension_errors(available={"unaccent", "pg_trgm"}, installed=set(), index_migrated=False)
        == []
    )


@pytest.mark.django_db
def test_the_test_database_passes_the_checks():
    assert check_search_database(databases=["default"]) == []


def test_checks_without_databases_do_nothing():
    assert check_search_database() == []


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 triggers")
def test_a_lost_sqlite_trigger_is_reported():
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_actordocument_au")
    assert [error.id for error in check_search_database(databases=["default"])] == ["search.E010"]
