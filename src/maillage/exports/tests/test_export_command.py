"""``maillage export_actors``: files, filters, summary and exit statuses."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from maillage.exports.canonical import COLUMNS
from maillage.exports.tests.backends import BREAKS_ON_SECOND_PAGE, REFUSING
from maillage.exports.tests.conftest import MakeActor, Places, csv_rows

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("export_actors", *args, stdout=stdout, stderr=stderr)
    except SystemExit as exit_:
        return int(exit_.code or 0), stdout.getvalue(), stderr.getvalue()
    return 0, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def two_actors(make_actor: MakeActor, places: Places) -> None:
    make_actor(
        name="Banque alimentaire",
        commune="86194",
        themes=["precarite"],
        latitude=46.58,
        longitude=0.34,
    )
    make_actor(
        name="Entreprise de Niort",
        kind="entreprise",
        commune="79191",
        themes=["emploi"],
        latitude=46.32,
        longitude=-0.45,
    )


def test_csv_export_prints_one_json_summary_and_writes_the_file(
    two_actors: None, tmp_path: Path
) -> None:
    target = tmp_path / "acteurs.csv"

    status, stdout, _stderr = _run("--format", "csv", "--output", str(target), "--json")

    assert status == 0
    assert json.loads(stdout) == {"rows": 2, "path": str(target.resolve()), "format": "csv"}
    content = target.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert sorted(row["name"] for row in csv_rows(content)) == [
        "Banque alimentaire",
        "Entreprise de Niort",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["acteurs.csv"]


def test_filters_select_as_the_directory_does(two_actors: None, tmp_path: Path) -> None:
    target = tmp_path / "niort.csv"

    status, stdout, _ = _run(
        "--output",
        str(target),
        "--kind",
        "entreprise",
        "association",
        "--theme",
        "emploi",
        "--territory",
        "dep:79",
        "--json",
    )

    assert status == 0
    assert json.loads(stdout)["rows"] == 1
    assert [row["name"] for row in csv_rows(target.read_bytes())] == ["Entreprise de Niort"]


def test_query_text_may_be_positional_or_an_option(two_actors: None, tmp_path: Path) -> None:
    for args in (["alimentaire"], ["--q", "alimentaire"]):
        target = tmp_path / "q.csv"
        status, stdout, _ = _run(*args, "--output", str(target), "--json")
        assert (status, json.loads(stdout)["rows"]) == (0, 1)
        assert csv_rows(target.read_bytes())[0]["name"] == "Banque alimentaire"


def test_semicolon_separator(two_actors: None, tmp_path: Path) -> None:
    target = tmp_path / "acteurs.csv"

    status, _, _ = _run("--output", str(target), "--separator", ";")

    assert status == 0
    assert target.read_bytes().decode("utf-8-sig").split("\r\n")[0] == ";".join(COLUMNS)
    assert len(csv_rows(target.read_bytes(), separator=";")) == 2


def test_xlsx_and_geojson_formats(two_actors: None, tmp_path: Path) -> None:
    xlsx, geojson = tmp_path / "acteurs.xlsx", tmp_path / "carte.geojson"

    assert _run("--format", "xlsx", "--output", str(xlsx))[0] == 0
    status, stdout, _ = _run("--output", str(geojson), "--kind", "entreprise", "--json")

    sheet = load_workbook(xlsx).active
    assert sheet.max_row == 3
    assert sheet.freeze_panes == "A2"
    assert status == 0
    assert json.loads(stdout)["format"] == "geojson"
    collection = json.loads(geojson.read_text(encoding="utf-8"))
    [feature] = collection["features"]
    assert feature["geometry"]["coordinates"] == [-0.45, 46.32]
    assert feature["properties"]["url"].startswith("http")


def test_human_summary_without_json(two_actors: None, tmp_path: Path) -> None:
    status, stdout, _ = _run("--output", str(tmp_path / "a.csv"))

    assert status == 0
    assert "2 acteurs exportés" in stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "licorne"], "licorne"),
        (["--theme", "magie"], "magie"),
        (["--territory", "dep:99"], "Territoire inconnu"),
        (["--territory", "n'importe quoi:"], "Territoire inconnu"),
        (["--need", "tout"], "tout"),
        (["--sort", "hasard"], "Tri inconnu"),
        (["--separator", "tab"], "Séparateur inconnu"),
    ],
)
def test_bad_filters_exit_2_with_a_message_and_write_nothing(
    two_actors: None, tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "acteurs.csv"

    status, stdout, stderr = _run("--output", str(target), *args, "--json")

    assert status == 2
    assert message in stderr
    assert message in json.loads(stdout)["error"]
    assert list(tmp_path.iterdir()) == []


def test_format_is_guessed_from_the_extension_or_asked_for(
    two_actors: None, tmp_path: Path
) -> None:
    status, _, stderr = _run("--output", str(tmp_path / "acteurs.txt"))

    assert status == 2
    assert "--format" in stderr
    assert list(tmp_path.iterdir()) == []


def test_missing_directory_exits_2(two_actors: None, tmp_path: Path) -> None:
    status, _, stderr = _run("--output", str(tmp_path / "absent" / "acteurs.csv"))

    assert status == 2
    assert "n'existe pas" in stderr


def test_unwritable_system_directory_exits_2(two_actors: None) -> None:
    status, _stdout, stderr = _run("--output", "/proc/acteurs.csv", "--json")

    assert status == 2
    assert "Impossible d'écrire" in stderr
    assert not Path("/proc/acteurs.csv").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_unwritable_directory_exits_2_and_leaves_no_file(two_actors: None, tmp_path: Path) -> None:
    locked = tmp_path / "verrouillé"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        status, _, stderr = _run("--output", str(locked / "acteurs.csv"))
    finally:
        locked.chmod(0o700)

    assert status == 2
    assert "Impossible d'écrire" in stderr
    assert list(locked.iterdir()) == []


def test_a_failed_export_leaves_the_previous_file_intact_and_no_partial_file(
    two_actors: None, tmp_path: Path
) -> None:
    target = tmp_path / "acteurs.csv"
    target.write_text("ancien contenu", encoding="utf-8")

    status, _, _ = _run("--output", str(target), "--kind", "licorne")
    assert status == 2
    assert target.read_text(encoding="utf-8") == "ancien contenu"

    status, _, _ = _run("--output", str(target))
    assert status == 0
    assert len(csv_rows(target.read_bytes())) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["acteurs.csv"]


def test_an_export_interrupted_half_way_leaves_no_partial_file(
    two_actors: None,
    tmp_path: Path,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    """The backend answers a full first page (several chunks are written to the file), then
    fails: the destination keeps its previous content and no temporary file is left."""
    target = tmp_path / "acteurs.csv"
    target.write_text("ancien contenu", encoding="utf-8")
    settings.MAILLAGE_SEARCH_BACKEND = BREAKS_ON_SECOND_PAGE

    with pytest.raises(RuntimeError, match="connexion perdue"):
        _run("--output", str(target))

    assert [p.name for p in tmp_path.iterdir()] == ["acteurs.csv"]
    assert target.read_text(encoding="utf-8") == "ancien contenu"


def test_a_query_the_search_refuses_exits_2_before_any_file(
    two_actors: None,
    tmp_path: Path,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.MAILLAGE_SEARCH_BACKEND = REFUSING

    status, stdout, _stderr = _run("--output", str(tmp_path / "a.csv"), "--json")

    assert status == 2
    assert "Recherche trop complexe" in json.loads(stdout)["error"]
    assert list(tmp_path.iterdir()) == []


def test_output_that_is_a_directory_exits_2(two_actors: None, tmp_path: Path) -> None:
    status, _, stderr = _run("--format", "csv", "--output", str(tmp_path))

    assert status == 2
    assert "dossier" in stderr
