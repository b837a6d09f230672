"""Every public page loads in a real browser without a console error or a CSP violation."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = [
    ("/", "home"),
    ("/acteurs/", "directory"),
    ("/acteurs/?q=insertion&territory=dep:86", "directory with filters"),
    ("/carte/", "map"),
    ("/api/v1/docs", "API documentation"),
]


@pytest.mark.parametrize(("path", "what"), PAGES, ids=[what for _, what in PAGES])
def test_public_page_loads_without_console_error_or_csp_violation(
    page: Any, problems: Any, demo_territory: None, path: str, what: str
) -> None:
    response = page.goto(path)
    # Let deferred scripts run and their requests (map data, OpenAPI document) finish.
    page.wait_for_load_state("networkidle")

    assert response is not None and response.status == 200, f"{what}: HTTP {response.status}"
    assert page.locator("main").count() >= 1 or path.startswith("/api/"), f"{what}: no <main>"
    assert problems.all() == [], f"{what} ({path}):\n" + "\n".join(problems.all())


def test_api_documentation_renders_the_operations(
    page: Any, problems: Any, demo_territory: None
) -> None:
    page.goto("/api/v1/docs")

    page.get_by_text("/api/v1/actors", exact=True).first.wait_for()
    assert (
        page.get_by_text("actors_list").count() + page.get_by_text("Rechercher des acteurs").count()
        >= 1
    )
    assert problems.all() == []
