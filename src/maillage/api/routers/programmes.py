"""``/api/v1/programmes``: territorial programmes, their groups and actions (public once
published), « Je veux contribuer », and the funnel for the programme's facilitators.

Thin endpoints: access through ``programmes.permissions`` (404 for missing and forbidden
alike), writes through ``programmes.services``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest
from ninja import Router, Status

from maillage.actors.models import Actor
from maillage.api.errors import ErrorOut
from maillage.api.schemas.programmes import (
    ActionOut,
    ActionSummaryOut,
    ActorRefOut,
    ContributionIn,
    ContributionOut,
    FunnelOut,
    GroupOut,
    NeedOut,
    PhaseOut,
    ProgrammeListOut,
    ProgrammeOut,
    ProgrammeSummaryOut,
)
from maillage.programmes.enums import SELECTED_STATUSES
from maillage.programmes.models import Action, Programme
from maillage.programmes.permissions import (
    access_action_for_view,
    access_programme_for_manage,
    access_programme_for_view,
    can_contribute,
)
from maillage.programmes.selectors import programmes_list
from maillage.programmes.services import contribution_offer

router = Router(tags=["programmes"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _ref(actor: Actor | None) -> ActorRefOut | None:
    return ActorRefOut(id=actor.pk, name=actor.name) if actor is not None else None


def _summary(programme: Programme) -> ProgrammeSummaryOut:
    return ProgrammeSummaryOut(
        id=programme.pk,
        title=programme.title,
        status=programme.status,
        territory_codes=list(programme.territory_codes),
        lead_actor=_ref(programme.lead_actor),
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
        url=programme.get_absolute_url(),
    )


def _action_summary(action: Action) -> ActionSummaryOut:
    return ActionSummaryOut(
        id=action.pk,
        title=action.title,
        status=action.status,
        is_cross_cutting=action.is_cross_cutting,
        referent=_ref(action.referent_actor),
        url=action.get_absolute_url(),
    )


@router.get(
    "",
    response=ProgrammeListOut,
    operation_id="programmes_list",
    summary="Programmes territoriaux publiés",
)
def programmes_index(request: HttpRequest) -> ProgrammeListOut:
    rows = list(programmes_list(user=request.user)[:200])
    return ProgrammeListOut(count=len(rows), results=[_summary(p) for p in rows])


@router.get(
    "/{programme_id}",
    response={200: ProgrammeOut, 404: ErrorOut},
    operation_id="programme_get",
    summary="Un programme : étapes, groupes de travail, actions retenues",
)
def programme_get(request: HttpRequest, programme_id: int) -> ProgrammeOut:
    programme = access_programme_for_view(request.user, programme_id)
    groups = (
        programme.working_groups.select_related("co_lead_association", "co_lead_company")
        .annotate(
            n_members=Count("members", distinct=True), n_meetings=Count("meetings", distinct=True)
        )
        .order_by("position", "id")
    )
    actions = (
        programme.actions.filter(status__in=SELECTED_STATUSES)
        .select_related("referent_actor")
        .order_by("position", "id")
    )
    return ProgrammeOut(
        **_summary(programme).model_dump(),
        summary=programme.summary,
        themes=list(programme.themes.order_by("code").values_list("code", flat=True)),
        co_pilots=[ActorRefOut(id=a.pk, name=a.name) for a in programme.co_pilots.order_by("name")],
        phases=[
            PhaseOut(kind=p.kind, title=str(p), starts_on=p.starts_on, ends_on=p.ends_on)
            for p in programme.phases.order_by("position", "id")
        ],
        groups=[
            GroupOut(
                id=g.pk,
                title=g.title,
                theme=g.theme_id,
                co_lead_association=_ref(g.co_lead_association),
                co_lead_company=_ref(g.co_lead_company),
                members=g.n_members,
                meetings=g.n_meetings,
            )
            for g in groups
        ],
        actions=[_action_summary(a) for a in actions],
    )


@router.get(
    "/{programme_id}/funnel",
    response={200: FunnelOut, 403: ErrorOut, 404: ErrorOut},
    operation_id="programme_funnel",
    summary="Entonnoir : événements → rencontres → mises en relation → partenariats",
    description="Réservé aux animateurs du programme.",
)
def programme_funnel(request: HttpRequest, programme_id: int) -> FunnelOut:
    from maillage.events.selectors import event_funnel

    programme = access_programme_for_manage(request.user, programme_id)
    funnel = event_funnel(programme=programme)
    return FunnelOut(**funnel.__dict__)


@router.get(
    "/actions/{action_id}",
    response={200: ActionOut, 404: ErrorOut},
    operation_id="programme_action_get",
    summary="Une action : référent, besoins, statut",
)
def action_get(request: HttpRequest, action_id: int) -> ActionOut:
    action = access_action_for_view(request.user, action_id)
    needs = action.needs.order_by("position", "id")
    return ActionOut(
        **_action_summary(action).model_dump(),
        summary=action.summary,
        programme=action.programme_id,
        groups=list(action.groups.order_by("id").values_list("pk", flat=True)),
        needs=[
            NeedOut(id=n.pk, text=n.text, category=n.category_id, is_met=n.is_met) for n in needs
        ],
        selection_method=action.selection_method,
        selected_at=action.selected_at,
    )


@router.post(
    "/actions/{action_id}/contributions",
    response={201: ContributionOut, 400: ErrorOut, **ERRORS},
    operation_id="programme_action_contribute",
    summary="Je veux contribuer",
    description="Pour un membre d'une organisation, sur une action retenue ou en cours ; le "
    "référent et les animateurs sont prévenus. 422 si vous avez déjà proposé votre aide.",
)
def action_contribute(request: HttpRequest, action_id: int, payload: ContributionIn) -> Status:
    if not request.user.is_authenticated:
        raise PermissionDenied
    action = access_action_for_view(request.user, action_id)
    if not can_contribute(request.user, action):
        raise PermissionDenied
    actor = None
    if payload.actor is not None:
        actor = Actor.objects.filter(pk=payload.actor).first()
        if actor is None:
            raise Http404
    need = action.needs.filter(pk=payload.need).first() if payload.need is not None else None
    if payload.need is not None and need is None:
        raise Http404
    contribution = contribution_offer(
        action=action,
        user=request.user,
        message=payload.message,
        actor=actor,
        need=need,
    )
    out: dict[str, Any] = {
        "id": contribution.pk,
        "action": action.pk,
        "status": contribution.status,
        "actor": _ref(contribution.actor),
        "message": contribution.message,
        "created_at": contribution.created_at,
    }
    return Status(201, ContributionOut(**out))
