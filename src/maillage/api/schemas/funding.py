"""Schemas of ``/api/v1/funding`` (read only).

Amounts are decimal euros. ``scope`` says how much of an envelope the caller sees:
``full`` (its managers, the funder's members, staff: totals and every allocation) or
``own`` (a party to a funded partnership: only the allocations to its own partnerships,
no totals).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

ScopeCode = Literal["full", "own"]


class RefOut(Schema):
    id: int
    name: str


class TotalsOut(Schema):
    budget_eur: Decimal
    allocated_eur: Decimal
    spent_eur: Decimal
    to_allocate_eur: Decimal
    allocations: int


class EnvelopeSummaryOut(Schema):
    id: int
    title: str
    status: Literal["ouverte", "cloturee"]
    funder: RefOut | None
    programme: RefOut | None
    territory: str
    starts_on: dt.date
    ends_on: dt.date
    scope: ScopeCode
    totals: TotalsOut | None = Field(description="Absent (null) pour une vue « own ».")
    url: str


class EnvelopeListOut(Schema):
    count: int
    results: list[EnvelopeSummaryOut]


class ExpenseOut(Schema):
    id: int
    amount_eur: Decimal
    spent_on: dt.date
    description: str
    evidence: str


class DimensionOut(Schema):
    dimension: str
    average: Decimal | None = Field(description="Moyenne des appréciations soumises (1 à 5).")


class EvaluationSummaryOut(Schema):
    indicators_total: int
    indicators_measured: int
    indicators_reached: int
    average_progress: int | None = Field(description="Progression moyenne vers les cibles (%).")
    assessments: int = Field(description="Évaluations soumises par les parties.")
    dimensions: list[DimensionOut] = Field(description="Vide pour une vue « own ».")


class FundedPartnershipOut(Schema):
    id: int
    title: str
    status: str
    partnership_type: str | None
    parties: list[RefOut]
    url: str


class AllocationOut(Schema):
    id: int
    partnership: FundedPartnershipOut
    amount_eur: Decimal
    spent_eur: Decimal
    remaining_eur: Decimal
    decided_on: dt.date
    purpose: str
    expenses: list[ExpenseOut]
    evaluation: EvaluationSummaryOut


class EnvelopeOut(EnvelopeSummaryOut):
    description: str
    allocations: list[AllocationOut]
