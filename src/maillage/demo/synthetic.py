"""A realistic synthetic population for benchmarks: ``maillage generate_synthetic``.

Contract:
- it MUST draw everything from one ``random.Random(seed)``, iterating only over ordered
  data, so that a seed gives the same actors (names, kinds, communes, texts, needs, offers,
  contacts) on every run and machine; only the database ids differ with what the database
  already holds;
- it MUST place actors on the real current communes of the loaded referential, in
  proportion to their population (``Commune.population``; a commune without one counts as
  a village of ``MISSING_POPULATION`` inhabitants), and MUST NOT run without the
  referential (``DomainError`` with code ``referential_missing``);
- it MUST write through the actors' bulk path (``actors.bulk.actors_bulk_upsert``, then
  ``bulk_insert_rows`` for needs, offers and contacts), so that the denormalised
  territories, slugs, field origins, completeness and link tables are those of an import,
  and build the search index in bulk at the end (``search.services``);
- every generated actor has ``source = "synthetic"`` (``Source.SYNTHETIC``):
  ``synthetic_remove`` deletes them all, and nothing else;
- it MUST NOT take an identifier (SIRET, SIREN, RNA number) another actor holds: a drawn
  identifier already in the database is drawn again, so that no existing actor is ever
  matched or updated;
- persons (contacts) are fictional: first and family names from the demo vocabulary,
  e-mail addresses in the reserved ``example`` domains, phone numbers in the ranges ARCEP
  keeps for fiction.

What is drawn, per actor (``synthetic_data`` documents the proportions): a commune
(population-weighted), a kind from the national mix, then an archetype of that kind
(``demo.data.archetypes`` and ``synthetic_data.PUBLIC_ARCHETYPES``), a profile level
(registry record, partial or complete profile) that decides which fields are filled, a
name and a presentation in French built from the archetype's patterns and the local
names (commune, intercommunality), themes, labels, identifiers, needs and offers with
their categories, contacts, intervention areas, and whether it is closed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import time
import unicodedata
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from maillage.actors.bulk import (
    ActorRecord,
    BulkCache,
    actors_bulk_upsert,
    bulk_insert_rows,
    bulk_load_finish,
    bulk_load_prepare,
)
from maillage.actors.enums import ActorStatus, Direction, Source
from maillage.actors.models import Actor, Contact, Kind, NeedOffer
from maillage.core.errors import DomainError
from maillage.demo.catalogue import a, de, gendered_role
from maillage.demo.data.archetypes import ARCHETYPES, Archetype
from maillage.demo.data.vocabulary import (
    CONTACT_SURNAMES,
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    SURNAMES,
)
from maillage.demo.synthetic_data import (
    ASSOCIATION_NAMES,
    ASSOCIATION_OBJECTS,
    ASSOCIATION_WORDS,
    CLOSED_PERCENT,
    COMPANY_NAMES,
    COMPANY_OBJECTS,
    COMPANY_WORDS,
    EXTRA_SENTENCES,
    KIND_SHARES,
    LABEL_RULES,
    PROFILE_LEVELS,
    PUBLIC_ARCHETYPES,
)
from maillage.search.services import search_index_bulk_refresh
from maillage.territories.models import Commune

Log = Callable[[str], None]

MAX_ACTORS = 10_000_000
BATCH_SIZE = 5000
# Population given to the few communes the referential publishes none for.
MISSING_POPULATION = 100
# Archetypes marked rural are not drawn in communes larger than this.
RURAL_MAX_POPULATION = 20_000
# Bulk loads drop and rebuild the actor table's secondary indexes from this many actors on
# (not those of needs, offers and contacts: completeness is recomputed batch by batch from
# them, by actor id).
BULK_LOAD_FROM = 50_000
CONTACT_DOMAIN = "synthetique.example"
FICTION_PHONE_PREFIX = "01 99 00"  # ARCEP: reserved for fiction

# Prefixes an intercommunality's name starts with, before its own place name.
_EPCI_PREFIXES = (
    "Communauté de communes ",
    "Communauté d'agglomération ",
    "Communauté urbaine ",
    "Eurométropole ",
    "Métropole ",
    "CC ",
    "CA ",
    "CU ",
)
_ARTICLES = ("du ", "de la ", "de l'", "des ", "de ", "d'")


@dataclass(frozen=True, slots=True)
class _Place:
    code: str
    name: str
    epci: str
    departement: str
    region: str
    population: int
    de_commune: str
    a_commune: str
    du_pays: str


def _du_pays(epci_name: str, commune_name: str) -> str:
    """« du Pays Loudunais » from « CC du Pays Loudunais »; the commune without an EPCI."""
    if not epci_name:
        return de(commune_name)
    rest = epci_name
    for prefix in _EPCI_PREFIXES:
        if rest.startswith(prefix):
            rest = rest[len(prefix) :]
            break
    if rest.startswith(_ARTICLES):
        return rest
    return de(rest)


def _places() -> tuple[list[_Place], list[int]]:
    """Current communes (by code) and the cumulative population weights to draw them."""
    epci_names = dict(
        Commune.objects.exclude(epci=None).values_list("code", "epci__name").order_by("code")
    )
    places: list[_Place] = []
    cumulative: list[int] = []
    total = 0
    for code, name, epci, departement, region, population in Commune.objects.order_by(
        "code"
    ).values_list("code", "name", "epci_id", "departement_id", "region_id", "population"):
        places.append(
            _Place(
                code=code,
                name=name,
                epci=epci or "",
                departement=departement,
                region=region,
                population=population or MISSING_POPULATION,
                de_commune=de(name),
                a_commune=a(name),
                du_pays=_du_pays(epci_names.get(code, ""), name),
            )
        )
        total += population or MISSING_POPULATION
        cumulative.append(total)
    return places, cumulative


def _archetype_weights(archetypes: Sequence[Archetype]) -> list[float]:
    """Each kind gets its national share, split among its archetypes by their weight."""
    by_kind: dict[str, int] = {}
    for archetype in archetypes:
        by_kind[archetype.kind] = by_kind.get(archetype.kind, 0) + archetype.weight
    return [
        KIND_SHARES.get(archetype.kind, 0) * archetype.weight / by_kind[archetype.kind]
        for archetype in archetypes
    ]


def _luhn_digit(digits: str) -> str:
    """The digit that makes ``digits + digit`` pass the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:  # doubled once the check digit is appended
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in plain.lower() if char.isalnum() or char == "-")


@dataclass(slots=True)
class _Payload:
    """What a record brings besides the actor row: needs/offers and contacts."""

    items: list[tuple[str, str, str, str]]  # direction, category, text, theme
    contacts: list[tuple[str, str, str, str, str]]  # first, last, role, email, phone


class _Drawer:
    """Draws synthetic actor records from one random generator (see the module)."""

    def __init__(self, rng: random.Random, places: list[_Place], cumulative: list[int]) -> None:
        self.rng = rng
        self.places = places
        self.cumulative = cumulative
        self.total = cumulative[-1]
        self.archetypes = (*ARCHETYPES, *PUBLIC_ARCHETYPES)
        weights = _archetype_weights(self.archetypes)
        self.cum_all = list(itertools.accumulate(weights))
        self.cum_urban = list(
            itertools.accumulate(
                0.0 if archetype.rural else weight
                for archetype, weight in zip(self.archetypes, weights, strict=True)
            )
        )
        self.levels = [level for level, _ in PROFILE_LEVELS]
        self.cum_levels = list(itertools.accumulate(share for _, share in PROFILE_LEVELS))
        spheres = dict(Kind.objects.values_list("code", "default_sphere"))
        self.spheres = spheres
        self.sirens: set[str] = set()
        self.rnas: set[str] = set()

    # ------------------------------------------------------------------ identifiers

    def siren(self) -> str:
        while True:
            body = f"{self.rng.randrange(10_000_000, 100_000_000):08d}"
            siren = body + _luhn_digit(body)
            if siren not in self.sirens:
                self.sirens.add(siren)
                return siren

    def siret(self, siren: str) -> str:
        body = siren + f"{self.rng.randrange(1, 100):04d}"
        return body + _luhn_digit(body)

    def rna(self, departement: str) -> str:
        prefix = (departement + "0")[:3] if len(departement) == 2 else departement[:3]
        while True:
            rna = f"W{prefix}{self.rng.randrange(1_000_000):06d}"
            if rna not in self.rnas:
                self.rnas.add(rna)
                return rna

    # ------------------------------------------------------------------ one actor

    def record(self) -> ActorRecord:
        rng = self.rng
        place = self.places[bisect.bisect_right(self.cumulative, rng.random() * self.total)]
        cum = self.cum_urban if place.population > RURAL_MAX_POPULATION else self.cum_all
        archetype = self.archetypes[bisect.bisect_right(cum, rng.random() * cum[-1])]
        level = self.levels[bisect.bisect_right(self.cum_levels, rng.random() * 100)]
        kind = archetype.kind
        registry = level == "registre"
        complete = level == "complet"
        size = rng.choice(archetype.sizes) if archetype.sizes else ""
        if kind == "entreprise" and not size:
            size = "tpe" if rng.random() < 0.8 else "pme"
        employees = {
            "tpe": rng.randint(1, 9),
            "pme": rng.randint(10, 249),
            "eti": rng.randint(250, 4999),
        }.get(size)
        year = rng.randint(1950, 2024)
        values = {
            "commune": place.name,
            "de_commune": place.de_commune,
            "a_commune": place.a_commune,
            "du_pays": place.du_pays,
            "pays": place.du_pays.split(" ", 1)[-1],
            "surname": rng.choice(SURNAMES),
            "word": rng.choice(archetype.words) if archetype.words else "",
            "year": year,
            "volunteers": rng.randint(5, 80),
            "staff": employees if employees is not None else rng.randint(2, 40),
            "families": rng.randrange(20, 400, 10),
        }
        # Names: most registry records read like the registers, not like an archetype.
        generic = registry and rng.random() < 0.6
        if generic and kind == "association":
            values["word"] = rng.choice(ASSOCIATION_WORDS)
            name = rng.choice(ASSOCIATION_NAMES).format(**values)
            description = rng.choice(ASSOCIATION_OBJECTS).format(**values)
        elif generic and kind == "entreprise":
            values["word"] = rng.choice(COMPANY_WORDS)
            name = rng.choice(COMPANY_NAMES).format(**values)
            description = rng.choice(COMPANY_OBJECTS).format(**values)
        else:
            name = rng.choice(archetype.names).format(**values)
            description = rng.choice(archetype.descriptions).format(**values)
        name = " ".join(name.split())
        if registry:
            description = description if rng.random() < 0.5 else ""
        else:
            extra = rng.randint(0, 3 if complete else 1)
            description = " ".join([description, *rng.sample(EXTRA_SENTENCES, k=extra)])
        themes: tuple[str, ...] = ()
        if not registry or rng.random() < 0.3:
            themes = (
                *archetype.themes,
                *(theme for theme in archetype.optional_themes if rng.random() < 0.35),
            )
        labels = tuple(
            code
            for rule_kind, code, percent in LABEL_RULES
            if rule_kind == kind and rng.random() * 100 < percent
        )
        siren = siret = rna = ""
        if kind == "association" and (rng.random() < 0.85):
            rna = self.rna(place.departement)
            if rng.random() < 0.25:  # associations that employ or receive subsidies
                siren = self.siren()
                siret = self.siret(siren)
        elif kind != "association" or rng.random() < 0.5:
            siren = self.siren()
            siret = self.siret(siren)
        slug = slugify(name)[:40].strip("-") or "structure"
        website = email = phone = ""
        if not registry and rng.random() < (0.9 if complete else 0.5):
            website = f"https://{slug}.example"
            email = f"contact@{slug}.example"
        if not registry and rng.random() < (0.8 if complete else 0.3):
            phone = f"{FICTION_PHONE_PREFIX} {rng.randrange(100):02d} {rng.randrange(100):02d}"
        closed = rng.random() * 100 < CLOSED_PERCENT
        items: list[tuple[str, str, str, str]] = []
        if complete or (level == "partiel" and rng.random() < 0.3):
            needs = rng.sample(archetype.needs, k=min(len(archetype.needs), rng.randint(1, 2)))
            offers = (
                rng.sample(archetype.offers, k=min(len(archetype.offers), rng.randint(1, 2)))
                if complete
                else []
            )
            theme = themes[0] if themes else archetype.themes[0]
            items = [
                (direction, category, text, theme)
                for direction, pairs in ((Direction.NEED, needs), (Direction.OFFER, offers))
                for category, text in pairs
            ]
        contacts: list[tuple[str, str, str, str, str]] = []
        if complete or (level == "partiel" and rng.random() < 0.2):
            feminine = rng.random() < 0.5
            first = rng.choice(FEMALE_FIRST_NAMES if feminine else MALE_FIRST_NAMES)
            last = rng.choice(CONTACT_SURNAMES)
            role = gendered_role(rng.choice(archetype.roles), feminine=feminine)
            contacts.append(
                (first, last, role, f"{_ascii(first)}.{_ascii(last)}@{CONTACT_DOMAIN}", "")
            )
        intervention: tuple[str, ...] | None = None
        relations: dict[str, tuple[str, ...]] = {"themes": themes, "labels": labels}
        if complete:
            seat = {
                "commune": f"com:{place.code}",
                "epci": f"epci:{place.epci}" if place.epci else "",
                "dep": f"dep:{place.departement}",
                "reg": f"reg:{place.region}",
            }
            intervention = tuple(
                code for token in archetype.intervention if (code := seat.get(token, token))
            )
            relations["partnership_types"] = archetype.partnership_types
        sphere = archetype.sphere or self.spheres.get(kind, "")
        is_ess = archetype.is_ess if archetype.is_ess is not None else sphere == "ess"
        record_values: dict[str, Any] = {
            "name": name[:250],
            "kind_id": kind,
            "subkind_id": archetype.subkind or None,
            "sphere": sphere,
            "is_ess": is_ess,
            "company_size": size,
            "employees": employees,
            "seat_commune_id": place.code,
            "description": description,
            "website": website,
            "email": email,
            "phone": phone,
            "status": ActorStatus.CLOSED if closed else ActorStatus.ACTIVE,
            "closed_on": dt.date(min(year + rng.randint(1, 30), 2025), 1, 1) if closed else None,
            "created_on": dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
        }
        return ActorRecord(
            values=record_values,
            siret=siret,
            siren=siren,
            rna=rna,
            is_seat=bool(siret),
            relations=relations,
            intervention=intervention,
            payload=_Payload(items=items, contacts=contacts),
        )


def _held(field: str, values: Sequence[str]) -> set[str]:
    wanted = sorted({value for value in values if value})
    held: set[str] = set()
    for start in range(0, len(wanted), 5000):
        held.update(
            Actor.objects.filter(**{f"{field}__in": wanted[start : start + 5000]}).values_list(
                field, flat=True
            )
        )
    return held


def _unheld(drawer: _Drawer, records: list[ActorRecord]) -> None:
    """Draw again any identifier an actor of the database already holds."""
    for _attempt in range(20):
        sirens = _held("siren", [r.siren for r in records])
        rnas = _held("rna", [r.rna for r in records])
        clashes = [r for r in records if r.siren in sirens or r.rna in rnas]
        if not clashes:
            return
        for record in clashes:
            if record.siren in sirens:
                record.siren = drawer.siren()
                record.siret = drawer.siret(record.siren)
            if record.rna in rnas:
                record.rna = drawer.rna(record.rna[1:3])
    raise DomainError(  # pragma: no cover - a database holding nearly every identifier
        "Impossible de tirer des identifiants libres.", field="actors", code="identifiers"
    )


def _drawer(seed: int) -> _Drawer:
    places, cumulative = _places()
    if not places:
        raise DomainError(
            "Le référentiel territorial n'est pas chargé : lancez d'abord "
            "« maillage import_territories ».",
            field="actors",
            code="referential_missing",
        )
    return _Drawer(random.Random(seed), places, cumulative)  # nosec B311: reproducible synthetic data, not security


def synthetic_records(*, count: int, seed: int) -> Iterator[ActorRecord]:
    """The ``count`` records of a seed, in order (no write; the referential is read)."""
    drawer = _drawer(seed)
    for _ in range(count):
        yield drawer.record()


def synthetic_generate(
    *, actors: int, seed: int = 1, batch_size: int = BATCH_SIZE, log: Log | None = None
) -> dict[str, Any]:
    """Add ``actors`` synthetic actors (see the module contract); returns the summary of
    ``maillage generate_synthetic --json``."""
    say = log or (lambda message: None)
    if not 1 <= actors <= MAX_ACTORS:
        raise DomainError(
            f"Le nombre d'acteurs doit être compris entre 1 et {MAX_ACTORS}.",
            field="actors",
            code="invalid",
        )
    started = time.perf_counter()
    drawer = _drawer(seed)
    counts = {"actors": 0, "needs": 0, "offers": 0, "contacts": 0}
    communes: set[str] = set()
    created_ids = array("q")
    cache = BulkCache()
    now = timezone.now()
    with transaction.atomic():
        restore = bulk_load_prepare() if actors >= (BULK_LOAD_FROM) else []
        done = 0
        while done < actors:
            size = min(batch_size, actors - done)
            records = [drawer.record() for _ in range(size)]
            _unheld(drawer, records)
            result = actors_bulk_upsert(
                records=records, source=Source.SYNTHETIC, refresh_index=False, cache=cache
            )
            if len(result.created) != size:  # pragma: no cover - identifiers were checked
                raise DomainError(
                    "Des acteurs synthétiques n'ont pas pu être créés.",
                    field="actors",
                    code="not_created",
                )
            _write_payloads(result.created, now, counts)
            for actor_id, record in result.created:
                communes.add(record.values["seat_commune_id"])
                created_ids.append(actor_id)
            done += size
            counts["actors"] = done
            if done % 50_000 < size or done == actors:
                say(f"{done} acteurs écrits ({time.perf_counter() - started:.0f} s)")
        if restore:
            say("Reconstruction des index des tables…")
            bulk_load_finish(restore)
    written = time.perf_counter()
    say("Index de recherche…")
    index_mode = search_index_bulk_refresh(actor_ids=created_ids)
    finished = time.perf_counter()
    return {
        **counts,
        "seed": seed,
        "communes": len(communes),
        "source": Source.SYNTHETIC.value,
        "first_id": min(created_ids),
        "last_id": max(created_ids),
        "search_index": index_mode,
        "write_s": round(written - started, 2),
        "index_s": round(finished - written, 2),
        "duration_s": round(finished - started, 2),
        "actors_per_s": round(actors / max(finished - started, 1e-9)),
    }


def _write_payloads(
    created: list[tuple[int, ActorRecord]], now: dt.datetime, counts: dict[str, int]
) -> None:
    """Needs, offers (with their theme) and contacts of a batch's new actors, then their
    completeness, which counts them."""
    from maillage.actors.bulk import _refresh_completeness  # see docs/decisions/0010

    items: list[dict[str, Any]] = []
    item_themes: list[str] = []
    contacts: list[dict[str, Any]] = []
    touched: list[int] = []
    stamps = {"created_at": now, "updated_at": now}
    for actor_id, record in created:
        payload: _Payload = record.payload
        if payload.items or payload.contacts:
            touched.append(actor_id)
        for direction, category, text, theme in payload.items:
            items.append(
                {
                    "actor_id": actor_id,
                    "direction": direction,
                    "category_id": category,
                    "text": text,
                    **stamps,
                }
            )
            item_themes.append(theme)
            counts["needs" if direction == Direction.NEED else "offers"] += 1
        for first, last, role, email, phone in payload.contacts:
            contacts.append(
                {
                    "actor_id": actor_id,
                    "first_name": first,
                    "last_name": last,
                    "role": role,
                    "email": email,
                    "phone": phone,
                    "consent_at": now,
                    "is_primary": True,
                    **stamps,
                }
            )
            counts["contacts"] += 1
    item_ids = _insert(NeedOffer, items, returning_ids=True)
    bulk_insert_rows(
        model=NeedOffer.themes.through,
        columns=["needoffer_id", "theme_id"],
        rows=[[item_id, theme] for item_id, theme in zip(item_ids, item_themes, strict=True)],
    )
    _insert(Contact, contacts)
    _refresh_completeness(touched)


def _insert(
    model: type[Model], rows: list[dict[str, Any]], *, returning_ids: bool = False
) -> list[int]:
    """Insert rows given as {attribute: value}; every other column gets its field default
    (so that columns added to the model later need no change here)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = [f.attname for f in fields]
    defaults = [f.get_default() for f in fields]
    return bulk_insert_rows(
        model=model,
        columns=columns,
        rows=[
            [row.get(column, default) for column, default in zip(columns, defaults, strict=True)]
            for row in rows
        ],
        returning_ids=returning_ids,
    )


def synthetic_remove(*, log: Log | None = None) -> dict[str, Any]:
    """Delete every synthetic actor (and, by cascade, what hangs on them)."""
    say = log or (lambda message: None)
    started = time.perf_counter()
    removed = 0
    while True:
        ids = list(
            Actor.objects.filter(source=Source.SYNTHETIC)
            .order_by("pk")
            .values_list("pk", flat=True)[:20_000]
        )
        if not ids:
            break
        with transaction.atomic():
            Actor.objects.filter(pk__in=ids).delete()
        removed += len(ids)
        say(f"{removed} acteurs synthétiques supprimés")
    if connection.vendor == "sqlite" and removed:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")
    return {"removed": removed, "duration_s": round(time.perf_counter() - started, 2)}
