"""``{% load notifications %}{% notifications_badge %}``: the « Notifications » link with
its unread count, for the site navigation (refreshed by htmx every minute)."""

from __future__ import annotations

from typing import Any

from django import template

from maillage.notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/partials/badge.html", takes_context=True)
def notifications_badge(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread": 0, "hidden": True}
    return {"unread": unread_count(user=user), "hidden": False}
