"""``/api/v1/territories``: autocomplete and one territory (router tested on its own API,
with the platform's error handlers, so that it does not depend on its registration)."""

from __future__ import annotations

import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient

from maillage.api.errors import register_error_handlers
from maillage.api.routers.territories import router

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mini_referential")]


@pytest.fixture(scope="module")
def api_client() -> TestClient:
    api = NinjaAPI(urls_namespace="territories-api-test")
    register_error_handlers(api)
    api.add_router("/territories", router)
    return TestClient(api)


def test_autocomplete_returns_territories_best_first(api_client: TestClient) -> None:
    response = api_client.get("/territories/autocomplete?q=poitiers")

    assert response.status_code == 200
    body = response.json()
    assert [item["code"] for item in body] == ["com:86194", "epci:200069854"]
    assert body[0] == {
        "code": "com:86194",
        "level": "com",
        "level_label": "Commune",
        "name": "Poitiers",
        "label": "Poitiers (86)",
        "population": 89916,
    }


def test_autocomplete_filters_levels(api_client: TestClient) -> None:
    body = api_client.get("/territories/autocomplete?q=poitiers&level=epci&level=dep").json()

    assert [item["code"] for item in body] == ["epci:200069854"]


def test_autocomplete_rejects_an_unknown_level_with_a_stable_code(api_client: TestClient) -> None:
    response = api_client.get("/territories/autocomplete?q=poitiers&level=canton")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameter"


def test_autocomplete_requires_a_query(api_client: TestClient) -> None:
    response = api_client.get("/territories/autocomplete")

    assert response.status_code == 400
    assert response.json()["field"] == "q"


def test_territory_detail_gives_population_and_parents(api_client: TestClient) -> None:
    response = api_client.get("/territories/com:86194")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Poitiers"
    assert body["level"] == "com"
    assert body["population"] == 89916
    assert body["siren"] == "218601946"
    assert body["postal_codes"] == ["86000"]
    assert [parent["code"] for parent in body["parents"]] == [
        "epci:200069854",
        "dep:86",
        "reg:75",
        "fr",
    ]


def test_departement_detail_counts_its_communes(api_client: TestClient) -> None:
    body = api_client.get("/territories/dep:86").json()

    assert (body["name"], body["label"], body["communes"]) == ("Vienne", "Vienne (86)", 5)
    assert body["siren"] is None
    assert [parent["code"] for parent in body["parents"]] == ["reg:75", "fr"]


def test_unknown_or_malformed_territory_is_404_with_a_stable_code(api_client: TestClient) -> None:
    for code in ("dep:33", "n-importe-quoi"):
        response = api_client.get(f"/territories/{code}")

        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
