"""The exports are reachable in the site's real configuration (config/urls.py, api/api.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_export_pages_are_mounted_in_the_site_urls() -> None:
    assert reverse("exports:actors_csv") == "/acteurs/export.csv"


def test_export_endpoint_is_mounted_in_api_v1(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()

    assert document["paths"]["/api/v1/actors/export"]["get"]["operationId"] == "actors_export"
