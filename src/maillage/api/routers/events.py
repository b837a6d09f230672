"""``/api/v1/events``: events (public once published), registration, the speed-dating plan
(organisers) and a participant's agenda.

Thin endpoints: access through ``events.permissions`` (404 for missing and forbidden
alike), writes through ``events.services``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest
from ninja import Router, Status

from maillage.actors.models import Actor
from maillage.api.errors import ErrorOut
from maillage.api.schemas.events import (
    AgendaItemOut,
    EventListOut,
    EventOut,
    EventSummaryOut,
    MeetingOut,
    PlanOut,
    RegistrationIn,
    RegistrationOut,
)
from maillage.events.enums import EventKind, RegistrationStatus
from maillage.events.models import Event, Meeting, Registration
from maillage.events.permissions import (
    access_event_for_manage,
    access_event_for_view,
    access_registration_for_participant,
)
from maillage.events.selectors import agenda_for, current_plan, events_list, waiting_position
from maillage.events.services import registration_create, speed_dating_plan

router = Router(tags=["events"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _summary(event: Event, confirmed: int) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "title": event.title,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "venue": event.venue,
        "status": event.status,
        "capacity": event.capacity,
        "confirmed": confirmed,
        "programme": event.programme_id,
        "url": event.get_absolute_url(),
    }


@router.get("", response=EventListOut, operation_id="events_list", summary="Événements à venir")
def events_index(request: HttpRequest) -> EventListOut:
    rows = list(events_list(user=request.user, upcoming_only=True)[:200])
    return EventListOut(
        count=len(rows),
        results=[EventSummaryOut(**_summary(e, e.n_confirmed)) for e in rows],  # type: ignore[attr-defined]
    )


@router.get(
    "/{event_id}",
    response={200: EventOut, 404: ErrorOut},
    operation_id="event_get",
    summary="Un événement",
)
def event_get(request: HttpRequest, event_id: int) -> EventOut:
    event = access_event_for_view(request.user, event_id)
    confirmed = Event.objects.filter(pk=event.pk).aggregate(
        n=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
    )["n"]
    return EventOut(
        **_summary(event, confirmed),
        description=event.description,
        address=event.address,
        registration_open=event.registration_open,
        rounds=event.rounds,
        tables=event.tables,
        slot_minutes=event.slot_minutes,
        two_sided=event.two_sided,
        rounds_held=event.rounds_held,
    )


def _registration_out(registration: Registration) -> RegistrationOut:
    return RegistrationOut(
        id=registration.pk,
        event=registration.event_id,
        status=registration.status,
        waiting_position=waiting_position(registration=registration),
        actor=registration.actor_id,
        side=registration.side,
    )


@router.post(
    "/{event_id}/registrations",
    response={201: RegistrationOut, 400: ErrorOut, **ERRORS},
    operation_id="event_register",
    summary="S'inscrire",
    description="Au nom d'une organisation dont vous êtes membre (ou à titre personnel). "
    "Confirmée tant qu'il reste des places, en liste d'attente ensuite ; 422 si les "
    "inscriptions sont fermées ou si vous êtes déjà inscrit.",
)
def event_register(request: HttpRequest, event_id: int, payload: RegistrationIn) -> Status:
    if not request.user.is_authenticated:
        raise PermissionDenied
    event = access_event_for_view(request.user, event_id)
    actor = None
    if payload.actor is not None:
        actor = Actor.objects.filter(pk=payload.actor).first()
        if actor is None:
            raise Http404
    registration = registration_create(event=event, user=request.user, actor=actor)
    return Status(201, _registration_out(registration))


def _plan_out(event: Event) -> PlanOut:
    plan = current_plan(event=event)
    if plan is None:
        raise Http404
    rounds: list[list[MeetingOut]] = [[] for _ in range(event.rounds)]
    for meeting in Meeting.objects.filter(event=event).order_by("round_number", "table"):
        rounds[meeting.round_number - 1].append(
            MeetingOut(
                table=meeting.table, a=meeting.first_id, b=meeting.second_id, score=meeting.score
            )
        )
    return PlanOut(
        event=event.pk,
        created_at=plan.created_at,
        total_score=plan.total_score,
        upper_bound=plan.upper_bound,
        kept_rounds=plan.kept_rounds,
        used_match_scores=plan.used_match_scores,
        rounds=rounds,
    )


@router.get(
    "/{event_id}/plan",
    response={200: PlanOut, 404: ErrorOut},
    operation_id="event_plan_get",
    summary="Planning du speed-dating (organisateurs)",
)
def event_plan_get(request: HttpRequest, event_id: int) -> PlanOut:
    event = access_event_for_manage(request.user, event_id)
    return _plan_out(event)


@router.post(
    "/{event_id}/plan",
    response={201: PlanOut, **ERRORS},
    operation_id="event_plan_compute",
    summary="Calculer ou recalculer le planning (organisateurs)",
    description="Les tours déjà tenus sont conservés ; une fois l'événement commencé, seuls "
    "les participants pointés et non partis sont placés.",
)
def event_plan_compute(request: HttpRequest, event_id: int) -> Status:
    event = access_event_for_manage(request.user, event_id)
    if event.kind != EventKind.SPEED_DATING:
        raise Http404
    speed_dating_plan(event=event, by=request.user)  # type: ignore[arg-type]
    event.refresh_from_db()
    return Status(201, _plan_out(event))


@router.get(
    "/registrations/{registration_id}/agenda",
    response={200: list[AgendaItemOut], 404: ErrorOut},
    operation_id="event_agenda",
    summary="Mon agenda de rencontres",
)
def event_agenda(request: HttpRequest, registration_id: int) -> list[AgendaItemOut]:
    registration = access_registration_for_participant(request.user, registration_id)
    return [
        AgendaItemOut(
            round=item.round_number,
            table=item.table,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            partner_name=str(item.partner.user),
            partner_organisation=item.partner.organisation_name,
        )
        for item in agenda_for(registration=registration)
    ]
