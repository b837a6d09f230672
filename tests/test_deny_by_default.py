"""Deny by default: ``LoginRequiredMiddleware`` sends visitors to the sign-in page unless a
view opts out with ``login_not_required``. The pages open to visitors are listed here, so
that opening one more is a reviewed change, not an accident."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Public pages: the directory, map and public records; programme, event and library pages
# (each view still hides drafts); the sign-in, sign-up and password-reset flow; language
# switch, privacy notice, health check; the anonymous export of the public directory.
PUBLIC_PAGES = {
    "home",
    "healthz",
    "privacy",
    "set_language",
    "accounts:invitation",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_complete",
    "accounts:password_reset_confirm",
    "accounts:password_reset_done",
    "accounts:signup",
    "admin:login",
    "actors:detail",
    "actors:detail_slug",
    "actors:directory",
    "actors:map",
    "actors:map_geojson",
    "events:detail",
    "events:detail_short",
    "events:ics",
    "events:list",
    "exports:actors_csv",
    "exports:actors_geojson",
    "exports:actors_xlsx",
    "library:case",
    "library:case_short",
    "library:index",
    "library:practice",
    "library:practice_short",
    "notifications:badge",
    "partnerships:sheet",
    "partnerships:sheets",
    "programmes:action",
    "programmes:detail",
    "programmes:detail_short",
    "programmes:group",
    "programmes:list",
    "territories:autocomplete",
}
API_NAMESPACE = "api-v1:"


def _patterns(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from _patterns(pattern.url_patterns, prefix + namespace)
        else:
            yield prefix + (pattern.name or str(pattern.pattern)), pattern


def _open(pattern: URLPattern) -> bool:
    return getattr(pattern.callback, "login_required", True) is False


def test_the_middleware_denies_by_default() -> None:
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE


def test_only_the_listed_pages_are_open_to_visitors() -> None:
    open_pages = {
        name
        for name, pattern in _patterns(get_resolver().url_patterns)
        if _open(pattern) and not name.startswith(API_NAMESPACE)
    }

    assert open_pages == PUBLIC_PAGES


def test_every_api_operation_authenticates_by_itself() -> None:
    """The API answers 401/403 problem documents, never a redirect to a page."""
    api = [
        p for name, p in _patterns(get_resolver().url_patterns) if name.startswith(API_NAMESPACE)
    ]

    assert api
    assert all(_open(pattern) for pattern in api)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["partnerships:list", "notifications:list", "accounts:security", "funding:create"]
)
def test_a_private_page_sends_a_visitor_to_the_sign_in_page(name: str) -> None:
    url = reverse(name)

    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]
