"""Use-case reads of events: lists, attendance figures, agendas, table plans, the live view
and the programme funnel (events → meetings → introductions → partnerships)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from maillage.actors.enums import Sphere
from maillage.actors.permissions import AnyUser
from maillage.events.enums import EventStatus, RegistrationStatus
from maillage.events.models import Event, Meeting, Plan, Registration
from maillage.events.permissions import events_visible_to


def events_list(*, user: AnyUser, upcoming_only: bool = False) -> QuerySet[Event]:
    events = events_visible_to(user).select_related("programme")
    if upcoming_only:
        events = events.filter(ends_at__gte=timezone.now())
    return events.annotate(
        n_confirmed=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
            distinct=True,
        )
    ).order_by("starts_at", "id")


def events_of_programme(*, programme: Any, user: AnyUser) -> QuerySet[Event]:
    return events_list(user=user).filter(programme=programme)


def registration_of(*, event: Event, user: AnyUser) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user_id=user.pk)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("actor")
        .first()
    )


def event_registrations(*, event: Event) -> list[Registration]:
    return list(
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user", "actor", "actor__kind")
        .order_by("status", "user__display_name", "user__email", "id")
    )


def waiting_position(*, registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return (
        Registration.objects.filter(
            event_id=registration.event_id, status=RegistrationStatus.WAITLISTED
        )
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, id__lt=registration.pk)
        )
        .count()
        + 1
    )


@dataclass
class Attendance:
    registered: int
    waiting: int
    present: int
    by_sphere: list[tuple[str, int]]  # (label, present)
    by_kind: list[tuple[str, int]]
    individuals: int  # present without an organisation


def attendance_figures(*, event: Event) -> Attendance:
    """Who came, by sphere and by kind of organisation (checked-in registrations)."""
    registrations = Registration.objects.filter(event=event)
    present = registrations.filter(
        status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False
    ).select_related("actor", "actor__kind")
    spheres: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    individuals = 0
    for registration in present:
        if registration.actor is None:
            individuals += 1
            continue
        spheres[str(Sphere(registration.actor.sphere).label)] += 1
        kinds[registration.actor.kind.name] += 1
    return Attendance(
        registered=registrations.filter(status=RegistrationStatus.CONFIRMED).count(),
        waiting=registrations.filter(status=RegistrationStatus.WAITLISTED).count(),
        present=len(present),
        by_sphere=sorted(spheres.items(), key=lambda item: (-item[1], item[0])),
        by_kind=sorted(kinds.items(), key=lambda item: (-item[1], item[0])),
        individuals=individuals,
    )


# --------------------------------------------------------------------------- speed-dating


@dataclass
class AgendaItem:
    round_number: int
    table: int
    starts_at: Any
    ends_at: Any
    partner: Registration
    meeting: Meeting
    my_follow_up: bool | None
    held: bool


def current_plan(*, event: Event) -> Plan | None:
    return Plan.objects.filter(event=event).order_by("-created_at", "-id").first()


def agenda_for(*, registration: Registration) -> list[AgendaItem]:
    event = registration.event
    meetings = list(
        Meeting.objects.filter(event=event)
        .filter(Q(first=registration) | Q(second=registration))
        .order_by("round_number", "table")
    )
    partners = Registration.objects.select_related("user", "actor").in_bulk(
        [m.partner_of(registration.pk) for m in meetings]
    )
    return [
        AgendaItem(
            round_number=m.round_number,
            table=m.table,
            starts_at=event.round_starts_at(m.round_number),
            ends_at=event.round_ends_at(m.round_number),
            partner=partners[m.partner_of(registration.pk)],
            meeting=m,
            my_follow_up=m.first_follow_up if m.first_id == registration.pk else m.second_follow_up,
            held=m.round_number <= event.rounds_held or event.ends_at <= timezone.now(),
        )
        for m in meetings
    ]


@dataclass
class RoundPlan:
    number: int
    starts_at: Any
    meetings: list[tuple[Meeting, Registration, Registration]]
    idle: list[Registration] = field(default_factory=list)


def table_plan(*, event: Event) -> list[RoundPlan]:
    meetings = list(Meeting.objects.filter(event=event).order_by("round_number", "table"))
    registrations = Registration.objects.select_related("user", "actor").in_bulk(
        {m.first_id for m in meetings} | {m.second_id for m in meetings}
    )
    present = {
        r.pk: r
        for r in Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("user", "actor")
        .order_by("id")
    }
    rounds = []
    for number in range(1, event.rounds + 1):
        these = [
            (m, registrations[m.first_id], registrations[m.second_id])
            for m in meetings
            if m.round_number == number
        ]
        seated = {m.first_id for m, _a, _b in these} | {m.second_id for m, _a, _b in these}
        rounds.append(
            RoundPlan(
                number=number,
                starts_at=event.round_starts_at(number),
                meetings=these,
                idle=[r for pk, r in present.items() if pk not in seated] if these else [],
            )
        )
    return rounds


# --------------------------------------------------------------------------- funnel


@dataclass
class Funnel:
    events: int
    participants: int  # present (checked in), or confirmed when nobody was checked in
    meetings: int
    follow_ups: int  # meetings both sides want to pursue
    introductions: int
    partnerships: int

    def as_list(self) -> list[tuple[str, int]]:
        from django.utils.translation import gettext as _

        return [
            (_("Événements"), self.events),
            (_("Participants"), self.participants),
            (_("Rencontres"), self.meetings),
            (_("« À poursuivre » des deux côtés"), self.follow_ups),
            (_("Mises en relation"), self.introductions),
            (_("Partenariats"), self.partnerships),
        ]


def event_funnel(*, programme: Any) -> Funnel:
    """Events of a programme → meetings → introductions → partnerships."""
    events = Event.objects.filter(programme=programme).exclude(status=EventStatus.DRAFT)
    registrations = Registration.objects.filter(
        event__in=events, status=RegistrationStatus.CONFIRMED
    )
    present = registrations.filter(checked_in_at__isnull=False)
    meetings = Meeting.objects.filter(event__in=events)
    mutual = meetings.filter(first_follow_up=True, second_follow_up=True)
    pairs = set()
    for first_actor, second_actor in mutual.filter(
        introduction_opened_at__isnull=False
    ).values_list("first__actor_id", "second__actor_id"):
        if first_actor and second_actor:
            pairs.add((min(first_actor, second_actor), max(first_actor, second_actor)))
    return Funnel(
        events=events.count(),
        participants=present.count() or registrations.count(),
        meetings=meetings.count(),
        follow_ups=mutual.count(),
        introductions=len(pairs),
        partnerships=_partnerships_between(pairs),
    )


def _partnerships_between(pairs: set[tuple[int, int]]) -> int:
    if not pairs:
        return 0
    try:
        from maillage.partnerships.models import Partnership
    except ImportError:  # the partnerships app is optional for the funnel
        return 0
    count = 0
    for a, b in sorted(pairs):
        if Partnership.objects.filter(parties__actor_id=a).filter(parties__actor_id=b).exists():
            count += 1
    return count
