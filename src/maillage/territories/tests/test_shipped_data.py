"""The referential shipped under ``data/decoupage-administratif`` (6.0.0, 2026 vintage).

The first tests read the files without a database: they document the pitfalls the loader
handles. The last one loads the real data for one département through the command.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from typing import Any

import pytest

from maillage.territories.models import Commune, CommuneAlias, Epci, Region
from maillage.territories.services import DEFAULT_PATH
from maillage.territories.tests.conftest import ImportRunner


def _entries(name: str) -> list[dict[str, Any]]:
    with gzip.open(DEFAULT_PATH / f"{name}.json.gz", "rb") as handle:
        return json.loads(handle.read())  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def communes() -> list[dict[str, Any]]:
    return _entries("communes")


def test_shipped_version_is_6_0_0_with_its_licence() -> None:
    version = (DEFAULT_PATH / "VERSION").read_text(encoding="utf-8")

    assert "version: 6.0.0" in version
    assert "Licence Ouverte" in (DEFAULT_PATH / "LICENCE").read_text(encoding="utf-8")


def test_there_are_34969_current_communes(communes: list[dict[str, Any]]) -> None:
    types = Counter(entry["type"] for entry in communes)

    assert types["commune-actuelle"] == 34969
    assert types == {
        "commune-actuelle": 34969,
        "commune-deleguee": 2105,
        "commune-associee": 471,
        "arrondissement-municipal": 45,
    }


def test_584_codes_are_shared_so_communes_must_be_keyed_on_code_and_type(
    communes: list[dict[str, Any]],
) -> None:
    by_code = Counter(entry["code"] for entry in communes)
    shared = {code for code, count in by_code.items() if count > 1}

    assert len(shared) == 584
    assert len(Counter((entry["code"], entry["type"]) for entry in communes)) == len(communes)
    assert {entry["type"] for entry in communes if entry["code"] == "01015"} == {
        "commune-actuelle",
        "commune-deleguee",
    }


def test_98_current_communes_belong_to_no_epci(communes: list[dict[str, Any]]) -> None:
    members = [member["code"] for epci in _entries("epci") for member in epci["membres"]]
    current = {entry["code"] for entry in communes if entry["type"] == "commune-actuelle"}

    assert len(members) == len(set(members))  # no commune in two EPCI
    assert set(members) <= current
    assert len(current - set(members)) == 98
    assert {"22016", "29083", "29155", "85113", "97502", "97701"} <= current - set(members)


def test_communes_carry_no_epci_field(communes: list[dict[str, Any]]) -> None:
    assert not any("epci" in entry for entry in communes)


def test_overseas_collectivities_have_three_digit_pseudo_regions() -> None:
    regions = {entry["code"]: entry["zone"] for entry in _entries("regions")}

    assert len(regions) == 26
    assert {code for code, zone in regions.items() if zone == "com"} == {
        "975",
        "977",
        "978",
        "984",
        "986",
        "987",
        "988",
        "989",
    }


@pytest.mark.django_db
def test_real_data_for_the_vienne_puts_poitiers_in_grand_poitiers_and_nouvelle_aquitaine(
    import_territories: ImportRunner,
) -> None:
    summary = import_territories("--departement", "86")

    poitiers = Commune.objects.select_related("epci", "region").get(code="86194")
    assert poitiers.epci == Epci.objects.get(code="200069854")
    assert poitiers.epci.name == "CU du Grand Poitiers"
    assert poitiers.region.code == "75"
    assert poitiers.main_postal_code == "86000"
    assert summary["regions"] == Region.objects.count() == 26
    assert summary["departements"] == 109
    assert summary["communes"] == Commune.objects.count() == 265
    assert summary["rejected"] == 0
    assert set(Commune.objects.values_list("departement_id", flat=True)) == {"86"}
    # Former codes of the Vienne's communes nouvelles lead to them.
    assert CommuneAlias.objects.filter(type="ancien-code", commune__departement_id="86").exists()
