"""Pages of the app, mounted at ``/evenements/`` by ``config/urls.py``."""

from django.urls import URLPattern, URLResolver, path

from maillage.events import views

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.event_list, name="list"),
    path("nouveau/", views.event_create, name="create"),
    path("inscriptions/<int:pk>/annuler/", views.cancel, name="cancel"),
    path("inscriptions/<int:pk>/pointer/", views.checkin_toggle, name="checkin_toggle"),
    path("inscriptions/<int:pk>/cote/", views.side_set, name="side_set"),
    path("inscriptions/<int:pk>/depart/", views.mark_left, name="mark_left"),
    path("inscriptions/<int:pk>/agenda/", views.agenda, name="agenda"),
    path("inscriptions/<int:pk>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("inscriptions/<int:pk>/souhaits/", views.wishes, name="wishes"),
    path("rencontres/<int:pk>/suite/", views.follow_up, name="follow_up"),
    path("contraintes/<int:pk>/retirer/", views.constraint_remove, name="constraint_remove"),
    path("<int:pk>/modifier/", views.event_edit, name="edit"),
    path("<int:pk>/calendrier.ics", views.event_ics, name="ics"),
    path("<int:pk>/inscription/", views.register, name="register"),
    path("<int:pk>/gestion/", views.manage, name="manage"),
    path("<int:pk>/rappel/", views.remind, name="remind"),
    path("<int:pk>/accueil/", views.checkin, name="checkin"),
    path("<int:pk>/badges/", views.badges, name="badges"),
    path("<int:pk>/emargement/", views.sheet, name="sheet"),
    path("<int:pk>/speed-dating/", views.speed_dating, name="speed_dating"),
    path("<int:pk>/speed-dating/planifier/", views.plan, name="plan"),
    path("<int:pk>/speed-dating/contraintes/", views.constraint_add, name="constraint_add"),
    path("<int:pk>/speed-dating/plan-de-tables/", views.table_plan_print, name="table_plan"),
    path("<int:pk>/en-direct/", views.live, name="live"),
    path("<int:pk>/en-direct/tour-suivant/", views.round_done, name="round_done"),
    path("<int:pk>/", views.event_detail, name="detail_short"),
    path("<int:pk>/<slug:slug>/", views.event_detail, name="detail"),
]
