"""Input and output schemas of the territorial referential (``/api/v1/territories``)."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

TerritoryLevelCode = Literal["com", "epci", "dep", "reg", "fr"]


class TerritoryAutocompleteIn(Schema):
    q: str = Field(
        ...,
        min_length=1,
        max_length=100,
        description="Début d'un nom (sans souci des accents ; « St » vaut « Saint »), un "
        "code postal, un code INSEE, un numéro de département ou un SIREN d'EPCI.",
    )
    level: list[TerritoryLevelCode] = Field(
        default_factory=list,
        description="Niveaux retenus (répétable) : com, epci, dep, reg, fr. Par défaut tous.",
    )
    limit: int = Field(10, ge=1, le=50, description="Nombre maximal de résultats.")


class TerritoryOut(Schema):
    code: str = Field(
        description="Code de territoire : com:86194, epci:200069854, dep:86, reg:75 ou fr."
    )
    level: TerritoryLevelCode
    level_label: str = Field(description="Niveau en français (Commune, Département…).")
    name: str = Field(description="Nom officiel.")
    label: str = Field(
        description="Libellé à afficher, qui distingue les homonymes (« Saint-Denis (93) »)."
    )
    population: int | None = Field(None, description="Population légale (Insee).")


class TerritoryDetailOut(TerritoryOut):
    parents: list[TerritoryOut] = Field(
        description="Territoires englobants, du plus petit au plus grand (EPCI, "
        "département(s), région(s), fr)."
    )
    communes: int = Field(description="Nombre de communes actuelles du territoire.")
    siren: str | None = Field(None, description="SIREN de la commune ou de l'EPCI.")
    postal_codes: list[str] = Field(
        default_factory=list, description="Codes postaux (communes seulement)."
    )
