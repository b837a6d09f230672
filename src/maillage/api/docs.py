"""The interactive API documentation at ``/api/v1/docs``, self-hosted.

django-ninja's default page loads Swagger UI from a CDN (or needs ``ninja`` in
INSTALLED_APPS for its own copy); our Content Security Policy allows scripts and styles
from our own origin only. This page serves a pinned copy of Swagger UI from our static
files (``api/static/vendor/swagger-ui-*``, with its licence) and configures it from a
static script reading a JSON data block (``json_script``), so it needs no CSP exception.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

SWAGGER_UI_VERSION = "5.31.0"


class SelfHostedSwagger(DocsBase):
    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
            # The validator badge would call validator.swagger.io (forbidden by the CSP).
            "validatorUrl": None,
        }
        context = {
            "api": api,
            "swagger_settings": settings,
            "swagger_ui": f"vendor/swagger-ui-{SWAGGER_UI_VERSION}",
        }
        return render(request, self.template, context)
