"""Reads of an export: every actor of a directory selection, chunk by chunk, as rows.

The selection comes from the search backend (``search.backends``), so the export holds
exactly what the directory finds, in the directory's order, whatever the backend. The
backend answers one page of ids at a time: ``actor_ids_matching`` walks the pages (ids only,
``ID_PAGE_SIZE`` per query), ``actors_export`` loads the actors ``CHUNK_SIZE`` at a time with
everything a row needs prefetched, so memory stays bounded by a chunk whatever the size of
the selection and the number of queries grows with the number of chunks, not of actors.

Only public fields are read: the structure's own email and phone, never contact persons.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch

from maillage.actors.enums import Direction
from maillage.actors.models import Actor, InterventionArea, NeedOffer
from maillage.exports.canonical import Cell, join_values, need_offer_entry
from maillage.search.backends import get_backend
from maillage.search.backends.base import SearchQuery

ID_PAGE_SIZE = 2000
CHUNK_SIZE = 500

# Intervention areas, smallest territory first (then by code): a stable order, whatever the
# order the areas were recorded in, so that an exported file imported again exports the same.
_LEVEL_RANK = {"com": 0, "epci": 1, "dep": 2, "reg": 3, "fr": 4}


def actor_ids_matching(*, query: SearchQuery, page_size: int = ID_PAGE_SIZE) -> Iterator[int]:
    """Every actor id the search finds for ``query``, best first, each once."""
    backend = get_backend()
    seen: set[int] = set()
    page = 1
    while True:
        result = backend.search(
            dataclasses.replace(query, page=page, per_page=page_size, with_facets=False)
        )
        for actor_id in result.ids:
            # Offsets shift when actors change during a long export: never repeat one.
            if actor_id not in seen:
                seen.add(actor_id)
                yield actor_id
        if len(result.ids) < page_size or page * page_size >= result.total:
            return
        page += 1


def _batched(items: Iterable[int], size: int) -> Iterator[list[int]]:
    batch: list[int] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _export_queryset() -> Any:
    items = (
        NeedOffer.objects.filter(is_active=True)
        .order_by("direction", "category__position", "category_id", "text", "id")
    )
    return (
        Actor.objects.select_related("seat_commune")
        .prefetch_related(
            "themes",
            "partnership_types",
            Prefetch("intervention_areas", queryset=InterventionArea.objects.order_by("id")),
            Prefetch("needs_offers", queryset=items, to_attr="export_needs_offers"),
        )
    )


def actors_export(
    *, query: SearchQuery, chunk_size: int = CHUNK_SIZE, page_size: int = ID_PAGE_SIZE
) -> Iterator[list[Actor]]:
    """The selection's actors in search order, in lists of at most ``chunk_size``, each
    actor with its themes, partnership types, intervention areas and active needs/offers
    (``export_needs_offers``) prefetched."""
    for ids in _batched(actor_ids_matching(query=query, page_size=page_size), chunk_size):
        by_id = _export_queryset().in_bulk(ids)
        yield [by_id[actor_id] for actor_id in ids if actor_id in by_id]


def _intervention_codes(actor: Actor) -> list[str]:
    codes = {area.territory_code for area in actor.intervention_areas.all() if area.territory_code}
    return sorted(codes, key=lambda code: (_LEVEL_RANK.get(code.split(":")[0], 9), code))


def actor_canonical_row(actor: Actor) -> dict[str, Cell]:
    """The actor in the canonical columns (contracts.md), before any neutralisation.

    Multi-valued columns are joined (``canonical.join_values``); numbers stay numbers.
    Needs and offers are the active ones, as the public page shows them.
    """
    items: list[NeedOffer] = getattr(actor, "export_needs_offers", None) or list(
        actor.needs_offers.filter(is_active=True).order_by(
            "direction", "category__position", "category_id", "text", "id")
    )
    return {
        "name": actor.name,
        "kind": actor.kind_id,
        "subkind": actor.subkind_id or "",
        "siret": actor.siret,
        "siren": actor.siren,
        "rna": actor.rna,
        "commune": actor.seat_commune_id or "",
        "intervention": join_values(_intervention_codes(actor)),
        "themes": join_values(theme.code for theme in actor.themes.all()),
        "needs": join_values(need_offer_entry(item.category_id, item.text)
                             for item in items if item.direction == Direction.NEED),
        "offers": join_values(need_offer_entry(item.category_id, item.text)
                              for item in items if item.direction == Direction.OFFER),
        "partnership_types": join_values(item.code for item in actor.partnership_types.all()),
        "employees": actor.employees,
        "description": actor.description,
        "website": actor.website,
        "email": actor.email,
        "phone": actor.phone,
        "latitude": actor.latitude,
        "longitude": actor.longitude,
    }


def actor_geojson_feature(actor: Actor, *, base_url: str) -> dict[str, Any] | None:
    """A GeoJSON Point feature (RFC 7946: longitude first), or None without coordinates."""
    if actor.latitude is None or actor.longitude is None:
        return None
    commune = actor.seat_commune
    return {
        "type": "Feature",
        "id": actor.pk,
        "geometry": {"type": "Point", "coordinates": [actor.longitude, actor.latitude]},
        "properties": {
            "id": actor.pk,
            "name": actor.name,
            "kind": actor.kind_id,
            "commune": commune.name if commune else None,
            "commune_code": commune.code if commune else None,
            "url": f"{base_url.rstrip('/')}{actor.get_absolute_url()}",
            "approximate": actor.coordinates_approximate,
            "themes": [theme.code for theme in actor.themes.all()],
        },
    }
