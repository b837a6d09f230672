"""Pages of the app, mounted at ``/notifications/`` by ``config/urls.py``."""

from django.urls import URLPattern, URLResolver, path

from maillage.notifications import views

app_name = "notifications"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/ouvrir/", views.notification_open, name="open"),
    path("tout-lu/", views.notification_read_all, name="read_all"),
    path("compteur/", views.notification_badge, name="badge"),
    path("preferences/", views.notification_preferences, name="preferences"),
]
