"""Structured filters shared by every search backend."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from maillage.actors.enums import Direction
from maillage.actors.models import Actor, ActorQuerySet, NeedOffer
from maillage.search.backends.base import SearchQuery


def _has_need_offer(direction: str, categories: tuple[str, ...]) -> Exists:
    return Exists(
        NeedOffer.objects.filter(
            actor=OuterRef("pk"),
            direction=direction,
            category_id__in=categories,
            is_active=True,
        )
    )


def apply_filters(queryset: ActorQuerySet, query: SearchQuery) -> ActorQuerySet:
    if not query.include_closed:
        queryset = queryset.active()
    if query.kinds:
        queryset = queryset.filter(kind_id__in=query.kinds)
    if query.spheres:
        queryset = queryset.filter(sphere__in=query.spheres)
    if query.themes:
        queryset = queryset.filter(
            pk__in=Actor.themes.through.objects.filter(theme_id__in=query.themes).values("actor_id")
        )
    if query.territory:
        queryset = queryset.in_territory(query.territory)
    if query.needs:
        queryset = queryset.filter(_has_need_offer(Direction.NEED, query.needs))
    if query.offers:
        queryset = queryset.filter(_has_need_offer(Direction.OFFER, query.offers))
    return queryset
