"""The Content Security Policy: no unsafe-inline script, nonces available to templates."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip() for part in header.split(";") if part.strip()
    }


def test_pages_forbid_inline_scripts_and_framing():
    policy = _policy(Client().get("/"))
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["default-src"] == "default-src 'self'"


def test_a_template_that_uses_the_nonce_gets_it_in_the_header(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def view(request):  # type: ignore[no-untyped-def]
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    middleware = CSPMiddleware(view)
    request = rf.get("/")
    response = middleware(request)
    nonce = response.content.decode().split("nonce='")[1].split("'")[0]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
