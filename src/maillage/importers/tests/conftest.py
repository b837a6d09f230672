"""Shared fixtures of the importers' tests.

The real referential of a few départements (Vienne, Paris, Bouches-du-Rhône, Guadeloupe,
Mayotte) is loaded once for the package, outside the per-test transactions, and removed at
the end so that other apps' tests start from an empty database; every test's own writes
are rolled back as usual.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from maillage.territories.models import (
    Commune,
    CommuneAlias,
    Departement,
    Epci,
    PostalCode,
    ReferentialVersion,
    Region,
)
from maillage.territories.services import territories_import

FIXTURES = Path(__file__).parent / "fixtures"
SIRENE = FIXTURES / "sirene"
RNA = FIXTURES / "rna"
ACTORS = FIXTURES / "actors"
DEPARTEMENTS = ["86", "75", "13", "971", "976"]


def _referential_remove() -> None:
    for model in (PostalCode, CommuneAlias, Commune, Epci, Departement, Region, ReferentialVersion):
        model.objects.all().delete()


@pytest.fixture(scope="package")
def _referential(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        _referential_remove()
        territories_import(departements=DEPARTEMENTS)
    yield
    with django_db_blocker.unblock():
        _referential_remove()


@pytest.fixture
def referential(_referential: None, db: None) -> None:
    """The referential of ``DEPARTEMENTS``, for a test that uses the database."""


def run_command(name: str, *args: str) -> tuple[int, dict[str, Any]]:
    """``maillage NAME --json ARGS…``: (exit status, the JSON object printed)."""
    out, err = StringIO(), StringIO()
    status = 0
    try:
        call_command(name, "--json", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    return status, json.loads(out.getvalue())


def sirene_files(**overrides: Path) -> dict[str, Path]:
    files = {
        "unites_legales": SIRENE / "StockUniteLegale_utf8.csv",
        "etablissements": SIRENE / "StockEtablissement_utf8.csv",
    }
    files.update(overrides)
    return files


GEOLOCATION = SIRENE / "GeolocalisationEtablissement_Sirene_pour_etudes_statistiques_utf8.csv"
