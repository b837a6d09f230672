"""Pages of the app, mounted at ``/evaluation/`` by ``config/urls.py``."""

from django.urls import URLPattern, URLResolver, path

from maillage.evaluation import views

app_name = "evaluation"

_P = "partenariats/<int:pk>/"
_I = f"{_P}indicateurs/<int:indicator_pk>/"
_B = f"{_P}bilans/<int:period_pk>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_P, views.overview, name="overview"),
    path(f"{_P}indicateurs/ajouter/", views.indicator_add, name="indicator_add"),
    path(_I, views.indicator, name="indicator"),
    path(f"{_I}modifier/", views.indicator_edit, name="indicator_edit"),
    path(f"{_I}supprimer/", views.indicator_delete, name="indicator_delete"),
    path(f"{_I}mesures/ajouter/", views.measurement_add, name="measurement_add"),
    path(
        f"{_I}mesures/<int:measurement_pk>/supprimer/",
        views.measurement_delete,
        name="measurement_delete",
    ),
    path(f"{_P}bilans/ajouter/", views.period_add, name="period_add"),
    path(_B, views.period, name="period"),
    path(f"{_B}parties/<int:party_pk>/", views.assessment, name="assessment"),
    path(f"{_P}rapport/", views.report, name="report"),
    path(f"{_P}utilite-sociale/", views.summary, name="summary"),
]
