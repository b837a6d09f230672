"""``import_actors``: the canonical actor file (contracts.md) in CSV or XLSX."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.actors.enums import Source
from maillage.actors.models import Actor, NeedOffer
from maillage.actors.services import actor_update
from maillage.importers.canonical import actors_file_import
from maillage.importers.models import ImportRun, MergeProposal
from maillage.importers.readers import UnusableFileError
from maillage.importers.tests.conftest import ACTORS, run_command

pytestmark = pytest.mark.usefixtures("referential")


def test_bom_semicolons_quoted_separators_and_line_breaks() -> None:
    summary = actors_file_import(path=ACTORS / "actors_bom_semicolon.csv").as_dict()

    assert (summary["read"], summary["created"], summary["rejected"]) == (3, 3, 0)
    regie = Actor.objects.get(name="Régie de quartier Saint-Éloi")
    assert regie.description == (
        "Régie de quartier ; insertion par l'activité économique.\n"
        "Deuxième ligne de la présentation."
    )
    assert regie.source == Source.IMPORT
    assert (regie.kind_id, regie.subkind_id, regie.seat_commune_id) == (
        "association",
        "association_declaree",
        "86194",
    )
    assert (regie.latitude, regie.longitude) == (46.5802, 0.3404)  # decimal commas
    assert regie.website == "https://regie-st-eloi.example"
    assert regie.employees == 12
    assert set(regie.themes.values_list("code", flat=True)) == {
        "insertion_iae",
        "cohesion_territoriale",
    }
    assert list(regie.partnership_types.values_list("code", flat=True)) == ["mecenat"]
    assert set(regie.intervention_areas.values_list("territory_code", flat=True)) == {
        "dep:86",
        "com:86194",
    }
    assert set(regie.needs_offers.values_list("direction", "category_id", "text")) == {
        ("need", "benevolat", "bénévoles pour l'accueil"),
        ("need", "locaux", "salle de réunion"),
        ("offer", "competences", "formation au tri"),
    }
    assert summary["warnings"][0]["field"] == "couleur_preferee"


def test_cell_neutralised_against_formulas_comes_back_as_written() -> None:
    actors_file_import(path=ACTORS / "actors_bom_semicolon.csv")

    assert Actor.objects.filter(name="=SUM(A1:A2) Association", rna="W862005555").exists()


def test_windows_1252_file_is_read_with_a_warning() -> None:
    summary = actors_file_import(path=ACTORS / "actors_windows1252.csv").as_dict()

    assert summary["created"] == 2
    assert Actor.objects.filter(
        name="Épicerie solidaire Au Petit Plus", seat_commune_id="86041"
    ).exists()
    assert any("Windows-1252" in w["message"] for w in summary["warnings"])


def test_every_bad_row_is_reported_with_line_and_field_and_good_rows_imported() -> None:
    status, result = run_command("import_actors", str(ACTORS / "actors_bad.csv"))

    assert status == 1
    assert (result["created"], result["rejected"]) == (2, 7)
    errors = {e["line"]: e["field"] for e in result["errors"]}
    assert errors == {3: "siret", 4: "commune", 5: "kind", 6: "name", 7: "needs", 8: "", 10: ""}
    assert "clé de contrôle" in next(e["message"] for e in result["errors"] if e["line"] == 3)
    assert Actor.objects.filter(name__in=["Bonne ligne", "Autre bonne ligne"]).count() == 2
    assert NeedOffer.objects.filter(text="un local").count() == 1


@pytest.mark.parametrize("name", ["actors_wrong_columns.csv", "empty.csv"])
def test_unusable_file_exits_2_and_writes_nothing(name: str) -> None:
    status, result = run_command("import_actors", str(ACTORS / name))

    assert status == 2
    assert result["error"]
    assert not Actor.objects.exists()
    assert not ImportRun.objects.exists()


def test_dry_run_reports_everything_and_writes_nothing() -> None:
    status, result = run_command("import_actors", str(ACTORS / "actors_bad.csv"), "--dry-run")

    assert status == 1
    assert (result["created"], result["rejected"], result["dry_run"]) == (2, 7, True)
    assert [row["line"] for row in result["preview"]] == [2, 9]
    assert not Actor.objects.exists()
    assert not ImportRun.objects.exists()


def test_reimport_of_the_same_file_changes_nothing() -> None:
    actors_file_import(path=ACTORS / "actors_bom_semicolon.csv")
    stamps = dict(Actor.objects.values_list("id", "updated_at"))

    summary = actors_file_import(path=ACTORS / "actors_bom_semicolon.csv").as_dict()

    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 0, 3)
    assert dict(Actor.objects.values_list("id", "updated_at")) == stamps
    assert NeedOffer.objects.count() == 5


def test_edited_row_without_identifier_updates_the_same_actor(tmp_path: Path) -> None:
    first = tmp_path / "v1.csv"
    first.write_text("name,kind,commune,description\nAcadémie de boxe,association,86194,V1\n")
    second = tmp_path / "v2.csv"
    second.write_text("name,kind,commune,description\nACADÉMIE DE BOXE,association,86194,V2\n")

    actors_file_import(path=first)
    summary = actors_file_import(path=second).as_dict()

    assert summary["updated"] == 1
    actor = Actor.objects.get()
    assert actor.description == "V2"


def test_import_never_overwrites_what_the_organisation_edited(tmp_path: Path) -> None:
    actors_file_import(path=ACTORS / "actors_bom_semicolon.csv")
    regie = Actor.objects.get(name="Régie de quartier Saint-Éloi")
    actor_update(actor=regie, changes={"description": "Notre présentation à nous."})
    edited = tmp_path / "edited.csv"
    edited.write_text(
        "name,kind,commune,description,email\n"
        "Régie de quartier Saint-Éloi,association,86194,Autre texte,accueil@regie.example\n"
    )

    actors_file_import(path=edited)

    regie.refresh_from_db()
    assert regie.description == "Notre présentation à nous."
    assert regie.email == "accueil@regie.example"


def test_xlsx_with_numbers_that_lost_their_zeros(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Kind", "SIRET", "Commune", "Employees", "Needs"])
    sheet.append(
        [
            "Ateliers du numérique",
            "entreprise",
            44306184100021,
            86194,
            4.0,
            "financement:un prêt d'honneur",
        ]
    )
    sheet.append(["Sans type", "", None, 86194, None, None])
    sheet.append([None, None, None, None, None, None])
    path = tmp_path / "acteurs.xlsx"
    workbook.save(path)

    summary = actors_file_import(path=path).as_dict()

    assert (summary["created"], summary["rejected"]) == (1, 1)
    assert summary["errors"][0]["line"] == 3
    actor = Actor.objects.get(siret="44306184100021")
    assert (actor.seat_commune_id, actor.employees) == ("86194", 4)
    assert actor.needs_offers.get().text == "un prêt d'honneur"


def test_broken_xlsx_is_unusable(tmp_path: Path) -> None:
    path = tmp_path / "faux.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")

    with pytest.raises(UnusableFileError):
        actors_file_import(path=path)


def test_newcomer_with_the_name_of_an_actor_of_its_commune_gives_a_proposal(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("name,kind,siret,commune\nAteliers du numérique,entreprise,,86194\n")
    actors_file_import(path=path)
    other = tmp_path / "b.csv"
    other.write_text("name,kind,rna,commune\nATELIERS DU NUMERIQUE,association,W862000123,86194\n")

    actors_file_import(path=other)

    assert Actor.objects.count() == 2
    assert MergeProposal.objects.count() == 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=300))
def test_garbage_after_a_valid_header_never_crashes(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(b"name,kind,commune,siret\n" + body)

    summary = actors_file_import(path=path, dry_run=True)

    assert summary.read == (
        summary.created + summary.updated + summary.unchanged + summary.skipped + summary.rejected
    )
    assert all(error.line >= 2 for error in summary.errors)
