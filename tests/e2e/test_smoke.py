"""Every public page loads in a real browser without a console error or a CSP violation."""

from __future__ import annotations

import contextlib
from typing import Any

PAGES = [
    ("/", "home"),
    ("/acteurs/", "directory"),
    ("/acteurs/?q=insertion&territory=dep:86", "directory with filters"),
    ("/carte/", "map"),
    ("/api/v1/docs", "API documentation"),
]


def test_public_pages_load_without_console_error_or_csp_violation(
    demo_territory: None, page: Any, problems: Any
) -> None:
    # One test for every page: the demo territory is loaded once (it takes a few seconds).
    failures = []
    for path, what in PAGES:
        response = page.goto(path)
        # Let deferred scripts run and their requests (map data, OpenAPI document) finish.
        page.wait_for_load_state("networkidle")
        if response is None or response.status != 200:
            failures.append(f"{what} ({path}): HTTP {response.status if response else '?'}")
        if not path.startswith("/api/") and page.get_by_role("main").count() != 1:
            failures.append(f"{what} ({path}): no single <main> landmark")
        failures += [f"{what} ({path}): {problem}" for problem in problems.all()]
        problems.clear()  # start afresh for the next page

    assert not failures, "\n".join(failures)


def test_api_documentation_renders_its_operations(page: Any, problems: Any) -> None:
    page.goto("/api/v1/docs")

    page.get_by_text("/api/v1/actors", exact=True).first.wait_for()
    page.get_by_text("/api/v1/vocabularies", exact=True).first.wait_for()
    assert problems.all() == [], "\n".join(problems.all())


def test_the_harness_reports_console_errors_and_csp_violations(page: Any, problems: Any) -> None:
    """Guards the listeners: a silent listener would let every page pass."""
    page.goto("/")
    page.evaluate("console.error('erreur volontaire')")
    # An inline script, which our Content Security Policy must block.
    with contextlib.suppress(Exception):
        page.add_script_tag(content="window.inlineScriptRan = true;")

    assert page.evaluate("window.inlineScriptRan === undefined")
    assert problems.console_errors == ["erreur volontaire"]
    assert len(problems.csp_violations) == 1
