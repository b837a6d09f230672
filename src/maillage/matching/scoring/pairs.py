"""The full score of one pair, every component kept for reasons and tuning.

``pair_score(x, y, context)`` is symmetric by construction: ``score`` combines
``forward = f(X←Y)`` (how much Y brings X) and ``backward = f(Y←X)`` with a symmetric mean
(``weights.py``), so swapping X and Y swaps forward and backward and leaves ``score``
unchanged. Every component, hence every score, is in [0, 1].
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from maillage.matching.compatibility import (
    COVERAGE,
    DISTANCE_HALF_KM,
    SEAT_PROXIMITY,
    SPHERES,
    TYPE_BIT,
    answer_weight,
    sphere_complementarity,
)
from maillage.matching.scoring.features import Item, Profile
from maillage.matching.scoring.text import Idf, Vector, cosine, uniform_idf, vector
from maillage.matching.weights import DEFAULTS, Weights

ACTIVITY_FULL_DAYS = 90  # a profile touched within this many days is fully "active"
ACTIVITY_ZERO_DAYS = 730  # … and not at all after two years
NEUTRAL_RESPONSIVENESS = 0.5  # until an actor has answered a few introductions
EARTH_RADIUS_KM = 6371.0


@dataclass
class ScoringContext:
    """What scoring needs beyond the two profiles: weights, today, the IDF, and the
    "partners of X who endorse Y" counts (``vouchers[(x, y)]``)."""

    weights: Weights = DEFAULTS
    today: dt.date = field(default_factory=dt.date.today)
    idf: Idf = uniform_idf
    vouchers: Mapping[tuple[int, int], int] = field(default_factory=dict)
    _vectors: dict[tuple[int, str], Vector] = field(default_factory=dict, repr=False)

    def vector(self, item: Item) -> Vector:
        key = (item.id, item.direction)
        found = self._vectors.get(key)
        if found is None:
            found = self._vectors[key] = vector(item.stems, self.idf)
        return found


# --------------------------------------------------------------------------- components


def mask_cosine(a: int, b: int) -> float:
    """Cosine of two sets given as bit masks: shared / sqrt(|a|·|b|) (0 if one is empty).
    Monotone: one more shared element never lowers it."""
    size_a, size_b = a.bit_count(), b.bit_count()
    if not size_a or not size_b:
        return 0.0
    return (a & b).bit_count() / math.sqrt(size_a * size_b)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_score(km: float) -> float:
    return 0.5 ** (km / DISTANCE_HALF_KM)


@dataclass(frozen=True)
class Territory:
    score: float
    # "seat" (same com/epci/dep/reg: ``level``), "covers" (Y's area contains X's seat),
    # "covered" (X's area contains Y's seat), "distance", or "" (nothing shared).
    kind: str = ""
    level: str = ""
    distance_km: float | None = None


def _coverage(area: frozenset[str], seat: dict[str, str]) -> tuple[float, str]:
    best, best_level = 0.0, ""
    for level, code in seat.items():
        if code in area and COVERAGE[level] > best:
            best, best_level = COVERAGE[level], level
    return best, best_level


def territory(x: Profile, y: Profile) -> Territory:
    """Max of: seats sharing a territory, an area covering the other's seat, distance."""
    candidates: list[Territory] = []
    for level, attribute in (
        ("com", "commune"),
        ("epci", "epci"),
        ("dep", "departement"),
        ("reg", "region"),
    ):
        value = getattr(x, attribute)
        if value and value == getattr(y, attribute):
            candidates.append(Territory(SEAT_PROXIMITY[level], "seat", level))
            break
    covers, covers_level = _coverage(y.coverage, x.seat_codes)
    if covers:
        candidates.append(Territory(covers, "covers", covers_level))
    covered, covered_level = _coverage(x.coverage, y.seat_codes)
    if covered:
        candidates.append(Territory(covered, "covered", covered_level))
    km: float | None = None
    if None not in (x.latitude, x.longitude, y.latitude, y.longitude):
        km = distance_km(x.latitude, x.longitude, y.latitude, y.longitude)  # type: ignore[arg-type]
        candidates.append(Territory(distance_score(km), "distance", "", km))
    if not candidates:
        return Territory(0.0)
    best = max(candidates, key=lambda t: t.score)
    return Territory(best.score, best.kind, best.level, km)


def trust(y: Profile, *, vouchers: int, weights: Weights, today: dt.date) -> float:
    """Trust in Y as seen by X: endorsements (those by X's partners count twice), labels,
    profile completeness, recent activity, responsiveness to introductions."""
    total = weights.trust_total
    if total <= 0:
        return 0.0
    endorsed = 1.0 - 0.5 ** (y.endorsements + vouchers)
    labels = min(1.0, y.labels / 2)
    completeness = min(1.0, y.completeness / 100)
    activity = 0.0
    if y.last_activity is not None:
        days = (today - y.last_activity).days
        activity = min(
            1.0,
            max(0.0, (ACTIVITY_ZERO_DAYS - days) / (ACTIVITY_ZERO_DAYS - ACTIVITY_FULL_DAYS)),
        )
    responsive = NEUTRAL_RESPONSIVENESS if y.responsiveness is None else y.responsiveness
    value = (
        weights.trust_endorsements * endorsed
        + weights.trust_labels * labels
        + weights.trust_completeness * completeness
        + weights.trust_activity * activity
        + weights.trust_responsiveness * min(1.0, max(0.0, responsive))
    ) / total
    return min(1.0, max(0.0, value))


@dataclass(frozen=True)
class ItemMatch:
    need: Item
    offer: Item
    score: float
    category: float
    text: float
    themes: float


@dataclass(frozen=True)
class Fit:
    """How well one side's offers answer the other side's needs."""

    score: float = 0.0
    best: ItemMatch | None = None
    answered: int = 0  # needs with a compatible offer
    needs: int = 0


def item_match(
    need: Item, offer: Item, *, need_themes: int, offer_themes: int, context: ScoringContext
) -> ItemMatch | None:
    category = answer_weight(need.category, offer.category)
    if category <= 0:
        return None
    w = context.weights
    total = w.item_base + w.item_text + w.item_themes
    text = cosine(context.vector(need), context.vector(offer)) if w.item_text else 0.0
    # An item carries its own themes and its actor's (so that one more shared theme
    # between the actors never lowers a match).
    themes = mask_cosine(need.theme_mask | need_themes, offer.theme_mask | offer_themes)
    inner = (w.item_base + w.item_text * text + w.item_themes * themes) / total if total else 0.0
    return ItemMatch(need, offer, category * inner, category, text, themes)


def fit(asker: Profile, giver: Profile, context: ScoringContext) -> Fit:
    """``giver``'s current offers against ``asker``'s current needs."""
    today = context.today
    needs = [item for item in asker.needs if item.current(today)]
    offers = [item for item in giver.offers if item.current(today)]
    if not needs:
        return Fit()
    bests: list[float] = []
    best: ItemMatch | None = None
    answered = 0
    for need in needs:
        need_best: ItemMatch | None = None
        for offer in offers:
            match = item_match(
                need,
                offer,
                need_themes=asker.theme_mask,
                offer_themes=giver.theme_mask,
                context=context,
            )
            if match is not None and (need_best is None or match.score > need_best.score):
                need_best = match
        if need_best is None:
            bests.append(0.0)
            continue
        answered += 1
        bests.append(need_best.score)
        if best is None or need_best.score > best.score:
            best = need_best
    share = context.weights.fit_best_share
    value = share * max(bests) + (1 - share) * sum(bests) / len(bests)
    return Fit(min(1.0, value), best, answered, len(needs))


def types_similarity(x: Profile, y: Profile) -> float:
    return mask_cosine(x.type_mask, y.type_mask)


def spheres_complementarity(x: Profile, y: Profile) -> float:
    return sphere_complementarity(x.sphere, y.sphere)


def reciprocal(forward: float, backward: float, reciprocity: float) -> float:
    """Symmetric combination: (1 − ρ)·arithmetic + ρ·harmonic mean."""
    total = forward + backward
    # ``2 * (f * b)``, not ``2 * f * b``: the same float whichever side comes first.
    harmonic = 2 * (forward * backward) / total if total > 0 else 0.0
    return min(1.0, max(0.0, (1 - reciprocity) * total / 2 + reciprocity * harmonic))


# --------------------------------------------------------------------------- the pair


_FLIPPED = {"covers": "covered", "covered": "covers"}


@dataclass(frozen=True)
class PairScore:
    x: int
    y: int
    score: float
    forward: float  # f(X←Y): what Y brings X
    backward: float  # f(Y←X): what X brings Y
    fit_forward: Fit
    fit_backward: Fit
    territory: Territory
    themes: float
    shared_themes: int
    types: float
    shared_types: int
    spheres: float
    trust_forward: float  # trust in Y, as seen by X
    trust_backward: float
    vouchers_forward: int  # partners of X who endorse Y
    vouchers_backward: int

    def components(self) -> dict[str, float]:
        """Component values (unweighted), for feedback records and the API."""
        return {
            "fit_forward": round(self.fit_forward.score, 4),
            "fit_backward": round(self.fit_backward.score, 4),
            "territory": round(self.territory.score, 4),
            "themes": round(self.themes, 4),
            "partnership_types": round(self.types, 4),
            "spheres": round(self.spheres, 4),
            "trust_forward": round(self.trust_forward, 4),
            "trust_backward": round(self.trust_backward, 4),
        }

    def swapped(self) -> PairScore:
        return PairScore(
            x=self.y,
            y=self.x,
            score=self.score,
            forward=self.backward,
            backward=self.forward,
            fit_forward=self.fit_backward,
            fit_backward=self.fit_forward,
            territory=Territory(
                self.territory.score,
                _FLIPPED.get(self.territory.kind, self.territory.kind),
                self.territory.level,
                self.territory.distance_km,
            ),
            themes=self.themes,
            shared_themes=self.shared_themes,
            types=self.types,
            shared_types=self.shared_types,
            spheres=self.spheres,
            trust_forward=self.trust_backward,
            trust_backward=self.trust_forward,
            vouchers_forward=self.vouchers_backward,
            vouchers_backward=self.vouchers_forward,
        )


def directional(*, fit_value: float, shared: float, trust_value: float, weights: Weights) -> float:
    total = weights.component_total
    if total <= 0:
        return 0.0
    value = (weights.fit * fit_value + shared + weights.trust * trust_value) / total
    return min(1.0, max(0.0, value))


def pair_score(x: Profile, y: Profile, context: ScoringContext) -> PairScore:
    w = context.weights
    fit_forward = fit(x, y, context)
    fit_backward = fit(y, x, context)
    place = territory(x, y)
    themes = mask_cosine(x.theme_mask, y.theme_mask)
    types = types_similarity(x, y)
    spheres = spheres_complementarity(x, y)
    shared = w.territory * place.score + w.themes * themes + w.partnership_types * types
    shared += w.spheres * spheres
    vouchers_forward = context.vouchers.get((x.actor_id, y.actor_id), 0)
    vouchers_backward = context.vouchers.get((y.actor_id, x.actor_id), 0)
    trust_forward = trust(y, vouchers=vouchers_forward, weights=w, today=context.today)
    trust_backward = trust(x, vouchers=vouchers_backward, weights=w, today=context.today)
    forward = directional(
        fit_value=fit_forward.score, shared=shared, trust_value=trust_forward, weights=w
    )
    backward = directional(
        fit_value=fit_backward.score, shared=shared, trust_value=trust_backward, weights=w
    )
    return PairScore(
        x=x.actor_id,
        y=y.actor_id,
        score=reciprocal(forward, backward, w.reciprocity),
        forward=forward,
        backward=backward,
        fit_forward=fit_forward,
        fit_backward=fit_backward,
        territory=place,
        themes=themes,
        shared_themes=(x.theme_mask & y.theme_mask).bit_count(),
        types=types,
        shared_types=(x.type_mask & y.type_mask).bit_count(),
        spheres=spheres,
        trust_forward=trust_forward,
        trust_backward=trust_backward,
        vouchers_forward=vouchers_forward,
        vouchers_backward=vouchers_backward,
    )


__all__ = [
    "SPHERES",
    "TYPE_BIT",
    "Fit",
    "ItemMatch",
    "PairScore",
    "ScoringContext",
    "Territory",
    "distance_km",
    "fit",
    "mask_cosine",
    "pair_score",
    "reciprocal",
    "territory",
    "trust",
]
