"""Benchmark of the SIRENE import (issue 3, "Performance").

Builds SIRENE-format stock files of N establishments (realistic values on real commune codes
read from data/decoupage-administratif/communes.json.gz) in a temporary directory, then, on
SQLite and on PostgreSQL, in a fresh process each:

- loads the whole territorial referential, then ``maillage import_sirene`` on the files,
  timing each phase: reading and filtering the establishments, the legal units, the final
  mapping-and-writing pass (and, apart, the time spent in the batch transactions), the
  table and search index rebuilds;
- runs the same import again on the unchanged files (row hashes compared, nothing written);
- imports a sample through a naive per-row ORM ``save()`` loop, the baseline;
- reports the peak memory of the process (``resource.getrusage``).

It prints a table and the ratios to the targets and to the baseline.

Usage::

    .venv/bin/python bench/import_bench.py                      # 1 000 000 rows, both databases
    .venv/bin/python bench/import_bench.py --rows 200000 --databases sqlite
    .venv/bin/python bench/import_bench.py --pg-url postgres://postgres@127.0.0.1:5432/helper_import_bench

The PostgreSQL database named in ``--pg-url`` is dropped and created by the benchmark (its
name must start with ``helper_import_``, ``helper_perf`` or ``bench_``) and dropped at the
end. ``--help`` lists the options.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COMMUNES = ROOT / "data" / "decoupage-administratif" / "communes.json.gz"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/helper_import_bench"
# The benchmark drops and creates its database: only names like these are accepted.
PG_PREFIXES = ("helper_import_", "helper_perf", "bench_")
TARGETS = {
    "read": 200_000,
    "write_sqlite": 20_000,
    "write_postgresql": 40_000,
    "unchanged": 100_000,
    "memory_mb": 500,
    "load_postgresql_s": 60,
}

UL_HEADER = [
    "siren",
    "statutDiffusionUniteLegale",
    "unitePurgeeUniteLegale",
    "dateCreationUniteLegale",
    "sigleUniteLegale",
    "sexeUniteLegale",
    "prenom1UniteLegale",
    "prenom2UniteLegale",
    "prenom3UniteLegale",
    "prenom4UniteLegale",
    "prenomUsuelUniteLegale",
    "pseudonymeUniteLegale",
    "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale",
    "anneeEffectifsUniteLegale",
    "dateDernierTraitementUniteLegale",
    "nombrePeriodesUniteLegale",
    "categorieEntreprise",
    "anneeCategorieEntreprise",
    "dateDebut",
    "etatAdministratifUniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale",
    "denominationUsuelle3UniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "societeMissionUniteLegale",
    "caractereEmployeurUniteLegale",
    "activitePrincipaleNAF25UniteLegale",
]
ET_HEADER = [
    "siren",
    "nic",
    "siret",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "trancheEffectifsEtablissement",
    "anneeEffectifsEtablissement",
    "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement",
    "etablissementSiege",
    "nombrePeriodesEtablissement",
    "complementAdresseEtablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "dernierNumeroVoieEtablissement",
    "indiceRepetitionDernierNumeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "libelleCommuneEtrangerEtablissement",
    "distributionSpecialeEtablissement",
    "codeCommuneEtablissement",
    "codeCedexEtablissement",
    "libelleCedexEtablissement",
    "codePaysEtrangerEtablissement",
    "libellePaysEtrangerEtablissement",
    "identifiantAdresseEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "complementAdresse2Etablissement",
    "numeroVoie2Etablissement",
    "indiceRepetition2Etablissement",
    "typeVoie2Etablissement",
    "libelleVoie2Etablissement",
    "codePostal2Etablissement",
    "libelleCommune2Etablissement",
    "libelleCommuneEtranger2Etablissement",
    "distributionSpeciale2Etablissement",
    "codeCommune2Etablissement",
    "codeCedex2Etablissement",
    "libelleCedex2Etablissement",
    "codePaysEtranger2Etablissement",
    "libellePaysEtranger2Etablissement",
    "dateDebut",
    "etatAdministratifEtablissement",
    "enseigne1Etablissement",
    "enseigne2Etablissement",
    "enseigne3Etablissement",
    "denominationUsuelleEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement",
    "activitePrincipaleNAF25Etablissement",
]
# (legal category, weight, NAF codes)
PROFILES = [
    ("5710", 30, ["62.01Z", "70.22Z", "47.11F", "56.10A", "43.21A", "68.20A", "46.90Z"]),
    ("5499", 22, ["56.10A", "45.20A", "47.79Z", "43.99C", "96.02A", "49.41A"]),
    ("9220", 18, ["94.99Z", "88.99B", "93.12Z", "85.59A", "90.01Z", "88.10C", "87.90B"]),
    ("1000", 12, ["10.71C", "96.02A", "43.22A", "86.90E", "74.10Z"]),
    ("6540", 8, ["68.20B", "68.20A"]),
    ("5458", 2, ["43.29A", "38.11Z", "62.01Z"]),
    ("7210", 1, ["84.11Z"]),
    ("9300", 1, ["88.99B", "72.19Z"]),
    ("8210", 1, ["65.12Z"]),
    ("5599", 5, ["64.19Z", "35.11Z", "61.10Z"]),
]
WORDS = [
    "ATELIER",
    "BOULANGERIE",
    "GARAGE",
    "CABINET",
    "SOLIDARITE",
    "JARDINS",
    "ENERGIE",
    "BOIS",
    "CONSEIL",
    "SERVICES",
    "TRANSPORTS",
    "RESTAURANT",
    "MAISON",
    "SPORTS",
    "CULTURE",
    "ENTRAIDE",
    "AVENIR",
    "HORIZON",
    "TERRE",
    "NUMERIQUE",
    "BATIMENT",
]
BRACKETS = ["NN", "00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41"]
STREETS = [
    ("RUE", "DE LA REPUBLIQUE"),
    ("AV", "JEAN JAURES"),
    ("BD", "VICTOR HUGO"),
    ("PL", "DE LA MAIRIE"),
    ("RTE", "DE PARIS"),
    ("CHE", "DES VIGNES"),
    ("IMP", "DES LILAS"),
]
BOXES = {
    "971": (-61.8, -61.0, 15.9, 16.5),
    "972": (-61.2, -60.8, 14.4, 14.9),
    "973": (-54.0, -52.0, 3.0, 5.7),
    "974": (55.2, 55.8, -21.3, -20.9),
    "976": (45.0, 45.3, -13.0, -12.6),
    "metro": (-4.5, 8.0, 42.5, 51.0),
}
EPSG = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}


def luhn(digits: str) -> str:
    for check in "0123456789":
        candidate = digits + check
        total = 0
        for index, char in enumerate(reversed(candidate)):
            value = int(char)
            if index % 2:
                value = value * 2 - 9 if value * 2 > 9 else value * 2
            total += value
        if total % 10 == 0:
            return candidate
    raise AssertionError


def _communes() -> list[tuple[str, str, str]]:
    with gzip.open(COMMUNES, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    found = []
    for row in rows:
        if (
            row.get("type") in {"commune-actuelle", "arrondissement-municipal"}
            and (row.get("codesPostaux"))
            and row["code"] not in {"75056", "69123", "13055"}
        ):
            if row["code"][:3] in {"975", "977", "978", "984", "986", "987", "988", "989"}:
                continue
            found.append((row["code"], row["codesPostaux"][0], row["nom"].upper()))
    return found


def build_files(directory: Path, rows: int, seed: int = 2026) -> dict[str, Path]:
    """StockUniteLegale and StockEtablissement CSVs of ``rows`` establishments."""
    from pyproj import Transformer

    rng = random.Random(seed)
    communes = _communes()
    transformers = {
        epsg: Transformer.from_crs(4326, epsg, always_xy=True) for epsg in {2154, *EPSG.values()}
    }
    centre: dict[str, tuple[float, float]] = {}
    weights = [p[1] for p in PROFILES]
    units_path = directory / "StockUniteLegale_utf8.csv"
    estabs_path = directory / "StockEtablissement_utf8.csv"
    started = time.perf_counter()
    with (
        units_path.open("w", newline="", encoding="utf-8") as ul_file,
        estabs_path.open("w", newline="", encoding="utf-8") as et_file,
    ):
        ul_writer, et_writer = csv.writer(ul_file), csv.writer(et_file)
        ul_writer.writerow(UL_HEADER)
        et_writer.writerow(ET_HEADER)
        unit_number = 0
        written = 0
        while written < rows:
            unit_number += 1
            siren = luhn(f"{10000000 + unit_number:08d}")
            category, _w, nafs = rng.choices(PROFILES, weights)[0]
            naf = rng.choice(nafs)
            name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {unit_number}"
            natural = category == "1000"
            active_unit = rng.random() > 0.03
            establishments = min(rows - written, rng.choice([1, 1, 1, 1, 2, 3]))
            ul = dict.fromkeys(UL_HEADER, "")
            ul.update(
                siren=siren,
                statutDiffusionUniteLegale="P" if natural and rng.random() < 0.3 else "O",
                dateCreationUniteLegale=(
                    f"{rng.randint(1950, 2025)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                ),
                identifiantAssociationUniteLegale=f"W{rng.randint(100000000, 999999999)}"
                if category == "9220" and rng.random() < 0.8
                else "",
                trancheEffectifsUniteLegale=rng.choice(BRACKETS),
                anneeEffectifsUniteLegale="2023",
                dateDernierTraitementUniteLegale="2026-02-11T09:12:44",
                nombrePeriodesUniteLegale="2",
                categorieEntreprise=rng.choice(["PME", "PME", "PME", "ETI", "GE", ""]),
                dateDebut="2015-01-01",
                etatAdministratifUniteLegale="A" if active_unit else "C",
                nomUniteLegale=f"NOM{unit_number}" if natural else "",
                prenom1UniteLegale="CAMILLE" if natural else "",
                denominationUniteLegale="" if natural else name,
                categorieJuridiqueUniteLegale=category,
                activitePrincipaleUniteLegale=naf,
                nomenclatureActivitePrincipaleUniteLegale="NAFRev2",
                nicSiegeUniteLegale="00010",
                economieSocialeSolidaireUniteLegale="O"
                if category in {"9220", "5458", "9300", "8210"}
                else "N",
                societeMissionUniteLegale="O" if rng.random() < 0.01 else "N",
                caractereEmployeurUniteLegale="O",
                activitePrincipaleNAF25UniteLegale=naf,
            )
            ul_writer.writerow(ul.values())
            for index in range(establishments):
                code, postal, city = rng.choice(communes)
                territory = code[:3] if code[:3] in BOXES else "metro"
                if code not in centre:
                    lon_min, lon_max, lat_min, lat_max = BOXES[territory]
                    centre[code] = (rng.uniform(lon_min, lon_max), rng.uniform(lat_min, lat_max))
                lon, lat = centre[code]
                x, y = transformers[EPSG.get(territory, 2154)].transform(
                    lon + rng.uniform(-0.01, 0.01), lat + rng.uniform(-0.01, 0.01)
                )
                nic = f"{index + 1:04d}"
                siret = luhn(f"{siren}{nic}")
                street = rng.choice(STREETS)
                et = dict.fromkeys(ET_HEADER, "")
                et.update(
                    siren=siren,
                    nic=siret[9:],
                    siret=siret,
                    statutDiffusionEtablissement=ul["statutDiffusionUniteLegale"],
                    dateCreationEtablissement="2010-05-01",
                    trancheEffectifsEtablissement=rng.choice(BRACKETS),
                    anneeEffectifsEtablissement="2023",
                    dateDernierTraitementEtablissement="2026-02-11T09:12:44",
                    etablissementSiege="true" if index == 0 else "false",
                    nombrePeriodesEtablissement="1",
                    numeroVoieEtablissement=str(rng.randint(1, 120)),
                    typeVoieEtablissement=street[0],
                    libelleVoieEtablissement=street[1],
                    codePostalEtablissement=postal,
                    libelleCommuneEtablissement=city,
                    codeCommuneEtablissement=code,
                    coordonneeLambertAbscisseEtablissement=f"{x:.1f}",
                    coordonneeLambertOrdonneeEtablissement=f"{y:.1f}",
                    dateDebut="2015-01-01",
                    etatAdministratifEtablissement="A"
                    if active_unit and rng.random() > 0.12
                    else "F",
                    enseigne1Etablissement=f"{rng.choice(WORDS)} {city}"
                    if rng.random() < 0.3
                    else "",
                    activitePrincipaleEtablissement=naf,
                    nomenclatureActivitePrincipaleEtablissement="NAFRev2",
                    caractereEmployeurEtablissement="O",
                    activitePrincipaleNAF25Etablissement=naf,
                )
                et_writer.writerow(et.values())
                written += 1
    print(
        f"  files: {rows:,} establishments, {unit_number:,} legal units, "
        f"{estabs_path.stat().st_size / 1e6:.0f} MB + {units_path.stat().st_size / 1e6:.0f} MB, "
        f"built in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return {"unites_legales": units_path, "etablissements": estabs_path}


# --------------------------------------------------------------------------- worker


def _naive_baseline(files: dict[str, Path], sample: int) -> dict[str, float]:
    """The same import written the way one would without care: DictReader, a dict of legal
    units, one ``Actor.save()`` and one ``themes.set()`` per row."""
    from maillage.actors.enums import Source
    from maillage.actors.models import Actor, Kind
    from maillage.importers.vocabularies import legal_category, naf_mapping
    from maillage.territories.selectors import commune_resolve

    spheres = dict(Kind.objects.values_list("code", "default_sphere"))
    rows: list[dict[str, str]] = []
    with files["etablissements"].open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["etatAdministratifEtablissement"] == "A":
                rows.append(row)
            if len(rows) >= sample:
                break
    wanted = {row["siren"] for row in rows}
    units = {}
    with files["unites_legales"].open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["siren"] in wanted:
                units[row["siren"]] = row
    # Start from the same state as the bulk import's: these establishments not yet known.
    Actor.objects.filter(siret__in=[row["siret"] for row in rows]).delete()
    started = time.perf_counter()
    written = 0
    for row in rows:
        unit = units[row["siren"]]
        legal = legal_category(unit["categorieJuridiqueUniteLegale"])
        commune = commune_resolve(row["codeCommuneEtablissement"])
        # exclude(siret="") lets SQLite use the partial unique index on siret.
        actor = Actor.objects.filter(siret=row["siret"]).exclude(siret="").order_by().first()
        actor = actor or Actor(siret=row["siret"])
        actor.name = unit["denominationUniteLegale"] or unit["nomUniteLegale"] or "?"
        actor.kind_id, actor.subkind_id = legal.kind, legal.subkind or None
        actor.sphere = spheres.get(legal.kind, "entreprises")
        actor.siren, actor.source = row["siren"], Source.SIRENE
        actor.seat_commune = commune
        if commune is not None:
            actor.epci_id = commune.epci_id
            actor.departement_id, actor.region_id = commune.departement_id, commune.region_id
        actor.save()
        actor.themes.set(naf_mapping(row["activitePrincipaleEtablissement"]).themes)
        written += 1
    seconds = time.perf_counter() - started
    return {"rows": written, "seconds": seconds, "per_second": written / seconds}


def _timed_import(files: dict[str, Path]) -> tuple[Any, dict[str, float], dict[str, int]]:
    """``sirene_import`` with the duration and rows of each progress phase."""
    from maillage.importers.sirene import sirene_import

    phases: list[tuple[float, str, int]] = []

    def progress(info: Any) -> None:
        phases.append((time.perf_counter(), info.phase, info.rows))

    started = time.perf_counter()
    summary = sirene_import(**files, on_progress=progress)
    phases.append((time.perf_counter(), "end", 0))
    phases.insert(0, (started, "préparation", 0))
    durations: dict[str, float] = {}
    rows_by_phase: dict[str, int] = {}
    starts: list[tuple[float, str]] = []
    for moment, phase, rows in phases:
        if not starts or starts[-1][1] != phase:
            starts.append((moment, phase))
        rows_by_phase[phase] = max(rows, rows_by_phase.get(phase, 0))
    for (moment, phase), (following, _next) in itertools.pairwise(starts):
        durations[phase] = durations.get(phase, 0.0) + following - moment
    return summary, durations, rows_by_phase


def worker(args: argparse.Namespace) -> None:
    """Runs in a fresh process whose DATABASE_URL selects the database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.config.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from maillage.actors.models import Actor
    from maillage.territories.services import territories_import

    files = {"unites_legales": Path(args.units), "etablissements": Path(args.estabs)}
    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    started = time.perf_counter()
    territories_import()
    referential_s = time.perf_counter() - started

    started = time.perf_counter()
    summary, durations, rows_by_phase = _timed_import(files)
    total = time.perf_counter() - started
    first = summary.as_dict()
    actors = Actor.objects.count()

    started = time.perf_counter()
    second_summary, rerun_durations, _rows = _timed_import(files)
    rerun = time.perf_counter() - started
    second = second_summary.as_dict()

    baseline = _naive_baseline(files, args.baseline_rows)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "referential_s": referential_s,
                "total_s": total,
                "durations": durations,
                "rows_by_phase": rows_by_phase,
                "first": {
                    k: first[k]
                    for k in (
                        "read",
                        "created",
                        "updated",
                        "unchanged",
                        "skipped",
                        "rejected",
                        "write_seconds",
                    )
                },
                "actors": actors,
                "rerun_s": rerun,
                "rerun_durations": rerun_durations,
                "second": {
                    k: second[k] for k in ("read", "created", "updated", "unchanged", "skipped")
                },
                "baseline": baseline,
                "peak_mb": peak_mb,
            }
        )
    )


# --------------------------------------------------------------------------- driver


def _pg_admin(url: str, statement: str) -> None:
    import psycopg

    base, _, _name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _run_worker(
    database_url: str, files: dict[str, Path], args: argparse.Namespace
) -> dict[str, Any]:
    # Development mode without DEBUG: the import as an operator runs it (DEBUG would keep
    # every SQL statement in memory).
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MAILLAGE_ENV": "development",
        "DEBUG": "false",
    }
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--units",
        str(files["unites_legales"]),
        "--estabs",
        str(files["etablissements"]),
        "--baseline-rows",
        str(args.baseline_rows),
    ]
    output = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


SCAN, UNITS, KNOWN, FINAL = (
    "repérage des établissements",
    "unités légales",
    "acteurs déjà connus",
    "établissements",
)
TABLE_INDEXES, SEARCH_INDEX = "reconstruction des index", "index de recherche"
BOTH_INDEXES = "reconstruction des index et de l'index de recherche"


def _verdict(ok: bool) -> str:
    return "✓" if ok else "✗"


def _report(name: str, result: dict[str, Any], rows: int) -> tuple[list[str], list[str]]:
    """(the detailed lines, the lines of the summary table) of one database."""
    d = result["durations"]
    vendor = result["vendor"]
    read_rows = result["rows_by_phase"].get(SCAN, 0)
    scan_s = d.get(SCAN, 0.0) or 1e-9
    units_rows = result["rows_by_phase"].get(UNITS, 0)
    units_s = d.get(UNITS, 0.0) or 1e-9
    final_s = d.get(FINAL, 0.0) or 1e-9
    first = result["first"]
    created, read = first["created"], first["read"]
    write_s = first["write_seconds"] or 1e-9
    baseline = result["baseline"]["per_second"]
    read_rate = read_rows / scan_s
    write_rate = created / write_s
    rerun_rate = result["second"]["read"] / result["rerun_s"]
    target_write = TARGETS[f"write_{vendor}"]
    if BOTH_INDEXES in d:
        indexes = f"{d[BOTH_INDEXES]:.1f} s (table indexes and search index at the same time)"
    else:
        indexes = (
            f"{d.get(TABLE_INDEXES, 0.0):.1f} s table indexes, then "
            f"{d.get(SEARCH_INDEX, 0.0):.1f} s search index"
        )
    rerun_phases = ", ".join(
        f"{phase} {seconds:.1f} s" for phase, seconds in result["rerun_durations"].items()
    )
    lines = [
        f"{name}",
        f"  referential loaded in {result['referential_s']:.1f} s",
        f"  read+filter establishments : {read_rate:>10,.0f} rows/s  "
        f"({read_rows:,} rows, {scan_s:.1f} s; target ≥ {TARGETS['read']:,})",
        f"  read legal units           : {units_rows / units_s:>10,.0f} rows/s  "
        f"({units_rows:,} rows, {units_s:.1f} s)",
        f"  known actors read          : {d.get(KNOWN, 0.0):>10.1f} s",
        f"  final pass (map+write)     : {created / final_s:>10,.0f} actors/s "
        f"({created:,} actors, {read:,} rows, {final_s:.1f} s)",
        f"  database writes (batches)  : {write_rate:>10,.0f} actors/s "
        f"({write_s:.1f} s in the batch transactions: matching, actors, themes, registry "
        f"records, checkpoints; target ≥ {target_write:,})",
        f"  indexes after the load     : {indexes}",
        f"  whole load                 : {result['total_s']:>10.1f} s "
        f"({created / result['total_s']:,.0f} actors/s end to end)",
        f"  unchanged re-run           : {rerun_rate:>10,.0f} rows/s "
        f"({result['rerun_s']:.1f} s: {rerun_phases}; created "
        f"{result['second']['created']}, updated {result['second']['updated']}; "
        f"target ≥ {TARGETS['unchanged']:,})",
        f"  naive per-row save()       : {baseline:>10,.0f} actors/s "
        f"({result['baseline']['rows']:,} rows, same process)",
        f"  ratio bulk / naive         : {write_rate / baseline:>10.1f} × (database writes), "
        f"{created / final_s / baseline:.1f} × (final pass), "
        f"{created / result['total_s'] / baseline:.1f} × (whole load)",
        f"  peak memory                : {result['peak_mb']:>10.0f} MB "
        f"(target < {TARGETS['memory_mb']})",
    ]
    table = [
        f"| {name} | read+filter | {read_rate:,.0f} rows/s | ≥ {TARGETS['read']:,} | "
        f"{_verdict(read_rate >= TARGETS['read'])} |",
        f"| {name} | database writes | {write_rate:,.0f} actors/s | ≥ {target_write:,} | "
        f"{_verdict(write_rate >= target_write)} |",
        f"| {name} | unchanged re-run | {rerun_rate:,.0f} rows/s | ≥ {TARGETS['unchanged']:,} | "
        f"{_verdict(rerun_rate >= TARGETS['unchanged'])} |",
        f"| {name} | peak memory | {result['peak_mb']:,.0f} MB | < {TARGETS['memory_mb']} | "
        f"{_verdict(result['peak_mb'] < TARGETS['memory_mb'])} |",
        f"| {name} | naive save() baseline | {baseline:,.0f} actors/s | | "
        f"writes {write_rate / baseline:.0f} × faster |",
    ]
    load_target = TARGETS["load_postgresql_s"]
    if vendor == "postgresql" and rows >= 1_000_000:
        table.append(
            f"| {name} | {rows:,}-row load | {result['total_s']:.1f} s | ≤ {load_target} s | "
            f"{_verdict(result['total_s'] <= load_target)} |"
        )
    else:
        table.append(f"| {name} | {rows:,}-row load | {result['total_s']:.1f} s | | |")
    return lines, table


def _reusable_files(directory: Path, rows: int) -> dict[str, Path] | None:
    """The files a previous run built in ``--workdir`` for the same number of rows."""
    files = {
        "unites_legales": directory / "StockUniteLegale_utf8.csv",
        "etablissements": directory / "StockEtablissement_utf8.csv",
    }
    marker = directory / "rows.txt"
    complete = all(p.exists() for p in files.values()) and marker.exists()
    if complete and marker.read_text().strip() == str(rows):
        return files
    return None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Prints, per database, the figures of the first load, of an unchanged re-run "
        "and of the naive baseline, their ratio, and a table against the issue's targets.",
    )
    parser.add_argument(
        "--rows",
        type=int,
        default=1_000_000,
        help="establishments in the generated stock file (default: %(default)s; the "
        "PostgreSQL 60 s target applies to 1 000 000)",
    )
    parser.add_argument(
        "--baseline-rows",
        type=int,
        default=5_000,
        help="establishments imported by the naive per-row save() baseline, in the same "
        "process after the bulk import (default: %(default)s)",
    )
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql",
        help="comma-separated list among sqlite, postgresql (default: %(default)s)",
    )
    parser.add_argument(
        "--pg-url",
        default=DEFAULT_PG_URL,
        help="PostgreSQL database to DROP, create, use and drop again; its name must start "
        f"with {' or '.join(PG_PREFIXES)} (default: %(default)s)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep the generated files (and the SQLite database) here, and reuse files "
        "built earlier for the same --rows (default: a temporary directory)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--units", help=argparse.SUPPRESS)
    parser.add_argument("--estabs", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(ROOT / "src"))
        worker(args)
        return
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    pg_name = args.pg_url.rsplit("/", 1)[-1]
    if "postgresql" in databases and not pg_name.startswith(PG_PREFIXES):
        parser.error("the PostgreSQL database name must start with " + " or ".join(PG_PREFIXES))
    with tempfile.TemporaryDirectory(prefix="maillage-bench-") as temporary:
        directory = args.workdir or Path(temporary)
        directory.mkdir(parents=True, exist_ok=True)
        files = _reusable_files(directory, args.rows) if args.workdir else None
        if files is None:
            print(f"Building SIRENE files ({args.rows:,} establishments)…", flush=True)
            files = build_files(directory, args.rows)
            (directory / "rows.txt").write_text(str(args.rows))
        else:
            print(f"Reusing the SIRENE files of {directory} ({args.rows:,} rows)", flush=True)
        report: list[str] = []
        table = ["| database | figure | measured | target | |", "|---|---|---|---|---|"]
        for database in databases:
            print(f"Importing on {database}…", flush=True)
            if database == "sqlite":
                url = f"sqlite:///{directory / 'bench.sqlite3'}"
                (directory / "bench.sqlite3").unlink(missing_ok=True)
                result = _run_worker(url, files, args)
            else:
                _pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{pg_name}"')
                _pg_admin(args.pg_url, f'CREATE DATABASE "{pg_name}"')
                try:
                    result = _run_worker(args.pg_url, files, args)
                finally:
                    _pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{pg_name}"')
            lines, rows = _report(database, result, args.rows)
            report += lines
            table += rows
            print("\n".join(lines), flush=True)
        print("\nSummary\n" + "\n".join(report) + "\n\n" + "\n".join(table))


if __name__ == "__main__":
    main()
