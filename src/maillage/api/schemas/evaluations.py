"""Schemas of ``/api/v1/evaluations`` (``…In`` parsed, ``…Out`` rendered).

Dimensions: ``valeur_association``, ``retour_entreprise``, ``impact_bien_commun``; impact
families: ``confiance``, ``performance``, ``innovation`` (domain.md §9). Ratings go from 1
(très insuffisant) to 5 (excellent).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

DimensionCode = Literal["valeur_association", "retour_entreprise", "impact_bien_commun"]
ImpactCode = Literal["confiance", "performance", "innovation"]
CriterionCode = Literal[
    "valeur_association",
    "retour_entreprise",
    "impact_bien_commun",
    "confiance",
    "performance",
    "innovation",
]


class IndicatorIn(Schema):
    name: str = Field(max_length=200)
    dimension: DimensionCode
    impact_family: ImpactCode | Literal[""] = ""
    unit: str = Field(max_length=40)
    baseline: Decimal
    target: Decimal
    description: str = ""


class MeasurementIn(Schema):
    measured_on: dt.date = Field(description="Pas dans le futur ; une mesure par jour.")
    value: Decimal
    note: str = Field("", max_length=300)


class PeriodIn(Schema):
    label: str = Field(max_length=120, description="« Bilan à six mois », « Bilan final »…")
    starts_on: dt.date
    ends_on: dt.date


class AnswerIn(Schema):
    rating: int | None = Field(None, ge=1, le=5)
    evidence: str = ""


class AssessmentIn(Schema):
    answers: dict[CriterionCode, AnswerIn] = Field(
        description="Par critère : appréciation (1 à 5) et éléments de preuve. Les trois "
        "dimensions sont obligatoires pour soumettre."
    )
    summary: str = ""
    submit: bool = Field(False, description="true : l'évaluation est soumise et définitive.")


class MeasurementOut(Schema):
    id: int
    measured_on: dt.date
    value: Decimal
    note: str


class IndicatorOut(Schema):
    id: int
    name: str
    dimension: str
    impact_family: str
    unit: str
    baseline: Decimal
    target: Decimal
    progress_percent: int | None = Field(
        description="Chemin parcouru de la situation de départ vers la cible (dernière mesure)."
    )
    measurements: list[MeasurementOut]


class AnswerOut(Schema):
    criterion: str
    rating: int | None
    evidence: str


class PartyAssessmentOut(Schema):
    party: int
    actor: str
    submitted: bool
    visible: bool = Field(
        description="false : vous verrez ces réponses après avoir soumis celles de votre "
        "structure (ou elles ne sont pas encore soumises)."
    )
    summary: str | None
    answers: list[AnswerOut] | None


class PeriodOut(Schema):
    id: int
    label: str
    starts_on: dt.date
    ends_on: dt.date
    parties: list[PartyAssessmentOut]
    divergences: list[str] = Field(description="Critères où les appréciations s'écartent.")


class EvaluationOut(Schema):
    partnership: int
    indicators: list[IndicatorOut]
    periods: list[PeriodOut]
