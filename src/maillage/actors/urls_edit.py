"""Editing URLs for an organisation's admins (views in actors/views/edit.py)."""

from django.urls import path

urlpatterns: list = []
