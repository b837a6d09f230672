"""Pages of the app, mounted at ``/financements/`` by ``config/urls.py``."""

from django.urls import URLPattern, URLResolver, path

from maillage.funding import views

app_name = "funding"

_E = "<int:pk>/"
_A = f"{_E}attributions/<int:allocation_pk>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.envelope_list, name="list"),
    path("nouvelle/", views.envelope_create, name="create"),
    path(_E, views.envelope_detail, name="detail"),
    path(f"{_E}modifier/", views.envelope_edit, name="edit"),
    path(f"{_E}etat/", views.envelope_status, name="status"),
    path(f"{_E}attributions.csv", views.envelope_export, name="export"),
    path(f"{_E}attributions/ajouter/", views.allocation_add, name="allocation_add"),
    path(f"{_A}modifier/", views.allocation_edit, name="allocation_edit"),
    path(f"{_A}retirer/", views.allocation_delete, name="allocation_delete"),
    path(f"{_A}depenses/ajouter/", views.expense_add, name="expense_add"),
    path(f"{_A}depenses/<int:expense_pk>/supprimer/", views.expense_delete, name="expense_delete"),
]
