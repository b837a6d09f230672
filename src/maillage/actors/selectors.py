"""Reads for the public pages: directory (with facets), actor page, map, home figures.

Every list goes through ``search.selectors.actors_search`` so that the directory, the map,
the API and the CLI select the same actors for the same parameters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from maillage.accounts.enums import ClaimStatus
from maillage.accounts.models import ClaimRequest, Membership
from maillage.actors.enums import ActorStatus, Direction, Sphere
from maillage.actors.models import Actor, Category, InterventionArea, Kind, NeedOffer, Theme
from maillage.search.backends.base import FacetValue, SearchQuery, SearchResult
from maillage.search.filters import apply_filters
from maillage.search.selectors import actors_search
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
from maillage.territories.models import Commune, Departement, Epci, Region

# A profile confirmed within this many days counts as fresh.
FRESHNESS_DAYS = 365
# Needs/offers shown on a directory card.
CARD_NEEDS_OFFERS = 3
# The map draws at most this many points; beyond, it says so and asks to refine.
MAP_MAX_POINTS = 3000

# Facet group → the SearchQuery field its filter sets (its own filter is lifted to count
# the alternatives, so that ticking a second value shows what it would add).
FACET_FILTERS = {
    "kind": "kinds",
    "sphere": "spheres",
    "theme": "themes",
    "departement": "territory",
    "need": "needs",
    "offer": "offers",
}


def _active_needs_offers() -> QuerySet[NeedOffer]:
    today = timezone.localdate()
    return (
        NeedOffer.objects.filter(is_active=True)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("category")
        .order_by("direction", "category__position", "id")
    )


# --------------------------------------------------------------------------- directory


@dataclass
class DirectoryPage:
    result: SearchResult
    actors: list[Actor]
    query: SearchQuery
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.result.total

    @property
    def page_count(self) -> int:
        return max(1, -(-self.result.total // self.query.per_page))


def actors_prefetch_for_cards(*, actors: list[Actor]) -> list[Actor]:
    """Themes and current needs/offers of a page of actors, in two queries; each actor
    gets ``is_fresh`` (profile confirmed within ``FRESHNESS_DAYS``)."""
    prefetch_related_objects(
        actors,
        Prefetch("themes", queryset=Theme.objects.order_by("position", "code")),
        Prefetch("needs_offers", queryset=_active_needs_offers(), to_attr="current_needs_offers"),
    )
    threshold = freshness_threshold()
    for actor in actors:
        confirmed = actor.profile_confirmed_at
        actor.is_fresh = confirmed is not None and confirmed >= threshold  # type: ignore[attr-defined]
    return actors


def directory_search(*, query: SearchQuery) -> DirectoryPage:
    """One page of the directory with facet counts.

    Facets of a group with an active filter are counted with that filter lifted
    (disjunctive facets): values inside a group combine with OR, so the counts say how many
    actors each extra value would bring. A page beyond the last one shows the last one.
    """
    result, actors = actors_search(query=dataclasses.replace(query, with_facets=True))
    if not actors and result.total and query.page > 1:
        last = max(1, -(-result.total // query.per_page))
        query = dataclasses.replace(query, page=last)
        result, actors = actors_search(query=dataclasses.replace(query, with_facets=True))
    facets = dict(result.facets)
    for group, attribute in FACET_FILTERS.items():
        if getattr(query, attribute):
            facets[group] = _lifted_facet(_lift(query, attribute), group)
    actors_prefetch_for_cards(actors=actors)
    return DirectoryPage(result=result, actors=actors, query=query, facets=facets)


def _lift(query: SearchQuery, attribute: str) -> SearchQuery:
    """The query without one filter, for counting that filter's alternatives."""
    lifted = dataclasses.replace(query, page=1, per_page=1, with_facets=True, sort="relevance")
    if attribute == "territory":
        return dataclasses.replace(lifted, territory="")
    return dataclasses.replace(lifted, **{attribute: ()})  # type: ignore[arg-type]


def _lifted_facet(query: SearchQuery, group: str) -> list[FacetValue]:
    """One facet group's counts for a query with that group's own filter lifted.

    Without text, the selection is exactly ``search.filters.apply_filters`` (shared by every
    backend), so one grouped count answers; with text, the backend must match it, so the
    whole search runs again.
    """
    if query.text:
        return actors_search(query=query)[0].facets.get(group, [])
    ids = apply_filters(Actor.objects.all(), query).order_by().values("pk")
    counts: dict[str, int]
    if group in {"kind", "sphere", "departement"}:
        column = {"kind": "kind_id", "sphere": "sphere", "departement": "departement_id"}[group]
        counts = dict(
            Actor.objects.filter(pk__in=ids)
            .order_by()
            .values_list(column)
            .annotate(n=Count("pk"))
            .values_list(column, "n")
        )
    elif group == "theme":
        counts = dict(
            Actor.themes.through.objects.filter(actor_id__in=ids)
            .order_by()
            .values_list("theme_id")
            .annotate(n=Count("actor_id"))
            .values_list("theme_id", "n")  # type: ignore[misc]
        )
    else:
        direction = Direction.NEED if group == "need" else Direction.OFFER
        counts = dict(
            NeedOffer.objects.filter(actor_id__in=ids, direction=direction, is_active=True)
            .order_by()
            .values_list("category_id")
            .annotate(n=Count("actor_id", distinct=True))
            .values_list("category_id", "n")
        )
    counts = {code: count for code, count in counts.items() if code}
    labels: dict[str, str]
    if group == "kind":
        labels = dict(Kind.objects.filter(code__in=counts).values_list("code", "name"))
    elif group == "sphere":
        labels = {code: str(label) for code, label in Sphere.choices}
    elif group == "theme":
        labels = dict(Theme.objects.filter(code__in=counts).values_list("code", "name"))
    elif group == "departement":
        labels = {
            code: f"{name} ({code})"
            for code, name in Departement.objects.filter(code__in=counts).values_list(
                "code", "name"
            )
        }
    else:
        labels = dict(Category.objects.filter(code__in=counts).values_list("code", "name"))
    values = [
        FacetValue(code=code, label=labels.get(code, code), count=count)
        for code, count in counts.items()
    ]
    return sorted(values, key=lambda value: (-value.count, value.label))


# --------------------------------------------------------------------------- territories


def territory_names(*, codes: list[str]) -> dict[str, str]:
    """Display names for territory codes, at most one query per level."""
    by_level: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        try:
            level, value = parse_territory_code(code)
        except InvalidTerritoryCode:
            continue
        by_level[level].add(value)
    names: dict[str, str] = {}
    if "fr" in by_level:
        names["fr"] = "France entière"
    if by_level.get("com"):
        for commune in Commune.objects.filter(code__in=by_level["com"]).order_by("code"):
            names[f"com:{commune.code}"] = f"{commune.name} ({commune.departement_id})"
    if by_level.get("epci"):
        for code, name in Epci.objects.filter(code__in=by_level["epci"]).values_list(
            "code", "name"
        ):
            names[f"epci:{code}"] = name
    if by_level.get("dep"):
        for departement in Departement.objects.filter(code__in=by_level["dep"]):
            names[f"dep:{departement.code}"] = str(departement)
    if by_level.get("reg"):
        for code, name in Region.objects.filter(code__in=by_level["reg"]).values_list(
            "code", "name"
        ):
            names[f"reg:{code}"] = name
    return names


# --------------------------------------------------------------------------- actor page


@dataclass
class CategoryGroup:
    category: Category
    items: list[NeedOffer]


@dataclass
class ViewerRelation:
    """Where the signed-in viewer stands with this actor (for join/claim prompts)."""

    membership_status: str = ""  # "", or a MembershipStatus value
    claim_pending: bool = False
    has_admin: bool = False


@dataclass
class ActorDetail:
    actor: Actor
    needs: list[CategoryGroup]
    offers: list[CategoryGroup]
    intervention: list[tuple[InterventionArea, str]]
    theme_odds: list[tuple[Theme, list[Any]]]
    is_fresh: bool
    days_since_confirmation: int | None


def actor_public_get(*, pk: int) -> Actor | None:
    """An actor for its public page (closed ones included: their page says so)."""
    return (
        Actor.objects.select_related(
            "kind", "subkind", "seat_commune", "epci", "departement", "region"
        )
        .filter(pk=pk)
        .first()
    )


def _group_by_category(items: list[NeedOffer]) -> list[CategoryGroup]:
    groups: dict[str, CategoryGroup] = {}
    for item in items:
        groups.setdefault(item.category_id, CategoryGroup(category=item.category, items=[]))
        groups[item.category_id].items.append(item)
    return list(groups.values())


def actor_detail(*, actor: Actor) -> ActorDetail:
    """Everything the public page shows about an actor (contacts excepted)."""
    prefetch_related_objects(
        [actor],
        Prefetch(
            "themes", queryset=Theme.objects.prefetch_related("odds").order_by("position", "code")
        ),
        Prefetch("partnership_types"),
        Prefetch("labels"),
        Prefetch("intervention_areas"),
        Prefetch(
            "needs_offers",
            queryset=_active_needs_offers().prefetch_related("themes"),
            to_attr="current_needs_offers",
        ),
    )
    items: list[NeedOffer] = actor.current_needs_offers  # type: ignore[attr-defined]
    areas = list(actor.intervention_areas.all())
    names = territory_names(codes=[area.territory_code for area in areas if area.territory_code])
    intervention = [
        (area, area.label or names.get(area.territory_code) or area.get_level_display())
        for area in areas
    ]
    days: int | None = None
    if actor.profile_confirmed_at:
        days = (timezone.now() - actor.profile_confirmed_at).days
    return ActorDetail(
        actor=actor,
        needs=_group_by_category([i for i in items if i.direction == Direction.NEED]),
        offers=_group_by_category([i for i in items if i.direction == Direction.OFFER]),
        intervention=intervention,
        theme_odds=[(theme, list(theme.odds.all())) for theme in actor.themes.all()],
        is_fresh=days is not None and days <= FRESHNESS_DAYS,
        days_since_confirmation=days,
    )


def actor_viewer_relation(*, user: Any, actor: Actor) -> ViewerRelation:
    relation = ViewerRelation(has_admin=Membership.objects.admins().filter(actor=actor).exists())
    if not user.is_authenticated:
        return relation
    membership = Membership.objects.filter(user=user, actor=actor).first()
    if membership is not None:
        relation.membership_status = membership.status
    relation.claim_pending = ClaimRequest.objects.filter(
        user=user, actor=actor, status=ClaimStatus.PENDING
    ).exists()
    return relation


def actor_contacts(*, actor: Actor) -> list[Any]:
    """Contact persons; callers check ``permissions.can_view_contacts`` first."""
    return list(actor.contacts.reachable().order_by("-is_primary", "last_name", "first_name", "id"))


# --------------------------------------------------------------------------- map


@dataclass
class MapSelection:
    features: list[dict[str, Any]]
    total: int  # actors matching the selection
    fetched: int  # actors examined (at most the cap)
    capped: bool
    without_coordinates: int
    limit: int


def map_selection(*, query: SearchQuery, limit: int = MAP_MAX_POINTS) -> MapSelection:
    """GeoJSON features of the directory selection, best ranked first, at most ``limit``."""
    result, actors = actors_search(
        query=dataclasses.replace(query, page=1, per_page=limit, with_facets=False)
    )
    features: list[dict[str, Any]] = []
    for actor in actors:
        if actor.latitude is None or actor.longitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(actor.longitude, 6), round(actor.latitude, 6)],
                },
                "properties": {
                    "id": actor.pk,
                    "name": actor.name,
                    "kind": actor.kind_id,
                    "kind_label": actor.kind.name,
                    "sphere": actor.sphere,
                    "commune": actor.seat_commune.name if actor.seat_commune else "",
                    "url": actor.get_absolute_url(),
                    "approximate": actor.coordinates_approximate,
                    "closed": actor.status == ActorStatus.CLOSED,
                },
            }
        )
    return MapSelection(
        features=features,
        total=result.total,
        fetched=len(actors),
        capped=result.total > limit,
        without_coordinates=len(actors) - len(features),
        limit=limit,
    )


# --------------------------------------------------------------------------- home


@dataclass
class HomeFigures:
    actors: int
    by_sphere: list[tuple[str, str, int]]  # (code, label, count)
    needs: int
    offers: int
    communes: int


def home_figures() -> HomeFigures:
    """The platform in a few numbers (active actors only), in three queries."""
    active = Actor.objects.filter(status=ActorStatus.ACTIVE).order_by()
    counts = dict(active.values_list("sphere").annotate(n=Count("pk")).values_list("sphere", "n"))
    totals = active.aggregate(communes=Count("seat_commune", distinct=True))
    directions = dict(
        NeedOffer.objects.filter(is_active=True, actor__status=ActorStatus.ACTIVE)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localdate()))
        .order_by()
        .values_list("direction")
        .annotate(n=Count("pk"))
        .values_list("direction", "n")
    )
    return HomeFigures(
        actors=sum(counts.values()),
        by_sphere=[(code, str(label), counts.get(code, 0)) for code, label in Sphere.choices],
        needs=directions.get(Direction.NEED, 0),
        offers=directions.get(Direction.OFFER, 0),
        communes=totals["communes"],
    )


def freshness_threshold() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=FRESHNESS_DAYS)


def actors_after(
    *,
    after_id: int,
    limit: int,
    kinds: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    territory: str = "",
    include_closed: bool = False,
) -> list[Actor]:
    """Keyset page of the directory in id order: the ``limit`` actors after ``after_id``.

    Unlike page numbers, a cursor neither skips nor repeats a row when others are created
    or deleted while a client pages through (new actors get higher ids, at the end)."""
    actors = Actor.objects.filter(pk__gt=after_id)
    if not include_closed:
        actors = actors.active()
    if kinds:
        actors = actors.filter(kind_id__in=kinds)
    if themes:
        actors = actors.filter(themes__code__in=themes).distinct()
    if territory:
        actors = actors.in_territory(territory)
    return list(
        actors.select_related("seat_commune", "departement")
        .prefetch_related("themes")
        .order_by("pk")[:limit]
    )
