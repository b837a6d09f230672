"""Import associations from the Répertoire national des associations (data-standards.md §2).

Contract:
- reads both families of the ministry's files — ``rna_waldec`` (39 columns) and
  ``rna_import`` (23 columns) — as one CSV or a zip of per-département CSVs, ``;``
  separated, each file decoded as UTF-8 or, line by line, Windows-1252/Latin-1;
- MUST NEVER read, store or show the manager's address (``adrg_*``) nor ``dir_civilite``:
  only the columns listed in ``WALDEC_COLUMNS``/``IMPORT_COLUMNS`` are ever extracted;
- the seat commune comes from ``adrs_codeinsee`` (municipal districts → their commune),
  else from the postal code and the commune's name (``rna_import`` has no INSEE code);
  a seat that cannot be placed is rejected with its line;
- ``0001-01-01`` is no date; a dissolved (``position`` D or S, or a dissolution date)
  association closes its actor and never creates one;
- social-object codes give themes through the shipped JOAFE mapping (``050000`` gives way
  to the second code; ``000000`` is none);
- a SIRET is kept only when its checksum is valid, a website only when it is a URL (the
  row is imported either way, with a warning).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils.translation import gettext as _

from maillage.actors.bulk import ActorRecord, actors_unchanged, closed_values
from maillage.actors.enums import ActorStatus, Source
from maillage.actors.models import Actor
from maillage.core.commands import UsageError
from maillage.core.siret import is_valid_rna, is_valid_siret
from maillage.importers.batches import RowInfo, batch_write
from maillage.importers.enums import ImportKind
from maillage.importers.geo import CommuneIndex, departement_of, departements_selection
from maillage.importers.merging import NameCandidates
from maillage.importers.readers import Table, csv_tables
from maillage.importers.runs import (
    BATCH_SIZE,
    BatchHook,
    ImportSummary,
    Progress,
    Run,
    collector_tuned,
    file_date,
)
from maillage.importers.vocabularies import (
    STREET_TYPES,
    social_object_code,
    social_object_themes,
    vocabularies_digest,
)

MAPPING_VERSION = "rna-1"
BIG_FILE = 10_000_000  # bytes: above, the search index is refreshed once at the end
ROW_BYTES = 400  # about one RNA row, to estimate a file's rows from its size
BULK_LOAD_MIN = 100_000  # rows: see sirene.BULK_LOAD_MIN
WALDEC = "waldec"
IMPORT = "import"

# The only columns ever read (privacy: no adrg_*, no dir_civilite).
FIELDS = (
    "id",
    "siret",
    "rup_mi",
    "date_creat",
    "date_disso",
    "nature",
    "groupement",
    "titre",
    "titre_court",
    "objet",
    "objet_social1",
    "objet_social2",
    "address_1",
    "address_2",
    "address_3",
    "adrs_codeinsee",
    "adrs_codepostal",
    "city",
    "siteweb",
    "position",
)
(
    R_ID,
    R_SIRET,
    R_RUP,
    R_CREATED,
    R_DISSOLVED,
    R_NATURE,
    R_GROUPING,
    R_TITLE,
    R_SHORT,
    R_OBJECT,
    R_OS1,
    R_OS2,
    R_ADDRESS1,
    R_ADDRESS2,
    R_ADDRESS3,
    R_INSEE,
    R_POSTAL,
    R_CITY,
    R_WEBSITE,
    R_POSITION,
) = range(len(FIELDS))
WALDEC_COLUMNS = (
    "id",
    "siret",
    "rup_mi",
    "date_creat",
    "date_disso",
    "nature",
    "groupement",
    "titre",
    "titre_court",
    "objet",
    "objet_social1",
    "objet_social2",
    "adrs_complement",
    "adrs_street",
    "adrs_distrib",
    "adrs_codeinsee",
    "adrs_codepostal",
    "adrs_libcommune",
    "siteweb",
    "position",
)
WALDEC_STREET = ("adrs_numvoie", "adrs_repetition", "adrs_typevoie", "adrs_libvoie")
IMPORT_COLUMNS = (
    "id",
    "siret",
    "rup_mi",
    "date_creat",
    "",
    "nature",
    "groupement",
    "titre",
    "",
    "objet",
    "objet_social1",
    "objet_social2",
    "adr1",
    "adr2",
    "adr3",
    "",
    "adrs_codepostal",
    "libcom",
    "siteweb",
    "position",
)
REQUIRED = {
    WALDEC: (
        "id",
        "titre",
        "objet_social1",
        "adrs_codeinsee",
        "adrs_codepostal",
        "adrs_libcommune",
        "position",
    ),
    IMPORT: ("id", "titre", "objet_social1", "adrs_codepostal", "libcom"),
}
WHAT = {
    WALDEC: "un fichier rna_waldec du RNA (39 colonnes)",
    IMPORT: "un fichier rna_import du RNA (23 colonnes)",
}
DISSOLVED_POSITIONS = frozenset({"D", "S"})
_MEMBER_DEPARTEMENT = re.compile(r"dpt_?(\d{2,3}|2[AB])\b", re.IGNORECASE)
_URL = URLValidator(schemes=["http", "https"])


def _date(value: str) -> dt.date | None:
    value = value.strip()[:10]
    if len(value) != 10 or value.startswith("0001"):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _clean(value: str) -> str:
    """Strip the stray underscores the RNA leaves around address fields (``_97612``)."""
    return " ".join(value.replace("_", " ").split())


def _website(value: str) -> str | None:
    """The URL, "" when there is none, None when it is not a URL."""
    text = value.strip()
    if not text:
        return ""
    if "://" not in text:
        text = f"https://{text}"
    try:
        _URL(text)
    except ValidationError:
        return None
    return text[:200]


def _guess_departements(values: list[str]) -> set[str]:
    """The départements an unplaceable seat may be in, from its codes' prefixes."""
    insee = values[R_INSEE].strip().upper()
    if len(insee) == 5 and insee[:2].isalnum():
        return {departement_of(insee)}
    postal = values[R_POSTAL].strip()
    if len(postal) != 5 or not postal.isdigit():
        return set()
    if postal.startswith("20"):
        return {"2A", "2B"}
    return {departement_of(postal)}


class RnaImport:
    def __init__(
        self,
        *,
        path: Path,
        layout: str,
        departements: Sequence[str],
        on_progress: Progress | None,
        on_batch: BatchHook | None,
        batch_size: int,
    ) -> None:
        self.path, self.layout = path, layout
        self.departements = departements
        self.on_progress, self.on_batch = on_progress, on_batch
        self.batch_size = batch_size

    def _member_filter(self, name: str) -> bool:
        match = _MEMBER_DEPARTEMENT.search(name)
        if not match or not self.selection:
            return True
        code = match[1].upper()
        return code in self.selection or code.lstrip("0") in self.selection

    def execute(self) -> ImportSummary:
        with collector_tuned():
            return self._execute()

    def _execute(self) -> ImportSummary:
        self.communes = CommuneIndex.load()
        if not self.communes:
            raise UsageError(
                _(
                    "Le référentiel territorial n'est pas chargé : lancez d'abord "
                    "« maillage import_territories »."
                )
            )
        self.selection = departements_selection(departements=self.departements, regions=())
        self.config = f"{MAPPING_VERSION}|{vocabularies_digest()}"
        self.source_date = file_date(self.path)
        # Check every file's header before writing anything (exit 2 on a wrong file).
        for table in csv_tables(
            self.path, delimiter=";", member_filter=self._member_filter, single=False
        ):
            table.require(REQUIRED[self.layout], what=_(WHAT[self.layout]))
        self.run = Run(
            kind=ImportKind.RNA,
            files=[(self.layout, self.path)],
            options={"layout": self.layout, "departements": sorted(self.selection)},
            data_date=self.source_date,
            on_progress=self.on_progress,
            on_batch=self.on_batch,
        )
        try:
            size = self.path.stat().st_size
            if size > BIG_FILE:
                self.run.defer_index()
            if size // ROW_BYTES >= BULK_LOAD_MIN and size // ROW_BYTES >= Actor.objects.count():
                self.run.enter_bulk_load()
            self.candidates = NameCandidates.from_queryset(self._candidate_actors())
            gc.freeze()  # the lookup tables above live until the end (collector_tuned)
            encodings: dict[str, str] = {}
            for table in csv_tables(
                self.path, delimiter=";", member_filter=self._member_filter, single=False
            ):
                self._import_table(table)
                encodings[table.name] = table.stats.encoding
            self.run.summary.details["encodings"] = encodings
            self.run.finish_index()
            return self.run.finish()
        except BaseException:
            self.run.fail()
            raise

    def _candidate_actors(self) -> Any:
        queryset = Actor.objects.filter(rna="").filter(
            Q(siren="") | Q(kind_id__in=["association", "fondation", "siae", "reseau"])
        )
        if self.selection:
            queryset = queryset.filter(departement_id__in=sorted(self.selection))
        return queryset

    def _extractor(self, table: Table) -> Any:
        if self.layout == WALDEC:
            columns = WALDEC_COLUMNS
            street = table.positions(WALDEC_STREET)
        else:
            columns = IMPORT_COLUMNS
            street = []
        positions = [table.index.get(c) if c else None for c in columns]

        def extract(fields: list[str]) -> list[str]:
            values = [fields[p] if p is not None else "" for p in positions]
            if street:
                number, repeat, kind, name = (fields[p] if p is not None else "" for p in street)
                kind = STREET_TYPES.get(kind.strip().upper(), kind)
                values[R_ADDRESS2] = " ".join(
                    part for part in (number.strip() + repeat.strip(), kind, name) if part.strip()
                )
            return values

        return extract

    def _import_table(self, table: Table) -> None:
        summary = self.run.summary
        extract = self._extractor(table)
        batch: list[tuple[int, list[str]]] = []
        for record in table.records:
            if self.run.already_done():
                continue
            summary.read += 1
            if record.error:
                summary.reject(file=table.name, line=record.line, field="", message=record.error)
            else:
                batch.append((record.line, extract(record.fields)))
            if len(batch) >= self.batch_size:
                self._flush(table.name, batch)
                batch = []
            if summary.read % 20_000 == 0:
                self.run.progress(table.name, summary.read, table.stats.bytes_read, table.size)
        self._flush(table.name, batch)
        if table.stats.fallback_lines:
            summary.warn(
                file=table.name,
                line=1,
                field="",
                message=_("%(n)s ligne(s) lue(s) en Windows-1252 (fichier non UTF-8).")
                % {"n": table.stats.fallback_lines},
            )

    def _commune(self, values: list[str]) -> tuple[str | None, str]:
        """(commune code, field to blame when unknown)."""
        insee = values[R_INSEE].strip().upper()
        if insee:
            if insee.endswith(".0"):
                insee = insee[:-2]
            if insee.isdigit() and len(insee) == 4:
                insee = "0" + insee
            commune = self.communes.resolve(insee)
            if commune is not None:
                return commune, ""
        commune = self.communes.from_address(values[R_POSTAL], values[R_CITY])
        return commune, "adrs_codeinsee" if insee else "adrs_codepostal"

    def _flush(self, file_name: str, batch: list[tuple[int, list[str]]]) -> None:
        summary = self.run.summary
        pending: list[tuple[int, list[str], str, str]] = []
        closing: list[ActorRecord] = []
        for line, values in batch:
            rna = values[R_ID].strip().upper()
            if not is_valid_rna(rna):
                summary.reject(
                    file=file_name,
                    line=line,
                    field="id",
                    message=_("Numéro RNA invalide (W suivi de 9 caractères) : %(value)r.")
                    % {"value": values[R_ID]},
                )
                continue
            commune, blame = self._commune(values)
            if commune is None:
                if self.selection and not (_guess_departements(values) & self.selection):
                    summary.skipped += 1  # another territory
                    continue
                summary.reject(
                    file=file_name,
                    line=line,
                    field=blame,
                    message=_(
                        "Commune du siège introuvable (code INSEE %(insee)r, "
                        "code postal %(postal)r, commune %(city)r)."
                    )
                    % {
                        "insee": values[R_INSEE],
                        "postal": values[R_POSTAL],
                        "city": values[R_CITY],
                    },
                )
                continue
            if self.selection and self.communes.departement[commune] not in self.selection:
                summary.skipped += 1
                continue
            dissolved = _date(values[R_DISSOLVED])
            if values[R_POSITION].strip().upper() in DISSOLVED_POSITIONS or dissolved:
                closing.append(
                    ActorRecord(
                        values=closed_values(dissolved),
                        rna=rna,
                        close_only=True,
                        payload=RowInfo(file_name, line),
                    )
                )
                continue
            row_hash = hashlib.blake2b(
                "\x1e".join((self.config, commune, *values)).encode(), digest_size=16
            ).hexdigest()
            pending.append((line, values, commune, row_hash))
        unchanged = actors_unchanged(
            keys=[
                ("", values[R_ID].strip().upper(), row_hash) for _l, values, _c, row_hash in pending
            ]
        )
        summary.unchanged += len(unchanged)
        records = list(closing)
        for position, (line, values, commune, row_hash) in enumerate(pending):
            if position not in unchanged:
                record = self._map(file_name, line, values, commune, row_hash)
                if record is not None:
                    records.append(record)
        if records:
            batch_write(
                run=self.run,
                records=records,
                source=Source.RNA,
                source_date=self.source_date,
                refresh_index=True,
                candidates=self.candidates,
            )
        else:
            self.run.commit(lambda: None)

    def _map(
        self, file_name: str, line: int, values: list[str], commune: str, row_hash: str
    ) -> ActorRecord | None:
        summary = self.run.summary
        rna = values[R_ID].strip().upper()
        title = " ".join(values[R_TITLE].split())
        if not title:
            summary.reject(
                file=file_name,
                line=line,
                field="titre",
                message=_("Titre de l'association absent."),
            )
            return None
        siret = values[R_SIRET].strip().replace(" ", "")
        if siret and not is_valid_siret(siret):
            summary.warn(
                file=file_name,
                line=line,
                field="siret",
                message=_("SIRET invalide ignoré (clé de contrôle) : %(value)s.")
                % {"value": values[R_SIRET]},
            )
            siret = ""
        website = _website(values[R_WEBSITE])
        if website is None:
            summary.warn(
                file=file_name,
                line=line,
                field="siteweb",
                message=_("Adresse de site invalide ignorée : %(value)r.")
                % {"value": values[R_WEBSITE]},
            )
            website = ""
        nature = values[R_NATURE].strip().upper()
        grouping = values[R_GROUPING].strip().upper()
        is_rup = nature == "R" or bool(values[R_RUP].strip())
        kind, subkind = "association", "association_rup" if is_rup else "association_declaree"
        if grouping in {"U", "F"}:
            kind, subkind = "reseau", "federation"
        short = " ".join(values[R_SHORT].split())
        address = ", ".join(
            part
            for part in (
                _clean(values[R_ADDRESS1]),
                _clean(values[R_ADDRESS2]),
                _clean(values[R_ADDRESS3]),
            )
            if part
        )
        themes = social_object_themes(values[R_OS1], values[R_OS2])
        relations: dict[str, tuple[str, ...]] = {"themes": themes}
        if is_rup:
            relations["labels"] = ("rup",)
        record_values: dict[str, Any] = {
            "name": title[:250],
            "acronym": short[:50] if short and short.casefold() != title.casefold() else "",
            "kind_id": kind,
            "subkind_id": subkind,
            "sphere": "ess",
            "is_ess": True,
            "seat_commune_id": commune,
            "address": address[:250],
            "postal_code": values[R_POSTAL].strip()[:5],
            "description": values[R_OBJECT].strip(),
            "website": website,
            "status": ActorStatus.ACTIVE,
            "closed_on": None,
            "created_on": _date(values[R_CREATED]),
        }
        facts = {
            "identifier": rna,
            "social_object1": social_object_code(values[R_OS1]),
            "social_object2": social_object_code(values[R_OS2]),
        }
        return ActorRecord(
            values=record_values,
            siret=siret,
            siren=siret[:9],
            rna=rna,
            relations=relations,
            row_hash=row_hash,
            payload=RowInfo(file_name, line, facts=facts),
        )


def rna_import(
    *,
    path: Path,
    layout: str,
    departements: Sequence[str] = (),
    on_progress: Progress | None = None,
    on_batch: BatchHook | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportSummary:
    """Import an RNA file (``layout`` = ``waldec`` or ``import``; see the module contract)."""
    if layout not in (WALDEC, IMPORT):
        raise UsageError(_("Format RNA inconnu : %(layout)s.") % {"layout": layout})
    return RnaImport(
        path=Path(path),
        layout=layout,
        departements=departements,
        on_progress=on_progress,
        on_batch=on_batch,
        batch_size=batch_size,
    ).execute()
