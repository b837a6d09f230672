"""Every request runs in an audit context: the signed-in user and ``METHOD /path``.

Add ``maillage.audit.middleware.AuditContextMiddleware`` to ``MIDDLEWARE`` after
``AuthenticationMiddleware``. Responses 401 and 403 are logged as refused authorisations on
``maillage.security`` (without the query string, which may hold personal data).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from maillage.audit.context import audit_context
from maillage.audit.security import log_refusal

REFUSED_STATUSES = frozenset({401, 403})


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        acting = user if user is not None and user.is_authenticated else None
        with audit_context(user=acting, label=f"{request.method} {request.path}"):
            response = self.get_response(request)
        if response.status_code in REFUSED_STATUSES:
            log_refusal(
                user=getattr(request, "user", None),
                action=f"http_{response.status_code}",
                request=request,
            )
        return response
