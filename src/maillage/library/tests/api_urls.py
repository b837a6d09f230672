"""The URL configuration of the API tests of the library and funding routers.

The lead mounts ``api/routers/library.py`` and ``api/routers/funding.py`` in ``api/api.py``
(``/api/v1/library``, ``/api/v1/funding``). Until then, and so that these tests never
depend on it, they run against a small API holding just these routers, with the same
error handlers, under ``/api/test/``; the site's own URLs follow.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from maillage.api.errors import register_error_handlers
from maillage.api.openapi import MaillageAPI
from maillage.api.routers import funding, library
from maillage.config.urls import urlpatterns as site_urlpatterns

test_api = MaillageAPI(title="Maillage API (tests)", version="test", urls_namespace="api-test")
register_error_handlers(test_api)
test_api.add_router("/library", library.router)
test_api.add_router("/funding", funding.router)

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/test/", test_api.urls),
    *site_urlpatterns,
]
