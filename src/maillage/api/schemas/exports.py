"""Input schema of ``GET /api/v1/actors/export`` (the directory's filters, a format)."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator


def _split_codes(value: object) -> object:
    """``?kind=a&kind=b`` and ``?kind=a,b`` mean the same; blanks are ignored."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list | tuple):
        return [part.strip() for item in value for part in str(item).split(",") if part.strip()]
    return value


class ActorExportIn(Schema):
    """The directory's selection (same parameters as ``/acteurs/`` and ``GET /actors``)."""

    format: Literal["csv", "xlsx", "geojson"] = Field(
        "csv",
        description="csv (UTF-8 avec BOM, colonnes canoniques relisibles par import_actors), "
        "xlsx, ou geojson (FeatureCollection des acteurs géolocalisés, RFC 7946).",
    )
    sep: Literal["comma", "semicolon", ",", ";"] = Field(
        "comma", description="Séparateur du CSV : comma (« , ») ou semicolon (« ; »)."
    )
    q: str = Field("", description="Texte libre (nom, présentation).", max_length=200)
    kind: list[str] = Field(default_factory=list, description="Codes de type d'acteur.")
    sphere: list[str] = Field(default_factory=list, description="Codes de sphère.")
    theme: list[str] = Field(default_factory=list, description="Codes de thématique.")
    territory: str = Field(
        "",
        description="Code de territoire (com:86194, epci:200069854, dep:86, reg:75, fr) : "
        "les acteurs dont le siège est situé dans ce territoire.",
    )
    need: list[str] = Field(
        default_factory=list, description="Catégories de besoins publiés (codes)."
    )
    offer: list[str] = Field(
        default_factory=list, description="Catégories d'offres publiées (codes)."
    )
    closed: bool = Field(False, description="Inclure les structures fermées ou dissoutes.")
    sort: Literal["relevance", "name", "recent", "completeness"] = Field(
        "relevance", description="Ordre des lignes."
    )

    _split = field_validator("kind", "sphere", "theme", "need", "offer", mode="before")(
        _split_codes
    )
