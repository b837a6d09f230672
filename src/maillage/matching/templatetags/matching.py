"""Blocks other pages include (the actor page, the navigation):

- ``{% endorsements_for actor %}``: peers' endorsements (« caution des pairs »), with a
  « Recommander » link for members of an organisation that worked with the actor;
- ``{% responsiveness_for actor %}``: how the actor answers introductions;
- ``{% matching_actions actor %}``: « Partenaires suggérés » for those who may see the
  actor's suggestions, « Demander une mise en relation » for members of other
  organisations.
"""

from __future__ import annotations

from typing import Any

from django import template

from maillage.actors.models import Actor
from maillage.matching.permissions import can_view_suggestions, member_actor_ids
from maillage.matching.selectors import endorsements_of, responsiveness_of
from maillage.matching.services import actors_related

register = template.Library()


def _user(context: template.Context) -> Any:
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("matching/partials/endorsements.html", takes_context=True)
def endorsements_for(context: template.Context, actor: Actor) -> dict[str, Any]:
    user = _user(context)
    endorsements = endorsements_of(actor=actor)
    can_endorse: list[Actor] = []
    mine: set[int] = set()
    if user is not None and user.is_authenticated:
        mine = member_actor_ids(user)
        given = {endorsement.from_actor_id for endorsement in endorsements}
        for organisation in Actor.objects.filter(pk__in=mine - {actor.pk} - given).order_by("name"):
            if actors_related(organisation, actor):
                can_endorse.append(organisation)
    return {
        "actor": actor,
        "endorsements": endorsements,
        "can_endorse": can_endorse,
        "mine": mine,
    }


@register.inclusion_tag("matching/partials/responsiveness.html")
def responsiveness_for(actor: Actor) -> dict[str, Any]:
    return {"actor": actor, "responsiveness": responsiveness_of(actor=actor)}


@register.inclusion_tag("matching/partials/actions.html", takes_context=True)
def matching_actions(context: template.Context, actor: Actor) -> dict[str, Any]:
    user = _user(context)
    if user is None or not user.is_authenticated:
        return {"actor": actor, "show_suggestions": False, "organisations": []}
    organisations = []
    if not actor.is_closed:
        organisations = list(
            Actor.objects.filter(pk__in=member_actor_ids(user) - {actor.pk}).order_by("name", "id")
        )
    return {
        "actor": actor,
        "show_suggestions": can_view_suggestions(user, actor),
        "organisations": organisations,
    }
