"""Pages of the app, mounted at ``/programmes/`` by ``config/urls.py``."""

from django.urls import URLPattern, URLResolver, path

from maillage.programmes import views

app_name = "programmes"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.programme_list, name="list"),
    path("nouveau/", views.programme_create, name="create"),
    path("groupes/<int:pk>/", views.group_detail, name="group"),
    path("groupes/<int:pk>/modifier/", views.group_edit, name="group_edit"),
    path("groupes/<int:pk>/membres/ajouter/", views.group_member_add, name="member_add"),
    path("membres/<int:pk>/retirer/", views.group_member_remove, name="member_remove"),
    path("groupes/<int:pk>/reunions/ajouter/", views.meeting_create, name="meeting_create"),
    path("reunions/<int:pk>/compte-rendu/", views.meeting_record, name="meeting_record"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/contribuer/", views.action_contribute, name="action_contribute"),
    path("actions/<int:pk>/voter/", views.action_vote, name="action_vote"),
    path("actions/<int:pk>/selection/", views.action_select, name="action_select"),
    path("actions/<int:pk>/modifier/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/statut/", views.action_set_status, name="action_status"),
    path("actions/<int:pk>/besoins/ajouter/", views.need_add, name="need_add"),
    path("actions/<int:pk>/jalons/ajouter/", views.milestone_add, name="milestone_add"),
    path("jalons/<int:pk>/atteint/", views.milestone_done, name="milestone_done"),
    path("actions/<int:pk>/suivi/ajouter/", views.update_add, name="update_add"),
    path(
        "contributions/<int:pk>/decision/",
        views.contribution_decide,
        name="contribution_decide",
    ),
    path("<int:pk>/modifier/", views.programme_edit, name="edit"),
    path("<int:pk>/tableau-de-bord/", views.programme_dashboard_view, name="dashboard"),
    path("<int:pk>/etapes/ajouter/", views.phase_add, name="phase_add"),
    path("<int:pk>/groupes/ajouter/", views.group_create, name="group_create"),
    path("<int:pk>/actions/proposer/", views.action_propose, name="action_propose"),
    path("<int:pk>/", views.programme_detail, name="detail_short"),
    path("<int:pk>/<slug:slug>/", views.programme_detail, name="detail"),
]
