"""The bulk write path for actors, used by the importers (SIRENE, RNA, actor files).

Contract — a caller MUST:
- validate its rows first (this module trusts the values it is given: codes of existing
  vocabularies, checksum-valid identifiers, existing commune codes);
- call ``actors_bulk_upsert`` inside ``transaction.atomic`` with batches of a few thousand
  records (it is atomic itself, so a batch is written whole or not at all).

This module MUST:
- match an incoming record to an existing actor on SIRET, then SIREN (a SIRENE seat
  establishment, or a record without SIRET, matches an actor known by its SIREN only),
  then RNA number (unless the actor holding it has another SIREN) — or on the actor id
  the caller resolved itself;
- update only what the source owns: never overwrite a field whose origin
  (``Actor.field_origins``) is the organisation or a person typing on the platform
  (``PROTECTED_ORIGINS``); fill empty fields; leave a value another source owns (SIRENE and
  the RNA both describe associations: the first to give a field keeps it, so that
  alternating imports never flip it) — except identifiers, where the registry that issues
  them wins (``AUTHORITATIVE``), closures, which any registry may record, and links
  (themes…), which a second source completes; record the source as origin of every field
  it writes;
- write nothing for a record whose hash equals the actor's ``source_hash`` (unchanged);
- never delete: a closed unit closes its actor (``close_only`` records never create one);
- never give an identifier to an actor when another actor already holds it: it reports
  the conflict instead (the importer turns it into a merge proposal);
- keep the denormalised ``epci``/``departement``/``region``, ``slug``, ``completeness``
  and the search index consistent, as ``actors.services`` does for single writes.

Rows are inserted with one multi-row ``INSERT … RETURNING`` per chunk (SQLite and
others) or ``COPY`` with ids drawn from the sequence (PostgreSQL): Django's ``bulk_create``
spends most of its time building model instances, which a 1 000 000-row load cannot afford.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import operator
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from maillage.actors.enums import ActorStatus, Direction
from maillage.actors.models import Actor, Contact, InterventionArea, NeedOffer
from maillage.search.services import search_index_refresh
from maillage.territories.models import Commune

# Origins a source never overwrites: what the organisation edited (actor_update's default)
# and what a person entered on the platform (actor_create's default source).
PROTECTED_ORIGINS = frozenset({"organisation", "manual"})

# The registry whose word on an identifier beats another source's.
AUTHORITATIVE = {"siret": "sirene", "siren": "sirene", "rna": "rna"}

# Model attribute → the name recorded in ``field_origins`` (ActorInput's names).
_ORIGIN_KEY = {"kind_id": "kind", "subkind_id": "subkind", "seat_commune_id": "commune"}
RELATIONS = ("themes", "partnership_types", "labels")
_EMPTY: tuple[Any, ...] = (None, "")


@dataclass(slots=True)
class ActorRecord:
    """One source row, mapped to Actor attribute values (``kind_id``, ``seat_commune_id``…).

    ``relations`` maps ``themes``/``partnership_types``/``labels`` to codes (absent: the
    source says nothing about it); ``intervention`` lists territory codes (None: nothing).
    ``close_only`` records carry ``status``/``closed_on`` and close a known actor.
    ``payload`` is the caller's own data, handed back with the actor id.
    """

    values: dict[str, Any]
    siret: str = ""
    siren: str = ""
    rna: str = ""
    is_seat: bool = False
    relations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    intervention: tuple[str, ...] | None = None
    row_hash: str = ""
    close_only: bool = False
    actor_id: int | None = None
    payload: Any = None
    # The caller knows no actor holds ``siret`` (it looked before the batch, see
    # ``KnownSirets``): the batch spares the lookup.
    siret_unheld: bool = False


@dataclass(slots=True)
class IdentifierConflict:
    """The record's actor could not take ``field = value``: ``holder_id`` holds it."""

    actor_id: int
    holder_id: int
    field: str
    value: str
    record: ActorRecord


@dataclass
class UpsertResult:
    created: list[tuple[int, ActorRecord]] = field(default_factory=list)
    updated: list[tuple[int, ActorRecord]] = field(default_factory=list)
    unchanged: list[tuple[int, ActorRecord]] = field(default_factory=list)
    not_found: list[ActorRecord] = field(default_factory=list)  # close_only, nothing to close
    duplicates: list[ActorRecord] = field(default_factory=list)  # same key earlier in batch
    conflicts: list[IdentifierConflict] = field(default_factory=list)

    @property
    def written_ids(self) -> list[int]:
        return [actor_id for actor_id, _ in self.created + self.updated]


def record_hash(*, source: str, record: ActorRecord) -> str:
    """A stable digest of everything the record would write."""
    payload = (
        source,
        sorted(record.values.items()),
        record.siret,
        record.siren,
        record.rna,
        record.is_seat,
        sorted(record.relations.items()),
        record.intervention,
        record.close_only,
    )
    return hashlib.blake2b(repr(payload).encode(), digest_size=16).hexdigest()


_SLUG_DROP = re.compile(r"[^\w\s-]")
_SLUG_DASH = re.compile(r"[-\s]+")


def _slug(name: str) -> str:
    """``django.utils.text.slugify(name)[:120]`` (what ``Actor.save`` stores), without its
    lazy-text wrapper and, for plain ASCII names, without Unicode normalisation; names of
    ASCII letters, digits and spaces only (most registry names) need no pattern."""
    if name.isascii() and name.replace(" ", "").isalnum():
        return "-".join(name.lower().split())[:120]
    value = (
        name
        if name.isascii()
        else (unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii"))
    )
    value = _SLUG_DROP.sub("", value.lower())
    return _SLUG_DASH.sub("-", value).strip("-_")[:120]


def _empty(value: Any) -> bool:
    return value is None or value == ""


# --------------------------------------------------------------------------- lookups


@contextmanager
def _cursor() -> Iterator[Any]:
    """The database driver's own cursor. Django's wrapper, in DEBUG mode, logs every
    statement with its parameters quoted — on SQLite through an extra query per 999
    parameters — which costs more than the import itself."""
    with connection.cursor() as wrapper, connection.wrap_database_errors:
        yield wrapper.cursor


def _select(
    columns: Sequence[str],
    field_name: str,
    values: Iterable[str],
    *,
    extra: str = "",
    table: str | None = None,
) -> list[tuple[Any, ...]]:
    """``SELECT columns FROM actor WHERE field IN values`` in plain SQL: the ORM spends
    more time preparing 5 000 parameters than the database answering. ``NOT (f = '')``
    lets SQLite use the partial unique indexes (``WHERE NOT (siret = '')``)."""
    wanted = sorted({value for value in values if value})
    if not wanted:
        return []
    quote = connection.ops.quote_name
    table_sql = quote(table or Actor._meta.db_table)
    column_sql = ", ".join(quote(c) for c in columns)
    field_sql = quote(field_name)
    rows: list[tuple[Any, ...]] = []
    with _cursor() as cursor:
        if connection.vendor == "postgresql":  # one array parameter, not 5 000
            cursor.execute(
                f"SELECT {column_sql} FROM {table_sql} WHERE {field_sql} = ANY(%s) "  # noqa: S608  # nosec B608
                f"AND NOT ({field_sql} = ''){extra}",
                [wanted],
            )
            return list(cursor.fetchall())
        for start in range(0, len(wanted), 5000):
            part = wanted[start : start + 5000]
            placeholders = ", ".join(["%s"] * len(part))
            cursor.execute(
                f"SELECT {column_sql} FROM {table_sql} WHERE {field_sql} IN ({placeholders}) "  # noqa: S608  # nosec B608
                f"AND NOT ({field_sql} = ''){extra}",
                part,
            )
            rows += cursor.fetchall()
    return rows


def actors_unchanged(*, keys: Sequence[tuple[str, str, str]]) -> set[int]:
    """Positions in ``keys`` — (siret, rna, row hash) — whose actor already holds that hash.

    The cheap first look of an importer: a row found here needs no mapping and no write.
    """
    by_siret = dict(_select(("siret", "source_hash"), "siret", (k[0] for k in keys)))
    by_rna = dict(_select(("rna", "source_hash"), "rna", (k[1] for k in keys if not k[0])))
    unchanged = set()
    for position, (siret, rna, row_hash) in enumerate(keys):
        current = by_siret.get(siret) if siret else by_rna.get(rna) if rna else None
        if current and current == row_hash:
            unchanged.add(position)
    return unchanged


# What ``KnownSirets.get`` says of a SIRET, besides the 60-bit digest of a row hash.
SIRET_ABSENT = -2  # no actor holds it
SIRET_CLOSED = -1  # its actor is closed
SIRET_OTHER = 0  # its actor is active, without a hash of this source


def hash_key(row_hash: str) -> int:
    """The comparable part of a row hash (its first 60 bits; 0 for none)."""
    return int(row_hash[:15], 16) if len(row_hash) >= 15 else SIRET_OTHER


class KnownSirets:
    """Every SIRET actors hold, in two sorted arrays (16 bytes an actor): for each, the
    hash key of the row ``source`` last wrote to it, or ``SIRET_OTHER``/``SIRET_CLOSED``.

    It lets an importer settle a row before mapping it: unchanged (same hash key), nothing
    to close (``SIRET_ABSENT``), already closed. A snapshot: actors written afterwards are
    not in it. Looking SIRETs up in ascending order (a stock file's order) costs a
    comparison or two each; any other order, a binary search."""

    def __init__(self, keys: array[int], values: array[int]) -> None:
        self._keys, self._values = keys, values
        self._count = len(keys)
        self._next = 0  # where the following SIRET in ascending order would be

    def __len__(self) -> int:
        return self._count

    def get(self, siret: int) -> int:
        keys, position = self._keys, self._next
        if position < self._count:
            found = keys[position]
            if found == siret:
                self._next = position + 1
                return self._values[position]
            if found > siret and (position == 0 or keys[position - 1] < siret):
                return SIRET_ABSENT
        position = bisect_left(keys, siret)
        if position < self._count and keys[position] == siret:
            self._next = position + 1
            return self._values[position]
        self._next = position
        return SIRET_ABSENT


_HEX = functools.partial(int, base=16)


def actors_known_sirets(*, source: str, limit: int, chunk: int = 50_000) -> KnownSirets | None:
    """``KnownSirets`` of the actor table, or None when more than ``limit`` actors hold a
    SIRET (the importer then asks the database batch by batch: memory stays bounded).
    Read in SIRET order, ``chunk`` rows at a time (keyset pagination on the unique index),
    closed actors and other sources' told apart by the query."""
    quote = connection.ops.quote_name
    table, siret = quote(Actor._meta.db_table), quote("siret")
    keys, values = array("q"), array("q")
    with _cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE NOT ({siret} = '')")  # noqa: S608  # nosec B608
        if cursor.fetchone()[0] > limit:
            return None
        last = ""
        while True:
            # Each value in hexadecimal: -1 (closed), 0 (other source, no hash) or the
            # hash key, so that the conversion runs in C.
            row_hash = quote("source_hash")
            cursor.execute(
                f"SELECT {siret}, CASE WHEN {quote('status')} = %s THEN '-1' "  # noqa: S608  # nosec B608
                f"WHEN {quote('source')} = %s AND length({row_hash}) >= 15 "
                f"THEN substr({row_hash}, 1, 15) ELSE '0' END "
                f"FROM {table} WHERE {siret} > %s AND NOT ({siret} = '') "
                f"ORDER BY {siret} LIMIT %s",
                [ActorStatus.CLOSED, source, last, chunk],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            sirets, hashes = zip(*rows, strict=True)
            keys.extend(map(int, sirets))  # SIRETs are 14 digits (validated on write)
            values.extend(map(_HEX, hashes))
            if len(rows) < chunk:
                break
            last = rows[-1][0]
    return KnownSirets(keys, values)


class _Index:
    """The existing actors a batch may touch, by id and by identifier."""

    def __init__(self, records: Sequence[ActorRecord]) -> None:
        self.by_id: dict[int, Actor] = {}
        self.siret: dict[str, int] = {}
        self.rna: dict[str, int] = {}
        self.siren_only: dict[str, int] = {}  # actors known by SIREN, without SIRET
        ids = {
            row[0]
            for row in _select(("id",), "siret", (r.siret for r in records if not r.siret_unheld))
        }
        ids |= {row[0] for row in _select(("id",), "rna", (r.rna for r in records))}
        sirens = {r.siren for r in records if r.siren and (r.is_seat or not r.siret)}
        siret_sql = connection.ops.quote_name("siret")
        ids |= {row[0] for row in _select(("id",), "siren", sirens, extra=f" AND {siret_sql} = ''")}
        ids |= {r.actor_id for r in records if r.actor_id}
        for actor in Actor.objects.filter(pk__in=sorted(ids)).order_by("id"):
            self.by_id[actor.pk] = actor
            if actor.siret:
                self.siret[actor.siret] = actor.pk
            if actor.rna:
                self.rna[actor.rna] = actor.pk
            if actor.siren and not actor.siret:
                self.siren_only.setdefault(actor.siren, actor.pk)

    def match(self, record: ActorRecord) -> Actor | None:
        actor_id = record.actor_id
        if actor_id is None and record.siret:
            actor_id = self.siret.get(record.siret)
        if actor_id is None and record.siren and (record.is_seat or not record.siret):
            actor_id = self.siren_only.get(record.siren)
        if actor_id is None and record.rna:
            holder = self.by_id.get(self.rna.get(record.rna, -1))
            # The RNA number joins an association's records, unless the actor holding it
            # is another legal unit (another SIREN): then it is a conflict to review.
            if holder is not None and not (
                record.siren and holder.siren and holder.siren != record.siren
            ):
                actor_id = holder.pk
        return self.by_id.get(actor_id) if actor_id is not None else None


# --------------------------------------------------------------------------- the upsert


@dataclass
class BulkCache:
    """What successive batches of one import may share: the communes' territory ids and
    points (the referential does not change during an import)."""

    communes: dict[str, tuple[Any, ...]] = field(default_factory=dict)


def _commune_info(codes: Iterable[str], cache: BulkCache | None) -> dict[str, tuple[Any, ...]]:
    known = cache.communes if cache is not None else {}
    wanted = {code for code in codes if code and code not in known}
    rows = _select(
        ("code", "epci_id", "departement_id", "region_id", "latitude", "longitude"),
        "code",
        wanted,
        table=Commune._meta.db_table,
    )
    known.update((row[0], row[1:]) for row in rows)
    return known


def _place(values: dict[str, Any], communes: dict[str, tuple[Any, ...]]) -> None:
    """Denormalised territory ids and, without a point, the commune's approximate one."""
    info = communes.get(values.get("seat_commune_id") or "")
    values["epci_id"], values["departement_id"], values["region_id"] = (
        info[:3] if info else (None, None, None)
    )
    if values.get("latitude") is None and info and info[3] is not None:
        values["latitude"], values["longitude"] = info[3], info[4]
        values["coordinates_approximate"] = True


@transaction.atomic
def actors_bulk_upsert(
    *,
    records: Sequence[ActorRecord],
    source: str,
    source_date: dt.date | None = None,
    refresh_index: bool = True,
    cache: BulkCache | None = None,
) -> UpsertResult:
    """Create, update or close the actors of one batch (see the module contract);
    ``cache`` carries reference data from one batch of an import to the next."""
    result = UpsertResult()
    seen_sirets: set[str] = set()
    seen_rnas: set[str] = set()
    seen_ids: set[int] = set()
    batch: list[ActorRecord] = []
    for record in reversed(records):  # the last occurrence of a key wins
        siret, rna, actor_id = record.siret, record.rna, record.actor_id
        if (
            (siret and siret in seen_sirets)
            or (rna and rna in seen_rnas)
            or (actor_id and actor_id in seen_ids)
        ):
            result.duplicates.append(record)
            continue
        if siret:
            seen_sirets.add(siret)
        if rna:
            seen_rnas.add(rna)
        if actor_id:
            seen_ids.add(actor_id)
        batch.append(record)
    batch.reverse()
    result.duplicates.reverse()

    index = _Index(batch)
    communes = _commune_info((r.values.get("seat_commune_id") or "" for r in batch), cache)
    now = timezone.now()
    # Identifiers handed out in this batch, so that two records cannot take the same one.
    taken: dict[tuple[str, str], int | None] = {}
    for name, mapping in (("siret", index.siret), ("rna", index.rna)):
        for value, actor_id in mapping.items():
            taken[(name, value)] = actor_id

    to_create: list[tuple[dict[str, Any], ActorRecord, str]] = []
    origins_cache: dict[tuple[Any, ...], str] = {}
    to_update: dict[int, tuple[Actor, set[str], ActorRecord]] = {}
    relations_to_set: dict[int, dict[str, tuple[str, ...]]] = defaultdict(dict)
    relations_to_add: dict[int, dict[str, tuple[str, ...]]] = defaultdict(dict)
    areas_to_set: dict[int, tuple[str, ...]] = {}

    for record in batch:
        row_hash = record.row_hash or record_hash(source=source, record=record)
        actor = index.match(record)
        if record.close_only:
            if actor is None:
                result.not_found.append(record)
                continue
            changed: set[str] = set()
            origins = dict(actor.field_origins or {})
            if actor.status == ActorStatus.CLOSED:
                result.unchanged.append((actor.pk, record))
                continue
            for name in ("status", "closed_on"):
                if name in record.values:
                    _assign(
                        actor,
                        name,
                        record.values[name],
                        source,
                        origins,
                        changed,
                        over_other_sources=True,
                    )
            if changed:
                actor.field_origins = origins
                to_update[actor.pk] = (actor, changed | {"field_origins"}, record)
            else:
                result.unchanged.append((actor.pk, record))
            continue
        if actor is None:
            values = dict(record.values)
            for name, value in (("siret", record.siret), ("rna", record.rna)):
                if value and (name, value) in taken:
                    # Another record of this batch took it first (holder None) or an
                    # existing actor holds it: keep the record, drop the identifier.
                    holder = taken[(name, value)]
                    if holder is not None:
                        result.conflicts.append(
                            IdentifierConflict(
                                actor_id=0, holder_id=holder, field=name, value=value, record=record
                            )
                        )
                    value = ""
                elif value:
                    taken[(name, value)] = None
                values[name] = value
            values["siren"] = record.siren
            _place(values, communes)
            values["source"] = source
            values["source_date"] = source_date
            values["source_hash"] = row_hash
            values["slug"] = _slug(values.get("name") or "")
            # Every owned field the record fills, every link it gives: the source is their
            # origin. Records of one batch share a handful of shapes: one JSON text each.
            shape = (
                tuple(values),
                tuple(map(_EMPTY.__contains__, values.values())),
                tuple(record.relations),
                tuple(map(bool, record.relations.values())),
                bool(record.intervention),
            )
            origins_json = origins_cache.get(shape)
            if origins_json is None:
                origins = {
                    _OWNED[k]: source
                    for k, empty in zip(shape[0], shape[1], strict=True)
                    if not empty and k in _OWNED
                }
                origins.update(
                    (name, source) for name, given in zip(shape[2], shape[3], strict=True) if given
                )
                if shape[4]:
                    origins["intervention"] = source
                origins_json = origins_cache[shape] = json.dumps(origins)
            to_create.append((values, record, origins_json))
            continue
        reopening = actor.status == ActorStatus.CLOSED and record.values.get("status") not in (
            None,
            ActorStatus.CLOSED,
        )
        if actor.source_hash == row_hash and actor.source == source and not reopening:
            result.unchanged.append((actor.pk, record))
            continue
        origins = dict(actor.field_origins or {})
        changed = set()
        for name, value in record.values.items():
            _assign(actor, name, value, source, origins, changed)
        for name in ("siret", "rna", "siren"):
            value = getattr(record, name)
            if not value or getattr(actor, name) == value:
                continue
            owner = origins.get(name)
            if (
                getattr(actor, name)
                and owner not in (None, source)
                and (owner in PROTECTED_ORIGINS or AUTHORITATIVE.get(name) != source)
            ):
                continue  # the organisation's, or another source's identifier
            holder = taken.get((name, value), actor.pk) if name != "siren" else actor.pk
            if holder not in (actor.pk, None) or ((name, value) in taken and holder is None):
                if holder is not None:
                    result.conflicts.append(
                        IdentifierConflict(
                            actor_id=actor.pk,
                            holder_id=holder,
                            field=name,
                            value=value,
                            record=record,
                        )
                    )
                continue
            if name != "siren":
                taken[(name, value)] = actor.pk
            setattr(actor, name, value)
            origins[name] = source
            changed.add(name)
        if "seat_commune_id" in changed or "latitude" in changed:
            values = {
                "seat_commune_id": actor.seat_commune_id,
                "latitude": actor.latitude,
                "longitude": actor.longitude,
                "coordinates_approximate": actor.coordinates_approximate,
            }
            if actor.coordinates_approximate and "latitude" not in changed:
                # The old commune's approximate point must not stay on the new commune.
                values.update(latitude=None, longitude=None, coordinates_approximate=False)
            _place(values, communes)
            for name, value in values.items():
                if getattr(actor, name) != value:
                    setattr(actor, name, value)
                    changed.add(name)
        for name, codes in record.relations.items():
            owner = origins.get(name)
            if owner in PROTECTED_ORIGINS:
                continue
            if owner is not None and owner != source:
                # Another source chose links too: from now on sources add theirs and
                # remove none ("rna+sirene"), so that alternating imports never flip them.
                relations_to_add[actor.pk][name] = codes
                origins[name] = "+".join(sorted({*owner.split("+"), source}))
                continue
            relations_to_set[actor.pk][name] = codes
            if codes:
                origins[name] = source
            else:
                origins.pop(name, None)
        if (
            record.intervention is not None
            and origins.get("intervention") not in (PROTECTED_ORIGINS)
            and (record.intervention or origins.get("intervention") == source)
        ):
            areas_to_set[actor.pk] = record.intervention
            if record.intervention:
                origins["intervention"] = source
            else:
                origins.pop("intervention", None)
        if "name" in changed:
            actor.slug = _slug(actor.name)
            changed.add("slug")
        actor.field_origins = origins
        actor.source, actor.source_date, actor.source_hash = source, source_date, row_hash
        changed |= {"field_origins", "source", "source_date", "source_hash"}
        to_update[actor.pk] = (actor, changed, record)

    created_ids = _create(to_create, now)
    created_by_record = {}
    for actor_id, (_values, record, _origins) in zip(created_ids, to_create, strict=True):
        created_by_record[id(record)] = actor_id
        result.created.append((actor_id, record))
        if record.relations:
            relations_to_set[actor_id].update(record.relations)
        if record.intervention:
            areas_to_set[actor_id] = record.intervention
    for conflict in result.conflicts:
        if not conflict.actor_id:  # a new actor: its id is known now
            conflict.actor_id = created_by_record.get(id(conflict.record), 0)
    relation_changes = _set_relations(relations_to_set, created=set(created_ids))
    relation_changes |= _set_relations(relations_to_add, created=set(), add_only=True)
    areas_changed = _set_areas(areas_to_set, created=set(created_ids))
    for actor_id, (actor, changed, record) in to_update.items():
        if changed <= {"field_origins", "source", "source_date", "source_hash"} and not (
            actor_id in relation_changes or actor_id in areas_changed
        ):
            # Only the bookkeeping moved: nothing the directory shows has changed.
            result.unchanged.append((actor_id, record))
        else:
            result.updated.append((actor_id, record))
        actor.updated_at = now
        changed.add("updated_at")
    _update(to_update)
    _refresh_completeness([actor_id for actor_id, _ in result.updated])
    if refresh_index and (result.created or result.updated):
        search_index_refresh(actor_ids=result.written_ids)
    return result


# Fields a source may own (everything an importer maps), with their origin key.
_OWNED = {
    name: _ORIGIN_KEY.get(name, name)
    for name in (
        "name",
        "acronym",
        "kind_id",
        "subkind_id",
        "sphere",
        "is_ess",
        "company_size",
        "employees",
        "is_mission_company",
        "public_service_mission",
        "seat_commune_id",
        "address",
        "postal_code",
        "latitude",
        "longitude",
        "coordinates_approximate",
        "description",
        "website",
        "email",
        "phone",
        "status",
        "closed_on",
        "created_on",
        "siret",
        "siren",
        "rna",
    )
}


def _assign(
    actor: Actor,
    name: str,
    value: Any,
    source: str,
    origins: dict[str, str],
    changed: set[str],
    *,
    over_other_sources: bool = False,
) -> None:
    """Set one field if the source may: never over the organisation's word; over another
    source's value only when ``over_other_sources`` (closing a unit); a value the source no
    longer carries is emptied only if the source owned it."""
    key = _ORIGIN_KEY.get(name, name)
    origin = origins.get(key)
    if origin in PROTECTED_ORIGINS:
        return
    current = getattr(actor, name)
    owned_elsewhere = origin not in (None, source) and not _empty(current)
    if owned_elsewhere and not over_other_sources:
        return
    if _empty(value):
        if _empty(current) or origin != source:
            return
        origins.pop(key, None)
    elif current == value:
        origins[key] = source
        return
    else:
        origins[key] = source
    setattr(actor, name, value)
    changed.add(name)


# --------------------------------------------------------------------------- raw writes


def _column_converters(model: type[models.Model], attnames: Sequence[str]) -> list[Any]:
    """Per column, a function turning a Python value into what the driver stores, or None
    when the driver takes the value as it is (str, int, float, bool, None). Cheaper than
    ``get_db_prep_save`` per value, which a million rows cannot afford."""
    sqlite = connection.vendor == "sqlite"
    converters: list[Any] = []
    for attname in attnames:
        model_field = next(f for f in model._meta.concrete_fields if f.attname == attname)
        if isinstance(model_field, models.JSONField):
            converters.append(_json)
        elif isinstance(model_field, models.DateTimeField):
            converters.append(_datetime_converter(model_field))
        elif isinstance(model_field, models.DateField):
            converters.append(_date_text if sqlite else None)
        else:
            converters.append(None)
    return converters


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def _date_text(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _datetime_converter(model_field: models.Field[Any, Any]) -> Any:
    # Rows of a batch share their timestamps: convert each distinct value once.
    cache: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value not in cache:
            cache[value] = model_field.get_db_prep_save(value, connection)
        return cache[value]

    return convert


def _prepare(rows: Iterable[Sequence[Any]], converters: Sequence[Any]) -> list[Sequence[Any]]:
    active = [(i, c) for i, c in enumerate(converters) if c is not None]
    if not active:
        return list(rows)
    prepared: list[Sequence[Any]] = []
    for row in rows:
        values = list(row)
        for position, convert in active:
            values[position] = convert(values[position])
        prepared.append(values)
    return prepared


def bulk_insert_rows(
    *,
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    returning_ids: bool = False,
) -> list[int]:
    """Insert plain rows (attribute names in ``columns``) as fast as the database allows;
    the ids of the new rows, in order, when asked. The caller is inside a transaction."""
    if not rows:
        return []
    return _insert_prepared(
        model, columns, _prepare(rows, _column_converters(model, columns)), returning_ids
    )


def _insert_prepared(
    model: type[models.Model],
    columns: Sequence[str],
    prepared: Sequence[Sequence[Any]],
    returning_ids: bool,
) -> list[int]:
    """``bulk_insert_rows`` for rows already converted for the driver."""
    table = model._meta.db_table
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return _copy_rows(model, table, columns, prepared, returning_ids=returning_ids)
    column_sql = ", ".join(quote(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(table)} ({column_sql}) VALUES ({placeholders})"  # noqa: S608  # nosec B608
    if connection.vendor == "sqlite":
        return _sqlite_insert(sql, quote(table), prepared, returning_ids=returning_ids)
    chunk = max(1, min(500, _max_query_params() // max(1, len(columns))))
    ids: list[int] = []
    with _cursor() as cursor:
        for start in range(0, len(prepared), chunk):
            part = prepared[start : start + chunk]
            many = f"INSERT INTO {quote(table)} ({column_sql}) VALUES " + ", ".join(  # noqa: S608  # nosec B608
                [f"({placeholders})"] * len(part)
            )
            params = [value for row in part for value in row]
            if returning_ids:
                cursor.execute(many + f" RETURNING {quote('id')}", params)
                ids += [row[0] for row in cursor.fetchall()]
            else:
                cursor.execute(many, params)
    return ids


def _sqlite_insert(
    sql: str, table: str, rows: Sequence[Sequence[Any]], *, returning_ids: bool
) -> list[int]:
    """``executemany`` (one prepared statement for all rows). SQLite has one writer at a
    time and Django's tables use AUTOINCREMENT, so the rows of one ``executemany`` inside a
    transaction get consecutive ids ending at ``last_insert_rowid()`` — checked anyway."""
    ids: list[int] = []
    with _cursor() as cursor:
        for start in range(0, len(rows), 5000):
            part = rows[start : start + 5000]
            cursor.executemany(sql, part)
            if not returning_ids:
                continue
            cursor.execute("SELECT last_insert_rowid()")
            last = cursor.fetchone()[0]
            first = last - len(part) + 1
            cursor.execute(
                f'SELECT COUNT(*) FROM {table} WHERE "id" BETWEEN %s AND %s',  # noqa: S608  # nosec B608
                [first, last],
            )
            if cursor.fetchone()[0] != len(part):  # pragma: no cover - SQLite guarantees it
                raise RuntimeError("SQLite did not give consecutive ids to a bulk insert.")
            ids.extend(range(first, last + 1))
    return ids


def _max_query_params() -> int:
    """Django assumes 999 for SQLite; the library in use usually allows 32 766."""
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        return int(connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return connection.features.max_query_params or 65535


def _copy_rows(
    model: type[models.Model],
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    returning_ids: bool,
) -> list[int]:
    quote = connection.ops.quote_name
    ids: list[int] = []
    if returning_ids:
        ids = _sequence_values(model, len(rows))
        columns = ["id", *columns]
        rows = [[actor_id, *row] for actor_id, row in zip(ids, rows, strict=True)]
    with _cursor() as cursor:
        column_sql = ", ".join(quote(c) for c in columns)
        with cursor.copy(f"COPY {quote(table)} ({column_sql}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    return ids


_ACTOR_COLUMNS: list[str] = []


def _actor_columns() -> list[str]:
    if not _ACTOR_COLUMNS:
        _ACTOR_COLUMNS.extend(f.attname for f in Actor._meta.concrete_fields if f.attname != "id")
    return _ACTOR_COLUMNS


def _defaults() -> dict[str, Any]:
    return {f.attname: f.get_default() for f in Actor._meta.concrete_fields if f.attname != "id"}


def _create(
    to_create: list[tuple[dict[str, Any], ActorRecord, str]], now: dt.datetime
) -> list[int]:
    """Insert the new actors; rows are built ready for the driver in one pass (their
    ``field_origins`` arrive as JSON text, their timestamps are the batch's ``now``; on
    PostgreSQL their ids are drawn from the sequence first)."""
    if not to_create:
        return []
    columns = _actor_columns()
    converters = dict(zip(columns, _column_converters(Actor, columns), strict=True))
    defaults = _defaults()
    defaults["created_at"] = defaults["updated_at"] = now
    for column, converter in converters.items():
        if converter is not None:
            defaults[column] = converter(defaults[column])
    # Columns whose values a record may give and the driver needs converted.
    convertible = {c for c, converter in converters.items() if converter} - {"field_origins"}
    ids: list[int] = []
    if connection.vendor == "postgresql":
        ids = _sequence_values(Actor, len(to_create))
        columns = ["id", *columns]
    positions = {column: position for position, column in enumerate(columns)}
    row_of = operator.itemgetter(*columns)
    rows: list[Sequence[Any]] = []
    for number, (values, record, origins_json) in enumerate(to_create):
        row = {**defaults, **values}
        relations = record.relations
        row["completeness"] = _completeness_of(
            row,
            bool(relations.get("themes")),
            bool(relations.get("partnership_types")),
            bool(record.intervention),
        )
        row["field_origins"] = origins_json
        if ids:
            row["id"] = ids[number]
        prepared = row_of(row)
        if not values.keys().isdisjoint(convertible):
            prepared = list(prepared)
            for column in convertible.intersection(values):
                position = positions[column]
                prepared[position] = converters[column](prepared[position])
        rows.append(prepared)
    inserted = _insert_prepared(Actor, columns, rows, returning_ids=not ids)
    return ids or inserted


def _sequence_values(model: type[models.Model], count: int) -> list[int]:
    """``count`` new ids from the PostgreSQL sequence of ``model``'s primary key."""
    with _cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _update(to_update: dict[int, tuple[Actor, set[str], ActorRecord]]) -> None:
    """One ``UPDATE … WHERE id`` per actor, grouped by the set of changed columns."""
    groups: dict[tuple[str, ...], list[Actor]] = defaultdict(list)
    for actor, changed, _record in to_update.values():
        groups[tuple(sorted(changed))].append(actor)
    quote = connection.ops.quote_name
    table = quote(Actor._meta.db_table)
    with _cursor() as cursor:
        for columns, actors in groups.items():
            converters = _column_converters(Actor, columns)
            rows = _prepare(([getattr(a, c) for c in columns] for a in actors), converters)
            assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE {quote('id')} = %s",  # noqa: S608  # nosec B608
                [[*row, actor.pk] for row, actor in zip(rows, actors, strict=True)],
            )


def _set_relations(
    wanted: dict[int, dict[str, tuple[str, ...]]], *, created: set[int], add_only: bool = False
) -> set[int]:
    """Replace (or, ``add_only``, complete) the theme/partnership-type/label links;
    returns the actors whose links really changed."""
    changed: set[int] = set()
    for name in RELATIONS:
        through = getattr(Actor, name).through
        target = getattr(Actor, name).field.m2m_reverse_field_name()
        target_att = f"{target}_id"
        per_actor = {
            actor_id: tuple(dict.fromkeys(rel[name]))
            for actor_id, rel in wanted.items()
            if name in rel
        }
        if not per_actor:
            continue
        existing: dict[int, set[str]] = defaultdict(set)
        known = [a for a in per_actor if a not in created]
        for actor_id, code in through.objects.filter(actor_id__in=known).values_list(
            "actor_id", target_att
        ):
            existing[actor_id].add(code)
        to_delete, rows = [], []
        for actor_id, codes in per_actor.items():
            current = existing.get(actor_id, set())
            if add_only:
                missing = [code for code in codes if code not in current]
                if missing:
                    changed.add(actor_id)
                    rows += [[actor_id, code] for code in missing]
                continue
            if set(codes) == current:
                continue
            changed.add(actor_id)
            if current:
                to_delete.append(actor_id)
            rows += [[actor_id, code] for code in codes]
        if to_delete:
            through.objects.filter(actor_id__in=to_delete).delete()
        bulk_insert_rows(model=through, columns=["actor_id", target_att], rows=rows)
    return changed


def _set_areas(wanted: dict[int, tuple[str, ...]], *, created: set[int]) -> set[int]:
    from maillage.actors.services import LEVEL_BY_PREFIX

    changed: set[int] = set()
    if not wanted:
        return changed
    existing: dict[int, set[str]] = defaultdict(set)
    for actor_id, code in InterventionArea.objects.filter(
        actor_id__in=[a for a in wanted if a not in created]
    ).values_list("actor_id", "territory_code"):
        existing[actor_id].add(code)
    to_delete, rows = [], []
    for actor_id, codes in wanted.items():
        unique = tuple(dict.fromkeys(codes))
        if set(unique) == existing.get(actor_id, set()):
            continue
        changed.add(actor_id)
        if existing.get(actor_id):
            to_delete.append(actor_id)
        rows += [[actor_id, LEVEL_BY_PREFIX[code.split(":")[0]], code, ""] for code in unique]
    if to_delete:
        InterventionArea.objects.filter(actor_id__in=to_delete).delete()
    bulk_insert_rows(
        model=InterventionArea, columns=["actor_id", "level", "territory_code", "label"], rows=rows
    )
    return changed


# --------------------------------------------------------------------------- completeness


def _completeness_of(
    row: dict[str, Any],
    has_themes: bool,
    has_types: bool,
    has_areas: bool,
    has_need: bool = False,
    has_offer: bool = False,
    has_contact: bool = False,
) -> int:
    """``actors.services.actor_completeness`` computed from values (no query)."""
    checks = [
        bool(row.get("description") and len(row["description"]) >= 80),
        row.get("seat_commune_id") is not None,
        row.get("latitude") is not None,
        bool(row.get("website")),
        bool(row.get("email") or row.get("phone")),
        bool(row.get("siret") or row.get("rna")),
        has_themes,
        has_need,
        has_offer,
        has_contact,
        has_areas,
        has_types,
    ]
    return round(100 * sum(checks) / len(checks))


def _refresh_completeness(updated_ids: list[int]) -> None:
    """Created rows got theirs at insertion; updated ones are recomputed in a few queries."""
    if not updated_ids:
        return
    ids = sorted(updated_ids)
    themes = set(
        Actor.themes.through.objects.filter(actor_id__in=ids).values_list("actor_id", flat=True)
    )
    types = set(
        Actor.partnership_types.through.objects.filter(actor_id__in=ids).values_list(
            "actor_id", flat=True
        )
    )
    areas = set(
        InterventionArea.objects.filter(actor_id__in=ids).values_list("actor_id", flat=True)
    )
    contacts = set(Contact.objects.filter(actor_id__in=ids).values_list("actor_id", flat=True))
    needs: set[int] = set()
    offers: set[int] = set()
    for actor_id, direction in NeedOffer.objects.filter(
        actor_id__in=ids, is_active=True
    ).values_list("actor_id", "direction"):
        (needs if direction == Direction.NEED else offers).add(actor_id)
    rows = Actor.objects.filter(pk__in=ids).values(
        "id",
        "description",
        "seat_commune_id",
        "latitude",
        "website",
        "email",
        "phone",
        "siret",
        "rna",
        "completeness",
    )
    changes = []
    for row in rows:
        actor_id = row["id"]
        value = _completeness_of(
            dict(row),
            actor_id in themes,
            actor_id in types,
            actor_id in areas,
            actor_id in needs,
            actor_id in offers,
            actor_id in contacts,
        )
        if value != row["completeness"]:
            changes.append((value, actor_id))
    if changes:
        quote = connection.ops.quote_name
        with _cursor() as cursor:
            cursor.executemany(
                f"UPDATE {quote(Actor._meta.db_table)} SET {quote('completeness')} = %s "  # noqa: S608  # nosec B608
                f"WHERE {quote('id')} = %s",
                changes,
            )


# --------------------------------------------------------------------------- bulk loads

INDEX_BUILD_MEMORY = "256MB"
# The indexes a load itself needs (identifier lookups) stay; so does the primary key.
_LOOKUP_COLUMNS = ({"siret"}, {"rna"}, {"siren"})


def _secondary_indexes(cursor: Any, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes a load can do without: all but the
    primary key, those backing a constraint and the identifier lookups."""
    found = []
    if connection.vendor == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
            "tbl_name = %s AND sql IS NOT NULL",
            [table],
        )
        for name, sql in cursor.fetchall():
            cursor.execute(f'PRAGMA index_info("{name}")')
            columns = {row[2] for row in cursor.fetchall()}
            if columns not in _LOOKUP_COLUMNS:
                found.append((name, sql))
    else:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid), array(SELECT a.attname FROM "
            "pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = ANY(ix.indkey)) "
            "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid "
            "JOIN pg_class t ON t.oid = ix.indrelid WHERE t.relname = %s "
            "AND NOT ix.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conindid = ix.indexrelid)",
            [table],
        )
        for name, sql, columns in cursor.fetchall():
            if set(columns) not in _LOOKUP_COLUMNS:
                found.append((name, sql))
    return found


def _load_tables(extra_models: Sequence[type[models.Model]]) -> list[str]:
    tables = [Actor._meta.db_table]
    tables += [getattr(Actor, name).through._meta.db_table for name in RELATIONS]
    tables += [model._meta.db_table for model in extra_models]
    return tables


def bulk_load_prepare(*, extra_models: Sequence[type[models.Model]] = ()) -> list[str]:
    """Before loading many actors at once: drop the secondary indexes (and, on
    PostgreSQL, the foreign keys, checked row by row by triggers) of the actor table, its
    link tables and ``extra_models``' tables, so that rows go in several times faster;
    returns the statements ``bulk_load_finish`` replays to rebuild them. Identifier
    indexes, unique constraints and primary keys stay. The caller keeps the statements
    where a crash cannot lose them (in the same transaction) and MUST call
    ``bulk_load_finish`` at the end. On PostgreSQL the actor table's statistics are
    refreshed."""
    if connection.vendor not in {"sqlite", "postgresql"}:
        return []
    quote = connection.ops.quote_name
    restore: list[str] = []
    with transaction.atomic(), _cursor() as cursor:
        for table in _load_tables(extra_models):
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE "
                    "conrelid = %s::regclass AND contype = 'f'",
                    [table],
                )
                for name, definition in cursor.fetchall():
                    restore.append(
                        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
                    )
                    cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
            for name, sql in _secondary_indexes(cursor, table):
                restore.insert(0, sql)
                cursor.execute(f"DROP INDEX {quote(name)}")
    if connection.vendor == "postgresql":
        with _cursor() as cursor:
            # The table was nearly empty when last analysed (if ever): without statistics,
            # the lookups by identifier of the batches to come would scan it whole. (Not
            # on SQLite: statistics of a small table would make it scan the large one.)
            cursor.execute(f"ANALYZE {quote(Actor._meta.db_table)}")
    return restore


def bulk_load_finish(statements: Sequence[str]) -> None:
    """Rebuild what ``bulk_load_prepare`` dropped (idempotent: what exists is skipped),
    then refresh the planner's statistics."""
    if not statements:
        return
    quote = connection.ops.quote_name
    with transaction.atomic(), _cursor() as cursor:
        if connection.vendor == "postgresql":
            # Index builds sort in memory rather than in temporary files (default 64 MB).
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
            cursor.execute(
                "SELECT relname FROM pg_class WHERE relkind = 'i' UNION ALL "
                "SELECT conname FROM pg_constraint"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        existing = {row[0] for row in cursor.fetchall()}
        for statement in statements:
            if _ddl_name(statement) not in existing:
                cursor.execute(statement)
    with _cursor() as cursor:
        cursor.execute(f"ANALYZE {quote(Actor._meta.db_table)}")


def _ddl_name(statement: str) -> str:
    """The index or constraint a CREATE INDEX / ADD CONSTRAINT statement creates."""
    words = statement.replace('"', " ").split()
    upper = [word.upper() for word in words]
    for keyword in ("INDEX", "CONSTRAINT"):
        if keyword in upper:
            following = words[upper.index(keyword) + 1 :]
            if following[:3] and [w.upper() for w in following[:3]] == ["IF", "NOT", "EXISTS"]:
                following = following[3:]
            return following[0] if following else ""
    return ""


def closed_values(closed_on: dt.date | None) -> dict[str, Any]:
    """The values of a ``close_only`` record."""
    return {"status": ActorStatus.CLOSED, "closed_on": closed_on}


__all__ = [
    "PROTECTED_ORIGINS",
    "ActorRecord",
    "BulkCache",
    "IdentifierConflict",
    "KnownSirets",
    "UpsertResult",
    "actors_bulk_upsert",
    "actors_known_sirets",
    "actors_unchanged",
    "bulk_insert_rows",
    "bulk_load_finish",
    "bulk_load_prepare",
    "closed_values",
    "record_hash",
]
