"""End-to-end browser tests: Playwright driving Debian's Chromium against ``live_server``.

- The browser is the system's Chromium (``MAILLAGE_CHROMIUM``, default ``/usr/bin/chromium``,
  installed by ``make test`` with apt when possible). Playwright never downloads a browser.
- ``MAILLAGE_SKIP_E2E=1`` or a missing executable skips these tests with a loud reason;
  with ``CI=true`` both are failures instead, because CI must run them.
- Request data fixtures (``demo_territory``) before ``page`` (see ``browser``).
- Every test here is marked ``e2e`` (``pytest -m "not e2e"`` leaves them out).
- Pages may only fetch from the live server: OpenStreetMap tiles are answered with a blank
  tile (tests never depend on the network) and any other outside request fails the test.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

E2E_DIR = Path(__file__).parent
CHROMIUM = os.environ.get("MAILLAGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A 1×1 transparent PNG served in place of map tiles.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
TILE_URL = re.compile(r"^https://([a-z]\.)?tile\.openstreetmap\.org/")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _unavailable_reason() -> str | None:
    if os.environ.get("MAILLAGE_SKIP_E2E", "").strip() in {"1", "true", "yes"}:
        return "MAILLAGE_SKIP_E2E is set"
    if not os.access(CHROMIUM, os.X_OK):
        return (
            f"no Chromium executable at {CHROMIUM} (install Debian's package: "
            "apt-get install chromium, or set MAILLAGE_CHROMIUM)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (make install-dev)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``e2e``; skip them loudly when no browser is usable."""
    reason = _unavailable_reason()
    for item in items:
        if E2E_DIR not in Path(str(item.path)).parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if reason and not _in_ci():
            item.add_marker(pytest.mark.skip(reason=f"BROWSER TESTS SKIPPED: {reason}"))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    reason = _unavailable_reason()
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "BROWSER TESTS SKIPPED" in str(report.longrepr)
    ]
    if reason and skipped:
        terminalreporter.write_sep(
            "!", f"{len(skipped)} BROWSER TESTS SKIPPED: {reason}", yellow=True, bold=True
        )


def pytest_report_header(config: pytest.Config) -> str:
    reason = _unavailable_reason()
    if reason is None:
        return f"e2e: Chromium at {CHROMIUM}"
    verdict = "FAIL (CI=true)" if _in_ci() else "SKIPPED"
    return f"e2e: browser tests {verdict}: {reason}"


# --------------------------------------------------------------------------- browser


@pytest.fixture
def browser(transactional_db: None, django_db_serialized_rollback: None) -> Iterator[Any]:
    """A Chromium for one test, launched after the database is set up and closed before
    it is flushed.

    Every transactional test restores the vocabularies and content types it found
    (serialized rollback): one that did not would let the flush's post-migrate recreate the
    content types under new ids, and the next serialized restore would collide with them.

    Playwright's sync API keeps an asyncio event loop running in the main thread while the
    browser lives. Django then refuses ORM calls there (hence DJANGO_ALLOW_ASYNC_UNSAFE,
    set only meanwhile) and, worse, hands out another connection object (asgiref's
    context-local storage), on which test-database set-up and teardown would go wrong.
    So data fixtures (``demo_territory``) must be requested before ``page``."""
    reason = _unavailable_reason()
    if reason:
        pytest.fail(f"Browser tests are mandatory in CI: {reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class PageProblems:
    """What went wrong in the browser while a test ran."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def clear(self) -> None:
        for found in (
            self.console_errors,
            self.page_errors,
            self.csp_violations,
            self.outside_requests,
        ):
            found.clear()

    def all(self) -> list[str]:
        return [
            *(f"console error: {text}" for text in self.console_errors),
            *(f"JavaScript error: {text}" for text in self.page_errors),
            *(f"CSP violation: {text}" for text in self.csp_violations),
            *(f"request outside the site: {url}" for url in self.outside_requests),
        ]


@pytest.fixture
def problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def page(browser: Any, live_server: Any, problems: PageProblems) -> Iterator[Any]:
    """A fresh French-speaking browser page on the live server, recording problems."""
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(live_server.url):
            route.continue_()
        elif TILE_URL.match(url):
            route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        else:
            problems.outside_requests.append(url)
            route.abort()

    context.route("**/*", route)
    browser_page = context.new_page()

    def on_console(message: Any) -> None:
        if message.type != "error":
            return
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            problems.csp_violations.append(text)
        else:
            problems.console_errors.append(text)

    browser_page.on("console", on_console)
    browser_page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    yield browser_page
    context.close()


# --------------------------------------------------------------------------- data


def _command(*args: str) -> str:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as error:
        pytest.fail(
            f"`maillage {' '.join(args)}` exited with {error.code}:\n{err.getvalue()}",
            pytrace=False,
        )
    return out.getvalue()


@pytest.fixture
def demo_territory(transactional_db: None, django_db_serialized_rollback: None) -> None:
    """The demo territory as ``make run`` loads it: the referential of the départements
    the demo communes lie in (``import_territories --departement …``, the Vienne and the
    Val-de-Marne first among them), then the demo seed with its personas.

    Committed data (transactional): the live server reads the database from its own
    thread. The reference vocabularies, loaded by migrations, are restored after the
    flush that ends each test (serialized rollback)."""
    from maillage.demo.data.communes import DEMO_COMMUNES
    from maillage.demo.services import demo_seed

    departements = sorted({"86", "94"} | {commune.departement for commune in DEMO_COMMUNES})
    arguments = [part for code in departements for part in ("--departement", code)]
    _command("import_territories", *arguments)
    demo_seed()
