"""What the score knows about an actor: ``Profile`` (one actor) and ``Item`` (one need or
offer). Built by ``matching.profiles`` from the database, or directly by tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

NEED = "need"
OFFER = "offer"


@dataclass(frozen=True)
class Item:
    id: int
    direction: str  # "need" or "offer"
    category: str
    stems: tuple[str, ...] = ()
    theme_mask: int = 0
    valid_until: dt.date | None = None

    def current(self, today: dt.date) -> bool:
        return self.valid_until is None or self.valid_until >= today


@dataclass(frozen=True)
class Profile:
    actor_id: int
    sphere: str = ""
    kind: str = ""
    commune: str = ""
    epci: str = ""
    departement: str = ""
    region: str = ""
    latitude: float | None = None
    longitude: float | None = None
    coverage: frozenset[str] = frozenset()
    theme_mask: int = 0
    type_mask: int = 0
    endorsements: int = 0
    labels: int = 0
    completeness: int = 0
    last_activity: dt.date | None = None
    responsiveness: float | None = None
    items: tuple[Item, ...] = field(default=())

    @property
    def needs(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.direction == NEED)

    @property
    def offers(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.direction == OFFER)

    @property
    def has_territory(self) -> bool:
        return bool(self.commune or self.coverage)

    @property
    def seat_codes(self) -> dict[str, str]:
        """The seat's territory codes by level (those known)."""
        codes = {"fr": "fr"}
        if self.commune:
            codes["com"] = f"com:{self.commune}"
        if self.epci:
            codes["epci"] = f"epci:{self.epci}"
        if self.departement:
            codes["dep"] = f"dep:{self.departement}"
        if self.region:
            codes["reg"] = f"reg:{self.region}"
        return codes


def items_to_json(items: tuple[Item, ...]) -> list[list[Any]]:
    return [
        [
            item.id,
            item.direction,
            item.category,
            " ".join(item.stems),
            item.theme_mask,
            item.valid_until.isoformat() if item.valid_until else "",
        ]
        for item in items
    ]


def items_from_json(rows: list[list[Any]]) -> tuple[Item, ...]:
    return tuple(
        Item(
            id=int(row[0]),
            direction=row[1],
            category=row[2],
            stems=tuple(row[3].split()) if row[3] else (),
            theme_mask=int(row[4]),
            valid_until=dt.date.fromisoformat(row[5]) if row[5] else None,
        )
        for row in rows or ()
    )
