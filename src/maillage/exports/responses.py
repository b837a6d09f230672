"""The HTTP response of an export, shared by the directory's links and the API.

CSV and GeoJSON stream (``StreamingHttpResponse``): the first bytes leave before the last
actor is read. XLSX cannot be streamed while it is built (a workbook is a zip whose index
comes last): openpyxl's write-only workbook writes it to a temporary file, which is then
sent in blocks (``FileResponse``) and deleted when closed.
"""

from __future__ import annotations

import tempfile

from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

from maillage.exports.formats import (
    CONTENT_TYPES,
    EXTENSIONS,
    ExportFormat,
    csv_chunks,
    geojson_chunks,
    xlsx_write,
)
from maillage.exports.selectors import actors_export
from maillage.search.backends.base import SearchQuery


def export_filename(export_format: ExportFormat) -> str:
    return f"acteurs-{timezone.localdate().isoformat()}.{EXTENSIONS[export_format]}"


def export_response(
    request: HttpRequest,
    *,
    query: SearchQuery,
    export_format: ExportFormat,
    separator: str = ",",
) -> HttpResponseBase:
    chunks = actors_export(query=query)
    content_type = CONTENT_TYPES[export_format]
    response: HttpResponseBase
    if export_format == ExportFormat.XLSX:
        target = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
        xlsx_write(chunks, target=target)
        target.seek(0)
        response = FileResponse(target, content_type=content_type)
    elif export_format == ExportFormat.GEOJSON:
        base_url = request.build_absolute_uri("/")
        response = StreamingHttpResponse(
            geojson_chunks(chunks, base_url=base_url), content_type=content_type
        )
    else:
        response = StreamingHttpResponse(
            csv_chunks(chunks, separator=separator), content_type=content_type
        )
    # The name is plain ASCII (no quoting needed): acteurs-2025-06-01.csv.
    response["Content-Disposition"] = f'attachment; filename="{export_filename(export_format)}"'
    response["Cache-Control"] = "no-store"
    return response
