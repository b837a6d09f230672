"""``GET /api/v1/actors/export``: the directory selection as a CSV, XLSX or GeoJSON file.

The same selection and files as the directory's export links (``exports`` app): public
fields only, every matching actor (not one page), streamed.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from ninja import Query, Router

from maillage.api.errors import ErrorOut, invalid_parameter
from maillage.api.schemas.exports import ActorExportIn
from maillage.core.errors import DomainError
from maillage.exports.formats import CONTENT_TYPES, ExportFormat, separator_parse
from maillage.exports.forms import InvalidSelectionError, selection_parse
from maillage.exports.responses import export_response

router = Router(tags=["actors"])

_FILE = {"schema": {"type": "string", "format": "binary"}}
_GEOJSON = {"schema": {"type": "object", "description": "GeoJSON FeatureCollection"}}


@router.get(
    "",
    response={400: ErrorOut},
    operation_id="actors_export",
    summary="Exporter une sélection d'acteurs",
    description="Tous les acteurs trouvés par la recherche de l'annuaire (mêmes paramètres "
    "que /acteurs/ et GET /actors, sans pagination), en fichier : CSV (UTF-8 avec BOM, "
    "séparateur « , » ou « ; », colonnes canoniques relisibles par import_actors, cellules "
    "neutralisées contre les formules), XLSX, ou GeoJSON. Champs publics seulement (jamais "
    "les personnes contacts). Réponse diffusée au fil de l'eau.",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Le fichier (en pièce jointe).",
                "content": {
                    "text/csv": _FILE,
                    CONTENT_TYPES[ExportFormat.XLSX]: _FILE,
                    CONTENT_TYPES[ExportFormat.GEOJSON]: _GEOJSON,
                },
            }
        }
    },
)
def actors_export(request: HttpRequest, params: Query[ActorExportIn]) -> HttpResponseBase:
    selection = params.model_dump(exclude={"format", "sep"})
    selection["closed"] = "1" if params.closed else ""
    try:
        query = selection_parse(params=selection)
    except InvalidSelectionError as error:
        raise invalid_parameter(error.field or "", error.message) from error
    try:
        return export_response(
            request,
            query=query,
            export_format=ExportFormat(params.format),
            separator=separator_parse(params.sep),
        )
    except DomainError as error:  # the search refused the query (before any byte is sent)
        raise invalid_parameter(error.field or "q", error.message) from error
