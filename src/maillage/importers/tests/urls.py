"""The site's URLs with the import pages mounted as config/urls.py will mount them
(``path("imports/", include("maillage.importers.urls"))``), for the web tests."""

from django.urls import include, path

from maillage.config.urls import urlpatterns as site_urlpatterns

_mounted = any(getattr(p, "namespace", None) == "importers" for p in site_urlpatterns)

urlpatterns = list(site_urlpatterns)
if not _mounted:
    urlpatterns.append(path("imports/", include("maillage.importers.urls")))

handler404 = "maillage.core.views.page_not_found"
handler500 = "maillage.core.views.server_error"
handler403 = "maillage.core.views.permission_denied"
