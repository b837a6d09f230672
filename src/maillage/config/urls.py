from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from maillage.accounts import views_privacy as privacy_views
from maillage.actors.views import public as actor_views
from maillage.api.api import api
from maillage.core import views as core_views

urlpatterns = [
    path("", actor_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("confidentialite/", privacy_views.privacy_notice, name="privacy"),
    # Visitors choose their language too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("compte/", include("maillage.accounts.urls")),
    path("territoires/", include("maillage.territories.urls")),
    path("imports/", include("maillage.importers.urls")),
    path("partenaires/", include("maillage.matching.urls")),
    path("programmes/", include("maillage.programmes.urls")),
    path("evenements/", include("maillage.events.urls")),
    path("partenariats/", include("maillage.partnerships.urls")),
    path("evaluation/", include("maillage.evaluation.urls")),
    path("notifications/", include("maillage.notifications.urls")),
    path("journal/", include("maillage.audit.urls")),
    path("bibliotheque/", include("maillage.library.urls")),
    path("financements/", include("maillage.funding.urls")),
    path("", include("maillage.exports.urls")),
    path("", include("maillage.actors.urls")),
    path("api/v1/", api.urls),
]

handler404 = "maillage.config.handlers.page_not_found"
handler500 = "maillage.core.views.server_error"
handler403 = "maillage.config.handlers.permission_denied"
