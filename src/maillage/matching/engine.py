"""Ranking partners: candidate generation in the database, then two scoring stages.

1. **Candidates** (SQL, bounded): active actors whose offers' categories answer X's needs
   or whose needs X's offers answer (``compatibility``), taken tier by tier — same commune,
   same EPCI, same département, actors whose intervention area covers X's seat, same
   région, X's own intervention areas, national actors — until ``CANDIDATE_BUDGET`` rows.
   Indexes on ``ActorProfile`` make each tier a range read.
2. **Approximate scores** (numpy, ``scoring.batch``) of every candidate; the best
   ``pool_size`` go on.
3. **Full scores** (``scoring.pairs``: texts, items' themes, partners' endorsements) of
   the pool; the best ``limit`` are the suggestions.

``pair_scores`` and ``best_pairs`` reuse the same stages, so the same pair gets the same
score everywhere.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from maillage.actors.models import InterventionArea
from maillage.matching.compatibility import (
    THEME_BIT,
    TYPE_BIT,
    needs_answered,
    offers_answering,
)
from maillage.matching.enums import IntroductionStatus
from maillage.matching.models import ActorProfile, Endorsement, Introduction
from maillage.matching.profiles import (
    PROFILE_COLUMNS,
    idf_current,
    items_of,
    profile_from_values,
    profiles_load,
    profiles_refresh_dirty,
)
from maillage.matching.scoring.batch import Vocabulary, approximate_scores, population
from maillage.matching.scoring.features import Profile
from maillage.matching.scoring.pairs import PairScore, ScoringContext, pair_score
from maillage.matching.weights import Weights, weights_current
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code

CANDIDATE_BUDGET = 1500
# Extra rows read per tier, for those an earlier tier already holds.
OVERLAP = 200
NATIONAL_BUDGET = 300
COVERING_BUDGET = 1500
# The first stage's best ``max(MIN_POOL, POOL_FACTOR × limit)`` get the full score.
MIN_POOL = 50
POOL_FACTOR = 3
_SEAT_COLUMN = {"com": "commune", "epci": "epci", "dep": "departement", "reg": "region"}


@dataclass(frozen=True)
class CandidateFilters:
    """Restrict the candidates (the suggestions page's filters)."""

    kinds: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    territory: str = ""  # candidates seated inside this territory code
    partnership_types: tuple[str, ...] = ()

    def sql(self) -> tuple[str, list[Any]]:
        """The filters as SQL conditions on ``ActorProfile`` (and their parameters)."""
        conditions: list[str] = []
        params: list[Any] = []
        if self.kinds:
            conditions.append(f"kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params += list(self.kinds)
        if self.themes:
            conditions.append("(theme_mask & %s) <> 0")
            params.append(sum(1 << THEME_BIT[code] for code in self.themes if code in THEME_BIT))
        if self.partnership_types:
            conditions.append("(type_mask & %s) <> 0")
            params.append(
                sum(1 << TYPE_BIT[code] for code in self.partnership_types if code in TYPE_BIT)
            )
        if self.territory:
            level, value = parse_territory_code(self.territory)
            if level != "fr":
                conditions.append(f"{_SEAT_COLUMN[level]} = %s")
                params.append(value)
        return "".join(f" AND {condition}" for condition in conditions), params

    @property
    def active(self) -> bool:
        return bool(self.kinds or self.themes or self.territory or self.partnership_types)


@dataclass
class Ranking:
    pairs: list[PairScore]
    profiles: dict[int, Profile]
    examined: int = 0
    took_ms: float = 0.0
    context: ScoringContext | None = None


# --------------------------------------------------------------------------- relations


@dataclass
class Relations:
    """Who works with whom (accepted introductions, endorsements, partnerships) and who
    endorses whom, for the actors involved in a scoring."""

    partners: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    endorsers: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))

    def vouchers(self, x: int, y: int) -> int:
        """Partners of X who endorse Y."""
        return len(self.partners.get(x, set()) & self.endorsers.get(y, set()))


def relations_of(actor_ids: Iterable[int]) -> Relations:
    ids = list(set(actor_ids))
    relations = Relations()
    if not ids:
        return relations
    for low, high in (
        Introduction.objects.filter(status=IntroductionStatus.ACCEPTED)
        .filter(Q(pair_low__in=ids) | Q(pair_high__in=ids))
        .values_list("pair_low", "pair_high")
    ):
        relations.partners[low].add(high)
        relations.partners[high].add(low)
    for giver, receiver in (
        Endorsement.objects.active()
        .filter(Q(from_actor_id__in=ids) | Q(to_actor_id__in=ids))
        .values_list("from_actor_id", "to_actor_id")
    ):
        relations.partners[giver].add(receiver)
        relations.partners[receiver].add(giver)
        relations.endorsers[receiver].add(giver)
    for a, b in partnership_pairs(ids):
        relations.partners[a].add(b)
        relations.partners[b].add(a)
    return relations


def partnership_pairs(
    actor_ids: Sequence[int], *, partners_only: bool = True
) -> list[tuple[int, int]]:
    """Pairs of these actors with their partners through partnerships (partnerships app):
    parties to a same partnership under way, active or finished — or at any stage, an
    idea included, with ``partners_only=False``."""
    from django.apps import apps

    try:
        party_model = apps.get_model("partnerships", "Party")
        from maillage.partnerships.enums import PARTNER_STATUSES
    except (LookupError, ImportError):
        return []
    mine = party_model.objects.filter(actor_id__in=list(actor_ids))
    if partners_only:
        mine = mine.filter(partnership__status__in=PARTNER_STATUSES)
    rows = list(
        party_model.objects.filter(partnership_id__in=mine.values("partnership_id")).values_list(
            "partnership_id", "actor_id"
        )
    )
    by_partnership: dict[int, list[int]] = defaultdict(list)
    for partnership_id, actor_id in rows:
        by_partnership[partnership_id].append(actor_id)
    pairs: list[tuple[int, int]] = []
    for members in by_partnership.values():
        for index, a in enumerate(members):
            pairs.extend((a, b) for b in members[index + 1 :] if a != b)
    return pairs


def vouchers_for(x: int, others: Sequence[int]) -> dict[tuple[int, int], int]:
    """``(x, y)``: partners of X who endorse Y; ``(y, x)``: partners of Y who endorse X.
    The same counts as ``relations_of`` gives, in one query when nobody involved has been
    endorsed (the common case)."""
    others_set = set(others) - {x}
    endorsers: dict[int, set[int]] = defaultdict(set)
    for giver, receiver in (
        Endorsement.objects.active()
        .filter(to_actor_id__in=[x, *others_set])
        .values_list("from_actor_id", "to_actor_id")
    ):
        endorsers[receiver].add(giver)
    vouchers: dict[tuple[int, int], int] = {}
    if any(receiver in others_set for receiver in endorsers):
        partners_of_x = relations_of([x]).partners.get(x, set())
        for y in others_set:
            count = len(partners_of_x & endorsers.get(y, set()))
            if count:
                vouchers[(x, y)] = count
    endorsers_of_x = endorsers.get(x, set())
    if endorsers_of_x:
        relations = relations_of(list(endorsers_of_x))
        for y in others_set:
            count = sum(1 for e in endorsers_of_x if y in relations.partners.get(e, set()))
            if count:
                vouchers[(y, x)] = count
    return vouchers


def context_for(
    actor_ids: Iterable[int], pairs: Iterable[tuple[int, int]], *, weights: Weights | None = None
) -> ScoringContext:
    relations = relations_of(actor_ids)
    vouchers: dict[tuple[int, int], int] = {}
    for x, y in pairs:
        for a, b in ((x, y), (y, x)):
            count = relations.vouchers(a, b)
            if count:
                vouchers[(a, b)] = count
    return ScoringContext(
        weights=weights or weights_current(),
        today=timezone.localdate(),
        idf=idf_current(),
        vouchers=vouchers,
    )


# --------------------------------------------------------------------------- candidates


def _select(where: str, params: list[Any], *, order: str, limit: int) -> list[tuple[Any, ...]]:
    """``PROFILE_COLUMNS`` of matchable actors meeting ``where``, in ``order``, at most
    ``limit``.

    Raw SQL, the same on SQLite and PostgreSQL: an equality on ``matchable`` (never a bare
    boolean test, which SQLite cannot answer from an index), and for the seat tiers
    conditions on the leading columns of ``matching_profile_seat``, an index that holds
    every column read here: a territory's candidates are then one contiguous range of
    index entries, and the table itself is never read."""
    table = ActorProfile._meta.db_table
    sql = (
        f"SELECT {', '.join(PROFILE_COLUMNS)} FROM {table} "  # noqa: S608 - constant names
        f"WHERE matchable = %s AND {where}{f' ORDER BY {order}' if order else ''} LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, *params, limit])
        return cursor.fetchall()


def candidate_rows(
    x: Profile,
    *,
    need_mask: int,
    offer_mask: int,
    filters: CandidateFilters,
    budget: int = CANDIDATE_BUDGET,
) -> list[tuple[Any, ...]]:
    """Profile values of the candidates worth scoring for X (bounded by ``budget``), tier
    by tier — same commune, same EPCI, same département, areas covering X's seat, same
    région, X's own areas, national actors — and within a tier, those who match X both ways
    first."""
    wanted_offers = offers_answering(need_mask)
    wanted_needs = needs_answered(offer_mask)
    if not wanted_offers and not wanted_needs:
        return []
    extra, extra_params = filters.sql()
    fit = "((offer_mask & %s) <> 0 OR (need_mask & %s) <> 0)"
    both = "(offer_mask & %s) <> 0 AND (need_mask & %s) <> 0"
    masks: list[Any] = [wanted_offers, wanted_needs]
    seen: set[int] = {x.actor_id}
    chosen: list[tuple[Any, ...]] = []

    def keep(rows: list[tuple[Any, ...]]) -> None:
        for row in rows:
            if row[0] not in seen and len(chosen) < budget:
                seen.add(row[0])
                chosen.append(row)

    def take(where: str, params: list[Any], *, order: str = "", limit: int = budget) -> None:
        """One tier: with ``order``, the first rows in that order; without, those who match
        X both ways first, then the others — two scans that stop at their limit, no sort."""
        room = min(limit, budget - len(chosen))
        if room <= 0:
            return
        if order:
            keep(
                _select(
                    f"{where} AND {fit}{extra}",
                    [*params, *masks, *extra_params],
                    order=order,
                    limit=room + OVERLAP,
                )
            )
            return
        # Seat tiers exclude the narrower ones already read: no overlap to read past.
        before = len(chosen)
        keep(
            _select(
                f"{where} AND {both}{extra}",
                [*params, *masks, *extra_params],
                order="",
                limit=room,
            )
        )
        left = room - (len(chosen) - before)
        if left > 0:
            keep(
                _select(
                    f"{where} AND {fit} AND NOT ({both}){extra}",
                    [*params, *masks, *masks, *extra_params],
                    order="",
                    limit=left,
                )
            )

    # The seat tiers read ``matching_profile_seat`` only, each excluding the narrower
    # territory already taken (département first: the EPCI tier keeps to X's
    # département, a few EPCIs span two).
    if x.commune and x.departement:
        take("departement = %s AND commune = %s", [x.departement, x.commune])
    if x.epci and x.departement:
        take("departement = %s AND epci = %s AND commune <> %s", [x.departement, x.epci, x.commune])
    if x.departement:
        take("departement = %s AND epci <> %s", [x.departement, x.epci or "-"])
    # Actors whose intervention area contains X's seat (a regional network seated elsewhere).
    seat_codes = [code for level, code in x.seat_codes.items() if level != "fr"]
    if seat_codes and len(chosen) < budget:
        covering = list(
            InterventionArea.objects.filter(territory_code__in=seat_codes)
            .order_by()
            .values_list("actor_id", flat=True)[:COVERING_BUDGET]
        )
        covering = [pk for pk in dict.fromkeys(covering) if pk not in seen]
        for start in range(0, len(covering), 500):
            chunk = covering[start : start + 500]
            take(f"actor_id IN ({', '.join(['%s'] * len(chunk))})", chunk, limit=COVERING_BUDGET)
    if x.region:
        take("region = %s AND departement <> %s", [x.region, x.departement or "-"])
    # X's own intervention areas beyond its seat.
    for code in sorted(x.coverage):
        try:
            level, value = parse_territory_code(code)
        except InvalidTerritoryCode:
            continue
        if level != "fr":
            take(f"{_SEAT_COLUMN[level]} = %s", [value])
    take(
        "is_national = %s",
        [True],
        order="endorsements DESC, completeness DESC, actor_id",
        limit=NATIONAL_BUDGET,
    )
    return chosen


# --------------------------------------------------------------------------- ranking


def rank_for(
    x: Profile,
    *,
    limit: int,
    filters: CandidateFilters | None = None,
    exclude: Iterable[int] = (),
    weights: Weights | None = None,
    one_sided: bool = False,
) -> Ranking:
    """X's best partners, best first (full scores). ``one_sided`` ranks by what the
    candidates bring X only (``forward``) — the one-sided baseline of the quality
    benchmark, never the product."""
    started = time.perf_counter()
    weights = weights or weights_current()
    filters = filters or CandidateFilters()
    need_mask = _mask_of_items(x, "need")
    offer_mask = _mask_of_items(x, "offer")
    rows = candidate_rows(x, need_mask=need_mask, offer_mask=offer_mask, filters=filters)
    excluded = set(exclude)
    rows = [row for row in rows if row[0] not in excluded]
    if not rows:
        return Ranking(pairs=[], profiles={}, examined=0, took_ms=_ms(started))
    today = timezone.localdate()
    vocabulary = Vocabulary()
    x_row = _row_of(x, need_mask=need_mask, offer_mask=offer_mask)
    xs = population([x_row], vocabulary=vocabulary, weights=weights, today=today)
    ys = population(rows, vocabulary=vocabulary, weights=weights, today=today)
    estimated = approximate_scores(xs, ys, weights)
    approximate = (estimated.forward if one_sided else estimated.score)[0]
    pool_size = min(len(rows), max(MIN_POOL, POOL_FACTOR * limit))
    order = np.lexsort((ys.ids, -approximate))[:pool_size]
    pool_rows = [rows[int(index)] for index in order]
    items = items_of([row[0] for row in pool_rows])
    profiles = {row[0]: profile_from_values(row, items.get(row[0])) for row in pool_rows}
    context = ScoringContext(
        weights=weights,
        today=today,
        idf=idf_current(),
        vouchers=vouchers_for(x.actor_id, list(profiles)),
    )
    scored = [pair_score(x, profile, context) for profile in profiles.values()]
    if one_sided:
        scored.sort(key=lambda pair: (-pair.forward, pair.y))
    else:
        scored.sort(key=lambda pair: (-pair.score, pair.y))
    return Ranking(
        pairs=scored[:limit],
        profiles=profiles,
        examined=len(rows),
        took_ms=_ms(started),
        context=context,
    )


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _mask_of_items(x: Profile, direction: str) -> int:
    from maillage.matching.compatibility import CATEGORY_BIT

    mask = 0
    today = timezone.localdate()
    for item in x.items:
        if item.direction == direction and item.current(today):
            bit = CATEGORY_BIT.get(item.category)
            if bit is not None:
                mask |= 1 << bit
    return mask


def _row_of(x: Profile, *, need_mask: int, offer_mask: int) -> Any:
    from maillage.matching.compatibility import SPHERE_INDEX
    from maillage.matching.scoring.batch import Row

    return Row(
        id=x.actor_id,
        need=need_mask,
        offer=offer_mask,
        theme=x.theme_mask,
        types=x.type_mask,
        sphere=SPHERE_INDEX.get(x.sphere, -1),
        commune=x.commune,
        epci=x.epci,
        departement=x.departement,
        region=x.region,
        latitude=x.latitude,
        longitude=x.longitude,
        coverage=" ".join(sorted(x.coverage)),
        endorsements=x.endorsements,
        labels=x.labels,
        completeness=x.completeness,
        last_activity=x.last_activity.toordinal() if x.last_activity else None,
        responsiveness=x.responsiveness,
    )


def profile_for(actor_id: int) -> Profile | None:
    """X's own profile, rebuilt first if anything changed (dirty rows refreshed)."""
    profiles_refresh_dirty()
    return profiles_load([actor_id]).get(actor_id)


# --------------------------------------------------------------------------- pairs


def pair_scores_of(actor_ids: Sequence[int]) -> dict[tuple[int, int], PairScore]:
    """Full scores of every unordered pair among these actors (key: (low, high))."""
    profiles = profiles_load(actor_ids)
    ids = sorted(profiles)
    pairs = [(a, b) for index, a in enumerate(ids) for b in ids[index + 1 :]]
    context = context_for(ids, pairs)
    return {(a, b): pair_score(profiles[a], profiles[b], context) for a, b in pairs}


@dataclass
class BestPairs:
    territory_code: str
    actors: int
    pairs: list[PairScore]
    took_s: float
    profiles: dict[int, Profile] = field(default_factory=dict)
    examined_pairs: int = 0


def in_contact_pairs(actor_ids: Sequence[int]) -> set[tuple[int, int]]:
    """Unordered pairs (low, high) already in touch: an introduction that was not
    withdrawn or left to expire, an endorsement, a common partnership."""
    ids = list(actor_ids)
    pairs: set[tuple[int, int]] = set()
    contacted = Introduction.objects.exclude(
        status__in=[IntroductionStatus.WITHDRAWN, IntroductionStatus.EXPIRED]
    )
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        pairs.update(
            contacted.filter(Q(pair_low__in=chunk) | Q(pair_high__in=chunk)).values_list(
                "pair_low", "pair_high"
            )
        )
        for a, b in Endorsement.objects.filter(
            Q(from_actor_id__in=chunk) | Q(to_actor_id__in=chunk)
        ).values_list("from_actor_id", "to_actor_id"):
            pairs.add((min(a, b), max(a, b)))
        for a, b in partnership_pairs(chunk, partners_only=False):
            pairs.add((min(a, b), max(a, b)))
    return pairs


def best_pairs(
    *,
    territory_code: str,
    limit: int = 100,
    per_actor: int = 8,
    block: int = 256,
    weights: Weights | None = None,
) -> BestPairs:
    """The territory's most promising pairs not yet in contact (seats inside it)."""
    started = time.perf_counter()
    weights = weights or weights_current()
    level, value = parse_territory_code(territory_code)
    profiles_refresh_dirty()
    queryset = ActorProfile.objects.filter(matchable=True)
    if level != "fr":
        queryset = queryset.filter(**{_SEAT_COLUMN[level]: value})
    rows = list(queryset.order_by("actor_id").values_list(*PROFILE_COLUMNS))
    if len(rows) < 2:
        return BestPairs(territory_code, len(rows), [], time.perf_counter() - started)
    today = timezone.localdate()
    everyone = population(
        rows,
        vocabulary=Vocabulary(),
        weights=weights,
        today=today,
    )
    candidates: set[tuple[int, int]] = set()
    k = min(per_actor, len(rows) - 1)
    for start in range(0, len(rows), block):
        xs = everyone.take(slice(start, start + block))
        scores = approximate_scores(xs, everyone, weights).score
        scores[np.arange(len(xs)), np.arange(start, start + len(xs))] = -1.0  # not oneself
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        for offset, columns in enumerate(top):
            a = int(xs.ids[offset])
            for column in columns:
                if scores[offset, column] > 0:
                    b = int(everyone.ids[column])
                    candidates.add((min(a, b), max(a, b)))
    ids = [row[0] for row in rows]
    candidates -= in_contact_pairs(ids)
    involved = sorted({pk for pair in candidates for pk in pair})
    by_id = {row[0]: row for row in rows}
    items = items_of(involved)
    profiles = {pk: profile_from_values(by_id[pk], items.get(pk)) for pk in involved}
    context = context_for(involved, candidates, weights=weights)
    scored = [pair_score(profiles[a], profiles[b], context) for a, b in candidates]
    scored.sort(key=lambda pair: (-pair.score, pair.x, pair.y))
    best = scored[:limit]
    kept = {pk for pair in best for pk in (pair.x, pair.y)}
    return BestPairs(
        territory_code,
        len(rows),
        best,
        time.perf_counter() - started,
        profiles={pk: profiles[pk] for pk in kept},
        examined_pairs=len(scored),
    )
