"""A notification is its recipient's only (404 for anyone else, and for a missing one)."""

from __future__ import annotations

from django.http import Http404

from maillage.actors.permissions import AnyUser
from maillage.notifications.models import Notification


def access_notification_for_open(user: AnyUser, notification_id: int) -> Notification:
    if not user.is_authenticated:
        raise Http404
    notification = Notification.objects.filter(pk=notification_id, user=user).first()
    if notification is None:
        raise Http404
    return notification
