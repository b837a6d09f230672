"""Reads of an export: every actor of a directory selection, chunk by chunk, as rows.

The selection comes from the search backend (``search.backends``), so the export holds
exactly what the directory finds, in the directory's order, whatever the backend. The
backend answers one page of ids at a time: ``actor_ids_matching`` walks the pages (ids only,
``ID_PAGE_SIZE`` per query); ``actors_export`` reads the actors ``CHUNK_SIZE`` at a time as
plain values (``ExportedActor``, six queries per chunk, no model instances: an export of
100 000 actors is a few seconds of work, not a minute of ORM bookkeeping). Memory stays
bounded by a chunk whatever the size of the selection.

Only public fields are read: the structure's own email and phone, never contact persons.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.urls import reverse

from maillage.actors.enums import Direction
from maillage.actors.models import Actor, InterventionArea, NeedOffer
from maillage.exports.canonical import Cell, join_values, need_offer_entry
from maillage.search.backends import get_backend
from maillage.search.backends.base import SearchBackend, SearchQuery, SearchResult

ID_PAGE_SIZE = 10_000  # ids per search page (ints only: cheap to hold)
CHUNK_SIZE = 500  # actors read and written at a time

# Intervention areas, smallest territory first (then by code): a stable order, whatever the
# order the areas were recorded in, so that an exported file imported again exports the same.
_LEVEL_RANK = {"com": 0, "epci": 1, "dep": 2, "reg": 3, "fr": 4}

_ACTOR_FIELDS = (
    "id",
    "name",
    "slug",
    "kind_id",
    "subkind_id",
    "siret",
    "siren",
    "rna",
    "seat_commune_id",
    "seat_commune__name",
    "employees",
    "description",
    "website",
    "email",
    "phone",
    "latitude",
    "longitude",
    "coordinates_approximate",
)


@dataclasses.dataclass
class ExportedActor:
    """What an export shows of one actor: public fields only, vocabularies as codes."""

    id: int
    name: str
    slug: str
    kind: str
    subkind: str
    siret: str
    siren: str
    rna: str
    commune_code: str
    commune_name: str
    employees: int | None
    description: str
    website: str
    email: str
    phone: str
    latitude: float | None
    longitude: float | None
    approximate: bool
    themes: list[str] = dataclasses.field(default_factory=list)
    partnership_types: list[str] = dataclasses.field(default_factory=list)
    intervention: list[str] = dataclasses.field(default_factory=list)
    needs: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    offers: list[tuple[str, str]] = dataclasses.field(default_factory=list)


def _page(query: SearchQuery, page: int, page_size: int) -> SearchQuery:
    return dataclasses.replace(query, page=page, per_page=page_size, with_facets=False)


def _walk_pages(
    backend: SearchBackend, query: SearchQuery, first: SearchResult, page_size: int
) -> Iterator[int]:
    seen: set[int] = set()
    page, result = 1, first
    while True:
        for actor_id in result.ids:
            # Offsets shift when actors change during a long export: never repeat one.
            if actor_id not in seen:
                seen.add(actor_id)
                yield actor_id
        if len(result.ids) < page_size or page * page_size >= result.total:
            return
        page += 1
        result = backend.search(_page(query, page, page_size))


def actor_ids_matching(*, query: SearchQuery, page_size: int = ID_PAGE_SIZE) -> Iterator[int]:
    """Every actor id the search finds for ``query``, best first, each once.

    The first page is searched at once (the rest as the ids are consumed), so that a query
    the search refuses (``DomainError``) fails before anything is sent or written.
    """
    backend = get_backend()
    first = backend.search(_page(query, 1, page_size))
    return _walk_pages(backend, query, first, page_size)


def _batched(items: Iterable[int], size: int) -> Iterator[list[int]]:
    batch: list[int] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _exported(values: dict[str, Any]) -> ExportedActor:
    return ExportedActor(
        id=values["id"],
        name=values["name"],
        slug=values["slug"],
        kind=values["kind_id"],
        subkind=values["subkind_id"] or "",
        siret=values["siret"],
        siren=values["siren"],
        rna=values["rna"],
        commune_code=values["seat_commune_id"] or "",
        commune_name=values["seat_commune__name"] or "",
        employees=values["employees"],
        description=values["description"],
        website=values["website"],
        email=values["email"],
        phone=values["phone"],
        latitude=values["latitude"],
        longitude=values["longitude"],
        approximate=values["coordinates_approximate"],
    )


def exported_actors(*, ids: list[int]) -> list[ExportedActor]:
    """These actors, in this order, with their related codes. An actor deleted meanwhile is
    left out (the reads of one chunk are separate queries)."""
    by_id = {
        values["id"]: _exported(values)
        for values in Actor.objects.filter(pk__in=ids).order_by().values(*_ACTOR_FIELDS)
    }
    themes = Actor.themes.through.objects.filter(actor_id__in=ids)
    for actor_id, code in themes.order_by("theme__position", "theme_id").values_list(
        "actor_id", "theme_id"
    ):
        if actor_id in by_id:
            by_id[actor_id].themes.append(code)
    types = Actor.partnership_types.through.objects.filter(actor_id__in=ids)
    for actor_id, code in types.order_by(
        "partnershiptype__position", "partnershiptype_id"
    ).values_list("actor_id", "partnershiptype_id"):
        if actor_id in by_id:
            by_id[actor_id].partnership_types.append(code)
    areas: dict[int, set[str]] = defaultdict(set)
    for actor_id, code in (
        InterventionArea.objects.filter(actor_id__in=ids)
        .exclude(territory_code="")
        .order_by()
        .values_list("actor_id", "territory_code")
    ):
        areas[actor_id].add(code)
    for actor_id, codes in areas.items():
        if actor_id not in by_id:
            continue
        by_id[actor_id].intervention = sorted(
            codes, key=lambda code: (_LEVEL_RANK.get(code.split(":")[0], 9), code)
        )
    items = NeedOffer.objects.filter(actor_id__in=ids, is_active=True).order_by(
        "direction", "category__position", "category_id", "text", "id"
    )
    for actor_id, direction, category, text in items.values_list(
        "actor_id", "direction", "category_id", "text"
    ):
        exported = by_id.get(actor_id)
        if exported is None:
            continue
        (exported.needs if direction == Direction.NEED else exported.offers).append(
            (category, text)
        )
    return [by_id[actor_id] for actor_id in ids if actor_id in by_id]


def actors_export(
    *, query: SearchQuery, chunk_size: int = CHUNK_SIZE, page_size: int = ID_PAGE_SIZE
) -> Iterator[list[ExportedActor]]:
    """The selection's actors in search order, in lists of at most ``chunk_size``.

    Searches the first page at once (see ``actor_ids_matching``); everything else happens
    as the chunks are consumed."""
    ids = actor_ids_matching(query=query, page_size=page_size)
    return (exported_actors(ids=batch) for batch in _batched(ids, chunk_size))


def actor_canonical_row(actor: ExportedActor) -> dict[str, Cell]:
    """The actor in the canonical columns (contracts.md), before any neutralisation.

    Multi-valued columns are joined (``canonical.join_values``); numbers stay numbers.
    Needs and offers are the active ones, as the public page shows them.
    """
    return {
        "name": actor.name,
        "kind": actor.kind,
        "subkind": actor.subkind,
        "siret": actor.siret,
        "siren": actor.siren,
        "rna": actor.rna,
        "commune": actor.commune_code,
        "intervention": join_values(actor.intervention),
        "themes": join_values(actor.themes),
        "needs": join_values(need_offer_entry(*item) for item in actor.needs),
        "offers": join_values(need_offer_entry(*item) for item in actor.offers),
        "partnership_types": join_values(actor.partnership_types),
        "employees": actor.employees,
        "description": actor.description,
        "website": actor.website,
        "email": actor.email,
        "phone": actor.phone,
        "latitude": actor.latitude,
        "longitude": actor.longitude,
    }


def actor_geojson_feature(actor: ExportedActor, *, base_url: str) -> dict[str, Any] | None:
    """A GeoJSON Point feature (RFC 7946: longitude first), or None without coordinates."""
    if actor.latitude is None or actor.longitude is None:
        return None
    path = reverse("actors:detail_slug", kwargs={"pk": actor.id, "slug": actor.slug or "-"})
    return {
        "type": "Feature",
        "id": actor.id,
        "geometry": {"type": "Point", "coordinates": [actor.longitude, actor.latitude]},
        "properties": {
            "id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "commune": actor.commune_name or None,
            "commune_code": actor.commune_code or None,
            "url": f"{base_url.rstrip('/')}{path}",
            "approximate": actor.approximate,
            "themes": actor.themes,
        },
    }
