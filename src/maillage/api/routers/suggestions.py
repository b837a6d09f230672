"""``/api/v1/suggestions``: partner suggestions for an actor (as the « Partenaires
suggérés » page and ``maillage recommend``), and feedback on them.

Signed-in users only (403 otherwise); an actor whose suggestions the user may not see is
a 404, as a missing one (``matching.permissions``).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from maillage.actors.models import Actor, Kind, PartnershipType, Theme
from maillage.api.auth import require_signed_in as _signed_in
from maillage.api.errors import ErrorOut
from maillage.api.routers.actors import _check_codes, _check_territory
from maillage.api.schemas.suggestions import (
    AdviceOut,
    FeedbackIn,
    FeedbackOut,
    SuggestedActorOut,
    SuggestionListOut,
    SuggestionOut,
    SuggestionsIn,
)
from maillage.matching.engine import CandidateFilters
from maillage.matching.permissions import access_actor_for_acting, access_actor_for_suggestions
from maillage.matching.selectors import pair_score_between, suggestions_for
from maillage.matching.services import suggestion_feedback_record

router = Router(tags=["suggestions"])


def _actor_out(actor: Actor) -> SuggestedActorOut:
    return SuggestedActorOut(
        id=actor.pk,
        name=actor.name,
        kind=actor.kind_id,
        commune=actor.seat_commune_id or "",
        commune_name=actor.seat_commune.name if actor.seat_commune else "",
    )


@router.get(
    "/{actor_id}",
    response={200: SuggestionListOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    operation_id="suggestions_list",
    summary="Partenaires suggérés pour un acteur",
    description="Classés par score réciproque, avec les raisons en français. Pour les membres "
    "de l'organisation, les animateurs qui couvrent son territoire et l'équipe. Un profil "
    "sans besoins ni offres ou sans territoire ne reçoit aucune suggestion : `advice` dit "
    "quoi compléter.",
)
def suggestions_list(
    request: HttpRequest, actor_id: int, params: Query[SuggestionsIn]
) -> SuggestionListOut:
    _signed_in(request)
    actor = access_actor_for_suggestions(request.user, actor_id)
    filters = CandidateFilters(
        kinds=_check_codes("kind", params.kind, Kind.objects.values_list("code", flat=True)),
        themes=_check_codes("theme", params.theme, Theme.objects.values_list("code", flat=True)),
        partnership_types=_check_codes(
            "partnership_type",
            params.partnership_type,
            PartnershipType.objects.values_list("code", flat=True),
        ),
        territory=_check_territory(params.territory),
    )
    result = suggestions_for(actor=actor, limit=params.limit, filters=filters)
    return SuggestionListOut(
        actor=_actor_out(actor),
        results=[
            SuggestionOut(
                **_actor_out(item.actor).model_dump(),
                score=round(item.score, 6),
                score_forward=round(item.score_forward, 6),
                score_backward=round(item.score_backward, 6),
                reasons=item.reasons,
                components=item.pair.components(),
                introduction_status=item.introduction.status if item.introduction else None,
            )
            for item in result.items
        ],
        advice=[AdviceOut(code=a.code, message=a.message) for a in result.advice],
        examined=result.examined,
        took_ms=round(result.took_ms, 2),
    )


@router.post(
    "/{actor_id}/feedback",
    response={200: FeedbackOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="suggestion_feedback",
    summary="Donner son avis sur une suggestion",
    description="« pertinent » ou « pas_pertinent » (gardé avec le score pour régler les "
    "poids), écarter une suggestion ou la remettre. Membres de l'organisation seulement.",
)
def suggestion_feedback(request: HttpRequest, actor_id: int, payload: FeedbackIn) -> FeedbackOut:
    _signed_in(request)
    actor = access_actor_for_acting(request.user, actor_id)
    candidate = Actor.objects.filter(pk=payload.candidate).first()
    if candidate is None:
        raise Http404(_("Acteur inconnu."))
    pair = pair_score_between(actor=actor, other=candidate)
    feedback = suggestion_feedback_record(
        actor=actor,
        candidate=candidate,
        user=request.user,  # type: ignore[arg-type]
        verdict=payload.action if payload.action in {"pertinent", "pas_pertinent"} else "",
        dismissed={"dismiss": True, "restore": False}.get(payload.action),
        score=pair.score if pair else None,
        components=pair.components() if pair else None,
    )
    return FeedbackOut(
        candidate=candidate.pk, verdict=feedback.verdict, dismissed=feedback.dismissed
    )
