"""Error handlers for URLs that reach no view: API clients get a problem document (the
format every endpoint answers with), people get the designed page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from maillage.api.errors import ErrorCode, problem_response
from maillage.core import views as core_views

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return problem_response(ErrorCode.NOT_FOUND, _("Aucune ressource à cette adresse."))
    return core_views.page_not_found(request, exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return problem_response(ErrorCode.FORBIDDEN, _("Accès refusé."))
    return core_views.permission_denied(request, exception)
