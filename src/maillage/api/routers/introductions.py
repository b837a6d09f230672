"""``/api/v1/introductions``: requests to be put in touch (« mises en relation »), as on
the site: create, list, read (contact persons only once accepted), accept, decline,
withdraw, open a partnership draft; a facilitator introduces two actors.

Signed-in users only (403 otherwise); what the user may not see is a 404, as a missing
one. Broken rules are 422 ``validation_error``; too many requests are 429.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from maillage.actors.models import Actor
from maillage.api.auth import require_signed_in as _signed_in
from maillage.api.errors import ApiError, ErrorCode, ErrorOut
from maillage.api.schemas.introductions import (
    AcceptIn,
    ContactOut,
    DeclineIn,
    EventOut,
    FacilitateIn,
    IntroductionCreateIn,
    IntroductionListOut,
    IntroductionOut,
    ListIn,
    PartnershipOut,
    PartyOut,
)
from maillage.core.errors import DomainError
from maillage.matching.models import Introduction
from maillage.matching.permissions import (
    access_actor_for_acting,
    access_introduction_for_party,
    access_introduction_for_view,
    answerable_sides,
    awaiting_sides,
    can_facilitate,
    can_see_introduction_contacts,
    can_withdraw,
    introductions_visible_to,
)
from maillage.matching.selectors import introduction_contacts
from maillage.matching.services import (
    introduction_accept,
    introduction_decline,
    introduction_facilitate,
    introduction_mark_seen,
    introduction_open_partnership,
    introduction_request,
    introduction_withdraw,
)

router = Router(tags=["introductions"])
LIST_LIMIT = 200
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _call(function: Callable[..., Any], **kwargs: Any) -> Any:
    """Run a service; a throttled request becomes a 429."""
    try:
        return function(**kwargs)
    except DomainError as error:
        if error.code == "rate_limited":
            raise ApiError(ErrorCode.RATE_LIMITED, error.message, field=error.field) from error
        raise


def _out(request: HttpRequest, introduction: Introduction) -> IntroductionOut:
    contacts = None
    if can_see_introduction_contacts(request.user, introduction):
        contacts = {
            str(actor_id): [
                ContactOut(
                    first_name=c.first_name,
                    last_name=c.last_name,
                    role=c.role,
                    email=c.email,
                    phone=c.phone,
                )
                for c in rows
            ]
            for actor_id, rows in introduction_contacts(introduction=introduction).items()
        }
    return IntroductionOut(
        id=introduction.pk,
        from_actor=PartyOut(id=introduction.from_actor_id, name=introduction.from_actor.name),
        to_actor=PartyOut(id=introduction.to_actor_id, name=introduction.to_actor.name),
        origin=introduction.origin,
        status=introduction.status,  # type: ignore[arg-type]
        message=introduction.message,
        created_at=introduction.created_at,
        expires_at=introduction.expires_at,
        seen_at=introduction.seen_at,
        answered_at=introduction.answered_at,
        accepted_at=introduction.accepted_at,
        decline_reason=introduction.decline_reason,
        partnership_url=introduction.partnership_url,
        awaiting=awaiting_sides(introduction),
        contacts=contacts,
        events=[
            EventOut(kind=event.kind, at=event.created_at)
            for event in introduction.events.order_by("created_at", "id")
        ],
    )


def _reload(pk: int) -> Introduction:
    return Introduction.objects.select_related("from_actor", "to_actor").get(pk=pk)


@router.get(
    "",
    response={200: IntroductionListOut, 400: ErrorOut, 403: ErrorOut},
    operation_id="introductions_list",
    summary="Mes mises en relation",
    description="Celles de vos organisations (et, pour un animateur, de son territoire), "
    f"les plus récentes d'abord ({LIST_LIMIT} au plus).",
)
def introductions_list(request: HttpRequest, params: Query[ListIn]) -> IntroductionListOut:
    _signed_in(request)
    rows = introductions_visible_to(request.user).select_related("from_actor", "to_actor")
    if params.actor is not None:
        rows = rows.filter(from_actor_id=params.actor) | rows.filter(to_actor_id=params.actor)
    if params.status:
        rows = rows.filter(status=params.status)
    rows = rows.order_by("-created_at", "-id")
    found = list(rows[:LIST_LIMIT])
    return IntroductionListOut(count=rows.count(), results=[_out(request, row) for row in found])


@router.post(
    "",
    response={201: IntroductionOut, 400: ErrorOut, **ERRORS},
    operation_id="introduction_create",
    summary="Demander une mise en relation",
    description="Au nom d'une organisation dont vous êtes membre. Refusée (422) vers soi-même, "
    "vers une structure fermée, ou si une demande est déjà en attente entre les deux ; 422 "
    "aussi au-delà du nombre de demandes en attente par organisation, 429 au-delà du nombre "
    "de demandes par personne et par heure.",
)
def introduction_create(request: HttpRequest, payload: IntroductionCreateIn) -> Status:
    _signed_in(request)
    from_actor = access_actor_for_acting(request.user, payload.from_actor)
    to_actor = Actor.objects.filter(pk=payload.to_actor).first()
    if to_actor is None:
        raise Http404
    introduction = _call(
        introduction_request,
        from_actor=from_actor,
        to_actor=to_actor,
        user=request.user,
        message=payload.message,
    )
    return Status(201, _out(request, _reload(introduction.pk)))


@router.post(
    "/facilitate",
    response={201: IntroductionOut, **ERRORS},
    operation_id="introduction_facilitate",
    summary="Présenter deux acteurs l'un à l'autre (animateurs)",
    description="Chaque structure accepte ou décline ; les coordonnées ne sont échangées que "
    "si les deux acceptent. Animateurs couvrant au moins l'une des deux, et l'équipe.",
)
def introduction_facilitate_endpoint(request: HttpRequest, payload: FacilitateIn) -> Status:
    _signed_in(request)
    a = Actor.objects.filter(pk=payload.actor_a).first()
    b = Actor.objects.filter(pk=payload.actor_b).first()
    if a is None or b is None or not can_facilitate(request.user, a, b):
        raise Http404
    introduction = _call(
        introduction_facilitate,
        actor_a=a,
        actor_b=b,
        facilitator=request.user,
        message=payload.message,
    )
    return Status(201, _out(request, _reload(introduction.pk)))


@router.get(
    "/{introduction_id}",
    response={200: IntroductionOut, **ERRORS},
    operation_id="introduction_get",
    summary="Une mise en relation",
    description="`contacts` n'est rempli qu'une fois la mise en relation acceptée, et "
    "seulement pour ses parties (null sinon).",
)
def introduction_get(request: HttpRequest, introduction_id: int) -> IntroductionOut:
    _signed_in(request)
    introduction = access_introduction_for_view(request.user, introduction_id)
    introduction_mark_seen(introduction=introduction, user=request.user)  # type: ignore[arg-type]
    return _out(request, introduction)


def _answer_side(request: HttpRequest, introduction: Introduction, wanted: int | None) -> Actor:
    sides = answerable_sides(request.user, introduction)
    if wanted is not None:
        sides = [side for side in sides if side == wanted]
    if not sides:
        raise Http404
    return Actor.objects.get(pk=sides[0])


@router.post(
    "/{introduction_id}/accept",
    response={200: IntroductionOut, **ERRORS},
    operation_id="introduction_accept",
    summary="Accepter une mise en relation",
    description="Pour les membres de la structure dont la réponse est attendue. Une fois les "
    "deux accords donnés, les coordonnées sont échangées.",
)
def introduction_accept_endpoint(
    request: HttpRequest, introduction_id: int, payload: AcceptIn
) -> IntroductionOut:
    _signed_in(request)
    introduction = access_introduction_for_view(request.user, introduction_id)
    actor = _answer_side(request, introduction, payload.actor)
    _call(introduction_accept, introduction=introduction, user=request.user, actor=actor)
    return _out(request, _reload(introduction.pk))


@router.post(
    "/{introduction_id}/decline",
    response={200: IntroductionOut, **ERRORS},
    operation_id="introduction_decline",
    summary="Décliner une mise en relation",
    description="Avec un motif de la liste (transmis avec bienveillance au demandeur).",
)
def introduction_decline_endpoint(
    request: HttpRequest, introduction_id: int, payload: DeclineIn
) -> IntroductionOut:
    _signed_in(request)
    introduction = access_introduction_for_view(request.user, introduction_id)
    actor = _answer_side(request, introduction, payload.actor)
    _call(
        introduction_decline,
        introduction=introduction,
        user=request.user,
        actor=actor,
        reason=payload.reason,
        note=payload.note,
    )
    return _out(request, _reload(introduction.pk))


@router.post(
    "/{introduction_id}/withdraw",
    response={200: IntroductionOut, **ERRORS},
    operation_id="introduction_withdraw",
    summary="Retirer une demande en attente",
)
def introduction_withdraw_endpoint(request: HttpRequest, introduction_id: int) -> IntroductionOut:
    _signed_in(request)
    introduction = access_introduction_for_party(request.user, introduction_id)
    if not can_withdraw(request.user, introduction):
        raise Http404
    _call(introduction_withdraw, introduction=introduction, user=request.user)
    return _out(request, _reload(introduction.pk))


@router.post(
    "/{introduction_id}/partnership",
    response={200: PartnershipOut, **ERRORS},
    operation_id="introduction_open_partnership",
    summary="Ouvrir un brouillon de partenariat",
    description="Après une mise en relation acceptée ; un second appel rend le même brouillon.",
)
def introduction_partnership_endpoint(request: HttpRequest, introduction_id: int) -> PartnershipOut:
    _signed_in(request)
    introduction = access_introduction_for_party(request.user, introduction_id)
    url = _call(introduction_open_partnership, introduction=introduction, user=request.user)
    return PartnershipOut(url=request.build_absolute_uri(url))
