"""Template helpers of the audit trail.

``{% load audit %}{% if actor|history_visible_to:user %}`` then link to
``{% url 'audit:actor_history' actor.pk %}``.
"""

from __future__ import annotations

from typing import Any

from django import template

from maillage.audit.permissions import can_view_actor_history

register = template.Library()


@register.filter
def history_visible_to(actor: Any, user: Any) -> bool:
    return bool(actor is not None and user is not None and can_view_actor_history(user, actor))
