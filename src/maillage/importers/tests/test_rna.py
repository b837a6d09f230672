"""The RNA import on hand-made ministry files (fixtures/rna): a UTF-8 waldec zip of two
départements and a Windows-1252 rna_import file, with the pitfalls of data-standards §2."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from maillage.actors.enums import ActorStatus, Source
from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory
from maillage.importers.models import MergeProposal, RegistryRecord
from maillage.importers.rna import rna_import
from maillage.importers.sirene import sirene_import
from maillage.importers.tests.conftest import RNA, run_command, sirene_files

pytestmark = pytest.mark.usefixtures("referential")

WALDEC_ZIP = RNA / "rna_waldec_20260301.zip"
WALDEC_86 = RNA / "rna_waldec_20260301_dpt_86.csv"
IMPORT_86 = RNA / "rna_import_20260301_dpt_86.csv"


def test_waldec_zip_imports_associations_with_themes_and_seat() -> None:
    summary = rna_import(path=WALDEC_ZIP, layout="waldec").as_dict()

    assert summary["read"] == 13
    assert summary["created"] == 9
    assert summary["skipped"] == 1  # dissolved, unknown before
    assert summary["rejected"] == 3
    assert summary["encodings"] == {
        "rna_waldec_20260301.zip:rna_waldec_20260301_dpt_86.csv": "utf-8",
        "rna_waldec_20260301.zip:rna_waldec_20260301_dpt_75.csv": "utf-8",
    }
    spf = Actor.objects.get(rna="W861000123")
    assert spf.source == Source.RNA
    assert spf.source_date == dt.date(2026, 3, 1)  # from the file name
    assert spf.siret == "77567227200017"
    assert spf.website == "https://www.spf86.org"
    assert spf.created_on == dt.date(1947, 5, 12)
    assert spf.closed_on is None  # 0001-01-01 is no date
    assert spf.description == (
        "Lutter contre la pauvreté et l'exclusion ; développer la "
        "solidarité.\nAide alimentaire, vestimentaire et accès aux "
        "droits."
    )
    # 020010 "secours en nature" and 019020 "aide aux chômeurs" (objets_sociaux_themes.csv)
    assert set(spf.themes.values_list("code", flat=True)) == {"precarite", "emploi"}
    facts = RegistryRecord.objects.get(source="rna", identifier="W861000123")
    assert (facts.social_object1, facts.social_object2) == ("020010", "019020")


def test_rejections_name_file_line_and_field() -> None:
    summary = rna_import(path=WALDEC_86, layout="waldec").as_dict()

    errors = {(e["line"], e["field"]) for e in summary["errors"]}
    assert errors == {(12, "adrs_codeinsee"), (13, "id"), (14, "")}
    assert all(e["file"] == "rna_waldec_20260301_dpt_86.csv" for e in summary["errors"])
    assert "tronquée" in next(e["message"] for e in summary["errors"] if e["line"] == 14)


def test_050000_gives_way_to_the_second_code() -> None:
    rna_import(path=WALDEC_86, layout="waldec")

    actor = Actor.objects.get(rna="W862001000")
    assert list(actor.themes.values_list("code", flat=True)) == ["transition_ecologique"]


def test_arrondissement_overseas_id_and_stray_underscores() -> None:
    rna_import(path=WALDEC_86, layout="waldec")

    assert Actor.objects.get(rna="W862001222").seat_commune_id == "75056"
    mayotte = Actor.objects.get(rna="W9T1002868")
    assert mayotte.seat_commune_id == "97611"
    assert "_" not in mayotte.address
    assert mayotte.address == "RUE DU COMMERCE, B.P. 1328"


def test_federation_becomes_a_network() -> None:
    rna_import(path=WALDEC_86, layout="waldec")

    actor = Actor.objects.get(rna="W862001444")
    assert (actor.kind_id, actor.subkind_id) == ("reseau", "federation")


def test_invalid_siret_and_website_are_dropped_with_a_warning() -> None:
    summary = rna_import(path=WALDEC_86, layout="waldec").as_dict()

    actor = Actor.objects.get(rna="W862001333")
    assert (actor.siret, actor.website) == ("", "")
    warned = {(w["line"], w["field"]) for w in summary["warnings"]}
    assert {(8, "siret"), (8, "siteweb")} <= warned


def test_departement_filter_skips_other_departements_files() -> None:
    summary = rna_import(path=WALDEC_ZIP, layout="waldec", departements=["86"]).as_dict()

    assert summary["read"] == 12  # the dpt_75 member is not even opened
    assert not Actor.objects.filter(departement_id="75").exclude(rna="W862001222").exists()
    assert list(summary["encodings"]) == ["rna_waldec_20260301.zip:rna_waldec_20260301_dpt_86.csv"]


def test_windows_1252_import_file_matches_communes_by_postal_code_and_name() -> None:
    summary = rna_import(path=IMPORT_86, layout="import").as_dict()

    assert summary["created"] == 3
    assert summary["rejected"] == 2
    assert summary["encodings"] == {"rna_import_20260301_dpt_86.csv": "windows-1252"}
    sport = Actor.objects.get(rna="W863000101")
    assert sport.name == "ASSOCIATION SPORTIVE DE SAINT-BENOÎT"
    assert sport.seat_commune_id == "86214"  # "ST BENOIT", 86280
    assert list(sport.themes.values_list("code", flat=True)) == ["culture_sport_loisirs"]
    aines = Actor.objects.get(rna="W863000102")
    assert aines.seat_commune_id == "86194"  # "POITIERS CEDEX", 86035: a CEDEX code
    assert aines.description == "Rencontres et loisirs des aînés ; goûters, sorties."
    rup = Actor.objects.get(rna="W863000104")
    assert rup.subkind_id == "association_rup"
    assert list(rup.labels.values_list("code", flat=True)) == ["rup"]
    errors = {(e["line"], e["field"]) for e in summary["errors"]}
    assert errors == {(4, "adrs_codepostal"), (6, "")}


def test_manager_address_and_civility_are_never_stored() -> None:
    rna_import(path=WALDEC_ZIP, layout="waldec")
    rna_import(path=IMPORT_86, layout="import")

    dumped = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - a model's own table
            dumped.append(repr(cursor.fetchall()))
    text = "\n".join(dumped)
    assert "ADRG-SECRET" not in text
    assert "'PM'" not in text and "'PF'" not in text and "'TS'" not in text


def test_dissolved_association_closes_its_actor() -> None:
    known = ActorFactory(name="Club dissous", rna="W862001111", source=Source.RNA)

    rna_import(path=WALDEC_86, layout="waldec")

    known.refresh_from_db()
    assert (known.status, known.closed_on) == (ActorStatus.CLOSED, dt.date(2022, 5, 10))


def test_sirene_and_rna_records_of_one_association_make_one_actor() -> None:
    sirene_import(**sirene_files())
    spf = Actor.objects.get(siret="77567227200017")
    sirene_name = spf.name

    summary = rna_import(path=WALDEC_86, layout="waldec").as_dict()

    assert Actor.objects.filter(rna="W861000123").count() == 1
    spf.refresh_from_db()
    assert spf.name == sirene_name  # the first source to give a field keeps it
    assert spf.description.startswith("Lutter contre la pauvreté")  # filled by the RNA
    assert spf.field_origins["description"] == "rna"
    assert set(spf.themes.values_list("code", flat=True)) == {
        "precarite",
        "acces_droits",
        "emploi",
    }  # SIRENE's (NAF) and the RNA's
    assert summary["updated"] == 1
    # The ESAT carries its RNA number in SIRENE only: nothing to merge, no proposal.
    assert not MergeProposal.objects.exists()

    again = sirene_import(**sirene_files()).as_dict()
    assert again["created"] == 0
    spf.refresh_from_db()
    assert spf.description.startswith("Lutter")  # SIRENE does not blank what RNA gave
    assert "emploi" in spf.themes.values_list("code", flat=True)  # the RNA's theme stays


def test_same_name_in_the_same_commune_is_proposed_to_a_facilitator() -> None:
    garden = ActorFactory(name="Les jardins partagés de Poitiers", in_poitiers=True)

    rna_import(path=WALDEC_86, layout="waldec")

    newcomer = Actor.objects.get(rna="W862001555")
    proposal = MergeProposal.objects.get()
    assert (proposal.actor_id, proposal.candidate_id) == (newcomer.pk, garden.pk)
    assert proposal.reason == "name_commune"


def test_rerun_is_unchanged_and_wrong_layout_is_unusable(tmp_path: Path) -> None:
    rna_import(path=WALDEC_86, layout="waldec")
    again = rna_import(path=WALDEC_86, layout="waldec").as_dict()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 8)

    status, result = run_command("import_rna", "--import", str(WALDEC_86))
    assert status == 2
    assert "libcom" in result["error"]
    status, result = run_command("import_rna", "--waldec", str(IMPORT_86))
    assert status == 2
    empty = tmp_path / "rna_waldec_20260301_dpt_86.csv"
    empty.write_bytes(b"")
    status, result = run_command("import_rna", "--waldec", str(empty))
    assert (status, "vide" in result["error"]) == (2, True)


def test_command_summary_and_exit_status() -> None:
    status, result = run_command("import_rna", "--waldec", str(WALDEC_ZIP), "--departement", "86")

    assert status == 1
    # Of the dpt_86 file: Paris and Mayotte seats and an unplaceable seat outside the
    # selection are skipped; two lines are rejected; the dissolved one is skipped.
    assert (result["created"], result["skipped"], result["rejected"]) == (6, 4, 2)
    assert result["errors"][0]["file"].startswith("rna_waldec_20260301.zip:")
