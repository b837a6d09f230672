"""Every failure answers ``{"code", "message", "field"}`` with a stable code."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import Throttled
from ninja.testing import TestClient

from maillage.api.errors import STATUS_BY_CODE, ErrorCode, register_error_handlers
from maillage.core.errors import DomainError, DomainValidationError


class CountIn(Schema):
    count: int


@pytest.fixture(scope="module")
def client() -> TestClient:
    """A throw-away API wired with the real error handlers, raising on demand."""
    api = NinjaAPI(urls_namespace="errors-test")
    register_error_handlers(api)

    @api.get("/domain")
    def domain(request) -> None:  # type: ignore[no-untyped-def]
        raise DomainValidationError({"siret": ["SIRET invalide."], "name": ["Obligatoire."]})

    @api.get("/rule")
    def rule(request) -> None:  # type: ignore[no-untyped-def]
        raise DomainError("Déjà membre.", code="duplicate")

    @api.get("/missing")
    def missing(request) -> None:  # type: ignore[no-untyped-def]
        raise Http404

    @api.get("/forbidden")
    def forbidden(request) -> None:  # type: ignore[no-untyped-def]
        raise PermissionDenied

    @api.post("/body")
    def body(request, payload: CountIn) -> None:  # type: ignore[no-untyped-def]
        return None

    @api.get("/throttled")
    def throttled(request) -> None:  # type: ignore[no-untyped-def]
        raise Throttled(wait=30)

    @api.get("/typed/{int:number}")
    def typed(request, number: int, flag: bool) -> None:  # type: ignore[no-untyped-def]
        return None

    return TestClient(api)


def _ours(body: dict) -> dict:
    """Our three keys of a problem document (the RFC 9457 ones are checked apart)."""
    return {key: body[key] for key in ("code", "message", "field")}


def test_domain_validation_errors_are_validation_errors_naming_the_first_field(
    client: TestClient,
) -> None:
    response = client.get("/domain")

    assert response.status_code == 422
    assert _ours(response.json()) == {
        "code": "validation_error",
        "message": "SIRET invalide.",
        "field": "siret",
    }


def test_broken_rules_without_field_are_validation_errors(client: TestClient) -> None:
    response = client.get("/rule")

    assert response.status_code == 422
    assert _ours(response.json()) == {
        "code": "validation_error",
        "message": "Déjà membre.",
        "field": None,
    }


def test_missing_objects_are_not_found(client: TestClient) -> None:
    response = client.get("/missing")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_refusals_are_forbidden(client: TestClient) -> None:
    response = client.get("/forbidden")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_an_invalid_body_is_a_validation_error(client: TestClient) -> None:
    response = client.post("/body", json={"count": "beaucoup"})

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["field"] == "count"


def test_an_invalid_query_parameter_is_an_invalid_parameter(client: TestClient) -> None:
    response = client.get("/typed/3?flag=peut-etre")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameter"
    assert response.json()["field"] == "flag"


def test_every_error_code_has_one_status() -> None:
    assert set(STATUS_BY_CODE) == set(ErrorCode)
    assert len(set(STATUS_BY_CODE.values())) == len(ErrorCode)


def test_errors_are_rfc9457_problem_documents(client: TestClient) -> None:
    response = client.get("/missing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404
    assert body["title"] == "Not found"
    assert body["type"].endswith("#error-not_found")
    assert body["detail"] == body["message"]


def test_too_many_requests_are_rate_limited_with_retry_after(client: TestClient) -> None:
    response = client.get("/throttled")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert response["Retry-After"] == "60"


@pytest.mark.parametrize("path", ["/api/v1/actors/-131033", "/api/v1/nowhere", "/api/v2/actors"])
def test_an_api_address_that_reaches_no_route_answers_a_problem_document(
    db: None, path: str
) -> None:
    from django.test import Client as DjangoClient

    response = DjangoClient().get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


def test_a_page_address_that_reaches_no_view_answers_the_designed_page(db: None) -> None:
    from django.test import Client as DjangoClient

    response = DjangoClient().get("/nulle-part/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
