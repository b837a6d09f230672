"""The one write path for events: creation, registrations (capacity and waiting list, safe
under concurrent sign-ups), check-in, reminders, and the speed-dating (wishes, pair
constraints, plan and re-plan, rounds held, follow-up answers that open introductions).

Keyword-only, typed, atomic; broken rules raise ``DomainError(field=…, code=…)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.enums import MembershipStatus
from maillage.accounts.models import Membership, User
from maillage.actors.models import Actor
from maillage.core.errors import DomainError
from maillage.events.enums import (
    ConstraintKind,
    EventKind,
    EventStatus,
    RegistrationStatus,
    Side,
)
from maillage.events.models import Event, Meeting, PairConstraint, Plan, Registration, Wish
from maillage.events.planning import build_instance, default_side
from maillage.events.scheduling import PlanningError, plan_meetings, validate_plan
from maillage.programmes.models import Programme

PLAN_TIME_LIMIT_S = 20.0


def _notify(*, user: User, kind: str, title: str, body: str = "", url: str = "") -> None:
    from maillage.notifications.services import notification_send

    if user.is_active:
        notification_send(user=user, kind=kind, title=title, body=body, url=url)


def _when(event: Event) -> str:
    local = timezone.localtime(event.starts_at)
    return local.strftime("%d/%m/%Y %H:%M")


# --------------------------------------------------------------------------- events


def _validate_event(
    *,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int | None,
    status: str,
    rounds: int,
    tables: int,
    slot_minutes: int,
) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("L'intitulé est obligatoire."), field="title", code="required")
    if kind not in EventKind.values:
        raise DomainError(_("Type d'événement inconnu."), field="kind", code="invalid")
    if status not in EventStatus.values:
        raise DomainError(_("Statut inconnu."), field="status", code="invalid")
    if ends_at < starts_at:
        raise DomainError(
            _("La fin ne peut précéder le début."), field="ends_at", code="invalid_period"
        )
    if capacity is not None and capacity < 1:
        raise DomainError(
            _("Le nombre de places doit être positif (vide : sans limite)."),
            field="capacity",
            code="invalid",
        )
    if kind == EventKind.SPEED_DATING and (rounds < 1 or tables < 1 or slot_minutes < 1):
        raise DomainError(
            _("Un speed-dating a au moins un tour, une table et des tours d'une minute."),
            field="rounds",
            code="invalid",
        )
    return title


@transaction.atomic
def event_create(
    *,
    created_by: User | None,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    description: str = "",
    venue: str = "",
    address: str = "",
    capacity: int | None = None,
    programme: Programme | None = None,
    status: str = EventStatus.DRAFT,
    registration_open: bool = True,
    rounds: int = 0,
    tables: int = 0,
    slot_minutes: int = 7,
    break_minutes: int = 1,
    two_sided: bool = True,
) -> Event:
    title = _validate_event(
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        status=status,
        rounds=rounds,
        tables=tables,
        slot_minutes=slot_minutes,
    )
    event = Event.objects.create(
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        description=description.strip(),
        venue=venue.strip(),
        address=address.strip(),
        capacity=capacity,
        programme=programme,
        status=status,
        registration_open=registration_open,
        rounds=rounds,
        tables=tables,
        slot_minutes=slot_minutes,
        break_minutes=break_minutes,
        two_sided=two_sided,
        created_by=created_by,
    )
    if created_by is not None:
        event.organisers.add(created_by)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    description: str = "",
    venue: str = "",
    address: str = "",
    capacity: int | None = None,
    programme: Programme | None = None,
    status: str = EventStatus.DRAFT,
    registration_open: bool = True,
    rounds: int = 0,
    tables: int = 0,
    slot_minutes: int = 7,
    break_minutes: int = 1,
    two_sided: bool = True,
) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    title = _validate_event(
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        status=status,
        rounds=rounds,
        tables=tables,
        slot_minutes=slot_minutes,
    )
    if rounds < event.rounds_held:
        raise DomainError(
            _("%(n)d tours ont déjà eu lieu.") % {"n": event.rounds_held},
            field="rounds",
            code="rounds_held",
        )
    for name, value in {
        "kind": kind,
        "title": title,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "description": description.strip(),
        "venue": venue.strip(),
        "address": address.strip(),
        "programme": programme,
        "status": status,
        "registration_open": registration_open,
        "rounds": rounds,
        "tables": tables,
        "slot_minutes": slot_minutes,
        "break_minutes": break_minutes,
        "two_sided": two_sided,
    }.items():
        setattr(event, name, value)
    old_capacity = event.capacity
    event.capacity = capacity
    event.save()
    if capacity is None or (old_capacity is not None and capacity > old_capacity):
        _promote_waiting(event)
    return event


# --------------------------------------------------------------------------- registrations


def _confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


@transaction.atomic
def registration_create(
    *, event: Event, user: User, actor: Actor | None = None, side: str = ""
) -> Registration:
    """Register a person (on behalf of an organisation they belong to). Confirmed while
    seats are left, on the waiting list otherwise. The event row is locked (SELECT … FOR
    UPDATE) so that concurrent sign-ups never exceed the capacity."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.PUBLISHED or not event.registration_open:
        raise DomainError(
            _("Les inscriptions à cet événement sont fermées."),
            field="event",
            code="registration_closed",
        )
    if event.ends_at <= timezone.now():
        raise DomainError(_("Cet événement est passé."), field="event", code="past_event")
    if (
        actor is not None
        and not Membership.objects.filter(
            user=user, actor=actor, status=MembershipStatus.ACTIVE
        ).exists()
    ):
        raise DomainError(
            _("Vous ne pouvez vous inscrire qu'au nom d'une structure dont vous êtes membre."),
            field="actor",
            code="not_member",
        )
    if side and side not in Side.values:
        raise DomainError(_("Côté inconnu."), field="side", code="invalid")
    if (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        raise DomainError(
            _("Vous êtes déjà inscrit à cet événement."), field="event", code="already_registered"
        )
    full = event.capacity is not None and _confirmed_count(event) >= event.capacity
    registration = Registration.objects.create(
        event=event,
        user=user,
        actor=actor,
        side=side or default_side(actor),
        status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
    )
    if full:
        title = _("Vous êtes sur la liste d'attente de « %(title)s »")
    else:
        title = _("Inscription confirmée : « %(title)s »")
    _notify(
        user=user,
        kind="event_registration",
        title=title % {"title": event.title},
        body=_("Le %(when)s, %(venue)s.") % {"when": _when(event), "venue": event.venue},
        url=event.get_absolute_url(),
    )
    return registration


def _promote_waiting(event: Event) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served (event locked by
    the caller)."""
    promoted: list[Registration] = []
    while event.capacity is None or _confirmed_count(event) < event.capacity:
        waiting = (
            Registration.objects.select_for_update()
            .filter(event=event, status=RegistrationStatus.WAITLISTED)
            .order_by("created_at", "id")
            .first()
        )
        if waiting is None:
            break
        waiting.status = RegistrationStatus.CONFIRMED
        waiting.save(update_fields=["status", "updated_at"])
        promoted.append(waiting)
        _notify(
            user=waiting.user,
            kind="event_registration",
            title=_("Une place s'est libérée : vous êtes inscrit à « %(title)s »")
            % {"title": event.title},
            url=event.get_absolute_url(),
        )
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if was_confirmed:
        _promote_waiting(event)
    return registration


@transaction.atomic
def registration_check_in(*, registration: Registration, present: bool = True) -> Registration:
    if registration.status != RegistrationStatus.CONFIRMED and present:
        raise DomainError(
            _("Seule une inscription confirmée peut être pointée."),
            field="registration",
            code="not_confirmed",
        )
    registration.checked_in_at = timezone.now() if present else None
    if present:
        registration.left_at = None
    registration.save(update_fields=["checked_in_at", "left_at", "updated_at"])
    return registration


@transaction.atomic
def registration_mark_left(*, registration: Registration) -> Registration:
    """Someone leaves during the event: the next re-plan leaves them out."""
    registration.left_at = timezone.now()
    registration.save(update_fields=["left_at", "updated_at"])
    return registration


@transaction.atomic
def registration_set_side(*, registration: Registration, side: str) -> Registration:
    if side not in Side.values:
        raise DomainError(_("Côté inconnu."), field="side", code="invalid")
    registration.side = side
    registration.save(update_fields=["side", "updated_at"])
    return registration


def event_send_reminders(*, event: Event) -> int:
    """Remind every confirmed participant (once per event); return how many."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.reminder_sent_at is not None or event.status != EventStatus.PUBLISHED:
            return 0
        registrations = list(
            Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
            .select_related("user")
            .order_by("id")
        )
        for registration in registrations:
            _notify(
                user=registration.user,
                kind="event_reminder",
                title=_("Rappel : « %(title)s » le %(when)s")
                % {"title": event.title, "when": _when(event)},
                body=", ".join(part for part in (event.venue, event.address) if part),
                url=event.get_absolute_url(),
            )
        event.reminder_sent_at = timezone.now()
        event.save(update_fields=["reminder_sent_at", "updated_at"])
    return len(registrations)


def events_send_due_reminders(*, now: dt.datetime | None = None, hours: int = 48) -> int:
    """Reminders for published events starting within ``hours`` (run daily)."""
    now = now or timezone.now()
    due = Event.objects.filter(
        status=EventStatus.PUBLISHED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + dt.timedelta(hours=hours),
    ).order_by("starts_at", "id")
    return sum(event_send_reminders(event=event) for event in due)


# --------------------------------------------------------------------------- speed-dating


def _speed_dating(event: Event) -> None:
    if not event.is_speed_dating:
        raise DomainError(
            _("Cet événement n'est pas un speed-dating."), field="event", code="not_speed_dating"
        )


@transaction.atomic
def wishes_set(*, registration: Registration, targets: Sequence[Registration]) -> list[Wish]:
    """Replace a participant's wishes by ``targets``, in order of preference."""
    event = registration.event
    _speed_dating(event)
    seen: set[int] = set()
    for target in targets:
        if target.pk == registration.pk or target.event_id != event.pk:
            raise DomainError(_("Choix impossible."), field="targets", code="invalid")
        if target.status != RegistrationStatus.CONFIRMED:
            raise DomainError(
                _("On ne choisit que des participants inscrits."), field="targets", code="invalid"
            )
        if event.two_sided and target.side == registration.side:
            raise DomainError(
                _("On choisit des participants de l'autre côté."),
                field="targets",
                code="same_side",
            )
        if target.pk in seen:
            raise DomainError(
                _("Un participant choisi deux fois."), field="targets", code="invalid"
            )
        seen.add(target.pk)
    Wish.objects.filter(registration=registration).delete()
    return [
        Wish.objects.create(registration=registration, target=target, rank=rank)
        for rank, target in enumerate(targets, start=1)
    ]


@transaction.atomic
def pair_constraint_set(
    *, event: Event, first: Registration, second: Registration, kind: str
) -> PairConstraint:
    _speed_dating(event)
    if kind not in ConstraintKind.values:
        raise DomainError(_("Contrainte inconnue."), field="kind", code="invalid")
    if first.pk == second.pk or first.event_id != event.pk or second.event_id != event.pk:
        raise DomainError(_("Paire impossible."), field="second", code="invalid")
    low, high = sorted((first, second), key=lambda r: r.pk)
    constraint, _created = PairConstraint.objects.update_or_create(
        event=event, first=low, second=high, defaults={"kind": kind}
    )
    return constraint


@transaction.atomic
def pair_constraint_remove(*, constraint: PairConstraint) -> None:
    constraint.delete()


def plan_participants(event: Event) -> list[Registration]:
    """Who takes part in the plan: confirmed registrations; once the event has started
    (a round held or anyone checked in), only those present and not gone."""
    registrations = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).select_related("actor", "user")
    started = event.rounds_held > 0 or registrations.filter(checked_in_at__isnull=False).exists()
    if started:
        registrations = registrations.filter(checked_in_at__isnull=False, left_at__isnull=True)
    return list(registrations.order_by("id"))


@transaction.atomic
def speed_dating_plan(
    *, event: Event, by: User | None, time_limit: float = PLAN_TIME_LIMIT_S
) -> Plan:
    """Plan (or re-plan) the rounds not held yet; rounds already held are kept as they
    were. Arrivals and departures are read from check-in (see ``plan_participants``)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    _speed_dating(event)
    participants = plan_participants(event)
    if len(participants) < 2:
        raise DomainError(
            _("Il faut au moins deux participants pour planifier des rencontres."),
            field="event",
            code="too_few_participants",
        )
    instance, used_matches = build_instance(event, participants)
    try:
        result = plan_meetings(instance, time_limit=time_limit)
    except PlanningError as error:
        raise DomainError(error.message, field="event", code=f"planning_{error.code}") from error
    problems = validate_plan(instance, result)
    if problems:  # never store a plan that breaks a hard constraint
        raise DomainError("; ".join(problems[:3]), field="event", code="planning_invalid")
    Meeting.objects.filter(event=event, round_number__gt=event.rounds_held).delete()
    rows = []
    for number, meetings in enumerate(result["rounds"], start=1):
        if number <= event.rounds_held:
            continue
        for meeting in meetings:
            rows.append(
                Meeting(
                    event=event,
                    round_number=number,
                    table=meeting["table"],
                    first_id=int(meeting["a"]),
                    second_id=int(meeting["b"]),
                    score=meeting["score"],
                )
            )
    Meeting.objects.bulk_create(rows)
    stats = dict(result["stats"])
    stats.pop("per_participant", None)
    return Plan.objects.create(
        event=event,
        created_by=by,
        kept_rounds=event.rounds_held,
        total_score=result["total_score"],
        upper_bound=result["upper_bound"],
        stats={**stats, "unmet_must_meet": result["unmet_must_meet"]},
        used_match_scores=used_matches,
    )


@transaction.atomic
def speed_dating_round_done(*, event: Event) -> Event:
    """The facilitator closes the current round (the live view moves on)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    _speed_dating(event)
    if event.rounds_held >= event.rounds:
        raise DomainError(_("Tous les tours ont eu lieu."), field="event", code="finished")
    event.rounds_held += 1
    event.save(update_fields=["rounds_held", "updated_at"])
    return event


@transaction.atomic
def meeting_follow_up(*, meeting: Meeting, registration: Registration, follow_up: bool) -> Meeting:
    """A participant's « à poursuivre / non » on one meeting; when both say yes, an
    introduction is opened between their organisations (matching app)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if registration.pk == meeting.first_id:
        meeting.first_follow_up = follow_up
    elif registration.pk == meeting.second_id:
        meeting.second_follow_up = follow_up
    else:
        raise DomainError(_("Cette rencontre n'est pas la vôtre."), field="meeting", code="invalid")
    meeting.save(update_fields=["first_follow_up", "second_follow_up"])
    if meeting.mutual and meeting.introduction_opened_at is None:
        first = Registration.objects.select_related("actor").get(pk=meeting.first_id)
        second = Registration.objects.select_related("actor").get(pk=meeting.second_id)
        if first.actor is not None and second.actor is not None and first.actor != second.actor:
            from maillage.matching.services import introduction_open_mutual

            introduction_open_mutual(
                actor_a=first.actor,
                actor_b=second.actor,
                origin="speed_dating",
                note=_("Rencontre au speed-dating « %(title)s » (tour %(round)d).")
                % {"title": meeting.event.title, "round": meeting.round_number},
            )
            meeting.introduction_opened_at = timezone.now()
            meeting.save(update_fields=["introduction_opened_at"])
    return meeting


def registrations_for(*, event: Event, ids: Iterable[int]) -> list[Registration]:
    return list(Registration.objects.filter(event=event, pk__in=list(ids)).order_by("id"))
