"""Introductions (« mises en relation »): asking, answering, reading (contacts only once
accepted), withdrawing, opening a partnership draft; follow-ups; endorsements."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.actors.models import Actor
from maillage.core.errors import DomainError
from maillage.matching.enums import IntroductionOrigin
from maillage.matching.forms import (
    DeclineForm,
    EndorsementForm,
    FollowUpForm,
    IntroductionRequestForm,
)
from maillage.matching.permissions import (
    access_actor_for_acting,
    access_endorsement_for_withdraw,
    access_followup_for_answer,
    access_introduction_for_answer,
    access_introduction_for_party,
    access_introduction_for_view,
    answerable_sides,
    can_open_partnership,
    can_see_introduction_contacts,
    can_withdraw,
    member_actor_ids,
)
from maillage.matching.selectors import (
    endorsement_given,
    followups_waiting,
    introduction_contacts,
    introductions_of,
    pair_score_between,
)
from maillage.matching.services import (
    actors_related,
    endorsement_create,
    endorsement_withdraw,
    followup_answer,
    introduction_accept,
    introduction_decline,
    introduction_mark_seen,
    introduction_open_partnership,
    introduction_request,
    introduction_withdraw,
)

PAGE = 100


def _form_error(form: Any, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


@login_required
@require_GET
def introduction_list(request: AuthenticatedRequest) -> HttpResponse:
    mine = member_actor_ids(request.user)
    rows = list(introductions_of(actor_ids=mine)[:PAGE])
    received = [
        row
        for row in rows
        if row.to_actor_id in mine
        or (row.origin == IntroductionOrigin.FACILITATOR and row.from_actor_id in mine)
    ]
    sent = [row for row in rows if row not in received]
    return render(
        request,
        "matching/introductions.html",
        {
            "received": received,
            "sent": sent,
            "followups": list(followups_waiting(actor_ids=mine)),
            "has_organisation": bool(mine),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def introduction_new(
    request: AuthenticatedRequest, actor_id: int, candidate_id: int
) -> HttpResponse:
    """« Demander une mise en relation »: ``actor_id`` (the user's organisation) asks
    ``candidate_id``."""
    actor = access_actor_for_acting(request.user, actor_id)
    candidate = Actor.objects.select_related("kind", "seat_commune").filter(pk=candidate_id).first()
    if candidate is None:
        raise Http404
    form = IntroductionRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        pair = pair_score_between(actor=actor, other=candidate)
        try:
            introduction = introduction_request(
                from_actor=actor,
                to_actor=candidate,
                user=request.user,
                message=form.cleaned_data["message"],
                origin=IntroductionOrigin.SUGGESTION
                if request.POST.get("from_suggestions")
                else IntroductionOrigin.DIRECT,
                score=pair.score if pair else None,
            )
        except DomainError as error:
            _form_error(form, error)
            if error.code == "rate_limited":
                status = 429
        else:
            messages.success(
                request,
                _("Demande envoyée à « %(name)s ». Vous serez prévenu·e de sa réponse.")
                % {"name": candidate.name},
            )
            return redirect(introduction)
    return render(
        request,
        "matching/introduction_new.html",
        {
            "actor": actor,
            "candidate": candidate,
            "form": form,
            "from_suggestions": request.GET.get("depuis") == "suggestions"
            or bool(request.POST.get("from_suggestions")),
        },
        status=status,
    )


@login_required
@require_GET
def introduction_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    introduction = access_introduction_for_view(request.user, pk)
    introduction_mark_seen(introduction=introduction, user=request.user)
    sides = answerable_sides(request.user, introduction)
    show_contacts = can_see_introduction_contacts(request.user, introduction)
    mine = member_actor_ids(request.user)
    endorse_targets = []
    if introduction.is_accepted:
        for side, other in (
            (introduction.from_actor, introduction.to_actor),
            (introduction.to_actor, introduction.from_actor),
        ):
            if side.pk in mine:
                endorse_targets.append(
                    {
                        "from": side,
                        "to": other,
                        "given": endorsement_given(from_actor_ids=[side.pk], to_actor=other),
                    }
                )
    return render(
        request,
        "matching/introduction_detail.html",
        {
            "introduction": introduction,
            "answer_side": sides[0] if sides else None,
            "decline_form": DeclineForm(),
            "show_contacts": show_contacts,
            "contact_sides": _contact_sides(introduction) if show_contacts else [],
            "can_withdraw": can_withdraw(request.user, introduction),
            "can_open_partnership": can_open_partnership(request.user, introduction),
            "events": list(introduction.events.select_related("user").order_by("created_at", "id")),
            "endorse_targets": endorse_targets,
            "followups": list(followups_waiting(actor_ids=mine).filter(introduction=introduction)),
        },
    )


def _contact_sides(introduction: Any) -> list[tuple[Actor, list[Any]]]:
    contacts = introduction_contacts(introduction=introduction)
    return [
        (introduction.from_actor, contacts[introduction.from_actor_id]),
        (introduction.to_actor, contacts[introduction.to_actor_id]),
    ]


@login_required
@require_POST
def introduction_accept_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    introduction, side = access_introduction_for_answer(request.user, pk)
    actor = Actor.objects.get(pk=side)
    try:
        introduction = introduction_accept(
            introduction=introduction, user=request.user, actor=actor
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if introduction.is_accepted:
            messages.success(
                request, _("Mise en relation acceptée : vos coordonnées sont échangées.")
            )
        else:
            messages.success(
                request,
                _("Votre accord est enregistré : l'autre structure doit encore donner le sien."),
            )
    return redirect(introduction)


@login_required
@require_POST
def introduction_decline_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    introduction, side = access_introduction_for_answer(request.user, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            introduction_decline(
                introduction=introduction,
                user=request.user,
                actor=Actor.objects.get(pk=side),
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Réponse envoyée. Merci d'avoir pris le temps de répondre.")
            )
            return redirect(introduction)
    else:
        messages.error(request, _("Choisissez un motif dans la liste pour décliner."))
    return redirect(introduction)


@login_required
@require_POST
def introduction_withdraw_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    introduction = access_introduction_for_party(request.user, pk)
    if not can_withdraw(request.user, introduction):
        raise Http404
    try:
        introduction_withdraw(introduction=introduction, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Demande retirée."))
    return redirect(introduction)


@login_required
@require_POST
def introduction_partnership_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    introduction = access_introduction_for_party(request.user, pk)
    try:
        url = introduction_open_partnership(introduction=introduction, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(introduction)
    messages.success(request, _("Brouillon de partenariat ouvert."))
    return redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def followup_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    followup = access_followup_for_answer(request.user, pk)
    form = FollowUpForm(request.POST or None, initial={"outcome": followup.outcome or None})
    if request.method == "POST" and form.is_valid():
        try:
            followup_answer(
                followup=followup,
                user=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Merci pour votre réponse."))
            return redirect(followup.introduction)
    other = (
        followup.introduction.to_actor
        if followup.actor_id == followup.introduction.from_actor_id
        else followup.introduction.from_actor
    )
    return render(
        request, "matching/followup.html", {"followup": followup, "form": form, "other": other}
    )


@login_required
@require_http_methods(["GET", "POST"])
def endorsement_new(
    request: AuthenticatedRequest, actor_id: int, candidate_id: int
) -> HttpResponse:
    actor = access_actor_for_acting(request.user, actor_id)
    candidate = Actor.objects.filter(pk=candidate_id).first()
    if candidate is None or candidate.pk == actor.pk or not actors_related(actor, candidate):
        raise Http404
    form = EndorsementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endorsement_create(
                from_actor=actor,
                to_actor=candidate,
                author=request.user,
                text=form.cleaned_data["text"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Votre recommandation figure sur la fiche de « %(name)s ».")
                % {"name": candidate.name},
            )
            return redirect(candidate)
    return render(
        request,
        "matching/endorsement_new.html",
        {"actor": actor, "candidate": candidate, "form": form},
    )


@login_required
@require_POST
def endorsement_withdraw_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    endorsement = access_endorsement_for_withdraw(request.user, pk)
    endorsement_withdraw(endorsement=endorsement)
    messages.success(request, _("Recommandation retirée."))
    return redirect(endorsement.to_actor)
