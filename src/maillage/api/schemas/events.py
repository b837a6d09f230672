"""Schemas of ``/api/v1/events`` (``…In`` parsed, ``…Out`` rendered)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class EventSummaryOut(Schema):
    id: int
    kind: str = Field(description="lancement, reunion_information, atelier, speed_dating…")
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    status: str
    capacity: int | None
    confirmed: int
    programme: int | None
    url: str


class EventOut(EventSummaryOut):
    description: str
    address: str
    registration_open: bool
    rounds: int
    tables: int
    slot_minutes: int
    two_sided: bool
    rounds_held: int


class EventListOut(Schema):
    count: int
    results: list[EventSummaryOut]


class RegistrationIn(Schema):
    actor: int | None = Field(None, description="Votre organisation (vous en êtes membre).")


class RegistrationOut(Schema):
    id: int
    event: int
    status: str = Field(description="confirmee, attente ou annulee.")
    waiting_position: int | None
    actor: int | None
    side: str


class MeetingOut(Schema):
    table: int
    a: int = Field(description="Inscription du côté A (ou la première).")
    b: int
    score: float


class PlanOut(Schema):
    event: int
    created_at: dt.datetime
    total_score: float
    upper_bound: float
    kept_rounds: int
    used_match_scores: bool
    rounds: list[list[MeetingOut]]


class AgendaItemOut(Schema):
    round: int
    table: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    partner_name: str
    partner_organisation: str
