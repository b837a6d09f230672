"""Facet counts over a filtered actor queryset (shared by every backend).

Counts are numbers of *actors* of the current selection (an actor with two needs in one
category counts once). Three grouped queries over the selection, whatever the number of
facets: one grouping actors by (kind, sphere, département) — the three single-valued
facets are summed from it in Python (at most kinds × spheres × départements rows) —, one
for themes, one for need/offer categories. Labels come from the reference tables.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count

from maillage.actors.enums import Direction, Sphere
from maillage.actors.models import Actor, ActorQuerySet, Category, Kind, NeedOffer, Theme
from maillage.search.backends.base import FacetValue
from maillage.territories.models import Departement

FACET_KEYS = ("kind", "sphere", "theme", "departement", "need", "offer")


def _labelled(counts: Counter[str], labels: dict[str, str]) -> list[FacetValue]:
    values = [
        FacetValue(code=code, label=labels.get(code, code), count=count)
        for code, count in counts.items()
        if code and count
    ]
    return sorted(values, key=lambda value: (-value.count, value.label, value.code))


def compute_facets(queryset: ActorQuerySet) -> dict[str, list[FacetValue]]:
    ids = queryset.order_by().values("pk")
    kinds: Counter[str] = Counter()
    spheres: Counter[str] = Counter()
    departements: Counter[str] = Counter()
    for kind, sphere, departement, count in (
        queryset.order_by()
        .values_list("kind_id", "sphere", "departement_id")
        .annotate(n=Count("pk"))
        .values_list("kind_id", "sphere", "departement_id", "n")
    ):
        kinds[kind] += count
        spheres[sphere] += count
        if departement:
            departements[departement] += count
    themes: Counter[str] = Counter(
        {
            row["theme_id"]: row["n"]
            for row in Actor.themes.through.objects.filter(actor_id__in=ids)
            .order_by()
            .values("theme_id")
            .annotate(n=Count("actor_id"))
        }
    )
    by_direction: dict[str, Counter[str]] = {Direction.NEED: Counter(), Direction.OFFER: Counter()}
    for direction, category, count in (
        NeedOffer.objects.filter(actor_id__in=ids, is_active=True)
        .order_by()
        .values_list("direction", "category_id")
        .annotate(n=Count("actor_id", distinct=True))
        .values_list("direction", "category_id", "n")
    ):
        by_direction[direction][category] += count
    category_labels = dict(Category.objects.values_list("code", "name"))
    return {
        "kind": _labelled(kinds, dict(Kind.objects.values_list("code", "name"))),
        "sphere": _labelled(spheres, {code: str(label) for code, label in Sphere.choices}),
        "theme": _labelled(themes, dict(Theme.objects.values_list("code", "name"))),
        "departement": _labelled(
            departements,
            {
                code: f"{name} ({code})"
                for code, name in Departement.objects.filter(
                    code__in=list(departements)
                ).values_list("code", "name")
            },
        ),
        "need": _labelled(by_direction[Direction.NEED], category_labels),
        "offer": _labelled(by_direction[Direction.OFFER], category_labels),
    }
