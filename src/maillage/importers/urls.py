"""Import pages, mounted under ``imports/`` (config/urls.py):
``path("imports/", include("maillage.importers.urls"))``."""

from django.urls import path

from maillage.importers import views

app_name = "importers"

urlpatterns = [
    path("", views.upload_list, name="uploads"),
    path("nouveau/", views.upload_create, name="upload"),
    path("modele.csv", views.upload_template, name="template"),
    path("<int:pk>/", views.upload_detail, name="detail"),
    path("<int:pk>/etat/", views.upload_state, name="state"),
    path("<int:pk>/confirmer/", views.upload_confirm, name="confirm"),
    path("<int:pk>/annuler/", views.upload_cancel, name="cancel"),
    path("<int:pk>/relancer/", views.upload_resume, name="resume"),
    path("<int:pk>/lignes-rejetees.csv", views.upload_rejected_csv, name="rejected_csv"),
    path("doublons/", views.merge_list, name="merges"),
    path("doublons/<int:pk>/fusionner/", views.merge_accept, name="merge_accept"),
    path("doublons/<int:pk>/distincts/", views.merge_reject, name="merge_reject"),
]
