"""A facilitator's import is restricted to their territories, in the service
(``actors_file_import(territories=…)``), whatever the interface calling it."""

from __future__ import annotations

from pathlib import Path

import pytest

from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory, valid_siret
from maillage.importers.canonical import actors_file_import
from maillage.importers.tests.web import csv_bytes
from maillage.territories.models import Commune

pytestmark = pytest.mark.usefixtures("referential")


def _file(tmp_path: Path, rows: list[list[str]], header: list[str] | None = None) -> Path:
    path = tmp_path / "acteurs.csv"
    path.write_bytes(csv_bytes(rows, header=header or ["name", "kind", "commune", "siret"]))
    return path


POITIERS = ["Les Jardins du Clain", "association", "86194", ""]
MARSEILLE = ["Entraide marseillaise", "association", "13055", ""]


def _rejected(summary: dict) -> dict[int, str]:
    return {error["line"]: error["message"] for error in summary["errors"]}


@pytest.mark.parametrize(
    ("territories", "imported"),
    [
        (None, {"Les Jardins du Clain", "Entraide marseillaise"}),
        (["fr"], {"Les Jardins du Clain", "Entraide marseillaise"}),
        (["dep:86"], {"Les Jardins du Clain"}),
        (["reg:75"], {"Les Jardins du Clain"}),
        (["com:86194"], {"Les Jardins du Clain"}),
        (["dep:13", "com:86194"], {"Les Jardins du Clain", "Entraide marseillaise"}),
        (["dep:75"], set()),
    ],
)
def test_rows_are_imported_only_inside_the_territories(tmp_path, territories, imported):
    summary = actors_file_import(
        path=_file(tmp_path, [POITIERS, MARSEILLE]), territories=territories
    ).as_dict()

    assert set(Actor.objects.values_list("name", flat=True)) == imported
    assert summary["rejected"] == 2 - len(imported)
    for message in _rejected(summary).values():
        assert message.startswith("Hors de votre territoire")


def test_an_epci_scope_covers_its_communes(tmp_path):
    epci = Commune.objects.get(code="86194").epci_id

    summary = actors_file_import(
        path=_file(tmp_path, [POITIERS, MARSEILLE]), territories=[f"epci:{epci}"]
    ).as_dict()

    assert (summary["created"], summary["rejected"]) == (1, 1)
    assert "Marseille, 13055" in _rejected(summary)[3]


def test_a_facilitator_without_territory_imports_nothing(tmp_path):
    summary = actors_file_import(path=_file(tmp_path, [POITIERS]), territories=[]).as_dict()

    assert (summary["created"], summary["rejected"]) == (0, 1)


def test_without_commune_column_an_existing_actor_of_the_territory_may_be_updated(tmp_path):
    poitiers = Commune.objects.get(code="86194")
    marseille = Commune.objects.get(code="13055")
    here = ActorFactory(company=True, seat_commune=poitiers, siret=valid_siret(1))
    there = ActorFactory(company=True, seat_commune=marseille, siret=valid_siret(2))
    path = _file(
        tmp_path,
        [
            ["Nouveau nom ici", "entreprise", here.siret],
            ["Nouveau nom là-bas", "entreprise", there.siret],
            ["Tout nouveau", "entreprise", valid_siret(3)],
        ],
        header=["name", "kind", "siret"],
    )

    summary = actors_file_import(path=path, territories=["dep:86"]).as_dict()

    here.refresh_from_db()
    there.refresh_from_db()
    assert here.name == "Nouveau nom ici"
    assert there.name != "Nouveau nom là-bas"
    rejected = _rejected(summary)
    assert set(rejected) == {3, 4}
    assert there.name in rejected[3]
    assert "la commune du siège manque" in rejected[4]


def test_a_row_cannot_move_an_actor_from_elsewhere_into_the_territory(tmp_path):
    marseille = Commune.objects.get(code="13055")
    there = ActorFactory(company=True, seat_commune=marseille, siret=valid_siret(5))

    summary = actors_file_import(
        path=_file(tmp_path, [["Repris", "entreprise", "86194", there.siret]]),
        territories=["dep:86"],
    ).as_dict()

    there.refresh_from_db()
    assert there.seat_commune_id == "13055"
    assert summary["rejected"] == 1


def test_the_summary_links_the_imported_actors(tmp_path):
    summary = actors_file_import(path=_file(tmp_path, [POITIERS])).as_dict()

    [link] = summary["actors"]
    actor = Actor.objects.get()
    assert link == {"id": actor.pk, "line": 2, "name": actor.name, "action": "created"}

    again = actors_file_import(path=_file(tmp_path, [POITIERS])).as_dict()
    assert again["actors"] == [{**link, "action": "unchanged"}]
