from django.urls import path

app_name = "actors"
urlpatterns: list = []
