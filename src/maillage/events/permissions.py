"""Who may see and change what about events. The only home of these rules.

- Events are created by facilitators (users with a territorial scope) and staff; managed
  by their organisers, the facilitators of their programme, and staff.
- A published event is public; a draft is seen by its managers only.
- Registering: any signed-in, active user, while registration is open.
- A participant's agenda (who they meet, when, where) is theirs and the managers'.
- Lists of participants (check-in, badges, sheets, table plans) are personal data: managers
  only.

``access_*`` answer 404 for missing and forbidden alike.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from maillage.actors.permissions import AnyUser, is_facilitator
from maillage.events.enums import EventStatus, RegistrationStatus
from maillage.events.models import Event, Registration


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_create_event(user: AnyUser) -> bool:
    return _active(user) and (bool(user.is_staff) or is_facilitator(user))


def can_manage_event(user: AnyUser, event: Event) -> bool:
    if not _active(user):
        return False
    if user.is_staff or event.organisers.filter(pk=user.pk).exists():
        return True
    return bool(
        event.programme_id and event.programme.facilitators.filter(pk=user.pk).exists()  # type: ignore[union-attr]
    )


def can_view_event(user: AnyUser, event: Event) -> bool:
    return event.status != EventStatus.DRAFT or can_manage_event(user, event)


def can_register(user: AnyUser, event: Event) -> bool:
    return (
        _active(user)
        and event.status == EventStatus.PUBLISHED
        and event.registration_open
        and event.ends_at > timezone.now()
    )


def events_visible_to(user: AnyUser) -> QuerySet[Event]:
    if _active(user) and user.is_staff:
        return Event.objects.all()
    visible = Q(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
    if _active(user):
        visible |= Q(organisers=user) | Q(programme__facilitators=user)
    return Event.objects.filter(visible).distinct()


def access_event_for_view(user: AnyUser, event_id: int) -> Event:
    event = Event.objects.select_related("programme").filter(pk=event_id).first()
    if event is None or not can_view_event(user, event):
        raise Http404
    return event


def access_event_for_manage(user: AnyUser, event_id: int) -> Event:
    event = Event.objects.select_related("programme").filter(pk=event_id).first()
    if event is None or not can_manage_event(user, event):
        raise Http404
    return event


def access_registration_for_participant(user: AnyUser, registration_id: int) -> Registration:
    """A registration seen by its person or by the event's managers (agenda, wishes,
    follow-up answers)."""
    registration = (
        Registration.objects.select_related("event", "event__programme", "actor", "user")
        .filter(pk=registration_id)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if registration is None or not _active(user):
        raise Http404
    if registration.user_id != user.pk and not can_manage_event(user, registration.event):
        raise Http404
    return registration


def access_registration_for_manage(user: AnyUser, registration_id: int) -> Registration:
    registration = (
        Registration.objects.select_related("event", "event__programme", "actor", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not can_manage_event(user, registration.event):
        raise Http404
    return registration
