"""Who may read an actor's history, and who may restore an earlier version.

History: the organisation's active admins, facilitators whose territory covers the actor's
seat, and staff. Restore: staff only. ``access_*`` answer 404 for missing and forbidden
alike, and log the refusal of an existing object on ``maillage.security``.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from maillage.actors.models import Actor
from maillage.actors.permissions import AnyUser, facilitator_covers, is_admin_of
from maillage.audit.models import AuditEvent
from maillage.audit.security import log_refusal
from maillage.audit.selectors import actor_event_get


def can_view_actor_history(user: AnyUser, actor: Actor) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff) or is_admin_of(user, actor) or facilitator_covers(user, actor)


def can_restore_actor_version(user: AnyUser, actor: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def access_actor_for_history(
    user: AnyUser, actor_id: int, *, request: HttpRequest | None = None
) -> Actor:
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None:
        raise Http404
    if not can_view_actor_history(user, actor):
        log_refusal(
            user=user, action="actor_history", target=f"actors.actor:{actor_id}", request=request
        )
        raise Http404
    return actor


def access_actor_version_for_restore(
    user: AnyUser, actor_id: int, event_id: int, *, request: HttpRequest | None = None
) -> tuple[Actor, AuditEvent]:
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None:
        raise Http404
    if not can_restore_actor_version(user, actor):
        log_refusal(
            user=user, action="actor_restore", target=f"actors.actor:{actor_id}", request=request
        )
        raise Http404
    event = actor_event_get(actor=actor, event_id=event_id)
    if event is None:
        raise Http404
    return actor, event
