"""Exports of the directory selection; the query string is the directory's (``/acteurs/``)."""

from django.urls import path

from maillage.exports import views

app_name = "exports"

urlpatterns = [
    path("acteurs/export.csv", views.actors_csv, name="actors_csv"),
    path("acteurs/export.xlsx", views.actors_xlsx, name="actors_xlsx"),
    path("acteurs/export.geojson", views.actors_geojson, name="actors_geojson"),
]
