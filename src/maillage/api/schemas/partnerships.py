"""Schemas of ``/api/v1/partnerships`` (``…In`` parsed, ``…Out`` rendered).

Codes are those of domain.md §9 (statuses, origins, roles, objectives, steps, contribution
kinds); their French labels are given next to them where a client shows them as is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

# A row identifier (what the databases can store).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]

StatusCode = Literal["idee", "en_construction", "active", "terminee", "abandonnee"]
OriginCode = Literal["introduction", "speed_dating", "programme_action", "direct"]
KindCode = Literal["financement", "competences", "benevolat", "materiel", "locaux", "achats"]


class PartnershipListIn(Schema):
    status: StatusCode | None = Field(None, description="Seulement ce statut.")
    actor: Id | None = Field(None, description="Seulement ceux dont cet acteur est partie.")


class PartnershipCreateIn(Schema):
    parties: list[Id] = Field(
        description="Identifiants des acteurs (deux au moins, distincts) ; le premier porte "
        "le projet."
    )
    title: str = Field("", max_length=200, description="Vide : « Partenariat A – B ».")
    origin: OriginCode = Field("direct", description="D'où vient le partenariat.")


class PartnershipUpdateIn(Schema):
    """Only the fields given are changed. ``version`` is the one you read: if someone
    saved in between, nothing is written (422, field ``version``)."""

    version: int = Field(description="La version lue (champ « version » de la fiche).")
    title: str | None = Field(None, max_length=200)
    summary: str | None = None
    partnership_type: str | None = Field(None, description="Code de type de partenariat.")
    help_direction: str | None = Field(
        None,
        description="entreprise_aide, association_aide, co_construction ; vide : celui du type.",
    )
    themes: list[str] | None = Field(None, description="Codes de thématiques.")
    territory: str | None = Field(
        None, description="Code de territoire (com:, epci:, dep:, reg:, fr)."
    )
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    lessons: str | None = None


class TransitionIn(Schema):
    to: StatusCode = Field(description="Le nouveau statut.")
    note: str = Field("", max_length=4000, description="Obligatoire pour un abandon.")
    version: int | None = Field(
        None, description="La version lue, pour refuser une écriture périmée."
    )


class ContributionIn(Schema):
    party: Id = Field(description="Identifiant de la partie (et non de l'acteur).")
    kind: KindCode
    description: str = Field(max_length=300)
    amount_eur: Decimal | None = Field(
        None, description="Montant, ou valorisation d'un apport en nature."
    )
    hours: Decimal | None = None
    people: int | None = None
    starts_on: dt.date
    ends_on: dt.date | None = None
    status: Literal["engagee", "realisee"] = "engagee"


class ActorRefOut(Schema):
    id: int
    name: str


class PartyOut(Schema):
    id: int
    actor: ActorRefOut
    role: str = Field(description="porteur, partenaire ou tiers_facilitateur.")
    objectives: list[str] = Field(description="Codes du carré magique, le plus important d'abord.")
    expectations: str
    brings: str


class PartnershipSummaryOut(Schema):
    id: int
    title: str
    status: StatusCode
    partnership_type: str | None
    origin: OriginCode
    current_step: str
    parties: list[ActorRefOut]
    updated_at: dt.datetime
    url: str


class PartnershipListOut(Schema):
    count: int
    results: list[PartnershipSummaryOut]


class StepOut(Schema):
    step: str
    label: str
    done: int
    total: int


class TotalsOut(Schema):
    amount_eur: Decimal = Field(description="Apports financiers, achats et valorisation en nature.")
    money_eur: Decimal
    in_kind_eur: Decimal
    hours: Decimal
    people: int
    realised_eur: Decimal


class ContributionOut(Schema):
    id: int
    party: int
    actor: ActorRefOut
    kind: KindCode
    status: str
    description: str
    amount_eur: Decimal | None
    hours: Decimal | None
    people: int | None
    starts_on: dt.date
    ends_on: dt.date | None


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: dt.date
    done_on: dt.date | None


class DocumentOut(Schema):
    id: int
    title: str
    kind: str
    file_type: str
    size: int
    signed_on: dt.date | None
    uploaded_at: dt.datetime
    download_url: str = Field(description="Téléchargement réservé aux parties et aux animateurs.")


class StatusChangeOut(Schema):
    at: dt.datetime
    from_status: str
    to_status: str
    note: str


class PartnershipOut(PartnershipSummaryOut):
    version: int
    summary: str
    help_direction: str
    themes: list[str]
    territory: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    legal_form: str
    lessons: str
    introduction: int | None
    party_details: list[PartyOut]
    steps: list[StepOut]
    totals: TotalsOut
    milestones: list[MilestoneOut]
    documents: list[DocumentOut]
    status_history: list[StatusChangeOut]


class TimelineEntryOut(Schema):
    at: dt.datetime
    kind: str
    sentence: str
    note: str


class TimelineOut(Schema):
    results: list[TimelineEntryOut]
