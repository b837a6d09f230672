"""Schemas of ``/api/v1/suggestions`` (``…In`` parsed, ``…Out`` rendered)."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from maillage.api.schemas.actors import _split_codes


class SuggestionsIn(Schema):
    limit: int = Field(20, ge=1, le=100, description="Nombre de partenaires (1 à 100).")
    kind: list[str] = Field(default_factory=list, description="Codes de type d'acteur.")
    theme: list[str] = Field(default_factory=list, description="Codes de thématique.")
    partnership_type: list[str] = Field(
        default_factory=list, description="Codes de type de partenariat recherché."
    )
    territory: str = Field(
        "", description="Code de territoire du siège des partenaires (com:, epci:, dep:, reg:)."
    )

    _split = field_validator("kind", "theme", "partnership_type", mode="before")(_split_codes)


class SuggestedActorOut(Schema):
    id: int
    name: str
    kind: str
    commune: str = Field(description="Code INSEE de la commune du siège (vide si inconnue).")
    commune_name: str


class AdviceOut(Schema):
    code: str = Field(
        description="no_territory, no_needs_offers, no_needs, no_offers, no_themes, "
        "no_match, closed."
    )
    message: str


class SuggestionOut(SuggestedActorOut):
    score: float = Field(description="Score réciproque, de 0 à 1.")
    score_forward: float = Field(description="Ce que ce partenaire apporte à l'acteur (0 à 1).")
    score_backward: float = Field(description="Ce que l'acteur apporte à ce partenaire (0 à 1).")
    reasons: list[str] = Field(description="Les raisons qui pèsent le plus, en français.")
    components: dict[str, float] = Field(description="Valeur de chaque composante (0 à 1).")
    introduction_status: str | None = Field(
        description="Statut de la dernière mise en relation entre les deux, s'il y en a une."
    )


class SuggestionListOut(Schema):
    actor: SuggestedActorOut
    results: list[SuggestionOut]
    advice: list[AdviceOut]
    examined: int = Field(description="Candidats examinés.")
    took_ms: float


class FeedbackIn(Schema):
    candidate: int = Field(description="Numéro du partenaire suggéré.")
    action: Literal["pertinent", "pas_pertinent", "dismiss", "restore"] = Field(
        description="« pertinent », « pas_pertinent », écarter (dismiss) ou remettre (restore)."
    )


class FeedbackOut(Schema):
    candidate: int
    verdict: str
    dismissed: bool
