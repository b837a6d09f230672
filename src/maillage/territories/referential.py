"""Reading the data files of ``@etalab/decoupage-administratif`` (pure: no database).

Contract of this module:
- it MUST read ``regions``, ``departements``, ``communes`` and ``epci`` from a directory,
  each as ``<name>.json.gz`` (as shipped under ``data/``) or ``<name>.json`` (as in the npm
  package and the test fixtures);
- it MUST raise ``ReferentialFileError`` naming the file when one is missing, is not
  valid (gzip) JSON or is not a list of objects: nothing can be loaded from such a set;
- it MUST NOT judge single entries: the loader rejects bad rows one by one;
- the digest MUST change whenever any file's content or ``LOADER_VERSION`` changes, and
  MUST NOT depend on the compression (the same data gzip-ed or not has the same digest);
- ``referential_rows`` MUST key communes on code AND type: only ``commune-actuelle``
  entries become communes (584 codes are shared with a ``commune-deleguee``); delegated
  and associated communes, municipal arrondissements and ``anciensCodes`` become aliases
  of their current commune; the commune → EPCI link MUST come from inverting the EPCI
  ``membres`` (communes carry no EPCI field, and 98 belong to none);
- a malformed entry MUST be rejected with its file, entry number (1-based, counted as
  "line") and field, and MUST NOT stop the others.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from maillage.core.errors import DomainError
from maillage.core.import_report import ImportReport
from maillage.territories.enums import CommuneType, EpciType, Zone
from maillage.territories.names import fold

PACKAGE = "@etalab/decoupage-administratif"
REQUIRED_FILES = ("regions", "departements", "epci", "communes")
# Bump when the loader derives rows differently, so that the next run reloads.
LOADER_VERSION = "1"


class ReferentialFileError(DomainError):
    """A data file is missing or unreadable: nothing can be loaded."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="referential_unreadable")


@dataclass(frozen=True)
class ReferentialFiles:
    """The raw entries of each file, the package version and a digest of the whole set."""

    path: Path
    version: str
    digest: str
    regions: list[dict[str, Any]]
    departements: list[dict[str, Any]]
    epci: list[dict[str, Any]]
    communes: list[dict[str, Any]]

    @staticmethod
    def file_name(name: str) -> str:
        """The name used in error reports (the uncompressed one, as in the npm package)."""
        return f"{name}.json"


def referential_read(*, path: Path) -> ReferentialFiles:
    """Read and parse the four required files of the directory ``path``."""
    if not path.is_dir():
        raise ReferentialFileError(f"Dossier du référentiel introuvable : {path}")
    digest = hashlib.sha256(f"loader:{LOADER_VERSION}\n".encode())
    contents: dict[str, list[dict[str, Any]]] = {}
    for name in REQUIRED_FILES:
        raw = _read_bytes(path, name)
        digest.update(f"{name}:{len(raw)}\n".encode())
        digest.update(raw)
        contents[name] = _parse(raw, file=f"{name}.json")
    return ReferentialFiles(
        path=path,
        version=_version(path),
        digest=digest.hexdigest(),
        regions=contents["regions"],
        departements=contents["departements"],
        epci=contents["epci"],
        communes=contents["communes"],
    )


def _read_bytes(path: Path, name: str) -> bytes:
    compressed, plain = path / f"{name}.json.gz", path / f"{name}.json"
    if compressed.is_file():
        try:
            with gzip.open(compressed, "rb") as handle:
                return handle.read()
        except (OSError, EOFError, zlib.error) as error:
            raise ReferentialFileError(
                f"Fichier compressé illisible : {compressed} ({error})"
            ) from error
    if plain.is_file():
        return plain.read_bytes()
    raise ReferentialFileError(f"Fichier manquant dans {path} : {name}.json.gz (ou {name}.json)")


def _parse(raw: bytes, *, file: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReferentialFileError(f"JSON invalide dans {file} : {error}") from error
    if not isinstance(data, list):
        raise ReferentialFileError(f"{file} doit contenir une liste d'objets JSON.")
    if not any(isinstance(entry, dict) for entry in data):
        # An empty file would make the loader believe every territory disappeared.
        raise ReferentialFileError(f"{file} ne contient aucun objet JSON.")
    return data


def _version(path: Path) -> str:
    """``version:`` line of the ``VERSION`` file shipped with the data, when there is one."""
    version_file = path / "VERSION"
    if version_file.is_file():
        for line in version_file.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "version" and value.strip():
                return value.strip()[:20]
    return ""


# --------------------------------------------------------------------------- rows

_COMMUNE_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")
_DEPARTEMENT_CODE = re.compile(r"^(?:[0-9]{2}|2A|2B|9[78][0-9])$")
_REGION_CODE = re.compile(r"^[0-9]{2,3}$")
_SIREN = re.compile(r"^[0-9]{9}$")
_POSTAL_CODE = re.compile(r"^[0-9]{5}$")
_ZONES = {choice.value for choice in Zone}
_EPCI_TYPES = {choice.value for choice in EpciType}
_ALIAS_TYPES = (
    CommuneType.DELEGATED.value,
    CommuneType.ASSOCIATED.value,
    CommuneType.MUNICIPAL_DISTRICT.value,
)

Row = dict[str, Any]


@dataclass
class ReferentialRows:
    """The rows the database must hold after a load, keyed as the tables are.

    Values use model attribute names (``region_id``…). ``rejected_keys`` lists, per table,
    the keys of entries that were rejected: the loader must not remove those rows.
    """

    regions: dict[tuple[str], Row] = field(default_factory=dict)
    departements: dict[tuple[str], Row] = field(default_factory=dict)
    epci: dict[tuple[str], Row] = field(default_factory=dict)
    communes: dict[tuple[str], Row] = field(default_factory=dict)
    aliases: dict[tuple[str, str], Row] = field(default_factory=dict)
    postal_codes: dict[tuple[str, str], Row] = field(default_factory=dict)
    rejected_keys: dict[str, set[tuple[str, ...]]] = field(default_factory=lambda: defaultdict(set))
    report: ImportReport = field(default_factory=ImportReport)


class _InvalidEntryError(Exception):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


def departement_code_normalize(code: str) -> str:
    """``"86"``, ``" 2a "``, ``"1"`` → ``"86"``, ``"2A"``, ``"01"``."""
    value = (code or "").strip().upper()
    return value.zfill(2) if value.isdigit() and len(value) == 1 else value


def referential_rows(
    files: ReferentialFiles, *, departements: frozenset[str] | None = None
) -> ReferentialRows:
    """Derive every row from the files; ``departements`` limits communes to those
    départements (régions and départements are always complete, EPCI are kept when they
    have a member among the selected communes). Unknown codes in ``departements`` raise
    ``DomainError``."""
    rows = ReferentialRows()
    report = rows.report
    _regions(files, rows)
    _departements(files, rows)
    if departements is not None:
        unknown = sorted(code for code in departements if (code,) not in rows.departements)
        if unknown:
            raise DomainError(
                f"Département inconnu du référentiel : {', '.join(unknown)}.",
                field="departement",
                code="unknown_departement",
            )
    current = _current_communes(files, rows)
    membership = _epci(files, rows, current)
    selected = {
        code: row
        for code, row in current.items()
        if departements is None or row["departement_id"] in departements
    }
    report.skipped += len(current) - len(selected)
    for code, row in selected.items():
        rows.communes[(code,)] = {**row, "epci_id": membership.get(code)}
        for postal_code in row["postal_codes"]:
            rows.postal_codes[(postal_code, code)] = {}
    wanted_epci = {epci for code, epci in membership.items() if code in selected}
    for key in list(rows.epci):
        if key[0] not in wanted_epci:
            del rows.epci[key]
            report.skipped += 1
    _aliases(files, rows, current=current, selected=selected)
    _populations(rows, current)
    return rows


def _entries(rows: ReferentialRows, entries: list[Any], *, file: str) -> Iterator[tuple[int, Row]]:
    """Each entry with its 1-based number; entries that are not objects are rejected."""
    for number, entry in enumerate(entries, start=1):
        rows.report.read += 1
        if isinstance(entry, dict):
            yield number, entry
        else:
            rows.report.reject(file=file, line=number, field="", message="Entrée non objet.")


def _text(
    entry: Row,
    key: str,
    *,
    max_length: int,
    pattern: re.Pattern[str] | None = None,
    required: bool = True,
) -> str:
    value = entry.get(key)
    if value is None or value == "":
        if required:
            raise _InvalidEntryError(key, "Valeur obligatoire manquante.")
        return ""
    if not isinstance(value, str):
        raise _InvalidEntryError(key, f"Texte attendu, reçu {value!r}.")
    value = value.strip()
    if len(value) > max_length:
        raise _InvalidEntryError(key, f"Plus de {max_length} caractères.")
    if pattern is not None and not pattern.match(value):
        raise _InvalidEntryError(key, f"Code invalide : {value!r}.")
    return value


def _count(entry: Row, key: str) -> int | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _InvalidEntryError(key, f"Entier positif attendu, reçu {value!r}.")
    return value


def _zone(entry: Row) -> str:
    zone = _text(entry, "zone", max_length=5, required=False) or Zone.METRO.value
    if zone not in _ZONES:
        raise _InvalidEntryError("zone", f"Zone inconnue : {zone!r}.")
    return zone


def _regions(files: ReferentialFiles, rows: ReferentialRows) -> None:
    file = ReferentialFiles.file_name("regions")
    for number, entry in _entries(rows, files.regions, file=file):
        try:
            code = _text(entry, "code", max_length=3, pattern=_REGION_CODE)
            name = _text(entry, "nom", max_length=100)
            row = {
                "name": name,
                "search_name": fold(name),
                "zone": _zone(entry),
                "chef_lieu": _text(entry, "chefLieu", max_length=5, required=False),
            }
            if (code,) in rows.regions:
                raise _InvalidEntryError("code", f"Région en double : {code}.")
        except _InvalidEntryError as error:
            _reject(rows, "regions", entry, file=file, line=number, error=error)
            continue
        rows.regions[(code,)] = row


def _departements(files: ReferentialFiles, rows: ReferentialRows) -> None:
    file = ReferentialFiles.file_name("departements")
    for number, entry in _entries(rows, files.departements, file=file):
        try:
            code = _text(entry, "code", max_length=3, pattern=_DEPARTEMENT_CODE)
            name = _text(entry, "nom", max_length=100)
            region = _text(entry, "region", max_length=3)
            if (region,) not in rows.regions:
                raise _InvalidEntryError("region", f"Région inconnue : {region}.")
            row = {
                "name": name,
                "search_name": fold(name),
                "region_id": region,
                "zone": _zone(entry),
                "chef_lieu": _text(entry, "chefLieu", max_length=5, required=False),
            }
            if (code,) in rows.departements:
                raise _InvalidEntryError("code", f"Département en double : {code}.")
        except _InvalidEntryError as error:
            _reject(rows, "departements", entry, file=file, line=number, error=error)
            continue
        rows.departements[(code,)] = row


def _current_communes(files: ReferentialFiles, rows: ReferentialRows) -> dict[str, Row]:
    """Every valid ``commune-actuelle``, whatever the département selection."""
    file = ReferentialFiles.file_name("communes")
    current: dict[str, Row] = {}
    for number, entry in _entries(rows, files.communes, file=file):
        kind = entry.get("type")
        if kind in _ALIAS_TYPES:
            continue  # read again by _aliases, once the current communes are known
        try:
            if kind != CommuneType.CURRENT.value:
                raise _InvalidEntryError("type", f"Type de commune inconnu : {kind!r}.")
            code = _text(entry, "code", max_length=5, pattern=_COMMUNE_CODE)
            row = _commune_row(entry, rows)
            row["_line"] = number
            if code in current:
                raise _InvalidEntryError("code", f"Commune actuelle en double : {code}.")
        except _InvalidEntryError as error:
            _reject(rows, "communes", entry, file=file, line=number, error=error)
            continue
        current[code] = row
    return current


def _commune_row(entry: Row, rows: ReferentialRows) -> Row:
    name = _text(entry, "nom", max_length=100)
    departement = _text(entry, "departement", max_length=3)
    if (departement,) not in rows.departements:
        raise _InvalidEntryError("departement", f"Département inconnu : {departement}.")
    region = _text(entry, "region", max_length=3)
    if (region,) not in rows.regions:
        raise _InvalidEntryError("region", f"Région inconnue : {region}.")
    postal_codes = entry.get("codesPostaux") or []
    if not isinstance(postal_codes, list) or not all(
        isinstance(value, str) and _POSTAL_CODE.match(value) for value in postal_codes
    ):
        raise _InvalidEntryError(
            "codesPostaux", f"Liste de codes postaux invalide : {postal_codes!r}."
        )
    postal_codes = list(dict.fromkeys(postal_codes))
    return {
        "name": name,
        "search_name": fold(name),
        "departement_id": departement,
        "region_id": region,
        "zone": _zone(entry),
        "siren": _text(entry, "siren", max_length=9, pattern=_SIREN, required=False),
        "postal_codes": postal_codes,
        "main_postal_code": postal_codes[0] if postal_codes else "",
        "population": _count(entry, "population"),
        # Kept for _aliases (with "_line"); not model fields, removed before loading.
        "_former_codes": entry.get("anciensCodes") or [],
    }


def _epci(
    files: ReferentialFiles, rows: ReferentialRows, current: dict[str, Row]
) -> dict[str, str]:
    """Load every valid EPCI into ``rows.epci``; return commune code → EPCI code."""
    file = ReferentialFiles.file_name("epci")
    membership: dict[str, str] = {}
    for number, entry in _entries(rows, files.epci, file=file):
        try:
            code = _text(entry, "code", max_length=9, pattern=_SIREN)
            name = _text(entry, "nom", max_length=200)
            kind = _text(entry, "type", max_length=5)
            if kind not in _EPCI_TYPES:
                raise _InvalidEntryError("type", f"Type d'EPCI inconnu : {kind!r}.")
            members = entry.get("membres")
            if not isinstance(members, list):
                raise _InvalidEntryError("membres", "Liste des communes membres manquante.")
            population = _count(entry, "populationMunicipale")
            if population is None:
                population = _count(entry, "populationTotale")
            row = {
                "name": name,
                "search_name": fold(name),
                "type": kind,
                "financing": _text(entry, "modeFinancement", max_length=10, required=False),
                "population": population,
            }
            if (code,) in rows.epci:
                raise _InvalidEntryError("code", f"EPCI en double : {code}.")
        except _InvalidEntryError as error:
            _reject(rows, "epci", entry, file=file, line=number, error=error)
            continue
        rows.epci[(code,)] = row
        for member in members:
            commune = member.get("code") if isinstance(member, dict) else None
            if commune not in current:
                rows.report.reject(
                    file=file,
                    line=number,
                    field="membres",
                    message=f"Commune membre inconnue : {commune!r}.",
                )
            elif commune in membership:
                rows.report.reject(
                    file=file,
                    line=number,
                    field="membres",
                    message=f"La commune {commune} appartient déjà à l'EPCI {membership[commune]}.",
                )
            else:
                membership[commune] = code
    return membership


def _aliases(
    files: ReferentialFiles,
    rows: ReferentialRows,
    *,
    current: dict[str, Row],
    selected: dict[str, Row],
) -> None:
    """Delegated/associated communes (→ ``chefLieu``), municipal arrondissements
    (→ ``commune``) and former codes (→ the current commune that lists them)."""
    file = ReferentialFiles.file_name("communes")
    names: dict[str, str] = {}
    for number, entry in enumerate(files.communes, start=1):
        if not isinstance(entry, dict) or entry.get("type") not in _ALIAS_TYPES:
            continue
        kind = entry["type"]
        try:
            code = _text(entry, "code", max_length=5, pattern=_COMMUNE_CODE)
            name = _text(entry, "nom", max_length=100)
            target_key = "commune" if kind == CommuneType.MUNICIPAL_DISTRICT else "chefLieu"
            target = _text(entry, target_key, max_length=5)
            if target not in current:
                raise _InvalidEntryError(target_key, f"Commune actuelle inconnue : {target}.")
            if (code, kind) in rows.aliases:
                raise _InvalidEntryError("code", f"Entrée en double : {code} ({kind}).")
        except _InvalidEntryError as error:
            _reject(rows, "aliases", entry, file=file, line=number, error=error, kind=kind)
            continue
        names.setdefault(code, name)
        if target not in selected:
            rows.report.skipped += 1
            continue
        rows.aliases[(code, kind)] = {
            "name": name,
            "search_name": fold(name),
            "commune_id": target,
        }
    for code, row in current.items():
        former_codes, line = row.pop("_former_codes"), row.pop("_line")
        if code not in selected:
            continue
        for former in former_codes:
            key = (former, CommuneType.FORMER_CODE.value)
            if not isinstance(former, str) or not _COMMUNE_CODE.match(former):
                message = f"Ancien code invalide : {former!r}."
            elif key in rows.aliases:
                message = f"Ancien code déjà attribué à {rows.aliases[key]['commune_id']}."
            else:
                message = ""
            if message:
                rows.report.reject(file=file, line=line, field="anciensCodes", message=message)
                continue
            name = names.get(former, "")
            rows.aliases[key] = {
                "name": name,
                "search_name": fold(name),
                "commune_id": code,
            }
    for row in rows.communes.values():
        row.pop("_former_codes", None)
        row.pop("_line", None)


def _populations(rows: ReferentialRows, current: dict[str, Row]) -> None:
    """Régions and départements: the sum over all their current communes (whole file)."""
    by_region: dict[str, int] = defaultdict(int)
    by_departement: dict[str, int] = defaultdict(int)
    for row in current.values():
        if row["population"] is not None:
            by_region[row["region_id"]] += row["population"]
            by_departement[row["departement_id"]] += row["population"]
    for (code,), row in rows.regions.items():
        row["population"] = by_region.get(code)
    for (code,), row in rows.departements.items():
        row["population"] = by_departement.get(code)


def _reject(
    rows: ReferentialRows,
    table: str,
    entry: Row,
    *,
    file: str,
    line: int,
    error: _InvalidEntryError,
    kind: str | None = None,
) -> None:
    rows.report.reject(file=file, line=line, field=error.field, message=error.message)
    code = entry.get("code")
    if isinstance(code, str):
        rows.rejected_keys[table].add((code.strip(), kind) if kind else (code.strip(),))
