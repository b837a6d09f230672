"""« Partenaires suggérés »: the ranked list for an organisation (its members, the
facilitators covering it, staff), filters, dismissing, « pertinent / pas pertinent »."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage.accounts.enums import MembershipStatus
from maillage.accounts.http import AuthenticatedRequest
from maillage.accounts.models import Membership
from maillage.actors.models import Actor
from maillage.core.errors import DomainError
from maillage.matching.forms import SuggestionFilterForm
from maillage.matching.permissions import (
    access_actor_for_acting,
    access_actor_for_suggestions,
    can_act_for,
    can_facilitate,
    can_view_facilitation,
)
from maillage.matching.selectors import (
    dismissed_actors,
    pair_score_between,
    suggestions_for,
)
from maillage.matching.services import suggestion_feedback_record

ACTIONS = {"pertinent", "pas_pertinent", "dismiss", "restore"}


@login_required
@require_GET
def home(request: AuthenticatedRequest) -> HttpResponse:
    """« Partenaires »: straight to the suggestions of the user's organisation, or a choice."""
    memberships = list(
        Membership.objects.filter(user=request.user, status=MembershipStatus.ACTIVE)
        .select_related("actor", "actor__kind", "actor__seat_commune")
        .order_by("actor__name", "actor_id")
    )
    if len(memberships) == 1 and not can_view_facilitation(request.user):
        return redirect("matching:suggestions", actor_id=memberships[0].actor_id)
    return render(
        request,
        "matching/home.html",
        {
            "memberships": memberships,
            "is_facilitator": can_view_facilitation(request.user),
        },
    )


@login_required
@require_GET
def suggestions(request: AuthenticatedRequest, actor_id: int) -> HttpResponse:
    actor = access_actor_for_suggestions(request.user, actor_id)
    form = SuggestionFilterForm(request.GET or None)
    filters = form.filters()
    result = suggestions_for(actor=actor, filters=filters)
    acting = can_act_for(request.user, actor)
    facilitating = not acting and can_view_facilitation(request.user)
    for item in result.items:
        item.can_facilitate = facilitating and can_facilitate(request.user, actor, item.actor)
    return render(
        request,
        "matching/suggestions.html",
        {
            "actor": actor,
            "result": result,
            "form": form,
            "filters_active": filters.active,
            "can_act": acting,
            "facilitating": facilitating,
            "dismissed_count": len(dismissed_actors(actor=actor)) if acting else 0,
        },
    )


@login_required
@require_GET
def dismissed(request: AuthenticatedRequest, actor_id: int) -> HttpResponse:
    actor = access_actor_for_acting(request.user, actor_id)
    return render(
        request,
        "matching/dismissed.html",
        {"actor": actor, "dismissed": dismissed_actors(actor=actor)},
    )


@login_required
@require_POST
def feedback(request: AuthenticatedRequest, actor_id: int, candidate_id: int) -> HttpResponse:
    """Record « pertinent » / « pas pertinent », dismiss or restore (with the score and its
    components at that moment, for tuning)."""
    actor = access_actor_for_acting(request.user, actor_id)
    candidate = Actor.objects.filter(pk=candidate_id).first()
    action = request.POST.get("action", "")
    back = reverse("matching:suggestions", kwargs={"actor_id": actor.pk})
    if candidate is None or action not in ACTIONS:
        messages.error(request, _("Action inconnue."))
        return redirect(back)
    pair = pair_score_between(actor=actor, other=candidate)
    try:
        suggestion_feedback_record(
            actor=actor,
            candidate=candidate,
            user=request.user,
            verdict=action if action in {"pertinent", "pas_pertinent"} else "",
            dismissed={"dismiss": True, "restore": False}.get(action),
            score=pair.score if pair else None,
            components=pair.components() if pair else None,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(back)
    notices = {
        "pertinent": _("Merci : « %(name)s » noté comme pertinent."),
        "pas_pertinent": _("Merci : « %(name)s » noté comme pas pertinent."),
        "dismiss": _("« %(name)s » est écarté de vos suggestions."),
        "restore": _("« %(name)s » revient dans vos suggestions."),
    }
    messages.success(request, notices[action] % {"name": candidate.name})
    if action == "restore":
        return redirect("matching:dismissed", actor_id=actor.pk)
    return redirect(f"{back}#suggestion-{candidate.pk}" if action != "dismiss" else back)
