"""Facet counts over a filtered actor queryset (shared by every backend)."""

from __future__ import annotations

from django.db.models import Count

from maillage.actors.enums import Direction, Sphere
from maillage.actors.models import Actor, ActorQuerySet, Category, Kind, NeedOffer, Theme
from maillage.search.backends.base import FacetValue
from maillage.territories.models import Departement


def _labelled(counts: dict[str, int], labels: dict[str, str]) -> list[FacetValue]:
    values = [FacetValue(code=code, label=labels.get(code, code), count=count)
              for code, count in counts.items() if code]
    return sorted(values, key=lambda value: (-value.count, value.label))


def compute_facets(queryset: ActorQuerySet) -> dict[str, list[FacetValue]]:
    ids = queryset.order_by().values("pk")
    base = Actor.objects.filter(pk__in=ids).order_by()
    kinds = dict(base.values_list("kind_id").annotate(n=Count("pk")).values_list("kind_id", "n"))
    spheres = dict(base.values_list("sphere").annotate(n=Count("pk")).values_list("sphere", "n"))
    departements = dict(
        base.values_list("departement_id").annotate(n=Count("pk"))
        .values_list("departement_id", "n")
    )
    themes = dict(
        Actor.themes.through.objects.filter(actor_id__in=ids).order_by()
        .values_list("theme_id").annotate(n=Count("actor_id")).values_list("theme_id", "n")
    )
    facets = {
        "kind": _labelled(kinds, dict(Kind.objects.values_list("code", "name"))),
        "sphere": _labelled(spheres, dict(Sphere.choices)),
        "theme": _labelled(themes, dict(Theme.objects.values_list("code", "name"))),
        "departement": _labelled(
            {k: v for k, v in departements.items() if k},
            {code: f"{name} ({code})" for code, name in
             Departement.objects.values_list("code", "name")},
        ),
    }
    category_labels = dict(Category.objects.values_list("code", "name"))
    for direction, key in ((Direction.NEED, "need"), (Direction.OFFER, "offer")):
        counts = dict(
            NeedOffer.objects.filter(actor_id__in=ids, direction=direction, is_active=True)
            .order_by().values_list("category_id")
            .annotate(n=Count("actor_id", distinct=True)).values_list("category_id", "n")
        )
        facets[key] = _labelled(counts, category_labels)
    return facets
