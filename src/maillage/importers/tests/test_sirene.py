"""The SIRENE import on hand-made stock files (fixtures/sirene) holding every pitfall of
data-standards.md §1: [ND] masking, arrondissement codes, a DOM Lambert point, a NAFRev1
code, closed establishments, a ceased unit, natural persons, an association's W number."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from maillage.actors.enums import ActorStatus, Source
from maillage.actors.models import Actor
from maillage.actors.services import actor_update
from maillage.actors.tests.factories import ActorFactory
from maillage.importers.enums import ImportStatus
from maillage.importers.geo import BOUNDING_BOXES
from maillage.importers.models import ImportRun, MergeProposal, RegistryRecord
from maillage.importers.readers import UnusableFileError
from maillage.importers.sirene import sirene_import
from maillage.importers.tests.conftest import GEOLOCATION, SIRENE, run_command, sirene_files

pytestmark = pytest.mark.usefixtures("referential")

SPF = "77567227200017"  # association, W number, seat in Poitiers
AGENCY = "44306184100021"  # secondary establishment of a SAS, sign "AGENCE DE POITIERS"
PARIS_SEAT = "44306184100013"  # arrondissement code 75112
CLOSED_AGENCY = "44306184100039"  # etatAdministratifEtablissement = F
BAKERY = "38012986600014"  # natural person, published
HIDDEN_PERSON = "50432861800013"  # natural person, diffusion partielle
ESAT = "82245112600012"  # NAF 88.10C
GUADELOUPE = "31567832600010"  # Lambert EPSG:5490
OLD_NAF = "41234567000019"  # NAFRev1, Lambert point (0, 0)
PARTIAL_COMPANY = "63456789500012"  # legal person, diffusion partielle
CEASED = "75400123800015"  # ceased legal unit, closed establishment


def _import(**options: Any) -> dict[str, Any]:
    return sirene_import(**sirene_files(), **options).as_dict()


def test_imports_active_establishments_and_reports_every_line() -> None:
    summary = _import()

    assert summary["read"] == 16
    assert summary["created"] == 10
    assert summary["skipped"] == 4  # two closed, two natural persons
    assert summary["rejected"] == 2
    errors = {(e["line"], e["field"]) for e in summary["errors"]}
    assert errors == {(3, "codeCommuneEtablissement"), (17, "siret")}
    assert all(e["file"] == "StockEtablissement_utf8.csv" for e in summary["errors"])
    assert Actor.objects.count() == 10
    assert all(actor.source == Source.SIRENE and actor.source_date for actor in Actor.objects.all())


def test_association_gets_kind_ess_themes_rna_and_registry_facts() -> None:
    _import()

    actor = Actor.objects.get(siret=SPF)
    assert actor.name == "SECOURS POPULAIRE FRANCAIS FEDERATION DE LA VIENNE"
    assert actor.acronym == "SPF 86"
    assert (actor.kind_id, actor.subkind_id, actor.sphere) == (
        "association",
        "association_declaree",
        "ess",
    )
    assert actor.is_ess
    assert actor.rna == "W861000123"
    assert actor.siren == SPF[:9]
    assert actor.employees == 6  # bracket 03: 6 to 9 employees, lower bound
    assert actor.address == "12 RUE DE LA TRANCHEE"
    assert (actor.seat_commune_id, actor.departement_id, actor.region_id) == ("86194", "86", "75")
    assert set(actor.themes.values_list("code", flat=True)) == {"precarite", "acces_droits"}
    facts = RegistryRecord.objects.get(source="sirene", identifier=SPF)
    assert (
        facts.legal_category,
        facts.naf_code,
        facts.naf_nomenclature,
        facts.naf25_code,
        facts.headcount_bracket,
    ) == ("9220", "88.99B", "NAFRev2", "88.99B", "03")


def test_lambert_coordinates_are_reprojected_per_territory() -> None:
    _import()

    poitiers = Actor.objects.get(siret=SPF)
    assert poitiers.latitude == pytest.approx(46.5802, abs=1e-3)
    assert poitiers.longitude == pytest.approx(0.3404, abs=1e-3)
    assert not poitiers.coordinates_approximate
    guadeloupe = Actor.objects.get(siret=GUADELOUPE)
    lon_min, lon_max, lat_min, lat_max = BOUNDING_BOXES["971"]
    assert lon_min <= guadeloupe.longitude <= lon_max
    assert lat_min <= guadeloupe.latitude <= lat_max
    assert guadeloupe.rna == "W9T1002867"  # overseas RNA numbers carry letters


def test_a_point_outside_its_territory_is_dropped() -> None:
    _import()

    actor = Actor.objects.get(siret=OLD_NAF)
    assert actor.latitude is None and actor.longitude is None


def test_arrondissement_codes_map_to_their_commune() -> None:
    _import()

    assert Actor.objects.get(siret=PARIS_SEAT).seat_commune_id == "75056"
    assert Actor.objects.get(siret="52345678800026").seat_commune_id == "13055"


def test_company_gets_size_mission_flag_and_sign_in_its_name() -> None:
    _import()

    agency = Actor.objects.get(siret=AGENCY)
    assert agency.name == "ATELIERS DU NUMERIQUE – AGENCE DE POITIERS"
    assert (agency.kind_id, agency.sphere, agency.is_ess) == ("entreprise", "entreprises", False)
    assert agency.company_size == "pme"
    assert agency.is_mission_company
    assert agency.rna == ""
    assert agency.address == "BATIMENT C, 3B PLACE DU MARCHE"


def test_naf_88_10c_makes_an_esat() -> None:
    _import()

    esat = Actor.objects.get(siret=ESAT)
    assert (esat.kind_id, esat.subkind_id) == ("secteur_adapte", "esat")
    assert set(esat.themes.values_list("code", flat=True)) == {"handicap", "emploi"}


def test_old_nomenclature_keeps_its_raw_code_and_gives_no_theme() -> None:
    _import()

    actor = Actor.objects.get(siret=OLD_NAF)
    assert not actor.themes.exists()
    facts = RegistryRecord.objects.get(identifier=OLD_NAF)
    assert (facts.naf_code, facts.naf_nomenclature) == ("50.2Z", "NAFRev1")


def test_legal_categories_give_cooperative_and_collectivity_kinds() -> None:
    _import()

    assert Actor.objects.get(siret="52345678800018").subkind_id == "scop"
    commune = Actor.objects.get(siret="21860194600013")
    assert (commune.kind_id, commune.subkind_id, commune.sphere) == (
        "collectivite",
        "commune",
        "pouvoirs_publics",
    )


def test_partially_diffusible_unit_is_imported_without_address_nor_position() -> None:
    _import()

    actor = Actor.objects.get(siret=PARTIAL_COMPANY)
    assert actor.name == "SARL DISCRETE"
    assert (actor.address, actor.postal_code, actor.latitude) == ("", "", None)
    assert "[ND]" not in repr(Actor.objects.values_list())


def test_natural_persons_are_left_out_unless_asked_and_never_when_not_diffusible() -> None:
    _import()
    assert not Actor.objects.filter(siret__in=[BAKERY, HIDDEN_PERSON]).exists()

    summary = _import(include_individuals=True)

    assert summary["created"] == 1
    bakery = Actor.objects.get(siret=BAKERY)
    assert bakery.name == "CLAIRE MARTIN – BOULANGERIE MARTIN"
    assert bakery.company_size == "tpe"
    assert not Actor.objects.filter(siret=HIDDEN_PERSON).exists()
    assert not Actor.objects.filter(siren=HIDDEN_PERSON[:9]).exists()


def test_ess_only_keeps_social_economy_units() -> None:
    _import(ess_only=True)

    kinds = set(Actor.objects.values_list("kind_id", flat=True))
    assert kinds == {"association", "secteur_adapte", "cooperative"}
    assert all(Actor.objects.values_list("is_ess", flat=True))


def test_departement_filter_skips_other_territories() -> None:
    summary = _import(departements=["86"])

    assert set(Actor.objects.values_list("departement_id", flat=True)) == {"86"}
    assert summary["rejected"] == 2  # 86999 and the bad SIRET are inside the selection
    region = _import(regions=["01"])  # Guadeloupe
    assert region["created"] == 1


def test_unknown_departement_is_a_usage_error() -> None:
    status, result = run_command(
        "import_sirene",
        "--unites-legales",
        str(SIRENE / "StockUniteLegale_utf8.csv"),
        "--etablissements",
        str(SIRENE / "StockEtablissement_utf8.csv"),
        "--departement",
        "00",
    )
    assert status == 2
    assert "00" in result["error"]
    assert not Actor.objects.exists()


def test_closed_establishment_and_ceased_unit_close_known_actors() -> None:
    agency = ActorFactory(
        siret=CLOSED_AGENCY,
        siren=CLOSED_AGENCY[:9],
        source=Source.SIRENE,
        field_origins={"status": "sirene"},
    )
    old = ActorFactory(siret=CEASED, siren=CEASED[:9], source=Source.SIRENE)

    summary = _import()

    agency.refresh_from_db()
    old.refresh_from_db()
    assert (agency.status, agency.closed_on) == (ActorStatus.CLOSED, dt.date(2024, 6, 30))
    assert (old.status, old.closed_on) == (ActorStatus.CLOSED, dt.date(2023, 12, 31))
    assert summary["updated"] == 2
    assert Actor.objects.filter(pk__in=[agency.pk, old.pk]).count() == 2  # never deleted


def test_geolocation_file_gives_positions_and_qpv_and_drops_random_points() -> None:
    sirene_import(**sirene_files(), geolocalisation=GEOLOCATION)

    spf = Actor.objects.get(siret=SPF)
    assert (spf.latitude, spf.longitude) == (46.5803, 0.3405)
    assert RegistryRecord.objects.get(identifier=SPF).qpv_code == "QN08601M"
    agency = Actor.objects.get(siret=AGENCY)  # quality 33: Lambert columns used instead
    assert agency.latitude == pytest.approx(46.5836, abs=1e-3)
    assert RegistryRecord.objects.get(identifier=AGENCY).qpv_code == ""


def test_zipped_stock_is_read_as_published() -> None:
    summary = sirene_import(**sirene_files(etablissements=SIRENE / "StockEtablissement_utf8.zip"))

    assert summary.created == 10
    assert summary.errors[0].file == "StockEtablissement_utf8.zip:StockEtablissement_utf8.csv"


def test_zip_holding_the_wrong_file_exits_2_and_writes_nothing() -> None:
    status, result = run_command(
        "import_sirene",
        "--unites-legales",
        str(SIRENE / "StockUniteLegale_utf8.csv"),
        "--etablissements",
        str(SIRENE / "wrong_file.zip"),
    )

    assert status == 2
    assert "StockEtablissement" in result["error"]
    assert "siret" in result["error"]
    assert not Actor.objects.exists()
    assert not ImportRun.objects.exists()


def test_swapped_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnusableFileError, match="unités légales"):
        sirene_import(
            unites_legales=SIRENE / "StockEtablissement_utf8.csv",
            etablissements=SIRENE / "StockEtablissement_utf8.csv",
        )
    empty = tmp_path / "StockUniteLegale_utf8.csv"
    empty.write_text("")
    with pytest.raises(UnusableFileError, match="vide"):
        sirene_import(**sirene_files(unites_legales=empty))


def test_command_prints_the_contract_summary_and_exits_1_on_rejected_rows() -> None:
    status, result = run_command(
        "import_sirene",
        "--unites-legales",
        str(SIRENE / "StockUniteLegale_utf8.csv"),
        "--etablissements",
        str(SIRENE / "StockEtablissement_utf8.csv"),
    )

    assert status == 1
    for key in ("read", "created", "updated", "unchanged", "skipped", "rejected", "errors"):
        assert key in result
    assert set(result["errors"][0]) == {"file", "line", "field", "message"}


def test_second_run_on_unchanged_files_writes_nothing() -> None:
    _import()
    stamps = dict(Actor.objects.values_list("id", "updated_at"))

    summary = _import()

    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 0, 10)
    assert dict(Actor.objects.values_list("id", "updated_at")) == stamps
    assert ImportRun.objects.filter(status=ImportStatus.DONE).count() == 2


def test_reimport_never_overwrites_what_the_organisation_edited() -> None:
    _import()
    actor = Actor.objects.get(siret=SPF)
    actor_update(
        actor=actor,
        changes={"name": "Secours populaire de la Vienne", "website": "https://spf86.example"},
    )

    sirene_import(**sirene_files(), departements=["86"])  # other options: rows re-mapped

    actor.refresh_from_db()
    assert actor.name == "Secours populaire de la Vienne"
    assert actor.website == "https://spf86.example"
    assert actor.field_origins["name"] == "organisation"
    assert actor.field_origins["address"] == "sirene"


def test_seat_establishment_completes_an_actor_known_by_its_siren() -> None:
    known = ActorFactory(
        name="Secours populaire",
        siren=SPF[:9],
        source=Source.IMPORT,
        field_origins={"name": "import"},
    )

    _import()

    known.refresh_from_db()
    assert known.siret == SPF
    assert known.name == "Secours populaire"  # another source's value stays
    assert known.rna == "W861000123"
    assert Actor.objects.filter(siren=SPF[:9]).count() == 1


def test_same_name_in_the_same_commune_gives_a_proposal_never_a_merge() -> None:
    manual = ActorFactory(name="Ateliers du numérique - agence de Poitiers", in_poitiers=True)

    summary = _import()

    agency = Actor.objects.get(siret=AGENCY)
    proposal = MergeProposal.objects.get()
    assert (proposal.actor_id, proposal.candidate_id) == (agency.pk, manual.pk)
    assert proposal.status == "pending"
    assert summary["merge_proposals"] == 1
    assert Actor.objects.filter(pk=manual.pk, siret="").exists()  # nothing merged


def test_interrupted_run_resumes_without_duplicates_or_losses() -> None:
    class CrashError(Exception):
        pass

    def crash_after_second_batch(run: ImportRun, number: int) -> None:
        if number == 2:
            raise CrashError

    with pytest.raises(CrashError):
        sirene_import(**sirene_files(), batch_size=3, on_batch=crash_after_second_batch)
    interrupted = ImportRun.objects.get()
    assert interrupted.status == ImportStatus.FAILED
    assert 0 < Actor.objects.count() < 10
    assert interrupted.checkpoint > 0

    summary = sirene_import(**sirene_files(), batch_size=3).as_dict()

    assert summary["resumed_after_records"] == interrupted.checkpoint
    assert Actor.objects.count() == 10
    assert Actor.objects.values("siret").distinct().count() == 10
    assert (summary["read"], summary["created"], summary["rejected"]) == (16, 10, 2)
    run = ImportRun.objects.get()
    assert (run.status, run.attempts) == (ImportStatus.DONE, 2)


def test_memory_spill_to_disk_gives_the_same_result() -> None:
    summary = sirene_import(**sirene_files(), geolocalisation=GEOLOCATION, memory_limit=2)

    assert summary.created == 10
    assert RegistryRecord.objects.get(identifier=SPF).qpv_code == "QN08601M"


def _establishments_with(tmp_path: Path, siret: str, **changes: str) -> Path:
    """The fixture's establishments file with some fields of one row changed."""
    with (SIRENE / "StockEtablissement_utf8.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["siret"] == siret:
            row.update(changes)
    path = tmp_path / "StockEtablissement_utf8.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_line_break_inside_a_field_is_kept_and_the_rerun_writes_nothing(tmp_path: Path) -> None:
    files = sirene_files(
        etablissements=_establishments_with(
            tmp_path, SPF, complementAdresseEtablissement="BATIMENT A\nESCALIER 2\x1e"
        )
    )

    first = sirene_import(**files).as_dict()
    second = sirene_import(**files).as_dict()

    assert Actor.objects.get(siret=SPF).address.startswith("BATIMENT A\nESCALIER 2")
    assert (first["created"], first["rejected"]) == (10, 2)
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 10)


def test_closing_rows_settle_without_writes_once_their_actors_are_closed() -> None:
    agency = ActorFactory(siret=CLOSED_AGENCY, siren=CLOSED_AGENCY[:9], source=Source.SIRENE)
    _import()
    stamp = Actor.objects.get(pk=agency.pk).updated_at

    summary = _import()

    assert Actor.objects.get(pk=agency.pk).updated_at == stamp
    assert (summary["updated"], summary["unchanged"]) == (0, 11)  # 10 actors and the closed one
    assert summary["skipped"] == 3  # the ceased unit's establishment (unknown), two persons


def test_an_establishment_active_again_reopens_its_closed_actor() -> None:
    _import()
    closed = Actor.objects.get(siret=SPF)
    closed.status, closed.closed_on = ActorStatus.CLOSED, dt.date(2025, 1, 31)
    closed.field_origins.update(status="sirene", closed_on="sirene")  # as a closing row does
    closed.save()  # its source hash is still the one of the active row

    summary = _import()

    spf = Actor.objects.get(siret=SPF)
    assert (spf.status, spf.closed_on) == (ActorStatus.ACTIVE, None)
    assert summary["updated"] == 1


def test_interrupted_filtered_run_resumes_to_the_summary_of_an_uninterrupted_one() -> None:
    class CrashError(Exception):
        pass

    def crash_after_second_batch(run: ImportRun, number: int) -> None:
        if number == 2:  # past line 4, skipped (Paris): its count is in the checkpoint
            raise CrashError

    keys = ("read", "created", "updated", "unchanged", "skipped", "rejected")
    with transaction.atomic():
        uninterrupted = sirene_import(**sirene_files(), departements=["86"]).as_dict()
        transaction.set_rollback(True)
    with pytest.raises(CrashError):
        sirene_import(
            **sirene_files(), departements=["86"], batch_size=1, on_batch=crash_after_second_batch
        )

    summary = sirene_import(**sirene_files(), departements=["86"], batch_size=1).as_dict()

    assert summary["resumed_after_records"] > 0
    assert {key: summary[key] for key in keys} == {key: uninterrupted[key] for key in keys}
    assert summary["read"] == 16
    assert Actor.objects.count() == uninterrupted["created"] > 0


def test_a_big_load_without_table_indexes_meanwhile_ends_with_them_and_a_full_search_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.db import connection

    from maillage.importers import runs, sirene
    from maillage.search.backends.base import SearchQuery
    from maillage.search.selectors import actors_search

    if connection.vendor == "postgresql":  # as between committed batches: nothing pending
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    monkeypatch.setattr(sirene, "BIG_LOAD", 0)  # index refreshed at the end only
    monkeypatch.setattr(sirene, "BULK_LOAD_MIN", 1)  # secondary indexes dropped meanwhile
    monkeypatch.setattr(runs, "DEFERRED_INDEX_LIMIT", 0)  # and the search index rebuilt
    indexes = _index_names()

    summary = sirene_import(**sirene_files(), batch_size=3).as_dict()

    assert summary["created"] == 10
    assert _index_names() == indexes
    assert not ImportRun.objects.get().indexes_dropped
    result, _actors = actors_search(query=SearchQuery(text="secours populaire vienne"))
    assert result.ids == [Actor.objects.get(siret=SPF).pk]


def _index_names() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        return {
            name
            for table in ("actors_actor", "actors_actor_themes", "importers_registryrecord")
            for name in connection.introspection.get_constraints(cursor, table)
        }
