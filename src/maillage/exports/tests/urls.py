"""The site's URLs with the exports mounted, for the exports' tests.

The lead wires ``maillage.exports.urls`` into ``config/urls.py`` and the API router into
``api/api.py``; until then (and after, unchanged) these tests mount them here.
``test_wiring.py`` checks the real configuration.
"""

from django.urls import include, path
from ninja import NinjaAPI

from maillage.api.api import api as site_api
from maillage.api.errors import register_error_handlers
from maillage.api.routers.exports import router as exports_router
from maillage.config.urls import urlpatterns as site_patterns

_pages_mounted = any(getattr(pattern, "app_name", None) == "exports" for pattern in site_patterns)
_api_mounted = any(router is exports_router for _prefix, router in site_api._routers)

urlpatterns = []
if not _pages_mounted:
    urlpatterns.append(path("", include("maillage.exports.urls")))
if not _api_mounted:
    test_api = NinjaAPI(urls_namespace="exports-test-api")
    register_error_handlers(test_api)
    test_api.add_router("/actors/export", exports_router)
    urlpatterns.append(path("api/v1/", test_api.urls))
urlpatterns += site_patterns
