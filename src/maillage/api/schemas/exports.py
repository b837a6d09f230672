"""Input schema of ``GET /api/v1/actors/export`` (the directory's selection, a format)."""

from __future__ import annotations

from typing import Literal

from ninja import Field

from maillage.api.schemas.actors import ActorSelectionIn


class ActorExportIn(ActorSelectionIn):
    """The directory's selection (same parameters as ``/acteurs/`` and ``GET /actors``)."""

    format: Literal["csv", "xlsx", "geojson"] = Field(
        "csv",
        description="csv (UTF-8 avec BOM, colonnes canoniques relisibles par import_actors), "
        "xlsx, ou geojson (FeatureCollection des acteurs géolocalisés, RFC 7946).",
    )
    sep: Literal["comma", "semicolon", ",", ";"] = Field(
        "comma", description="Séparateur du CSV : comma (« , ») ou semicolon (« ; »)."
    )
