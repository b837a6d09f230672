"""Who calls the API: a personal token (``Authorization: Bearer mlg_…``) or the site's
session — one middleware for every router, so that every endpoint sees ``request.user``
the same way and applies the same permission policy as the site.

- A bad, revoked or expired token is refused with 401 (never silently anonymous).
- A ``read`` token on an unsafe method (POST, PUT, PATCH, DELETE) is refused with 403.
- A session-authenticated unsafe request must carry the CSRF token, as on the site
  (django-ninja exempts its views from Django's CSRF middleware; the check is done here).
- ``request.auth`` names the caller for the API's throttling (per person, not per address).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _

from maillage.accounts.api_tokens import api_token_authenticate
from maillage.accounts.models import ApiToken

API_PREFIX = "/api/"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _problem(status: int, code: str, title: str, message: str) -> JsonResponse:
    return JsonResponse(
        {
            "code": code,
            "message": message,
            "field": None,
            "type": f"/api/v1/docs#error-{code}",
            "title": title,
            "status": status,
            "detail": message,
        },
        status=status,
        content_type="application/problem+json",
    )


def _csrf_ok(request: HttpRequest) -> bool:
    def noop(_request: HttpRequest) -> HttpResponse:
        return HttpResponse()

    checker = CsrfViewMiddleware(noop)
    checker.process_request(request)
    return checker.process_view(request, noop, (), {}) is None


class ApiAuthMiddleware:
    """After the authentication (and OTP) middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header:
            scheme, _sep, value = header.partition(" ")
            token = api_token_authenticate(value.strip()) if scheme.lower() == "bearer" else None
            if token is None:
                response = _problem(
                    401,
                    "unauthorized",
                    "Unauthorized",
                    _("Jeton d'API invalide, révoqué ou expiré."),
                )
                response["WWW-Authenticate"] = 'Bearer realm="maillage"'
                return response
            if request.method in UNSAFE and token.scope != ApiToken.Scope.WRITE:
                return _problem(
                    403, "forbidden", "Forbidden", _("Ce jeton ne permet que la lecture.")
                )
            request.user = token.user
            request.api_token = token  # type: ignore[attr-defined]
            request.auth = f"token:{token.pk}"  # type: ignore[attr-defined]
            # A token is not a browser session: no CSRF token to check.
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        elif request.user.is_authenticated:
            request.auth = f"user:{request.user.pk}"  # type: ignore[attr-defined]
            if request.method in UNSAFE and not _csrf_ok(request):
                return _problem(
                    403,
                    "forbidden",
                    "Forbidden",
                    _(
                        "Jeton CSRF absent ou invalide : rechargez la page, ou utilisez un "
                        "jeton d'API."
                    ),
                )
        return self.get_response(request)


def require_signed_in(request: HttpRequest) -> None:
    """Endpoints for signed-in callers (session or token): anyone else gets a 403."""
    if not request.user.is_authenticated:
        raise PermissionDenied
