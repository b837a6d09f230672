"""The OpenAPI document as we publish it: django-ninja's, completed with what the
middleware and the error handlers do for every operation.

- error responses (4xx) are RFC 9457 problem documents: ``application/problem+json``;
- every operation may answer 401 (a bad ``Authorization: Bearer`` token) and 429 (rate
  limits), and write operations 403 (read-only token, missing CSRF token);
- the optional bearer scheme (personal API tokens) is declared.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI

PROBLEM = "application/problem+json"
ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
COMMON_ERRORS = {
    "401": "Jeton d'API invalide, révoqué ou expiré (code `unauthorized`).",
    "429": "Trop de requêtes (code `rate_limited`) ; l'en-tête Retry-After dit quand réessayer.",
}
WRITE_ERRORS = {
    "403": "Jeton en lecture seule, jeton CSRF absent, ou action non permise (code `forbidden`).",
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def _problem_content(response: dict[str, Any]) -> None:
    content = response.get("content") or {"application/json": {"schema": ERROR_REF}}
    schema = next(iter(content.values())).get("schema", ERROR_REF)
    response["content"] = {PROBLEM: {"schema": schema}}


class MaillageAPI(NinjaAPI):
    def _get_urls(self) -> list[URLResolver | URLPattern]:
        """Every API view is opted out of ``LoginRequiredMiddleware``: the API authenticates
        by itself (token or session) and answers 401/403 problem documents, never a
        redirect to the sign-in page. Each operation still checks its own permission."""
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                login_not_required(pattern.callback)
        return patterns

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        document = copy.deepcopy(dict(schema))
        components = document.setdefault("components", {})
        components.setdefault("securitySchemes", {})["PersonalToken"] = {
            "type": "http",
            "scheme": "bearer",
            "description": "Jeton d'API personnel (mlg_…), créé dans « Sécurité du compte ». "
            "Facultatif : sans jeton, la lecture publique reste ouverte.",
        }
        for methods in document.get("paths", {}).values():
            for method, operation in methods.items():
                # ninja keys responses by int status; JSON keys them by string.
                responses = {str(k): v for k, v in operation.get("responses", {}).items()}
                extra = dict(COMMON_ERRORS)
                if method in WRITE_METHODS:
                    extra.update(WRITE_ERRORS)
                for status, description in extra.items():
                    responses.setdefault(status, {"description": description})
                for status, response in responses.items():
                    if status.startswith("4"):
                        _problem_content(response)
                operation["responses"] = dict(sorted(responses.items()))
                operation.setdefault("security", [{"PersonalToken": []}, {}])
        schema.clear()
        schema.update(document)
        return schema
