"""Export → ``import_actors`` into an empty directory → export again gives the same file.

This is the promise of issue 3 ("the CSV round-trips through import_actors without loss"),
including the cells neutralised against formulas (the importer removes the apostrophe,
see ``exports/canonical.py``) and escaped ``|`` inside needs and offers.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from maillage.actors.models import Actor
from maillage.exports.tests.conftest import MakeActor, Places
from maillage.search.services import search_index_rebuild

pytestmark = pytest.mark.django_db


def _export(target: Path, *args: str) -> bytes:
    call_command(
        "export_actors",
        "--output",
        str(target),
        "--sort",
        "name",
        *args,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return target.read_bytes()


def _empty_directory() -> None:
    Actor.objects.all().delete()
    search_index_rebuild()
    assert not Actor.objects.exists()


def _import(source: Path) -> None:
    try:
        call_command("import_actors", str(source), stdout=io.StringIO(), stderr=io.StringIO())
    except SystemExit as exit_:
        assert exit_.code in (0, None), f"import_actors exited with {exit_.code}"


@pytest.fixture
def territory(make_actor: MakeActor, places: Places) -> None:
    """A varied directory: every column, and every cell the format has rules for."""
    make_actor(
        name="Régie de quartier",
        kind="siae",
        subkind="aci",
        siret="73282932000074",
        commune="86194",
        intervention=["com:86194", "epci:200069854", "dep:86", "fr"],
        themes=["insertion_iae", "emploi"],
        partnership_types=["mecenat", "cooperation_economique"],
        employees=42,
        description="Chantier d'insertion.\r\nSur deux lignes ; « guillemets », "
        'virgules, "doubles".',
        website="https://regie.example.org",
        email="contact@regie.example.org",
        phone="+33 5 49 00 00 00",
        latitude=46.58,
        longitude=0.34,
        needs=[("locaux", "Un atelier | ou un hangar"), ("financement", "C:\\devis\\2025")],
        offers=[("achats", "Entretien d'espaces verts"), ("competences", "Menuiserie")],
    )
    make_actor(name='=HYPERLINK("http://evil.example","clic")', description="@SUM(A1:A2)")
    make_actor(
        name="-2+3",
        description="+1",
        commune="79191",
        latitude=46.3237,
        longitude=-0.4588,
        employees=0,
    )
    make_actor(
        name="Centre social de Châtellerault",
        kind="association",
        subkind="association_declaree",
        rna="W863000123",
        commune="86066",
        themes=["precarite"],
        needs=[("benevolat", "Bénévoles le samedi matin")],
    )
    make_actor(
        name="Mairie de Charenton",
        kind="collectivite",
        subkind="commune",
        commune="94018",
        intervention=["com:94018"],
        website="http://charenton.example",
    )


def test_csv_round_trips_through_import_actors(territory: None, tmp_path: Path) -> None:
    first = _export(tmp_path / "premier.csv")

    _empty_directory()
    _import(tmp_path / "premier.csv")
    second = _export(tmp_path / "second.csv")

    assert Actor.objects.count() == 5
    assert second.decode("utf-8-sig") == first.decode("utf-8-sig")


def test_semicolon_csv_round_trips_through_import_actors(territory: None, tmp_path: Path) -> None:
    first = _export(tmp_path / "premier.csv", "--separator", ";")

    _empty_directory()
    _import(tmp_path / "premier.csv")

    assert _export(tmp_path / "second.csv", "--separator", ";") == first


def test_xlsx_round_trips_through_import_actors(territory: None, tmp_path: Path) -> None:
    reference = _export(tmp_path / "reference.csv")
    _export(tmp_path / "acteurs.xlsx")

    _empty_directory()
    _import(tmp_path / "acteurs.xlsx")

    # A workbook's line breaks are LF: the only difference a workbook makes.
    assert b"\r\nSur deux lignes" in reference
    assert _export(tmp_path / "second.csv") == reference.replace(
        b"\r\nSur deux lignes", b"\nSur deux lignes"
    )


def test_a_text_starting_with_an_apostrophe_and_a_formula_character_survives(
    make_actor: MakeActor, tmp_path: Path
) -> None:
    make_actor(name="'=déjà neutralisé", description="'abc")
    first = _export(tmp_path / "premier.csv")
    assert "''=déjà neutralisé" in first.decode("utf-8-sig")

    _empty_directory()
    _import(tmp_path / "premier.csv")

    assert Actor.objects.get().name == "'=déjà neutralisé"
    assert _export(tmp_path / "second.csv") == first
