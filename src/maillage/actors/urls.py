from django.urls import include, path

from maillage.actors.views import public

app_name = "actors"

urlpatterns = [
    path("acteurs/", public.directory, name="directory"),
    path("acteurs/<int:pk>/", public.detail, name="detail"),
    path("acteurs/<int:pk>/<slug:slug>/", public.detail, name="detail_slug"),
    path("carte/", public.map_view, name="map"),
    path("carte/acteurs.geojson", public.map_geojson, name="map_geojson"),
    # Editing pages (actors/urls_edit.py, owned by the editing views).
    path("", include("maillage.actors.urls_edit")),
]
