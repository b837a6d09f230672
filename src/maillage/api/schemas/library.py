"""Schemas of ``/api/v1/library`` (``…In`` parsed, ``…Out`` rendered).

Only published entries are served. A case study names organisations, never people.
Codes are those of domain.md §9 (themes, partnership types, method steps).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

MAX_PER_PAGE = 100


class LibrarySearchIn(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Mots à trouver (tous), sans tenir compte des accents ni des majuscules.",
    )
    theme: str = Field("", description="Code de thématique.")
    type: str = Field("", description="Code de type de partenariat.")
    territory: str = Field(
        "",
        description="Code de territoire (com:, epci:, dep:, reg:, fr) : les entrées situées "
        "dans ce territoire.",
    )
    page: int = Field(1, ge=1, description="Numéro de page, à partir de 1.")
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE, description="Résultats par page.")


class CodeLabelOut(Schema):
    code: str
    label: str


class FigureOut(Schema):
    label: str
    value: str


class CasePartyOut(Schema):
    id: int = Field(description="Identifiant de l'acteur (GET /api/v1/actors/{id}).")
    name: str
    role: str = Field(description="porteur, partenaire ou tiers_facilitateur.")


class CaseStudySummaryOut(Schema):
    id: int
    title: str
    summary: str
    partnership_type: CodeLabelOut | None
    themes: list[CodeLabelOut]
    territory: str = Field(description="Code de territoire (vide s'il n'est pas précisé).")
    published_at: dt.datetime
    url: str


class CaseStudyOut(CaseStudySummaryOut):
    what: str
    who: str
    results: str
    lessons: str
    figures: list[FigureOut]
    parties: list[CasePartyOut]


class CaseStudyListOut(Schema):
    total: int
    page: int
    per_page: int
    results: list[CaseStudySummaryOut]


class GoodPracticeOut(Schema):
    id: int
    title: str
    summary: str
    body: str
    step: Literal["", "preparer", "rencontrer", "construire", "evaluer"]
    themes: list[CodeLabelOut]
    partnership_types: list[CodeLabelOut]
    territory: str
    source: str
    published_at: dt.datetime | None
    url: str


class GoodPracticeListOut(Schema):
    total: int
    page: int
    per_page: int
    results: list[GoodPracticeOut]


class PracticalSheetOut(Schema):
    code: str
    step: str
    title: str
    summary: str
    url: str


class PracticalSheetListOut(Schema):
    count: int
    results: list[PracticalSheetOut]
