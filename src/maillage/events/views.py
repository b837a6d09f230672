"""Event pages: public (list, event page, ICS, registration), participant (agenda with
print and ICS, wishes, « à poursuivre »), and management (organisers and the programme's
facilitators: registrations and figures, phone check-in, badges and attendance sheet,
reminders, the speed-dating planner, table plans and the live view).

Thin views: parse (forms), check access (``permissions.access_*``, 404 for missing and
forbidden alike), call a service, render or redirect.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.core.errors import DomainError
from maillage.events import forms as f
from maillage.events import services
from maillage.events.enums import EventKind, RegistrationStatus
from maillage.events.ics import IcsEvent, calendar
from maillage.events.models import Event, Meeting, PairConstraint, Registration
from maillage.events.permissions import (
    access_event_for_manage,
    access_event_for_view,
    access_registration_for_manage,
    access_registration_for_participant,
    can_create_event,
    can_manage_event,
    can_register,
)
from maillage.events.selectors import (
    agenda_for,
    attendance_figures,
    current_plan,
    event_registrations,
    events_list,
    registration_of,
    table_plan,
    waiting_position,
)
from maillage.programmes.permissions import programmes_managed_by


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _form_page(request: HttpRequest, form: Form, *, title: str, back: str) -> HttpResponse:
    return render(
        request, "events/form.html", {"form": form, "page_title": title, "back_url": back}
    )


def _location(event: Event) -> str:
    return ", ".join(part for part in (event.venue, event.address) if part)


def _ics_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --------------------------------------------------------------------------- public


@login_not_required
def event_list(request: HttpRequest) -> HttpResponse:
    upcoming = request.GET.get("passes") != "1"
    return render(
        request,
        "events/list.html",
        {
            "events": events_list(user=request.user, upcoming_only=upcoming),
            "upcoming": upcoming,
            "can_create": can_create_event(request.user),
        },
    )


@login_not_required
def event_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    event = access_event_for_view(request.user, pk)
    registration = registration_of(event=event, user=request.user)
    context: dict[str, Any] = {
        "event": event,
        "registration": registration,
        "waiting_position": waiting_position(registration=registration) if registration else None,
        "can_manage": can_manage_event(request.user, event),
        "can_register": registration is None and can_register(request.user, event),
        "confirmed": event.registrations.filter(status=RegistrationStatus.CONFIRMED).count(),
    }
    if context["can_register"]:
        context["register_form"] = f.RegisterForm(user=request.user)
    return render(request, "events/detail.html", context)


@login_not_required
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event_for_view(request.user, pk)
    url = request.build_absolute_uri(event.get_absolute_url())
    text = calendar(
        [
            IcsEvent(
                uid=f"event-{event.pk}@maillage",
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                summary=event.title,
                description=event.description,
                location=_location(event),
                url=url,
            )
        ],
        name=event.title,
    )
    return _ics_response(text, f"evenement-{event.pk}.ics")


@login_required
@require_POST
def register(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_view(request.user, pk)
    form = f.RegisterForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choisissez une structure dont vous êtes membre."))
        return redirect(event.get_absolute_url())
    try:
        registration = services.registration_create(
            event=event, user=request.user, actor=form.cleaned_data["actor"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("Vous êtes inscrit. À bientôt !"))
        else:
            messages.warning(
                request, _("L'événement est complet : vous êtes sur la liste d'attente.")
            )
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = access_registration_for_participant(request.user, pk)
    services.registration_cancel(registration=registration)
    messages.success(request, _("L'inscription est annulée."))
    return redirect(registration.event.get_absolute_url())


# --------------------------------------------------------------------------- manage


@login_required
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_create_event(request.user):
        raise Http404
    initial: dict[str, Any] = {"registration_open": True, "two_sided": True}
    programmes = programmes_managed_by(request.user)
    programme_id = request.GET.get("programme", "")
    if programme_id.isdigit():
        initial["programme"] = programmes.filter(pk=int(programme_id)).first()
    form = f.EventForm(request.POST or None, programmes=programmes, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(created_by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("L'événement est créé."))
            return redirect("events:manage", pk=event.pk)
    return _form_page(request, form, title=_("Nouvel événement"), back="/evenements/")


@login_required
def event_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    initial = {name: getattr(event, name) for name in f.EventForm.base_fields}
    initial["starts_at"] = timezone.localtime(event.starts_at)
    initial["ends_at"] = timezone.localtime(event.ends_at)
    form = f.EventForm(
        request.POST or None, programmes=programmes_managed_by(request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("L'événement est enregistré."))
            return redirect("events:manage", pk=event.pk)
    return _form_page(request, form, title=_("Modifier l'événement"), back=event.get_absolute_url())


@login_required
def manage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    return render(
        request,
        "events/manage.html",
        {
            "event": event,
            "registrations": event_registrations(event=event),
            "attendance": attendance_figures(event=event),
        },
    )


@login_required
@require_POST
def remind(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    sent = services.event_send_reminders(event=event)
    if sent:
        messages.success(request, _("Rappel envoyé à %(n)d participants.") % {"n": sent})
    else:
        messages.warning(
            request, _("Le rappel a déjà été envoyé (ou l'événement n'est pas publié).")
        )
    return redirect("events:manage", pk=event.pk)


@login_required
def checkin(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    registrations = [
        r for r in event_registrations(event=event) if r.status == RegistrationStatus.CONFIRMED
    ]
    return render(
        request,
        "events/checkin.html",
        {
            "event": event,
            "registrations": registrations,
            "present": sum(1 for r in registrations if r.checked_in_at),
        },
    )


@login_required
@require_POST
def checkin_toggle(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = access_registration_for_manage(request.user, pk)
    try:
        services.registration_check_in(
            registration=registration, present=registration.checked_in_at is None
        )
    except DomainError as error:
        messages.error(request, error.message)
    if _is_htmx(request):
        registration.refresh_from_db()
        return render(request, "events/partials/checkin_row.html", {"r": registration})
    return redirect("events:checkin", pk=registration.event_id)


@login_required
def badges(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    registrations = [
        r for r in event_registrations(event=event) if r.status == RegistrationStatus.CONFIRMED
    ]
    return render(request, "events/badges.html", {"event": event, "registrations": registrations})


@login_required
def sheet(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    registrations = [
        r for r in event_registrations(event=event) if r.status == RegistrationStatus.CONFIRMED
    ]
    return render(request, "events/sheet.html", {"event": event, "registrations": registrations})


# --------------------------------------------------------------------------- speed-dating


def _speed_dating_or_404(event: Event) -> None:
    if event.kind != EventKind.SPEED_DATING:
        raise Http404


@login_required
def speed_dating(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    _speed_dating_or_404(event)
    return render(
        request,
        "events/speed_dating.html",
        {
            "event": event,
            "participants": services.plan_participants(event),
            "constraints": PairConstraint.objects.filter(event=event)
            .select_related("first__user", "second__user", "first__actor", "second__actor")
            .order_by("id"),
            "constraint_form": f.ConstraintForm(event=event),
            "plan": current_plan(event=event),
            "rounds": table_plan(event=event),
        },
    )


@login_required
@require_POST
def plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    _speed_dating_or_404(event)
    try:
        result = services.speed_dating_plan(event=event, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Planning calculé : %(n)d rencontres, %(ratio)s %% du maximum théorique.")
            % {
                "n": result.stats.get("meetings", 0),
                "ratio": f"{100 * result.stats.get('ratio_to_upper_bound', 1):.1f}",
            },
        )
    target = request.POST.get("next") == "live"
    return redirect("events:live" if target else "events:speed_dating", pk=event.pk)


@login_required
@require_POST
def constraint_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    _speed_dating_or_404(event)
    form = f.ConstraintForm(request.POST, event=event)
    if form.is_valid():
        try:
            services.pair_constraint_set(event=event, **form.cleaned_data)
            messages.success(request, _("La contrainte est enregistrée."))
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Choisissez deux participants."))
    return redirect("events:speed_dating", pk=event.pk)


@login_required
@require_POST
def constraint_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    constraint = get_object_or_404(PairConstraint, pk=pk)
    event = access_event_for_manage(request.user, constraint.event_id)
    services.pair_constraint_remove(constraint=constraint)
    messages.success(request, _("La contrainte est retirée."))
    return redirect("events:speed_dating", pk=event.pk)


@login_required
@require_POST
def side_set(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = access_registration_for_manage(request.user, pk)
    try:
        services.registration_set_side(registration=registration, side=request.POST.get("side", ""))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("events:speed_dating", pk=registration.event_id)


@login_required
def table_plan_print(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    _speed_dating_or_404(event)
    return render(
        request, "events/table_plan.html", {"event": event, "rounds": table_plan(event=event)}
    )


@login_required
def live(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    _speed_dating_or_404(event)
    rounds = table_plan(event=event)
    current = event.rounds_held + 1
    context = {
        "event": event,
        "current": rounds[current - 1] if current <= len(rounds) else None,
        "next_round": rounds[current] if current < len(rounds) else None,
        "present": services.plan_participants(event),
        "now": timezone.now(),
    }
    template = "events/partials/live_region.html" if _is_htmx(request) else "events/live.html"
    return render(request, template, context)


@login_required
@require_POST
def round_done(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access_event_for_manage(request.user, pk)
    try:
        services.speed_dating_round_done(event=event)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("events:live", pk=event.pk)


@login_required
@require_POST
def mark_left(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = access_registration_for_manage(request.user, pk)
    services.registration_mark_left(registration=registration)
    messages.success(
        request,
        _("%(who)s est parti : re-planifiez les tours restants.") % {"who": registration.user},
    )
    return redirect("events:live", pk=registration.event_id)


# --------------------------------------------------------------------------- participant


@login_required
def agenda(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = access_registration_for_participant(request.user, pk)
    return render(
        request,
        "events/agenda.html",
        {
            "registration": registration,
            "event": registration.event,
            "items": agenda_for(registration=registration),
        },
    )


@login_required
def agenda_ics(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = access_registration_for_participant(request.user, pk)
    event = registration.event
    items = agenda_for(registration=registration)
    text = calendar(
        [
            IcsEvent(
                uid=f"meeting-{item.meeting.pk}-{registration.pk}@maillage",
                starts_at=item.starts_at,
                ends_at=item.ends_at,
                summary=_("Tour %(round)d, table %(table)d : %(who)s")
                % {
                    "round": item.round_number,
                    "table": item.table,
                    "who": item.partner.organisation_name or str(item.partner.user),
                },
                description=event.title,
                location=_location(event),
            )
            for item in items
        ],
        name=event.title,
    )
    return _ics_response(text, f"agenda-{event.pk}.ics")


@login_required
def wishes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = access_registration_for_participant(request.user, pk)
    _speed_dating_or_404(registration.event)
    current = {
        f"choice_{wish.rank}": wish.target_id for wish in registration.wishes.order_by("rank")
    }
    form = f.WishesForm(request.POST or None, registration=registration, initial=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.wishes_set(registration=registration, targets=form.targets())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Vos souhaits sont enregistrés."))
            return redirect(registration.event.get_absolute_url())
    return render(
        request,
        "events/wishes.html",
        {"form": form, "registration": registration, "event": registration.event},
    )


@login_required
@require_POST
def follow_up(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    registration_id = (
        meeting.first_id
        if Registration.objects.filter(pk=meeting.first_id, user=request.user).exists()
        else meeting.second_id
    )
    registration = access_registration_for_participant(request.user, registration_id)
    if registration.user_id != request.user.pk:
        raise Http404
    try:
        updated = services.meeting_follow_up(
            meeting=meeting,
            registration=registration,
            follow_up=request.POST.get("follow_up") == "oui",
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if updated.introduction_opened_at:
            messages.success(
                request,
                _("Intérêt réciproque : la mise en relation est ouverte, contacts visibles."),
            )
        else:
            messages.success(request, _("Réponse enregistrée."))
    return redirect("events:agenda", pk=registration.pk)
