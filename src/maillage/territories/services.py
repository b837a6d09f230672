"""Writes on the territorial referential: loading ``@etalab/decoupage-administratif``.

Contract of ``territories_import``:
- it MUST be idempotent: a second run on the same files creates and updates nothing and
  returns quickly (the files' digest is kept in ``ReferentialVersion``; the load is
  skipped when it matches and no expected row is missing);
- it MUST upsert in bulk (one statement per batch, never one ``save()`` per row), so that
  the whole of France loads in a few seconds;
- it MUST NOT remove a territory that anything outside this app references (an actor's
  seat, a denormalised EPCI…): such a row is kept and counted as ``retained``; only
  territories gone from the files, unreferenced and inside the loaded scope are removed;
- it MUST NOT touch what the files do not carry (commune coordinates);
- it MUST write everything in one transaction: a file that cannot be read leaves the
  database unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import models, transaction
from django.db.models import ForeignObjectRel

from maillage.territories.models import (
    Commune,
    CommuneAlias,
    Departement,
    Epci,
    PostalCode,
    ReferentialVersion,
    Region,
)
from maillage.territories.referential import (
    PACKAGE,
    ReferentialRows,
    departement_code_normalize,
    referential_read,
    referential_rows,
)
from maillage.territories.signals import referential_changed

DEFAULT_PATH = Path(settings.BASE_DIR) / "data" / "decoupage-administratif"
_CHUNK = 500
# Rows of these models belong to a commune and go with it: they never keep one alive.
_OWNED = (CommuneAlias, PostalCode)

T = TypeVar("T")
Key = tuple[str, ...]


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    retained: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


@dataclass(frozen=True)
class _Table:
    """How one model is synchronised with its rows."""

    name: str
    model: type[models.Model]
    key_fields: tuple[str, ...]
    fields: tuple[str, ...]


_TABLES = (
    _Table(
        "regions", Region, ("code",), ("name", "search_name", "zone", "chef_lieu", "population")
    ),
    _Table(
        "departements",
        Departement,
        ("code",),
        ("name", "search_name", "region_id", "zone", "chef_lieu", "population"),
    ),
    _Table("epci", Epci, ("code",), ("name", "search_name", "type", "financing", "population")),
    _Table(
        "communes",
        Commune,
        ("code",),
        (
            "name",
            "search_name",
            "departement_id",
            "region_id",
            "epci_id",
            "zone",
            "siren",
            "postal_codes",
            "main_postal_code",
            "population",
        ),
    ),
    _Table("aliases", CommuneAlias, ("code", "type"), ("name", "search_name", "commune_id")),
    _Table("postal_codes", PostalCode, ("code", "commune_id"), ()),
)


def territories_import(
    *,
    path: Path | None = None,
    departements: Iterable[str] | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Load or refresh the referential from ``path`` (default: the shipped data).

    ``departements`` limits communes (and their aliases, postal codes and EPCI) to those
    départements; régions and départements are always loaded in full. Returns the
    summary of contracts.md: counts per level, then ``created``/``updated``/``unchanged``/
    ``deleted``/``retained`` totals, ``details`` per table and the import-summary keys
    (``read``, ``skipped``, ``rejected``, ``errors``). Raises ``DomainError`` when the
    files cannot be read or a département is unknown (nothing is written then).
    """
    say = log or (lambda message: None)
    started = time.perf_counter()
    directory = Path(path) if path is not None else DEFAULT_PATH
    selection = (
        frozenset(departement_code_normalize(code) for code in departements if code.strip())
        if departements
        else None
    )
    say(f"Lecture de {directory}…")
    files = referential_read(path=directory)
    rows = referential_rows(files, departements=selection)

    version = ReferentialVersion.objects.order_by("-loaded_at").first()
    up_to_date = version is not None and version.digest == files.digest and not _missing_rows(rows)
    details: dict[str, _Counts] = {}
    if up_to_date:
        say("Référentiel déjà à jour : rien à écrire.")
        details = {table.name: _Counts(unchanged=len(_rows_of(rows, table))) for table in _TABLES}
    else:
        with transaction.atomic():
            for table in _TABLES:
                details[table.name] = _upsert(table, _rows_of(rows, table))
                say(_progress(table.name, details[table.name]))
            for table in reversed(_TABLES):
                scope = _scope(table, selection)
                if scope is not None:
                    _remove_stale(table, _rows_of(rows, table), rows, scope, details[table.name])
            _version_save(
                version, files.version, files.digest, selection, counts=_level_counts(rows)
            )
            if any(
                counts.created or counts.updated or counts.deleted for counts in details.values()
            ):
                referential_changed.send(sender=Commune)
    return _summary(
        rows,
        details,
        version=files.version,
        up_to_date=up_to_date,
        selection=selection,
        seconds=time.perf_counter() - started,
    )


# --------------------------------------------------------------------------- sync


def _rows_of(rows: ReferentialRows, table: _Table) -> dict[Key, dict[str, Any]]:
    return getattr(rows, table.name)


def _missing_rows(rows: ReferentialRows) -> bool:
    """True when an expected row is absent (someone emptied a table since the last run)."""
    for table in _TABLES:
        wanted = _rows_of(rows, table)
        present = set(table.model._default_manager.values_list(*table.key_fields))
        if not wanted.keys() <= present:
            return True
    return False


def _upsert(table: _Table, wanted: dict[Key, dict[str, Any]]) -> _Counts:
    counts = _Counts()
    existing = {
        values[: len(table.key_fields)]: values[len(table.key_fields) :]
        for values in table.model._default_manager.values_list(*table.key_fields, *table.fields)
    }
    to_write = []
    for key, row in wanted.items():
        current = existing.get(key)
        if current is None:
            counts.created += 1
        elif current != tuple(row[name] for name in table.fields):
            counts.updated += 1
        else:
            counts.unchanged += 1
            continue
        to_write.append(table.model(**dict(zip(table.key_fields, key, strict=True)), **row))
    if not to_write:
        return counts
    if table.fields:
        # INSERT … ON CONFLICT DO UPDATE: one statement per batch, new and changed rows alike.
        table.model._default_manager.bulk_create(
            to_write,
            update_conflicts=True,
            unique_fields=list(table.key_fields),
            update_fields=list(table.fields),
        )
    else:
        table.model._default_manager.bulk_create(to_write)
    return counts


def _scope(table: _Table, selection: frozenset[str] | None) -> models.QuerySet[Any] | None:
    """The rows a load is responsible for; stale rows are looked for there only."""
    manager = table.model._default_manager
    if selection is None or table.model in (Region, Departement):
        return manager.all()
    if table.model is Commune:
        return manager.filter(departement_id__in=selection)
    if table.model in _OWNED:
        return manager.filter(commune__departement_id__in=selection)
    return None  # EPCI of a partial load: other départements' loads may need them.


def _remove_stale(
    table: _Table,
    wanted: dict[Key, dict[str, Any]],
    rows: ReferentialRows,
    scope: models.QuerySet[Any],
    counts: _Counts,
) -> None:
    keep = wanted.keys() | rows.rejected_keys.get(table.name, set())
    stale = [
        pk for pk, *key in scope.values_list("pk", *table.key_fields) if tuple(key) not in keep
    ]
    if not stale:
        return
    referenced = _referenced(table.model, stale)
    deletable = [pk for pk in stale if pk not in referenced]
    for chunk in _chunks(deletable):
        table.model._default_manager.filter(pk__in=chunk).delete()
    counts.deleted += len(deletable)
    counts.retained += len(stale) - len(deletable)


def _referenced(model: type[models.Model], pks: Sequence[Any]) -> set[Any]:
    """Primary keys among ``pks`` that another row points to (any app, FK or M2M)."""
    found: set[Any] = set()
    # include_hidden: actors denormalise EPCI, département and région with related_name="+".
    relations = [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if isinstance(field, ForeignObjectRel)
    ]
    for relation in relations:
        source = relation.related_model
        if not isinstance(source, type) or source in _OWNED:
            continue
        related = source._base_manager
        name = relation.field.name
        for chunk in _chunks(pks):
            found.update(
                related.filter(**{f"{name}__in": chunk}).values_list(name, flat=True).distinct()
            )
    return found


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _version_save(
    version: ReferentialVersion | None,
    package_version: str,
    digest: str,
    selection: frozenset[str] | None,
    *,
    counts: dict[str, int],
) -> None:
    scope = set(selection or ())
    if version is not None and version.digest == digest and version.scope and scope:
        scope |= set(version.scope.split(","))  # same data, one more partial load
    if version is None:
        version = ReferentialVersion(package=PACKAGE)
    version.package = PACKAGE
    version.version = package_version
    version.digest = digest
    version.scope = ",".join(sorted(scope))[:200]
    version.counts = counts
    version.save()
    ReferentialVersion.objects.exclude(pk=version.pk).delete()


# --------------------------------------------------------------------------- summary


def _level_counts(rows: ReferentialRows) -> dict[str, int]:
    return {
        "regions": len(rows.regions),
        "departements": len(rows.departements),
        "epci": len(rows.epci),
        "communes": len(rows.communes),
        "aliases": len(rows.aliases),
        "postal_codes": len(rows.postal_codes),
    }


def _summary(
    rows: ReferentialRows,
    details: dict[str, _Counts],
    *,
    version: str,
    up_to_date: bool,
    selection: frozenset[str] | None,
    seconds: float,
) -> dict[str, Any]:
    report = rows.report.as_dict()
    totals = {
        key: sum(getattr(counts, key) for counts in details.values())
        for key in ("created", "updated", "unchanged", "deleted", "retained")
    }
    return {
        **_level_counts(rows),
        **totals,
        "read": report["read"],
        "skipped": report["skipped"],
        "rejected": report["rejected"],
        "up_to_date": up_to_date,
        "package": PACKAGE,
        "version": version,
        "departements_selected": sorted(selection) if selection else [],
        "duration_s": round(seconds, 3),
        "details": {name: counts.as_dict() for name, counts in details.items()},
        "errors": report["errors"],
    }


_TABLE_LABELS = {
    "regions": "régions",
    "departements": "départements",
    "epci": "EPCI",
    "communes": "communes",
    "aliases": "codes historiques et d'arrondissement",
    "postal_codes": "codes postaux",
}


def _progress(name: str, counts: _Counts) -> str:
    return (
        f"{_TABLE_LABELS[name]} : {counts.created} créé(s), {counts.updated} mis à jour, "
        f"{counts.unchanged} inchangé(s)"
    )
