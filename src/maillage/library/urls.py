"""Pages of the app, mounted at ``/bibliotheque/`` by ``config/urls.py``."""

from django.urls import URLPattern, URLResolver, path

from maillage.library import views

app_name = "library"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("mes-etudes/", views.mine, name="mine"),
    path("proposer/<int:partnership_pk>/", views.case_propose, name="propose"),
    path("cas/<int:pk>-<slug:slug>/", views.case_detail, name="case"),
    path("cas/<int:pk>/", views.case_detail, name="case_short"),
    path("cas/<int:pk>/modifier/", views.case_edit, name="case_edit"),
    path("cas/<int:pk>/accord/", views.case_consent, name="case_consent"),
    path("cas/<int:pk>/publier/", views.case_publish, name="case_publish"),
    path("cas/<int:pk>/retirer/", views.case_unpublish, name="case_unpublish"),
    path("cas/<int:pk>/supprimer/", views.case_delete, name="case_delete"),
    path("pratiques/nouvelle/", views.practice_create, name="practice_create"),
    path("pratiques/<int:pk>-<slug:slug>/", views.practice_detail, name="practice"),
    path("pratiques/<int:pk>/", views.practice_detail, name="practice_short"),
    path("pratiques/<int:pk>/modifier/", views.practice_edit, name="practice_edit"),
    path("pratiques/<int:pk>/etat/", views.practice_status, name="practice_status"),
]
