"""Schemas of ``/api/v1/introductions`` (``…In`` parsed, ``…Out`` rendered)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from maillage.matching.enums import DeclineReason

StatusCode = Literal["pending", "accepted", "declined", "expired", "withdrawn"]
DeclineCode = Literal[
    "pas_le_bon_moment",
    "hors_territoire",
    "hors_sujet",
    "pas_de_moyens",
    "deja_en_relation",
    "autre",
]


class IntroductionCreateIn(Schema):
    from_actor: int = Field(description="Votre organisation (vous en êtes membre).")
    to_actor: int = Field(description="La structure à rencontrer.")
    message: str = Field(max_length=2000, description="Présentation de la demande.")


class FacilitateIn(Schema):
    actor_a: int
    actor_b: int
    message: str = Field(max_length=2000)


class AcceptIn(Schema):
    actor: int | None = Field(
        None,
        description="Pour une mise en relation proposée par un animateur : la structure au "
        "nom de laquelle vous répondez (par défaut, la vôtre).",
    )


class DeclineIn(AcceptIn):
    reason: DeclineCode = Field(description="Motif : " + ", ".join(DeclineReason.values) + ".")
    note: str = Field("", max_length=2000)


class ListIn(Schema):
    actor: int | None = Field(None, description="Seulement celles de cet acteur.")
    status: StatusCode | None = Field(None, description="Seulement ce statut.")


class PartyOut(Schema):
    id: int
    name: str


class ContactOut(Schema):
    first_name: str
    last_name: str
    role: str
    email: str
    phone: str


class EventOut(Schema):
    kind: str
    at: dt.datetime


class IntroductionOut(Schema):
    id: int
    from_actor: PartyOut
    to_actor: PartyOut
    origin: str
    status: StatusCode
    message: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    seen_at: dt.datetime | None
    answered_at: dt.datetime | None
    accepted_at: dt.datetime | None
    decline_reason: str = Field(description="Motif du refus (vide sinon).")
    partnership_url: str
    awaiting: list[int] = Field(description="Structures dont la réponse est attendue.")
    contacts: dict[str, list[ContactOut]] | None = Field(
        description="Personnes contacts des deux structures (clé : numéro de l'acteur), "
        "seulement une fois la mise en relation acceptée et pour ses parties ; null sinon."
    )
    events: list[EventOut]


class IntroductionListOut(Schema):
    count: int
    results: list[IntroductionOut]


class PartnershipOut(Schema):
    url: str
