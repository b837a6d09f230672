from django.urls import path

from maillage.territories import views

app_name = "territories"
urlpatterns = [
    path("autocomplete", views.autocomplete, name="autocomplete"),
]
