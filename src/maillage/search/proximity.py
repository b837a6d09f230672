"""Territorial proximity of actors to the searcher's commune (same commune > same EPCI >
same département > same région), as a raw SQL expression and as an ORM expression."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Value, When

from maillage.territories.models import Commune

COMMUNE_CODE = re.compile(r"[0-9][0-9AB][0-9]{3}")


@dataclass(frozen=True)
class Place:
    commune: str
    epci: str | None
    departement: str | None
    region: str | None


def place_get(code: str) -> Place | None:
    """The searcher's commune and its parents (``86194`` or ``com:86194``); None if unknown."""
    value = (code or "").strip().upper().removeprefix("COM:")
    if not COMMUNE_CODE.fullmatch(value):
        return None
    row = (
        Commune.objects.filter(pk=value)
        .values_list("code", "epci_id", "departement_id", "region_id")
        .first()
    )
    return Place(*row) if row else None


def _proximity_levels(place: Place) -> list[tuple[str, str, int]]:
    """(actor column, value, weight), nearest first; levels the place lacks (a commune
    outside any EPCI) are skipped. Columns are the foreign keys' attnames."""
    levels = [
        ("seat_commune_id", place.commune, 4),
        ("epci_id", place.epci, 3),
        ("departement_id", place.departement, 2),
        ("region_id", place.region, 1),
    ]
    return [(name, value, weight) for name, value, weight in levels if value]


def proximity_sql(place: Place | None, *, alias: str) -> tuple[str, list[Any]]:
    """A SQL expression (0–4) of an actor's proximity to ``place``, for raw queries."""
    if place is None:
        return "0", []
    levels = _proximity_levels(place)
    whens = " ".join(f"WHEN {alias}.{column} = %s THEN {weight}" for column, _, weight in levels)
    return f"CASE {whens} ELSE 0 END", [value for _, value, _ in levels]


def proximity_expression(place: Place | None) -> Case | Value:
    """The same proximity as an ORM expression."""
    if place is None:
        return Value(0, output_field=IntegerField())
    return Case(
        *[
            When(**{column: value}, then=Value(weight))
            for column, value, weight in _proximity_levels(place)
        ],
        default=Value(0),
        output_field=IntegerField(),
    )
