"""What the demo territory is made of, as plain values: one ``ActorSpec`` per actor.

Specs are computed without touching the database (``demo.catalogue.demo_catalogue``), so
that the same list is produced on every run and tests can read it directly;
``demo.services.demo_seed`` turns them into rows through the domain services.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Suffix of every generated (fictional) actor's description, so that nobody mistakes it
# for a real organisation.
FICTIONAL_MARK = "(structure fictive de démonstration)"

# Intervention tokens resolved against the seat commune when seeding (``epci`` has no
# fixed code: it is whatever the referential links the seat commune to).
SEAT_TOKENS = ("commune", "epci", "dep", "reg")


@dataclass(frozen=True)
class NeedOfferSpec:
    direction: str  # "need" or "offer"
    category: str  # need/offer category code (domain.md §9)
    text: str
    title: str = ""
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactSpec:
    """A fictional person: never a name from the seeds."""

    first_name: str
    last_name: str
    role: str
    email: str
    phone: str = ""


@dataclass(frozen=True)
class ActorSpec:
    """One demo actor. ``key`` is stable across runs; (name, commune) identifies it in the
    database (``demo_seed`` matches on it to stay idempotent)."""

    key: str
    name: str
    kind: str
    commune: str
    latitude: float
    longitude: float
    description: str
    themes: tuple[str, ...]
    subkind: str = ""
    sphere: str = ""
    acronym: str = ""
    is_ess: bool | None = None
    company_size: str = ""
    employees: int | None = None
    public_service_mission: bool = False
    coordinates_approximate: bool = True
    partnership_types: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    # Territory codes ("dep:86", "fr") or seat tokens ("commune", "epci", "dep", "reg").
    intervention: tuple[str, ...] = ("commune",)
    website: str = ""
    email: str = ""
    phone: str = ""
    needs_offers: tuple[NeedOfferSpec, ...] = ()
    contacts: tuple[ContactSpec, ...] = field(default=())
    fictional: bool = False
