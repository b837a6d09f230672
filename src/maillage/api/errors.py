"""API errors: every failure answers ``{"code", "message", "field"}`` with a stable code,
as an RFC 9457 problem document (``application/problem+json``: ``type``, ``title``,
``status``, ``detail`` as well).

This module is the only place where exceptions become HTTP error responses, so that every
endpoint fails the same way. ``ErrorCode`` values are a public contract (docs/api.md lists
them; a consistency test fails when one is undocumented): add codes, never rename them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from maillage.core.errors import DomainError

if TYPE_CHECKING:
    from ninja import NinjaAPI


class ErrorCode(StrEnum):
    """Stable error codes (docs/api.md)."""

    INVALID_PARAMETER = "invalid_parameter"  # 400: a query or path parameter is invalid
    NOT_FOUND = "not_found"  # 404: no such object (or not visible to you)
    VALIDATION_ERROR = "validation_error"  # 422: a request body breaks a rule
    FORBIDDEN = "forbidden"  # 403: signed out, or not allowed to do this
    RATE_LIMITED = "rate_limited"  # 429: too many requests; retry later
    UNAUTHORIZED = "unauthorized"  # 401: an API token that is invalid, revoked or expired


STATUS_BY_CODE: dict[ErrorCode, int] = {
    ErrorCode.INVALID_PARAMETER: 400,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.VALIDATION_ERROR: 422,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.UNAUTHORIZED: 401,
}
TITLES: dict[ErrorCode, str] = {
    ErrorCode.INVALID_PARAMETER: "Invalid parameter",
    ErrorCode.NOT_FOUND: "Not found",
    ErrorCode.VALIDATION_ERROR: "Validation error",
    ErrorCode.FORBIDDEN: "Forbidden",
    ErrorCode.RATE_LIMITED: "Too many requests",
    ErrorCode.UNAUTHORIZED: "Unauthorized",
}
PROBLEM_CONTENT_TYPE = "application/problem+json"
CODE_BY_STATUS = {status: code for code, status in STATUS_BY_CODE.items()}


class ErrorOut(Schema):
    """The body of every error response (an RFC 9457 problem document)."""

    code: ErrorCode
    message: str
    field: str | None = None
    type: str = "about:blank"
    title: str = ""
    status: int = 400
    detail: str = ""


class ApiError(Exception):
    """Raised by endpoints for a failure they detect themselves (a bad parameter…)."""

    def __init__(self, code: ErrorCode, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def invalid_parameter(field: str, message: str) -> ApiError:
    return ApiError(ErrorCode.INVALID_PARAMETER, message, field=field)


def _respond(
    api: NinjaAPI, request: HttpRequest, code: ErrorCode, message: str, field: str | None
) -> HttpResponse:
    response = problem_response(code, message, field)
    if code is ErrorCode.RATE_LIMITED:
        response["Retry-After"] = "60"
    return response


def problem_response(code: ErrorCode, message: str, field: str | None = None) -> HttpResponse:
    """The same problem document outside a router: the URL did not reach one (an
    ``/api/v1/...`` path that matches no route, or a path converter that refused it)."""
    status = STATUS_BY_CODE[code]
    body = ErrorOut(
        code=code,
        message=message,
        field=field,
        type=f"/api/v1/docs#error-{code.value}",
        title=TITLES[code],
        status=status,
        detail=message,
    ).model_dump(mode="json")
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


def _field_of(error: dict[str, Any]) -> tuple[str, str | None]:
    """(location, field name) of one pydantic error as ninja reports it."""
    loc = [str(part) for part in error.get("loc", ())]
    location = loc[0] if loc else ""
    # ninja puts the parameter schema's name second when a schema groups parameters.
    names = [part for part in loc[1:] if not part.isdigit()]
    return location, (names[-1] if names else None)


def register_error_handlers(api: NinjaAPI) -> None:
    """Map every exception an endpoint may raise to one error payload."""

    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return _respond(api, request, exc.code, exc.message, exc.field)

    def on_request_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        location, field = _field_of(first)
        message = str(first.get("msg", _("Requête invalide.")))
        if field:
            message = _("Paramètre « %(field)s » invalide : %(detail)s") % {
                "field": field,
                "detail": message,
            }
        code = (
            ErrorCode.VALIDATION_ERROR
            if location in {"body", "form", "file"}
            else ErrorCode.INVALID_PARAMETER
        )
        return _respond(api, request, code, message, field)

    def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return _respond(api, request, ErrorCode.VALIDATION_ERROR, exc.message, exc.field)

    def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _respond(api, request, ErrorCode.NOT_FOUND, _("Ressource introuvable."), None)

    def on_forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _respond(
            api, request, ErrorCode.FORBIDDEN, _("Vous n'avez pas accès à cette ressource."), None
        )

    def on_throttled(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _respond(
            api,
            request,
            ErrorCode.RATE_LIMITED,
            _("Trop de requêtes : patientez une minute avant de réessayer."),
            None,
        )

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = CODE_BY_STATUS.get(exc.status_code, ErrorCode.INVALID_PARAMETER)
        return _respond(api, request, code, exc.message, None)

    handlers: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
        (ApiError, on_api_error),
        (NinjaValidationError, on_request_validation),
        (DomainError, on_domain_error),  # DomainValidationError included
        (Http404, on_not_found),
        (ObjectDoesNotExist, on_not_found),
        (PermissionDenied, on_forbidden),
        (AuthenticationError, on_forbidden),
        (Throttled, on_throttled),
        (HttpError, on_http_error),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)
