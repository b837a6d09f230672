"""Import organisations from the INSEE SIRENE stock files (data-standards.md §1).

Contract:
- MUST stream: the establishments file is read twice (1: which legal units and SIRETs are
  needed; 3: map and write), the legal units file once keeping only the needed units, the
  geolocation file once keeping only the needed points; memory is bounded by the number of
  kept establishments (and spills to disk past ``stores.DEFAULT_MEMORY_LIMIT``);
- MUST read columns by name and every value as text; ``[ND]`` and "" are null; a file
  without the required columns (a zip holding the wrong file) is unusable: exit status 2,
  nothing written;
- keeps active establishments (``etatAdministratifEtablissement = A``) seated in the chosen
  territories; closed establishments and ceased legal units close the actor they match and
  never create one; nothing is deleted;
- privacy: natural persons (legal category 1000) are left out unless
  ``include_individuals``; a natural person whose diffusion is partial (``P``) is left out
  even then (its name and address may not be published, and an actor without a name is of
  no use); for any other partially diffusible unit the address and the position are
  dropped, never geocoded;
- every imported record keeps its source (``sirene``) and the file's date.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import re
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from maillage.actors.bulk import (
    SIRET_ABSENT,
    SIRET_CLOSED,
    ActorRecord,
    KnownSirets,
    actors_known_sirets,
    actors_unchanged,
    closed_values,
    hash_key,
)
from maillage.actors.enums import ActorStatus, Source
from maillage.actors.models import Actor, Kind
from maillage.core.commands import UsageError
from maillage.core.siret import LA_POSTE_SIREN, is_valid_rna, is_valid_siret
from maillage.importers.batches import RowInfo, batch_write
from maillage.importers.enums import ImportKind
from maillage.importers.geo import (
    CommuneIndex,
    departement_of,
    departements_selection,
    lambert_points_to_wgs84,
    wgs84,
)
from maillage.importers.merging import NameCandidates
from maillage.importers.readers import Table, UnusableFileError, csv_table
from maillage.importers.runs import (
    BATCH_SIZE,
    BatchHook,
    ImportSummary,
    Progress,
    Run,
    collector_tuned,
    file_date,
)
from maillage.importers.stores import DEFAULT_MEMORY_LIMIT, KeyedStore, Spool
from maillage.importers.vocabularies import (
    NO_NAF,
    STREET_TYPES,
    company_size,
    headcount,
    legal_categories,
    legal_category,
    naf_mapping,
    vocabularies_digest,
)

MAPPING_VERSION = "sirene-1"
# Above this many kept establishments, the search index is rebuilt once at the end rather
# than refreshed batch by batch.
BIG_LOAD = 20_000
# A load adding at least this many actors, and at least as many as the table holds, drops
# the actor table's secondary indexes while it writes (actors.bulk.bulk_load_prepare).
BULK_LOAD_MIN = 100_000
# Up to this many actors holding a SIRET, their SIRETs and row hashes are read once at the
# start (16 bytes each): unchanged rows, closures of unknown establishments and of closed
# actors are then settled before any mapping or query. Beyond, batch by batch queries.
KNOWN_SIRETS_LIMIT = 8_000_000
# Rows settled without a write still get a checkpoint (and the progress hook) this often.
CHECKPOINT_ROWS = 50_000
PROGRESS_ROWS = 20_000
NATURAL_PERSON = "1000"
PHASE_SCAN = "repérage des établissements"
PHASE_UNITS = "unités légales"
PHASE_GEO = "géolocalisation"
PHASE_KNOWN = "acteurs déjà connus"
PHASE_IMPORT = "établissements"

UL_REQUIRED = ("siren", "categorieJuridiqueUniteLegale", "etatAdministratifUniteLegale")
UL_COLUMNS = (
    "statutDiffusionUniteLegale",
    "categorieJuridiqueUniteLegale",
    "etatAdministratifUniteLegale",
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "sigleUniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "prenomUsuelUniteLegale",
    "prenom1UniteLegale",
    "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale",
    "categorieEntreprise",
    "economieSocialeSolidaireUniteLegale",
    "societeMissionUniteLegale",
    "nicSiegeUniteLegale",
    "dateDebut",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "activitePrincipaleNAF25UniteLegale",
    "dateCreationUniteLegale",
)
(
    U_DIFFUSION,
    U_CATEGORY,
    U_STATE,
    U_DENOMINATION,
    U_USUAL1,
    U_ACRONYM,
    U_LAST_NAME,
    U_USED_NAME,
    U_USUAL_FIRST_NAME,
    U_FIRST_NAME,
    U_RNA,
    U_BRACKET,
    U_SIZE_CATEGORY,
    U_ESS,
    U_MISSION,
    U_SEAT_NIC,
    U_SINCE,
    U_NAF,
    U_NAF_NOMENCLATURE,
    U_NAF25,
    U_CREATED,
) = range(len(UL_COLUMNS))

ETAB_REQUIRED = ("siret", "codeCommuneEtablissement", "etatAdministratifEtablissement")
ETAB_COLUMNS = (
    "siret",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "trancheEffectifsEtablissement",
    "etablissementSiege",
    "complementAdresseEtablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "codeCommuneEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "dateDebut",
    "etatAdministratifEtablissement",
    "enseigne1Etablissement",
    "denominationUsuelleEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "activitePrincipaleNAF25Etablissement",
)
(
    E_SIRET,
    E_DIFFUSION,
    E_CREATED,
    E_BRACKET,
    E_SEAT,
    E_COMPLEMENT,
    E_NUMBER,
    E_REPEAT,
    E_STREET_TYPE,
    E_STREET,
    E_POSTAL_CODE,
    E_COMMUNE,
    E_LAMBERT_X,
    E_LAMBERT_Y,
    E_SINCE,
    E_STATE,
    E_SIGN,
    E_USUAL_NAME,
    E_NAF,
    E_NAF_NOMENCLATURE,
    E_NAF25,
) = range(len(ETAB_COLUMNS))

# (line, SIRET, active, current commune, what the known SIRETs say or None, the values
# joined by \x1f, the values when they cannot be split from it)
_Row = tuple[int, str, bool, str, int | None, str, list[str] | None]
# (line, values, commune, unit text, unit fields, geolocation text, row hash, joined values,
# what the known SIRETs say or None)
_Candidate = tuple[int, Sequence[str], str, str, list[str], str, str, str, int | None]

GEO_REQUIRED = ("siret", "x_longitude", "y_latitude")
GEO_COLUMNS = ("siret", "x_longitude", "y_latitude", "qualite_xy", "plg_qp24")
WORST_GEO_QUALITY = "33"  # placed at random inside the commune


def _null(value: str) -> str:
    value = value.strip()
    return "" if value == "[ND]" else value


_PADDED = re.compile(r"[^\S\x1f]\x1f|\x1f[^\S\x1f]|^\s|\s$").search


def _needs_cleaning(text: str) -> bool:
    """Whether values joined by ``\\x1f`` hold a masked value ("[ND]") or a padded one:
    their fields are then cleaned before mapping. Most rows hold neither and are mapped
    as read: plain substring tests settle them, the pattern runs on the rare others."""
    return (
        "[ND]" in text
        or " \x1f" in text
        or "\x1f " in text
        or text[:1] == " "
        or text[-1:] == " "
        or (
            ("\t" in text or "\n" in text or "\r" in text or not text.isascii())
            and _PADDED(text) is not None
        )
    )


def _one_line(text: str) -> str:
    return text.replace("\n", " ").replace("\r", " ")


def _date(value: str) -> dt.date | None:
    value = value.strip()[:10]
    if len(value) != 10 or value == "0001-01-01":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


@dataclass
class SireneOptions:
    departements: Sequence[str] = ()
    regions: Sequence[str] = ()
    ess_only: bool = False
    include_individuals: bool = False


class _Rejects:
    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary

    def __call__(self, file: str, line: int, field: str, message: str) -> None:
        self.summary.reject(file=file, line=line, field=field, message=message)


_DOUBLED = bytes.maketrans(b"0123456789", bytes((0, 2, 4, 6, 8, 1, 3, 5, 7, 9)))


def siret_ok(value: str) -> bool:
    """``core.siret.is_valid_siret``, several times faster (it runs on every row): the
    Luhn sum over the ASCII codes, the doubled digits mapped by ``bytes.translate``."""
    if len(value) != 14 or not value.isdigit() or not value.isascii():
        return False
    if value.startswith(LA_POSTE_SIREN):
        return is_valid_siret(value)
    raw = value.encode()
    return (sum(raw[1::2]) - 7 * 48 + sum(raw[0::2].translate(_DOUBLED))) % 10 == 0


class SireneImport:
    """One run of the SIRENE import (see the module contract)."""

    def __init__(
        self,
        *,
        unites_legales: Path,
        etablissements: Path,
        geolocalisation: Path | None,
        options: SireneOptions,
        on_progress: Progress | None,
        on_batch: BatchHook | None,
        batch_size: int,
        memory_limit: int,
    ) -> None:
        self.paths = {"unites_legales": unites_legales, "etablissements": etablissements}
        if geolocalisation is not None:
            self.paths["geolocalisation"] = geolocalisation
        self.options = options
        self.on_progress, self.on_batch = on_progress, on_batch
        self.batch_size, self.memory_limit = batch_size, memory_limit
        self._tables: list[Generator[Table, None, None]] = []
        self.run: Run
        self.legal_units: KeyedStore
        self.geolocation: KeyedStore | None = None
        self.candidates: NameCandidates
        self.active_kept = 0
        self.scanned = self.file_size = 0
        self.duplicated: set[int] = set()
        self.known: KnownSirets | None = None
        self.bulk_load_decided = True
        self.file_name = ""

    # ------------------------------------------------------------------ set-up

    def _prepare(self) -> None:
        for role, path in self.paths.items():
            if not path.exists():
                raise UnusableFileError(
                    _("%(file)s : fichier introuvable (%(role)s).") % {"file": path, "role": role}
                )
        self.communes = CommuneIndex.load()
        if not self.communes:
            raise UsageError(
                _(
                    "Le référentiel territorial n'est pas chargé : lancez d'abord "
                    "« maillage import_territories »."
                )
            )
        self.selection = departements_selection(
            departements=self.options.departements, regions=self.options.regions
        )
        self.code_departement = {
            code: self.communes.departement[commune]
            for code, commune in self.communes.resolve_map.items()
        }
        self.kind_sphere = dict(Kind.objects.values_list("code", "default_sphere"))
        legal_categories()  # read the vocabularies before any file
        self.config = (
            f"{MAPPING_VERSION}|{vocabularies_digest()}|{int(self.options.include_individuals)}"
        )
        self.source_date = file_date(self.paths["etablissements"])
        self._check_files()

    def _open(
        self, role: str, required: Sequence[str], what: str, delimiter: str | None = None
    ) -> Table:
        tables = csv_table(self.paths[role], delimiter=delimiter)
        self._tables.append(tables)
        table = next(tables)
        table.require(required, what=what)
        return table

    def _check_files(self) -> None:
        """Every file's header, before anything is written: a wrong file is exit 2."""
        for role, (required, what, delimiter) in self._FILES.items():
            if role in self.paths:
                self._open(role, required, _(what), delimiter)
        for tables in self._tables:
            tables.close()
        self._tables = []

    _FILES = {
        "etablissements": (
            ETAB_REQUIRED,
            "le stock des établissements SIRENE (StockEtablissement)",
            None,
        ),
        "unites_legales": (
            UL_REQUIRED,
            "le stock des unités légales SIRENE (StockUniteLegale)",
            None,
        ),
        "geolocalisation": (
            GEO_REQUIRED,
            "le fichier de géolocalisation des établissements SIRENE",
            ";",
        ),
    }

    # ------------------------------------------------------------------ passes

    def _in_territory(self, code: str) -> tuple[str | None, bool]:
        """(current commune, inside the selection). An unknown code is (None, True) when
        its prefix is inside the selection, so that the row is rejected, not ignored."""
        commune = self.communes.resolve_map.get(code)
        if commune is None:
            return None, (not self.selection) or departement_of(code) in self.selection
        if not self.selection:
            return commune, True
        return commune, self.code_departement[code] in self.selection

    def _scan(self, spool: Spool) -> tuple[set[int], set[int]]:
        """Pass 1: classify every establishment row and spool what the last pass needs
        (``_import`` reads the spool, not the file); gather the SIRENs (and SIRETs) of the
        active establishments to import, and the SIRETs that may be found on more than one
        row (``self.duplicated``: exactly those in a file in SIRET order, as published;
        otherwise also those out of order).

        Spool entries: ``S<n>`` n rows skipped (abroad, another territory, closed under
        a vanished commune code); ``A<line>␞<commune>␞<values joined by ␟>`` an active
        establishment to import, ``C…`` a closed one (``J`` + JSON when a value holds a
        line break or a separator);
        ``U<line>␞<code>`` an unknown commune code; ``E<line>␞<message>`` an unreadable
        record."""
        table = self._open(
            "etablissements",
            ETAB_REQUIRED,
            _("le stock des établissements SIRENE (StockEtablissement)"),
        )
        self.file_name = table.name
        extract = table.extractor(ETAB_COLUMNS)
        commune_at = table.index["codeCommuneEtablissement"]
        state_at = table.index["etatAdministratifEtablissement"]
        write = spool.writer()
        sirens: set[int] = set()
        sirets: set[int] = set()
        highest = -1
        duplicated: set[int] = set()
        want_sirets = "geolocalisation" in self.paths
        # Raw commune field → its current commune, False (not to import: abroad, another
        # territory) or None (an unknown code inside the selection).
        territory: dict[str, str | bool | None] = {}
        rows = active_kept = skipped = 0
        separators = len(ETAB_COLUMNS) - 1
        self.run.progress(PHASE_SCAN, 0, 0, table.size, force=True)
        for record in table.records:
            rows += 1
            if rows % 50_000 == 0:
                self.run.progress(PHASE_SCAN, rows, table.stats.bytes_read, table.size)
            if record.error:
                if skipped:
                    write(f"S{skipped}\n")
                    skipped = 0
                write(f"E{record.line}\x1e{_one_line(record.error)}\n")
                continue
            fields = record.fields
            raw_code = fields[commune_at]
            commune = territory.get(raw_code, "")
            if commune == "":
                code = raw_code.strip()
                current, inside = self._in_territory(code)
                commune = territory[raw_code] = current if code and inside else False
            active = fields[state_at] == "A"
            if commune is False or (commune is None and not active):
                skipped += 1  # abroad, another territory, closed under a vanished code
                continue
            if skipped:
                write(f"S{skipped}\n")
                skipped = 0
            if commune is None or commune is True:
                write(f"U{record.line}\x1e{_one_line(raw_code.strip())}\n")
                continue
            values = extract(fields)
            joined = "\x1f".join(values)
            if "\n" in joined or "\x1e" in joined or joined.count("\x1f") != separators:
                write("J" + json.dumps([record.line, commune, list(values)]) + "\n")
            elif active:  # A (active) or C (closed): the last pass splits the values of
                write(f"A{record.line}\x1e{commune}\x1e{joined}\n")  # the rows it maps only
            else:
                write(f"C{record.line}\x1e{commune}\x1e{joined}\n")
            siret = values[E_SIRET]
            if len(siret) != 14 or not siret.isascii() or not siret.isdigit():
                continue
            key = int(siret)
            if key > highest:  # a stock file is in SIRET order: no key seen before
                highest = key
            else:  # a repeated SIRET, or one out of order (maybe repeated): no shortcut
                duplicated.add(key)
            if active:
                active_kept += 1
                sirens.add(key // 100_000)
                if want_sirets:
                    sirets.add(key)
        if skipped:
            write(f"S{skipped}\n")
        self.run.progress(PHASE_SCAN, rows, table.stats.bytes_read, table.size, force=True)
        self.run.summary.details["establishments_scanned"] = rows
        self.scanned, self.file_size = rows, table.size
        self.active_kept = active_kept
        self.duplicated = duplicated
        return sirens, sirets

    def _load_legal_units(self, sirens: set[int]) -> KeyedStore:
        """Pass 2: the needed legal units, as compact text records."""
        table = self._open(
            "unites_legales",
            UL_REQUIRED,
            _("le stock des unités légales SIRENE (StockUniteLegale)"),
        )
        store = KeyedStore(memory_limit=self.memory_limit)
        siren_at = table.index["siren"]
        extract = table.extractor(UL_COLUMNS)
        rows = 0
        self.run.progress(PHASE_UNITS, 0, 0, table.size, force=True)
        for record in table.records:
            rows += 1
            if record.error:
                continue
            siren = record.fields[siren_at]
            key = int(siren) if siren.isdigit() else -1
            if key in sirens:
                store.put(key, "\x1f".join(extract(record.fields)))
            if rows % 50_000 == 0:
                self.run.progress(PHASE_UNITS, rows, table.stats.bytes_read, table.size)
        self.run.progress(PHASE_UNITS, rows, table.stats.bytes_read, table.size, force=True)
        self.run.summary.details["legal_units_read"] = rows
        self.run.summary.details["legal_units_kept"] = store.count
        return store

    def _load_geolocation(self, sirets: set[int]) -> KeyedStore | None:
        if "geolocalisation" not in self.paths:
            return None
        table = self._open(
            "geolocalisation",
            GEO_REQUIRED,
            _("le fichier de géolocalisation des établissements SIRENE"),
            delimiter=";",
        )
        store = KeyedStore(memory_limit=self.memory_limit)
        siret_at = table.index["siret"]
        extract = table.extractor(GEO_COLUMNS)
        rows = 0
        self.run.progress(PHASE_GEO, 0, 0, table.size, force=True)
        for record in table.records:
            rows += 1
            if record.error:
                continue
            siret = record.fields[siret_at]
            key = int(siret) if siret.isdigit() else -1
            if key in sirets:
                values = extract(record.fields)
                if values[3] == WORST_GEO_QUALITY:
                    continue  # a random point in the commune: worse than none
                store.put(key, "\x1f".join(values[1:]))
            if rows % 50_000 == 0:
                self.run.progress(PHASE_GEO, rows, table.stats.bytes_read, table.size)
        self.run.progress(PHASE_GEO, rows, table.stats.bytes_read, table.size, force=True)
        self.run.summary.details["geolocation_read"] = rows
        self.run.summary.details["geolocation_kept"] = store.count
        return store

    # ------------------------------------------------------------------ run

    def execute(self) -> ImportSummary:
        with collector_tuned():
            return self._execute()

    def _execute(self) -> ImportSummary:
        self._tables = []
        self._prepare()
        options = {
            "departements": sorted(self.selection),
            "ess_only": self.options.ess_only,
            "include_individuals": self.options.include_individuals,
        }
        self.run = Run(
            kind=ImportKind.SIRENE,
            files=list(self.paths.items()),
            options=options,
            data_date=self.source_date,
            on_progress=self.on_progress,
            on_batch=self.on_batch,
        )
        stores: list[KeyedStore] = []
        spool = Spool()
        try:
            sirens, sirets = self._scan(spool)
            if self.active_kept > BIG_LOAD:
                self.run.defer_index()
            self.bulk_load_decided = self.active_kept < BULK_LOAD_MIN
            self.legal_units = self._load_legal_units(sirens)
            stores.append(self.legal_units)
            del sirens
            self.geolocation = self._load_geolocation(sirets)
            if self.geolocation is not None:
                stores.append(self.geolocation)
            del sirets
            self.candidates = NameCandidates.from_queryset(self._candidate_actors())
            self.run.progress(PHASE_KNOWN, 0, 0, 0, force=True)
            self.known = actors_known_sirets(source=Source.SIRENE, limit=KNOWN_SIRETS_LIMIT)
            gc.freeze()  # the lookup tables above live until the end (collector_tuned)
            self._import(spool)
            self.run.finish_index()
            return self.run.finish()
        except BaseException:
            self.run.fail()
            raise
        finally:
            spool.close()
            for store in stores:
                store.close()
            for tables in self._tables:
                tables.close()

    def _candidate_actors(self) -> Any:
        queryset = Actor.objects.filter(siren="")
        if self.selection:
            queryset = queryset.filter(departement_id__in=sorted(self.selection))
        return queryset

    def _import(self, spool: Spool) -> None:
        """Pass 3: every establishment row, from the spool, settled as early as possible
        — skipped, rejected, or (``self.known``) nothing to close, already closed,
        unchanged (its row hash computed here when its legal unit is in memory) — the
        others mapped and written in batches. The hot loop keeps its counters in locals,
        handed to the summary before each batch (``sync``)."""
        summary = self.run.summary
        reject = _Rejects(summary)
        file_name = self.file_name
        run = self.run
        already_done = run.already_done
        known, duplicated = self.known, self.duplicated
        config = self.config
        blake2b = hashlib.blake2b
        # Unchanged rows settled in this loop: the units (and points) must be at hand, and
        # --ess-only needs the unit's fields looked at first (``_flush`` does).
        units = self.legal_units.memory if not self.options.ess_only else None
        points: dict[int, str] = {}
        if self.geolocation is not None:
            in_memory = self.geolocation.memory
            if in_memory is None:
                units = None
            else:
                points = in_memory
        batch: list[_Row] = []
        read = skipped = unchanged = since_flush = 0
        next_progress = PROGRESS_ROWS
        total, size = max(self.scanned, 1), self.file_size

        def sync() -> None:
            nonlocal read, skipped, unchanged
            summary.read += read
            summary.skipped += skipped
            summary.unchanged += unchanged
            read = skipped = unchanged = 0

        self.run.progress(PHASE_IMPORT, 0, 0, size, force=True)
        for entry in spool:
            tag = entry[0]
            if tag == "S":
                fresh = run.advance(int(entry[1:]))
                read += fresh
                skipped += fresh
                since_flush += fresh
            elif already_done():
                continue
            elif tag == "A" or tag == "C" or tag == "J":
                read += 1
                since_flush += 1
                values: list[str] | None = None
                if tag == "J":
                    line, commune, values = json.loads(entry[1:])
                    joined = "\x1f".join(values)
                    siret, active = values[E_SIRET], values[E_STATE] == "A"
                else:
                    line_text, commune, joined = entry[1:].split("\x1e")
                    line, active = int(line_text), tag == "A"
                    siret = joined[: joined.find("\x1f")]
                state = None  # what the known SIRETs say of it (None: not looked up)
                if known is not None and len(siret) == 14 and siret.isascii() and siret.isdigit():
                    key = int(siret)
                    if key not in duplicated:
                        state = known.get(key)
                        if active and state > 0 and units is not None:
                            unit_text = units.get(key // 100_000)
                            if unit_text is not None:
                                digest = blake2b(
                                    "\x1e".join(
                                        (config, joined, unit_text, points.get(key, ""), commune)
                                    ).encode(),
                                    digest_size=16,
                                ).digest()
                                if int.from_bytes(digest[:8]) >> 4 == state:
                                    unchanged += 1
                                    continue
                if (state is None or state == SIRET_ABSENT) and not siret_ok(siret):
                    reject(
                        file_name,
                        line,
                        "siret",
                        _("SIRET invalide (14 chiffres, clé de contrôle) : %(value)s.")
                        % {"value": siret},
                    )
                elif not active and state == SIRET_ABSENT:
                    skipped += 1  # closed, and no actor to close
                elif not active and state == SIRET_CLOSED:
                    unchanged += 1  # its actor is closed already
                else:
                    batch.append((line, siret, active, commune, state, joined, values))
            elif tag == "U":
                read += 1
                since_flush += 1
                line_text, code = entry[1:].split("\x1e", 1)
                reject(
                    file_name,
                    int(line_text),
                    "codeCommuneEtablissement",
                    _("Code commune inconnu du référentiel : %(code)s.") % {"code": code},
                )
            else:  # "E": an unreadable record
                read += 1
                since_flush += 1
                line_text, message = entry[1:].split("\x1e", 1)
                reject(file_name, int(line_text), "", message)
            if len(batch) >= self.batch_size or since_flush >= CHECKPOINT_ROWS:
                sync()
                self._flush(batch)
                batch = []
                since_flush = 0
            if run.position >= next_progress:
                next_progress = run.position + PROGRESS_ROWS
                sync()
                done = size * run.position // total
                self.run.progress(PHASE_IMPORT, summary.read, done, size)
        sync()
        self._flush(batch)
        self.run.progress(PHASE_IMPORT, summary.read, size, size, force=True)

    # ------------------------------------------------------------------ batches

    def _closing(self, line: int, siret: str, since: dt.date | None) -> ActorRecord:
        return ActorRecord(
            values=closed_values(since),
            siret=siret,
            close_only=True,
            payload=RowInfo(self.file_name, line),
        )

    def _flush(self, batch: list[_Row]) -> None:
        """Settle, map and write one batch (one transaction with the run's checkpoint)."""
        summary = self.run.summary
        legal_units = self.legal_units.get_many(int(row[1][:9]) for row in batch if row[2])
        geolocation = (
            self.geolocation.get_many(int(row[1]) for row in batch if row[2])
            if self.geolocation is not None
            else {}
        )
        include_individuals, ess_only = self.options.include_individuals, self.options.ess_only
        config = self.config
        closing: list[ActorRecord] = []
        to_map: list[_Candidate] = []
        to_check: list[_Candidate] = []  # not settled by the known SIRETs: ask the database
        for line, siret, active, commune, state, joined, given in batch:
            if not active:
                values = given or joined.split("\x1f")  # only J rows come split
                closing.append(self._closing(line, siret, _date(values[E_SINCE])))
                continue
            unit_text = legal_units.get(int(siret[:9]))
            if unit_text is None:
                summary.reject(
                    file=self.file_name,
                    line=line,
                    field="siren",
                    message=_(
                        "Unité légale %(siren)s absente du fichier des unités "
                        "légales (fichiers de mois différents ?)."
                    )
                    % {"siren": siret[:9]},
                )
                continue
            unit = unit_text.split("\x1f")
            category = unit[U_CATEGORY]
            if category == NATURAL_PERSON and (
                not include_individuals
                or "P" in (unit[U_DIFFUSION], (given or joined.split("\x1f"))[E_DIFFUSION])
            ):
                summary.skipped += 1  # left out, or a person who asked not to be published
                continue
            if ess_only and not (unit[U_ESS] == "O" or legal_category(category).ess_by_status):
                summary.skipped += 1
                continue
            if unit[U_STATE] == "C":
                if state == SIRET_ABSENT:
                    summary.skipped += 1
                elif state == SIRET_CLOSED:
                    summary.unchanged += 1
                else:
                    closing.append(self._closing(line, siret, _date(unit[U_SINCE])))
                continue
            geo_text = geolocation.get(int(siret), "")
            row_hash = hashlib.blake2b(
                "\x1e".join((config, joined, unit_text, geo_text, commune)).encode(),
                digest_size=16,
            ).hexdigest()
            if state is not None and state > 0 and state == hash_key(row_hash):
                summary.unchanged += 1
                continue
            values = given or joined.split("\x1f")
            candidate = (line, values, commune, unit_text, unit, geo_text, row_hash, joined, state)
            (to_check if state is None else to_map).append(candidate)
        if to_check:
            unchanged = actors_unchanged(keys=[(c[1][E_SIRET], "", c[6]) for c in to_check])
            summary.unchanged += len(unchanged)
            to_map += [c for position, c in enumerate(to_check) if position not in unchanged]
        records = closing + self._map_all(to_map)
        created_before = summary.created
        if records:
            batch_write(
                run=self.run,
                records=records,
                source=Source.SIRENE,
                source_date=self.source_date,
                refresh_index=True,
                candidates=self.candidates,
            )
        else:
            self.run.commit(lambda: None)
        if not self.bulk_load_decided and to_map:
            # A first load (nearly every row new) of many rows, at least as many as the
            # table holds: write without the secondary indexes, rebuilt at the end.
            self.bulk_load_decided = True
            new_share = (summary.created - created_before) / len(to_map)
            expected = self.active_kept * new_share
            if new_share > 0.8 and expected >= max(BULK_LOAD_MIN, Actor.objects.count() / 2):
                self.run.enter_bulk_load()

    def _map_all(self, candidates: list[_Candidate]) -> list[ActorRecord]:
        """Records of the candidates, their Lambert points projected all at once."""
        records: list[ActorRecord] = []
        lambert: list[tuple[str, str, str]] = []
        placed: list[dict[str, Any]] = []
        for line, values, commune, unit_text, unit, geo_text, row_hash, joined, state in candidates:
            if _needs_cleaning(joined):
                values = [_null(value) for value in values]
            if _needs_cleaning(unit_text):
                unit = [_null(value) for value in unit]
            mapped = self._map(line, values, commune, unit, geo_text, row_hash)
            if mapped is None:
                continue
            record, partial = mapped
            record.siret_unheld = state == SIRET_ABSENT
            records.append(record)
            if record.values["latitude"] is None and not partial:
                # No point from the geolocation file: the establishment's Lambert one.
                lambert.append((values[E_COMMUNE], values[E_LAMBERT_X], values[E_LAMBERT_Y]))
                placed.append(record.values)
        for record_values, point in zip(placed, lambert_points_to_wgs84(lambert), strict=True):
            if point is not None:
                record_values["longitude"], record_values["latitude"] = point
        return records

    def _map(
        self,
        line: int,
        values: Sequence[str],
        commune: str,
        unit: list[str],
        geo_text: str,
        row_hash: str,
    ) -> tuple[ActorRecord, bool] | None:
        """One row to its record, and whether its diffusion is partial (no address, no
        position); ``values`` and ``unit`` hold no ``[ND]`` nor padding. Without a point
        from the geolocation file, latitude and longitude stay None (``_map_all``
        projects the Lambert ones)."""
        summary = self.run.summary
        siret = values[E_SIRET]
        category = unit[U_CATEGORY]
        legal = legal_category(category)
        if category and not legal.code:
            summary.warn(
                file=self.file_name,
                line=line,
                field="categorieJuridiqueUniteLegale",
                message=_(
                    "Catégorie juridique %(code)s absente de la table : importée comme entreprise."
                )
                % {"code": category},
            )
        partial = "P" in (unit[U_DIFFUSION], values[E_DIFFUSION])
        name = self._name(values, unit, natural=category == NATURAL_PERSON)
        if not name:
            summary.reject(
                file=self.file_name,
                line=line,
                field="denominationUniteLegale",
                message=_("Aucun nom publiable pour cette unité."),
            )
            return None
        naf_code, nomenclature = values[E_NAF], values[E_NAF_NOMENCLATURE]
        if not naf_code:
            naf_code, nomenclature = unit[U_NAF], unit[U_NAF_NOMENCLATURE]
        naf = naf_mapping(naf_code) if nomenclature == "NAFRev2" else NO_NAF
        kind, subkind = legal.kind, legal.subkind
        if naf.kind:
            kind, subkind = naf.kind, naf.subkind
        is_seat = values[E_SEAT].lower() == "true"
        bracket = values[E_BRACKET] or (unit[U_BRACKET] if is_seat else "")
        rna = unit[U_RNA].upper() if is_seat else ""
        if rna and not is_valid_rna(rna):
            summary.warn(
                file=self.file_name,
                line=line,
                field="identifiantAssociationUniteLegale",
                message=_("Numéro RNA invalide ignoré : %(value)s.") % {"value": rna},
            )
            rna = ""
        longitude = latitude = None
        qpv = address = postal_code = ""
        if not partial:
            if geo_text:
                geo_lon, geo_lat, _quality, qpv = geo_text.split("\x1f")
                point = wgs84(commune, geo_lon, geo_lat)
                qpv = _null(qpv)
                if point is not None:
                    longitude, latitude = point
            address = self._address(values)
            postal_code = values[E_POSTAL_CODE][:5]
        acronym = unit[U_ACRONYM]
        record_values: dict[str, Any] = {
            "name": name[:250],
            "acronym": acronym[:50] if acronym and acronym.lower() != name.lower() else "",
            "kind_id": kind,
            "subkind_id": subkind or None,
            "sphere": self.kind_sphere.get(kind, "entreprises"),
            "is_ess": unit[U_ESS] == "O" or legal.ess_by_status,
            "company_size": company_size(
                kind=kind, bracket=unit[U_BRACKET], category=unit[U_SIZE_CATEGORY]
            ),
            "employees": headcount(bracket) if bracket else None,
            "is_mission_company": unit[U_MISSION] == "O",
            "seat_commune_id": commune,
            "address": address[:250],
            "postal_code": postal_code,
            "latitude": latitude,
            "longitude": longitude,
            "coordinates_approximate": False,
            "status": ActorStatus.ACTIVE,
            "closed_on": None,
            "created_on": _date(values[E_CREATED]),
        }
        facts = {
            "identifier": siret,
            "legal_category": category[:4],
            "naf_code": naf_code[:6],
            "naf_nomenclature": nomenclature[:8],
            "naf25_code": values[E_NAF25][:7] or unit[U_NAF25][:7],
            "headcount_bracket": bracket[:2],
            "qpv_code": qpv[:8],
            "social_object1": "",
            "social_object2": "",
        }
        record = ActorRecord(
            values=record_values,
            siret=siret,
            siren=siret[:9],
            rna=rna,
            is_seat=is_seat,
            relations={"themes": naf.themes},
            row_hash=row_hash,
            payload=RowInfo(self.file_name, line, facts=facts),
        )
        return record, partial

    @staticmethod
    def _name(values: Sequence[str], unit: Sequence[str], *, natural: bool) -> str:
        if natural:
            first = unit[U_USUAL_FIRST_NAME] or unit[U_FIRST_NAME]
            last = unit[U_USED_NAME] or unit[U_LAST_NAME]
            legal = " ".join(part for part in (first, last) if part)
        else:
            legal = unit[U_DENOMINATION] or unit[U_USUAL1] or unit[U_ACRONYM]
        local = values[E_USUAL_NAME] or values[E_SIGN]
        if local and legal and local.casefold() != legal.casefold():
            return f"{legal} – {local}"
        return legal or local

    @staticmethod
    def _address(values: Sequence[str]) -> str:
        street_type = values[E_STREET_TYPE]
        number = values[E_NUMBER] + values[E_REPEAT]
        line = " ".join(
            part
            for part in (number, STREET_TYPES.get(street_type, street_type), values[E_STREET])
            if part
        )
        complement = values[E_COMPLEMENT]
        if complement:
            return f"{complement}, {line}" if line else complement
        return line


def sirene_import(
    *,
    unites_legales: Path,
    etablissements: Path,
    geolocalisation: Path | None = None,
    departements: Sequence[str] = (),
    regions: Sequence[str] = (),
    ess_only: bool = False,
    include_individuals: bool = False,
    on_progress: Progress | None = None,
    on_batch: BatchHook | None = None,
    batch_size: int = BATCH_SIZE,
    memory_limit: int = DEFAULT_MEMORY_LIMIT,
) -> ImportSummary:
    """Import the SIRENE stock (see the module contract). Raises ``UsageError`` (exit 2,
    nothing written) when a file is unusable or the selection is unknown."""
    return SireneImport(
        unites_legales=Path(unites_legales),
        etablissements=Path(etablissements),
        geolocalisation=Path(geolocalisation) if geolocalisation else None,
        options=SireneOptions(
            departements=departements,
            regions=regions,
            ess_only=ess_only,
            include_individuals=include_individuals,
        ),
        on_progress=on_progress,
        on_batch=on_batch,
        batch_size=batch_size,
        memory_limit=memory_limit,
    ).execute()
