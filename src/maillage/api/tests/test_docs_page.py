"""``/api/v1/docs`` works under our Content Security Policy: nothing from a CDN."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.test import Client

from maillage.api.docs import SWAGGER_UI_VERSION


def test_docs_page_uses_self_hosted_swagger_ui_only(client: Client) -> None:
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert f"/static/vendor/swagger-ui-{SWAGGER_UI_VERSION}/swagger-ui-bundle.js" in html
    assert "/static/api/docs.js" in html
    assert "cdn" not in html.lower()
    assert "/api/v1/openapi.json" in html
    # No inline script: only src= scripts and the JSON data block.
    assert html.count("<script") == 3
    assert 'type="application/json"' in html


def test_docs_page_is_served_with_the_strict_policy(client: Client) -> None:
    policy = client.get("/api/v1/docs")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_swagger_ui_assets_are_vendored_with_their_licence() -> None:
    folder = f"vendor/swagger-ui-{SWAGGER_UI_VERSION}"
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"):
        assert finders.find(f"{folder}/{name}"), name
    assert finders.find("api/docs.js")
