"""Reads of the notifications pages."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from maillage.accounts.models import User
from maillage.notifications.models import Notification, NotificationPreference
from maillage.notifications.services import DEFAULT_FREQUENCY


def notifications_of(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_count(*, user: User | AnonymousUser) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.unread().filter(user=user).count()


def preference_of(*, user: User) -> str:
    row = NotificationPreference.objects.filter(user=user).first()
    return row.email_frequency if row else DEFAULT_FREQUENCY
