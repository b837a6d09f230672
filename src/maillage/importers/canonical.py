"""Import an actor file in the canonical columns of contracts.md (CSV or XLSX).

Contract:
- columns by name, in any order; only ``name`` and ``kind`` are required; unknown columns
  are reported once and ignored; a column absent from the file leaves that field of
  existing actors untouched (an empty cell in a present column empties it, unless the
  organisation edited it);
- CSV: UTF-8 (BOM accepted) or Windows-1252 line by line, ``,``, ``;`` or tab detected
  from the header; XLSX: the first sheet, streamed; cells a spreadsheet would run as
  formulas come back as written by the export (``exports.canonical.restore_formula``);
- every row is validated by ``actors.services.actor_validate`` — the rules of the web
  forms — and rejected with its line and field when invalid; valid rows are written through
  ``actors.bulk`` (identifier matching, field origins, row hash, merge proposals);
- a row without any identifier is the same actor as an earlier import of that name in
  that commune (an actor without identifiers created by a file import); otherwise it is a
  new actor, and a same-name actor of the commune gives a merge proposal;
- needs and offers (``category:free text``) are added when the actor lacks them; existing
  ones are never removed by an import;
- ``dry_run`` runs everything, then rolls back: the summary tells what would happen;
- ``territories`` (a facilitator's territory codes) restricts the import: a row whose seat
  commune is outside them or missing, or that would change an actor seated outside them, is
  rejected ("hors de votre territoire"); ``None`` (staff, the command line) imports anywhere;
- the summary's ``actors`` lists the first ``ACTOR_LINKS`` actors written or matched (id,
  line, name, action) so that the web summary links to them.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maillage.actors.bulk import ActorRecord, UpsertResult
from maillage.actors.enums import Direction, Source
from maillage.actors.models import Actor, Category, NeedOffer
from maillage.actors.services import ActorInput, actor_validate, need_offer_create
from maillage.core.errors import DomainError, DomainValidationError
from maillage.core.siret import normalize_identifier
from maillage.exports.canonical import COLUMNS, restore_formula, split_values
from maillage.importers.batches import RowInfo, batch_write
from maillage.importers.enums import ImportKind
from maillage.importers.merging import NameCandidates
from maillage.importers.readers import Table, UnusableFileError, csv_table, is_zip, xlsx_table
from maillage.importers.runs import BatchHook, ImportSummary, Progress, Run, file_date
from maillage.importers.scope import TerritoryScope
from maillage.territories.names import fold
from maillage.territories.selectors import commune_resolve

REQUIRED = ("name", "kind")
NUMERIC = frozenset({"employees", "latitude", "longitude"})
BATCH = 500
PREVIEW_ROWS = 20
ACTOR_LINKS = 200


def _is_xlsx(path: Path) -> bool:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return True
    if not is_zip(path):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _open(path: Path) -> tuple[Table, Generator[Table, None, None] | None]:
    if _is_xlsx(path):
        return xlsx_table(path), None
    tables = csv_table(path)
    return next(tables), tables


def _number(value: str, *, integer: bool) -> float | int | None:
    text = value.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if not text:
        return None
    text = text.replace(",", ".")
    number = float(text)
    if integer:
        if not number.is_integer():
            raise ValueError(text)
        return int(number)
    return number


def _pad(value: str, width: int) -> str:
    """Identifiers and codes a spreadsheet stored as numbers lost their leading zeros."""
    text = value.strip()
    return text.zfill(width) if text.isdigit() and len(text) < width else text


class ActorsFileImport:
    def __init__(
        self,
        *,
        path: Path,
        dry_run: bool,
        on_progress: Progress | None,
        on_batch: BatchHook | None,
        user: Any,
        display_name: str | None,
        territories: Sequence[str] | None = None,
    ) -> None:
        self.path, self.dry_run = path, dry_run
        self.on_progress, self.on_batch, self.user = on_progress, on_batch, user
        self.display_name = display_name
        self.scope = TerritoryScope(territories) if territories is not None else None

    def execute(self) -> ImportSummary:
        table, tables = _open(self.path)
        try:
            self.file_name = self.display_name or table.name
            self.columns, unknown = _header(table)
            if self.dry_run:
                with transaction.atomic():
                    summary = self._run(table, unknown)
                    transaction.set_rollback(True)
                return summary
            return self._run(table, unknown)
        finally:
            if tables is not None:
                tables.close()

    def _run(self, table: Table, unknown: list[str]) -> ImportSummary:
        self.run = Run(
            kind=ImportKind.ACTORS,
            files=[("actors", self.path)],
            options={"territories": self.scope.codes} if self.scope is not None else {},
            data_date=file_date(self.path),
            dry_run=self.dry_run,
            on_progress=self.on_progress,
            on_batch=self.on_batch,
            user=self.user,
        )
        summary = self.run.summary
        if unknown:
            summary.warn(
                file=self.file_name,
                line=1,
                field=", ".join(unknown),
                message=_("Colonnes inconnues ignorées."),
            )
        summary.details["columns"] = self.columns
        self.preview: list[dict[str, Any]] = []
        self.seen: dict[str, int] = {}
        self.categories = set(Category.objects.values_list("code", flat=True))
        self.candidates = NameCandidates()
        try:
            batch: list[ActorRecord] = []
            for record in table.records:
                if self.run.already_done():
                    continue
                summary.read += 1
                if record.error:
                    summary.reject(
                        file=self.file_name, line=record.line, field="", message=record.error
                    )
                else:
                    mapped = self._row(table, record.line, record.fields)
                    if mapped is not None:
                        batch.append(mapped)
                if len(batch) >= BATCH:
                    self._write(batch)
                    batch = []
                self.run.progress("acteurs", summary.read, table.stats.bytes_read, table.size)
            self._write(batch)
            if table.stats.fallback_lines:
                summary.warn(
                    file=self.file_name,
                    line=1,
                    field="",
                    message=_(
                        "Fichier lu en Windows-1252 (%(n)s ligne(s) non UTF-8) : "
                        "vérifiez les accents."
                    )
                    % {"n": table.stats.fallback_lines},
                )
        except BaseException:
            self.run.fail()
            raise
        if self.dry_run:
            summary.details["preview"] = self.preview
        return self.run.finish()

    # ------------------------------------------------------------------ rows

    def _cells(self, table: Table, fields: list[str]) -> dict[str, str]:
        cells = {}
        for column in self.columns:
            value = fields[table.index[column]]
            cells[column] = value if column in NUMERIC else restore_formula(value)
        return cells

    def _row(self, table: Table, line: int, fields: list[str]) -> ActorRecord | None:
        summary = self.run.summary
        cells = self._cells(table, fields)
        errors: dict[str, list[str]] = {}
        numbers: dict[str, Any] = {}
        for column in NUMERIC & set(cells):
            try:
                numbers[column] = _number(cells[column], integer=column == "employees")
            except ValueError:
                errors.setdefault(column, []).append(
                    _("Nombre attendu : %(value)r.") % {"value": cells[column]}
                )
        entries: dict[str, list[tuple[str, str]]] = {}
        for column in ("needs", "offers"):
            for entry in split_values(cells.get(column, "")):
                category, separator, text = entry.partition(":")
                category = category.strip()
                if not separator or not text.strip():
                    errors.setdefault(column, []).append(
                        _("Entrée %(entry)r : attendu « catégorie:texte libre ».")
                        % {"entry": entry}
                    )
                elif category not in self.categories:
                    errors.setdefault(column, []).append(
                        _("Catégorie inconnue : %(code)r.") % {"code": category}
                    )
                else:
                    entries.setdefault(column, []).append((category, text.strip()))
        data = ActorInput(
            name=cells.get("name", ""),
            kind=cells.get("kind", "").strip(),
            subkind=cells.get("subkind", "").strip(),
            siret=_pad(normalize_identifier(cells.get("siret", "")), 14),
            siren=_pad(normalize_identifier(cells.get("siren", "")), 9),
            rna=normalize_identifier(cells.get("rna", "")),
            commune=_pad(cells.get("commune", ""), 5),
            intervention=split_values(cells.get("intervention", "")),
            themes=split_values(cells.get("themes", "")),
            partnership_types=split_values(cells.get("partnership_types", "")),
            employees=numbers.get("employees"),
            description=cells.get("description", ""),
            website=cells.get("website", ""),
            email=cells.get("email", ""),
            phone=cells.get("phone", ""),
            latitude=numbers.get("latitude"),
            longitude=numbers.get("longitude"),
        )
        instance = self._match(data)
        cleaned: dict[str, Any] = {}
        try:
            cleaned = actor_validate(data=data, instance=instance)
        except DomainValidationError as error:
            for field_name, messages in error.errors.items():
                errors.setdefault(field_name, []).extend(messages)
        outside = self._outside_territory(cleaned, instance) if cleaned else None
        if outside:
            errors.setdefault("commune", []).append(outside)
        keys = [(key, f"{key}:{cleaned[key]}") for key in ("siret", "rna") if cleaned.get(key)]
        if cleaned and not (cleaned["siret"] or cleaned["siren"] or cleaned["rna"]):
            commune = cleaned["seat_commune"].code if cleaned["seat_commune"] else ""
            keys.append(("name", f"name:{fold(cleaned['name'])}|{commune}"))
        for field_name, key in keys:
            first = self.seen.setdefault(key, line)
            if first != line:
                errors.setdefault(field_name, []).append(
                    _("Même %(field)s qu'à la ligne %(line)s.")
                    % {
                        "field": {"name": _("nom et commune")}.get(field_name, field_name.upper()),
                        "line": first,
                    }
                )
        if errors:
            field_name = next(iter(errors))
            message = " ".join(
                f"{name} : {' '.join(messages)}" if name != field_name else " ".join(messages)
                for name, messages in errors.items()
            )
            summary.reject(file=self.file_name, line=line, field=field_name, message=message)
            return None
        values: dict[str, Any] = {
            "name": cleaned["name"],
            "kind_id": cleaned["kind"].code,
            "sphere": cleaned["sphere"],
            "is_ess": cleaned["is_ess"],
        }
        present = set(self.columns)
        if "subkind" in present:
            values["subkind_id"] = cleaned["subkind"].code if cleaned["subkind"] else None
        if "commune" in present:
            values["seat_commune_id"] = (
                cleaned["seat_commune"].code if cleaned["seat_commune"] else None
            )
        for name in ("employees", "description", "website", "email", "phone"):
            if name in present:
                values[name] = cleaned[name]
        if {"latitude", "longitude"} & present:
            values["latitude"], values["longitude"] = cleaned["latitude"], cleaned["longitude"]
            values["coordinates_approximate"] = False
        relations = {
            name: tuple(cleaned[name])
            for name in ("themes", "partnership_types")
            if name in present
        }
        intervention = tuple(cleaned["intervention"]) if "intervention" in present else None
        needs_offers = tuple(
            (direction, category, text)
            for column, direction in (("needs", Direction.NEED), ("offers", Direction.OFFER))
            for category, text in entries.get(column, [])
        )
        row_hash = hashlib.blake2b(
            repr(
                (
                    sorted(values.items()),
                    cleaned["siret"],
                    cleaned["siren"],
                    cleaned["rna"],
                    sorted(relations.items()),
                    intervention,
                    needs_offers,
                )
            ).encode(),
            digest_size=16,
        ).hexdigest()
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append(
                {"line": line, "actor": instance.pk if instance is not None else None, **cells}
            )
        return ActorRecord(
            values=values,
            siret=cleaned["siret"],
            siren=cleaned["siren"],
            rna=cleaned["rna"],
            relations=relations,
            intervention=intervention,
            row_hash=row_hash,
            actor_id=instance.pk if instance is not None else None,
            payload=RowInfo(self.file_name, line, extra=needs_offers),
        )

    def _outside_territory(self, cleaned: dict[str, Any], instance: Actor | None) -> str:
        """Why the row is outside the import's territories ("" when it is inside)."""
        scope = self.scope
        if scope is None or scope.everywhere:
            return ""
        missing = _(
            "Hors de votre territoire : la commune du siège manque, impossible de vérifier "
            "qu'elle est dans les territoires que vous animez."
        )
        if "commune" in self.columns:
            commune = cleaned.get("seat_commune")
            if commune is None:
                return missing
            if not scope.covers(
                commune=commune.code,
                epci=commune.epci_id,
                departement=commune.departement_id,
                region=commune.region_id,
            ):
                return _(
                    "Hors de votre territoire : le siège (%(commune)s, %(code)s) n'est pas "
                    "dans les territoires que vous animez."
                ) % {"commune": commune.name, "code": commune.code}
        elif instance is None or instance.seat_commune_id is None:
            return missing
        if (
            instance is not None
            and instance.seat_commune_id is not None
            and not scope.covers(
                commune=instance.seat_commune_id,
                epci=instance.epci_id,
                departement=instance.departement_id,
                region=instance.region_id,
            )
        ):
            return _(
                "Hors de votre territoire : cette ligne modifierait « %(name)s », un acteur "
                "dont le siège n'est pas dans les territoires que vous animez."
            ) % {"name": instance.name}
        return ""

    def _match(self, data: ActorInput) -> Actor | None:
        """The actor this row is about, for validation and for rows without identifiers."""
        siret = data.siret
        siren = data.siren or siret[:9]
        if siret:
            # exclude(…="") lets SQLite use the partial unique index on siret (and rna).
            found = Actor.objects.filter(siret=siret).exclude(siret="").order_by("id").first()
            if found is not None:
                return found
        if siren:
            found = Actor.objects.filter(siren=siren, siret="").order_by("id").first()
            if found is not None:
                return found
        if data.rna:
            found = Actor.objects.filter(rna=data.rna).exclude(rna="").order_by("id").first()
            if found is not None:
                return found
        if siret or siren or data.rna:
            return None
        key = fold(data.name)
        if not key:
            return None
        commune = commune_resolve(data.commune) if data.commune else None  # 75112 → 75056
        same_place = Actor.objects.filter(
            siret="",
            siren="",
            rna="",
            source=Source.IMPORT,
            seat_commune_id=commune.code if commune else None,
        )
        for actor in same_place.order_by("id").only("id", "name"):
            if fold(actor.name) == key:
                return actor
        return None

    # ------------------------------------------------------------------ writes

    def _write(self, batch: list[ActorRecord]) -> None:
        if not batch:
            self.run.commit(lambda: None)
            return
        communes = {r.values.get("seat_commune_id") for r in batch} - {None}
        self.candidates = NameCandidates.from_queryset(
            Actor.objects.filter(seat_commune_id__in=sorted(communes))
        )
        batch_write(
            run=self.run,
            records=batch,
            source=Source.IMPORT,
            source_date=self.run.data_date,
            refresh_index=True,
            candidates=self.candidates,
            propose=lambda record: record.actor_id is None,
            on_result=self._after_write,
        )

    def _after_write(self, result: UpsertResult) -> None:
        links: list[dict[str, Any]] = self.run.summary.details.setdefault("actors", [])
        for action, pairs in (
            ("created", result.created),
            ("updated", result.updated),
            ("unchanged", result.unchanged),
        ):
            for actor_id, record in pairs:
                if len(links) >= ACTOR_LINKS:
                    break
                links.append(
                    {
                        "id": actor_id,
                        "line": record.payload.line,
                        "name": record.values.get("name", ""),
                        "action": action,
                    }
                )
        self._needs_offers(result)

    def _needs_offers(self, result: UpsertResult) -> None:
        for actor_id, record in result.created + result.updated:
            wanted = record.payload.extra
            if not wanted:
                continue
            existing = set(
                NeedOffer.objects.filter(actor_id=actor_id).values_list(
                    "direction", "category_id", "text"
                )
            )
            actor = Actor.objects.get(pk=actor_id)
            for direction, category, text in wanted:
                if (direction, category, text) in existing:
                    continue
                try:
                    need_offer_create(
                        actor=actor, direction=direction, category=category, text=text
                    )
                except DomainError as error:  # pragma: no cover - validated before
                    where = record.payload
                    self.run.summary.warn(
                        file=where.file,
                        line=where.line,
                        field="needs" if direction == Direction.NEED else "offers",
                        message=str(error),
                    )
                existing.add((direction, category, text))


def _header(table: Table) -> tuple[list[str], list[str]]:
    """(canonical columns present, unknown columns); raises ``UnusableFileError`` when a
    required column is missing."""
    columns = {c.strip().lower(): i for i, c in enumerate(table.header) if c.strip()}
    table.index = columns
    table.require(REQUIRED, what=_("un fichier d'acteurs aux colonnes canoniques (name, kind, …)"))
    return [c for c in COLUMNS if c in columns], [c for c in columns if c not in COLUMNS]


def actors_file_check(*, path: Path, display_name: str | None = None) -> list[str]:
    """Open the file and read its header only: the canonical columns it has. Raises
    ``UnusableFileError`` as ``actors_file_import`` would (unreadable, required columns
    missing), so that an upload form can refuse a file at once."""
    table, tables = _open(Path(path))
    try:
        if display_name:
            table.name = display_name
        return _header(table)[0]
    finally:
        # A workbook is closed by its record reader: start it, then close it.
        records: Any = table.records
        if tables is None:
            next(records, None)
        records.close()
        if tables is not None:
            tables.close()


def actors_file_import(
    *,
    path: Path,
    dry_run: bool = False,
    on_progress: Progress | None = None,
    on_batch: BatchHook | None = None,
    user: Any = None,
    display_name: str | None = None,
    territories: Sequence[str] | None = None,
) -> ImportSummary:
    """Import (or, with ``dry_run``, try) an actor file; see the module contract.

    ``display_name`` names the file in messages (the original name of an upload).
    ``territories``: the territory codes rows must be seated in (a facilitator's); None
    imports anywhere. Raises ``UnusableFileError`` (a ``UsageError``: exit status 2, nothing
    written) when the file cannot be read or lacks the required columns. With ``dry_run``
    the summary's ``preview`` lists the first valid rows as read (with ``actor``: the id of
    the existing actor the row updates, or None)."""
    return ActorsFileImport(
        path=Path(path),
        dry_run=dry_run,
        on_progress=on_progress,
        on_batch=on_batch,
        user=user,
        display_name=display_name,
        territories=territories,
    ).execute()


__all__ = ["UnusableFileError", "actors_file_check", "actors_file_import"]
