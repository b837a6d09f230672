"""``maillage import_territories``: loading the referential from the official files."""

from __future__ import annotations

import gzip
import json
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory
from maillage.territories.models import (
    Commune,
    CommuneAlias,
    Departement,
    Epci,
    PostalCode,
    ReferentialVersion,
    Region,
)
from maillage.territories.tests.conftest import FIXTURES, ImportRunner

pytestmark = pytest.mark.django_db


def _copy_fixtures(tmp_path: Path) -> Path:
    target = tmp_path / "referential"
    shutil.copytree(FIXTURES, target)
    return target


def _edit(directory: Path, name: str) -> tuple[list[dict[str, Any]], Path]:
    path = directory / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")), path


def _write(path: Path, entries: list[dict[str, Any]]) -> None:
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")


def _snapshot() -> dict[str, list[tuple[Any, ...]]]:
    return {
        "regions": list(Region.objects.order_by("code").values_list()),
        "departements": list(Departement.objects.order_by("code").values_list()),
        "epci": list(Epci.objects.order_by("code").values_list()),
        "communes": list(Commune.objects.order_by("code").values_list()),
        "aliases": list(
            CommuneAlias.objects.order_by("code", "type").values_list(
                "code", "type", "name", "commune_id"
            )
        ),
        "postal_codes": list(
            PostalCode.objects.order_by("code", "commune_id").values_list("code", "commune_id")
        ),
    }


# --------------------------------------------------------------------------- a first load


def test_summary_counts_every_level(mini_referential: dict[str, Any]) -> None:
    assert {
        key: mini_referential[key] for key in ("regions", "departements", "epci", "communes")
    } == {
        "regions": 6,
        "departements": 6,
        "epci": 5,
        "communes": 11,
    }
    assert mini_referential["rejected"] == 0
    assert mini_referential["up_to_date"] is False
    assert mini_referential["created"] == (
        6 + 6 + 5 + 11 + mini_referential["aliases"] + mini_referential["postal_codes"]
    )


def test_only_current_communes_become_communes_keyed_on_code(mini_referential: dict) -> None:
    arboys = Commune.objects.get(code="01015")

    assert arboys.name == "Arboys en Bugey"  # not Arbignieu, its delegated namesake
    assert Commune.objects.filter(code__in=["01340", "75112"]).count() == 0
    assert CommuneAlias.objects.get(code="01015", type="commune-deleguee").name == "Arbignieu"


def test_delegated_communes_arrondissements_and_former_codes_become_aliases(
    mini_referential: dict,
) -> None:
    aliases = {
        (alias.code, alias.type): (alias.name, alias.commune_id)
        for alias in CommuneAlias.objects.all()
    }

    assert aliases[("01340", "commune-deleguee")] == ("Saint-Bois", "01015")
    # A former code takes the name of the delegated commune that has the same code.
    assert aliases[("01340", "ancien-code")] == ("Saint-Bois", "01015")
    assert aliases[("75112", "arrondissement-municipal")] == ("Paris 12e Arrondissement", "75056")
    assert aliases[("88422", "ancien-code")] == ("", "88160")
    assert aliases[("86115", "commune-deleguee")] == ("Jaunay-Clan", "86115")
    assert mini_referential["aliases"] == len(aliases) == 8


def test_commune_epci_comes_from_the_epci_member_lists(mini_referential: dict) -> None:
    epci_of = dict(Commune.objects.values_list("code", "epci_id"))

    assert epci_of["86194"] == epci_of["86041"] == "200069854"
    assert epci_of["86066"] == "248600413"
    assert epci_of["22016"] is None  # Île-de-Bréhat belongs to no EPCI
    assert epci_of["97502"] is None


def test_overseas_collectivity_has_a_pseudo_region_with_a_three_digit_code(
    mini_referential: dict,
) -> None:
    saint_pierre = Commune.objects.select_related("region", "departement").get(code="97502")

    assert saint_pierre.zone == "com"
    assert saint_pierre.region.code == "975"
    assert saint_pierre.region.zone == "com"
    assert saint_pierre.departement.code == "975"
    assert saint_pierre.siren == ""


def test_commune_fields_are_filled_from_the_file(mini_referential: dict) -> None:
    epinal = Commune.objects.get(code="88160")
    jaunay = Commune.objects.get(code="86115")
    paris = Commune.objects.get(code="75056")

    assert epinal.search_name == "epinal"
    assert epinal.siren == "218801603"
    assert epinal.population == 32251
    assert jaunay.postal_codes == ["86130", "86380"]
    assert jaunay.main_postal_code == "86130"
    assert paris.main_postal_code == "75001"
    assert set(PostalCode.objects.filter(commune=paris).values_list("code", flat=True)) >= {
        "75012",
        "75116",
    }


def test_region_and_departement_populations_sum_their_communes(mini_referential: dict) -> None:
    assert Departement.objects.get(code="86").population == 10289 + 31003 + 7528 + 89916 + 7375
    assert Region.objects.get(code="975").population == 596 + 5194
    assert Epci.objects.get(code="200069854").population == 196849


def test_version_row_records_package_version_and_digest(mini_referential: dict) -> None:
    version = ReferentialVersion.objects.get()

    assert version.package == "@etalab/decoupage-administratif"
    assert len(version.digest) == 64
    assert version.scope == ""
    assert version.counts["communes"] == 11


def test_gzip_files_load_like_plain_ones(tmp_path: Path, import_territories: ImportRunner) -> None:
    directory = tmp_path / "gz"
    directory.mkdir()
    for source in FIXTURES.glob("*.json"):
        with gzip.open(directory / f"{source.name}.gz", "wb") as handle:
            handle.write(source.read_bytes())

    summary = import_territories("--path", str(directory))

    assert summary["communes"] == 11
    assert Commune.objects.filter(code="86194").exists()


# --------------------------------------------------------------------------- idempotence


def test_second_run_creates_nothing_and_is_reported_up_to_date(
    mini_referential: dict, import_territories: ImportRunner
) -> None:
    before = _snapshot()

    second = import_territories("--path", str(FIXTURES))

    assert second["up_to_date"] is True
    assert (second["created"], second["updated"], second["deleted"]) == (0, 0, 0)
    assert second["communes"] == 11
    assert _snapshot() == before


def test_missing_rows_are_restored_even_when_the_files_did_not_change(
    mini_referential: dict, import_territories: ImportRunner
) -> None:
    PostalCode.objects.filter(commune_id="86194").delete()
    CommuneAlias.objects.filter(code="75112").delete()

    summary = import_territories("--path", str(FIXTURES))

    assert summary["up_to_date"] is False
    assert summary["created"] == 2
    assert summary["updated"] == 0
    assert PostalCode.objects.filter(commune_id="86194", code="86000").exists()
    assert CommuneAlias.objects.filter(code="75112").exists()


def test_changed_files_update_rows_and_keep_coordinates_set_elsewhere(
    mini_referential: dict, import_territories: ImportRunner, tmp_path: Path
) -> None:
    Commune.objects.filter(code="86194").update(latitude=46.58, longitude=0.34)
    directory = _copy_fixtures(tmp_path)
    communes, path = _edit(directory, "communes")
    for entry in communes:
        if entry["code"] == "86194":
            entry["population"] = 90001
    _write(path, communes)

    summary = import_territories("--path", str(directory))

    poitiers = Commune.objects.get(code="86194")
    assert summary["details"]["communes"]["updated"] == 1
    assert summary["created"] == 0
    assert poitiers.population == 90001
    assert (poitiers.latitude, poitiers.longitude) == (46.58, 0.34)
    assert Departement.objects.get(code="86").population == 10289 + 31003 + 7528 + 90001 + 7375


def test_a_commune_gone_from_the_files_is_removed_unless_an_actor_is_seated_there(
    mini_referential: dict, import_territories: ImportRunner, tmp_path: Path
) -> None:
    actor = ActorFactory(seat_commune=Commune.objects.get(code="86041"))
    directory = _copy_fixtures(tmp_path)
    communes, path = _edit(directory, "communes")
    _write(path, [entry for entry in communes if entry["code"] not in {"86041", "86214"}])
    epcis, epci_path = _edit(directory, "epci")
    for epci in epcis:
        epci["membres"] = [m for m in epci["membres"] if m["code"] not in {"86041", "86214"}]
    _write(epci_path, epcis)

    summary = import_territories("--path", str(directory))

    assert summary["details"]["communes"]["deleted"] == 1
    assert summary["details"]["communes"]["retained"] == 1
    assert not Commune.objects.filter(code="86214").exists()
    assert Actor.objects.get(pk=actor.pk).seat_commune_id == "86041"


def test_an_epci_referenced_by_an_actor_is_kept_when_it_disappears(
    mini_referential: dict, import_territories: ImportRunner, tmp_path: Path
) -> None:
    ActorFactory(seat_commune=Commune.objects.get(code="86066"))
    directory = _copy_fixtures(tmp_path)
    epcis, path = _edit(directory, "epci")
    _write(path, [epci for epci in epcis if epci["code"] not in {"248600413", "200068757"}])

    summary = import_territories("--path", str(directory))

    assert summary["details"]["epci"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 3,
        "deleted": 1,
        "retained": 1,
    }
    assert Epci.objects.filter(code="248600413").exists()  # the actor's denormalised EPCI
    assert not Epci.objects.filter(code="200068757").exists()
    assert Commune.objects.get(code="86066").epci_id is None


# --------------------------------------------------------------------------- --departement


def test_departement_option_loads_only_its_communes_and_their_epci(
    import_territories: ImportRunner,
) -> None:
    summary = import_territories("--path", str(FIXTURES), "--departement", "86")

    assert set(Commune.objects.values_list("departement_id", flat=True)) == {"86"}
    assert set(Epci.objects.values_list("code", flat=True)) == {"200069854", "248600413"}
    assert Region.objects.count() == 6
    assert Departement.objects.count() == 6
    assert not CommuneAlias.objects.filter(commune_id="01015").exists()
    assert summary["communes"] == 5
    assert summary["departements_selected"] == ["86"]
    assert summary["skipped"] > 0
    # Populations of the levels above come from the whole file, not from the selection.
    assert Region.objects.get(code="11").population == 2103778


def test_departement_loads_add_up_and_a_full_load_completes_them(
    import_territories: ImportRunner,
) -> None:
    import_territories("--path", str(FIXTURES), "--departement", "86")
    import_territories("--path", str(FIXTURES), "--departement", "975", "--departement", "1")

    assert set(Commune.objects.values_list("departement_id", flat=True)) == {"86", "975", "01"}
    assert ReferentialVersion.objects.get().scope == "01,86,975"

    full = import_territories("--path", str(FIXTURES))

    assert full["details"]["communes"]["created"] == 11 - 5 - 2 - 1
    assert full["details"]["communes"]["unchanged"] == 8
    assert ReferentialVersion.objects.get().scope == ""


def test_partial_load_after_a_full_one_removes_nothing(
    mini_referential: dict, import_territories: ImportRunner
) -> None:
    summary = import_territories("--path", str(FIXTURES), "--departement", "86")

    assert summary["up_to_date"] is True
    assert Commune.objects.count() == 11


def test_unknown_departement_is_a_usage_error(import_territories: ImportRunner) -> None:
    with pytest.raises(SystemExit) as exit_info:
        import_territories("--path", str(FIXTURES), "--departement", "99")

    assert exit_info.value.code == 2
    assert not Region.objects.exists()


# --------------------------------------------------------------------------- bad input


def _run_expecting_exit(*args: str) -> tuple[int, str, dict[str, Any]]:
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_territories", "--json", *args, stdout=out, stderr=err)
    return int(str(exit_info.value.code)), err.getvalue(), json.loads(out.getvalue())


def test_missing_file_exits_2_naming_it_and_leaves_data_unchanged(
    mini_referential: dict, tmp_path: Path
) -> None:
    before = _snapshot()
    directory = _copy_fixtures(tmp_path)
    (directory / "epci.json").unlink()

    status, stderr, body = _run_expecting_exit("--path", str(directory))

    assert status == 2
    assert "epci.json" in stderr
    assert "epci.json" in body["error"]
    assert _snapshot() == before


def test_invalid_json_exits_2_and_leaves_data_unchanged(
    mini_referential: dict, tmp_path: Path
) -> None:
    before = _snapshot()
    directory = _copy_fixtures(tmp_path)
    (directory / "communes.json").write_text('[{"code": "86194", "nom": ', encoding="utf-8")

    status, stderr, _body = _run_expecting_exit("--path", str(directory))

    assert status == 2
    assert "JSON invalide dans communes.json" in stderr
    assert _snapshot() == before


def test_corrupt_gzip_exits_2(tmp_path: Path, db: None) -> None:
    directory = _copy_fixtures(tmp_path)
    (directory / "regions.json").unlink()
    (directory / "regions.json.gz").write_bytes(b"\x1f\x8b not really gzip")

    status, stderr, _body = _run_expecting_exit("--path", str(directory))

    assert status == 2
    assert "regions.json.gz" in stderr
    assert not Region.objects.exists()


def test_an_empty_list_is_refused_rather_than_emptying_the_referential(
    mini_referential: dict, tmp_path: Path
) -> None:
    directory = _copy_fixtures(tmp_path)
    (directory / "communes.json").write_text("[]", encoding="utf-8")

    status, _stderr, _body = _run_expecting_exit("--path", str(directory))

    assert status == 2
    assert Commune.objects.count() == 11


def test_missing_directory_exits_2(db: None, tmp_path: Path) -> None:
    status, stderr, _body = _run_expecting_exit("--path", str(tmp_path / "nowhere"))

    assert status == 2
    assert "introuvable" in stderr


def test_bad_entries_are_rejected_with_their_number_and_field_and_the_rest_loads(
    tmp_path: Path, db: None
) -> None:
    directory = _copy_fixtures(tmp_path)
    communes, path = _edit(directory, "communes")
    communes[6]["departement"] = "99"  # Buxerolles, entry 7
    communes.append({"code": "86999", "type": "commune-actuelle"})  # no name (entry 16)
    _write(path, communes)

    status, _stderr, summary = _run_expecting_exit("--path", str(directory))

    assert status == 1
    assert summary["rejected"] >= 2
    assert {
        "file": "communes.json",
        "line": 7,
        "field": "departement",
        "message": "Département inconnu : 99.",
    } in summary["errors"]
    assert {
        "file": "communes.json",
        "line": 16,
        "field": "nom",
        "message": "Valeur obligatoire manquante.",
    } in summary["errors"]
    assert Commune.objects.filter(code="86194").exists()
    assert not Commune.objects.filter(code__in=["86041", "86999"]).exists()


def test_human_summary_is_in_french(db: None) -> None:
    out = StringIO()

    call_command("import_territories", "--path", str(FIXTURES), stdout=out, stderr=StringIO())

    assert "6 régions, 6 départements, 5 EPCI, 11 communes" in out.getvalue()
