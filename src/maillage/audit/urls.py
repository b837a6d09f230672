"""Pages of the app, mounted at ``/journal/`` by ``config/urls.py``."""

from django.urls import URLPattern, URLResolver, path

from maillage.audit import views

app_name = "audit"

urlpatterns: list[URLPattern | URLResolver] = [
    path("acteurs/<int:pk>/", views.actor_history_view, name="actor_history"),
    path(
        "acteurs/<int:pk>/versions/<int:event_id>/",
        views.actor_version_view,
        name="actor_version",
    ),
]
