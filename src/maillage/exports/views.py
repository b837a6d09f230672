"""Export the directory selection: ``/acteurs/export.csv|.xlsx|.geojson?<directory query>``.

Public: the files hold the public profile only (the structure's own email and phone, never
contact persons), like the directory itself. Thin views: parse the selection, then hand over
to ``responses.export_response``; a bad parameter answers 400 with a page naming it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from maillage.core.errors import DomainError
from maillage.exports.formats import ExportFormat, separator_parse
from maillage.exports.forms import InvalidSelectionError, selection_parse
from maillage.exports.responses import export_response


def _invalid(request: HttpRequest, messages: list[str]) -> HttpResponse:
    return render(request, "exports/invalid_selection.html", {"problems": messages}, status=400)


def _export(request: HttpRequest, export_format: ExportFormat) -> HttpResponseBase:
    problems: list[str] = []
    separator = ","
    query = None
    try:
        query = selection_parse(params=request.GET)
    except InvalidSelectionError as error:
        problems += error.messages
    if export_format == ExportFormat.CSV:
        try:
            separator = separator_parse(request.GET.get("sep"))
        except ValueError as error:
            problems.append(str(error))
    if query is None or problems:
        return _invalid(request, problems)
    try:
        return export_response(
            request, query=query, export_format=export_format, separator=separator
        )
    except DomainError as error:  # the search refused the query (before any byte is sent)
        return _invalid(request, [error.message])


@login_not_required
@require_GET
def actors_csv(request: HttpRequest) -> HttpResponseBase:
    return _export(request, ExportFormat.CSV)


@login_not_required
@require_GET
def actors_xlsx(request: HttpRequest) -> HttpResponseBase:
    return _export(request, ExportFormat.XLSX)


@login_not_required
@require_GET
def actors_geojson(request: HttpRequest) -> HttpResponseBase:
    return _export(request, ExportFormat.GEOJSON)
