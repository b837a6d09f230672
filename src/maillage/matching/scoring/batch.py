"""The first, cheap stage: approximate scores of many pairs at once with numpy.

Same components and weights as ``pairs.pair_score`` except the two that need every item
(texts, items' own themes): a need/offer match is estimated from the categories and the
actors' themes. The candidates it ranks best then get the full score (``pairs``).
``Population`` holds the features of many actors as arrays; ``approximate_scores`` scores
a block of X actors against all of them, giving (B, N) arrays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from maillage.matching.compatibility import (
    CATEGORIES,
    COVERAGE,
    DISTANCE_HALF_KM,
    SEAT_PROXIMITY,
    SPHERES,
    answer_weight,
    sphere_complementarity,
)
from maillage.matching.scoring.pairs import (
    ACTIVITY_FULL_DAYS,
    ACTIVITY_ZERO_DAYS,
    EARTH_RADIUS_KM,
    NEUTRAL_RESPONSIVENESS,
)
from maillage.matching.weights import Weights

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

N_CATEGORIES = len(CATEGORIES)
CATEGORY_MASK = (1 << N_CATEGORIES) - 1
SEAT_LEVELS = ("com", "epci", "dep", "reg")
COVER_LEVELS = ("com", "epci", "dep", "reg", "fr")
FR = 0  # vocabulary id of "fr"


def _best_answer_table() -> Floats:
    """``table[offer_mask, need_category]``: the best answer an actor with these offer
    categories gives a need of that category."""
    table = np.zeros((1 << N_CATEGORIES, N_CATEGORIES))
    weights = np.array(
        [[answer_weight(need, offer) for need in CATEGORIES] for offer in CATEGORIES]
    )  # [offer, need]
    for mask in range(1, 1 << N_CATEGORIES):
        low = mask & -mask
        bit = low.bit_length() - 1
        table[mask] = np.maximum(table[mask ^ low], weights[bit])
    return table


BEST_ANSWER = _best_answer_table()
_SPHERE_TABLE = np.zeros((len(SPHERES) + 1, len(SPHERES) + 1))
for _i, _a in enumerate(SPHERES):
    for _j, _b in enumerate(SPHERES):
        _SPHERE_TABLE[_i + 1, _j + 1] = sphere_complementarity(_a, _b)
_CATEGORY_BITS = (1 << np.arange(N_CATEGORIES, dtype=np.int64)).astype(np.int64)


class Vocabulary:
    """Territory codes → small integers (shared by the arrays compared together)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {"fr": FR}

    def id(self, code: str) -> int:
        if not code:
            return -1
        found = self.ids.get(code)
        if found is None:
            found = self.ids[code] = len(self.ids)
        return found


@dataclass
class Population:
    ids: Ints
    need: Ints
    offer: Ints
    theme: Ints
    types: Ints
    sphere: Ints  # index in SPHERES + 1 (0: unknown)
    seat: Ints  # (N, 4): com, epci, dep, reg ids (-1: unknown)
    coverage: Ints  # (N, K) ids, -1 padded
    latitude: Floats  # NaN: unknown
    longitude: Floats
    trust: Floats  # trust without vouchers

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, index: Any) -> Population:
        return Population(
            **{name: getattr(self, name)[index] for name in self.__dataclass_fields__}
        )


class Row(NamedTuple):
    """One actor's features, in the order of ``profiles.PROFILE_COLUMNS`` (a database row
    of those columns is a valid ``Row``)."""

    id: int
    need: int
    offer: int
    theme: int
    types: int
    sphere: int
    commune: str
    epci: str
    departement: str
    region: str
    latitude: float | None
    longitude: float | None
    coverage: str
    endorsements: int
    labels: int
    completeness: int
    last_activity: int | None  # date.toordinal()
    responsiveness: float | None


def base_trust(
    *,
    endorsements: Floats,
    labels: Floats,
    completeness: Floats,
    activity_days: Floats,
    responsiveness: Floats,
    weights: Weights,
) -> Floats:
    total = weights.trust_total
    if total <= 0:
        return np.zeros_like(endorsements)
    endorsed = 1.0 - 0.5**endorsements
    activity = np.clip(
        (ACTIVITY_ZERO_DAYS - activity_days) / (ACTIVITY_ZERO_DAYS - ACTIVITY_FULL_DAYS), 0, 1
    )
    activity = np.where(np.isnan(activity_days), 0.0, activity)
    responsive = np.where(np.isnan(responsiveness), NEUTRAL_RESPONSIVENESS, responsiveness)
    value = (
        weights.trust_endorsements * endorsed
        + weights.trust_labels * np.minimum(1.0, labels / 2)
        + weights.trust_completeness * np.minimum(1.0, completeness / 100)
        + weights.trust_activity * activity
        + weights.trust_responsiveness * np.clip(responsive, 0, 1)
    ) / total
    return np.asarray(np.clip(value, 0, 1), dtype=np.float64)


def population(
    rows: Sequence[tuple[Any, ...]], *, vocabulary: Vocabulary, weights: Weights, today: dt.date
) -> Population:
    """Arrays of many actors' features from rows laid out as ``Row``."""
    n = len(rows)
    columns: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if n else [()] * len(Row._fields)
    (
        ids,
        need,
        offer,
        theme,
        types,
        sphere,
        commune,
        epci,
        departement,
        region,
        latitude,
        longitude,
        coverage_codes,
        endorsements,
        labels,
        completeness,
        last_activity,
        responsiveness,
    ) = columns
    code = vocabulary.id
    today_ordinal = today.toordinal()

    def territory_ids(prefix: str, values: tuple[Any, ...]) -> list[int]:
        # Few distinct territories among many rows: one lookup per distinct value.
        known = {value: code(f"{prefix}:{value}" if value else "") for value in set(values)}
        return [known[value] for value in values]

    seat = np.array(
        [
            territory_ids("com", commune),
            territory_ids("epci", epci),
            territory_ids("dep", departement),
            territory_ids("reg", region),
        ],
        dtype=np.int64,
    ).T.reshape(n, 4)
    coverage_lists = [[code(c) for c in text.split()] if text else [] for text in coverage_codes]
    width = max((len(codes) for codes in coverage_lists), default=0) or 1
    coverage = np.full((n, width), -1, dtype=np.int64)
    for index, codes in enumerate(coverage_lists):
        if codes:
            coverage[index, : len(codes)] = codes

    def floats(values: tuple[Any, ...]) -> Floats:
        return np.array([np.nan if v is None else v for v in values], dtype=np.float64)

    activity_days = np.array(
        [np.nan if day is None else today_ordinal - day for day in last_activity],
        dtype=np.float64,
    )
    return Population(
        ids=np.array(ids, dtype=np.int64),
        need=np.array(need, dtype=np.int64),
        offer=np.array(offer, dtype=np.int64),
        theme=np.array(theme, dtype=np.int64),
        types=np.array(types, dtype=np.int64),
        sphere=np.array(sphere, dtype=np.int64) + 1,
        seat=seat,
        coverage=coverage,
        latitude=floats(latitude),
        longitude=floats(longitude),
        trust=base_trust(
            endorsements=np.array(endorsements, dtype=np.float64),
            labels=np.array(labels, dtype=np.float64),
            completeness=np.array(completeness, dtype=np.float64),
            activity_days=activity_days,
            responsiveness=floats(responsiveness),
            weights=weights,
        ),
    )


def _bits(masks: Ints) -> Floats:
    """(N,) category masks → (N, 13) 0/1 floats."""
    return ((masks[:, None] & _CATEGORY_BITS[None, :]) != 0).astype(np.float64)


def _cosine(a: Ints, b: Ints) -> Floats:
    shared = np.bitwise_count(a[:, None] & b[None, :]).astype(np.float64)
    sizes = np.sqrt(
        np.bitwise_count(a).astype(np.float64)[:, None]
        * np.bitwise_count(b).astype(np.float64)[None, :]
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(sizes > 0, shared / np.where(sizes > 0, sizes, 1), 0.0)


def _fit(asker_needs: Ints, giver_offers: Ints, share: float) -> Floats:
    """(B, N) estimated fit of the givers' offers to the askers' needs (categories only)."""
    needs = _bits(asker_needs)  # (B, C)
    answers = BEST_ANSWER[giver_offers & CATEGORY_MASK]  # (N, C)
    count = needs.sum(axis=1)  # (B,)
    mean = (needs @ answers.T) / np.where(count > 0, count, 1)[:, None]
    best = np.zeros((len(asker_needs), len(giver_offers)))
    for category in range(N_CATEGORIES):
        rows = needs[:, category] > 0
        if rows.any():
            best[rows] = np.maximum(best[rows], answers[None, :, category])
    return share * best + (1 - share) * mean


def _territory(xs: Population, ys: Population) -> Floats:
    b, n = len(xs), len(ys)
    score = np.zeros((b, n))
    for level_index, level in enumerate(SEAT_LEVELS):
        x_code = xs.seat[:, level_index][:, None]
        same = (x_code == ys.seat[:, level_index][None, :]) & (x_code >= 0)
        score = np.maximum(score, SEAT_PROXIMITY[level] * same)
    for level_index, level in enumerate(COVER_LEVELS):
        if level == "fr":
            x_seat = np.zeros(b, dtype=np.int64)
            y_seat = np.zeros(n, dtype=np.int64)
        else:
            x_seat = xs.seat[:, level_index]
            y_seat = ys.seat[:, level_index]
        # Y's area contains X's seat, and X's area contains Y's seat.
        covers = np.zeros((b, n), dtype=bool)
        for k in range(ys.coverage.shape[1]):
            covers |= (ys.coverage[None, :, k] == x_seat[:, None]) & (x_seat[:, None] >= 0)
        for k in range(xs.coverage.shape[1]):
            covers |= (xs.coverage[:, k][:, None] == y_seat[None, :]) & (y_seat[None, :] >= 0)
        score = np.maximum(score, COVERAGE[level] * covers)
    lat1 = np.radians(xs.latitude)[:, None]
    lat2 = np.radians(ys.latitude)[None, :]
    dlat = lat2 - lat1
    dlon = np.radians(ys.longitude)[None, :] - np.radians(xs.longitude)[:, None]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    near = np.where(np.isnan(km), 0.0, 0.5 ** (np.nan_to_num(km) / DISTANCE_HALF_KM))
    return np.asarray(np.maximum(score, near), dtype=np.float64)


@dataclass
class Approximate:
    score: Floats  # (B, N) reciprocal
    forward: Floats  # (B, N) f(X←Y)
    backward: Floats  # (B, N) f(Y←X)


def approximate_scores(xs: Population, ys: Population, weights: Weights) -> Approximate:
    """Estimated scores of every (x, y) pair of the two populations (no texts)."""
    total = weights.component_total
    themes = _cosine(xs.theme, ys.theme)
    item_total = weights.item_base + weights.item_text + weights.item_themes
    inner = (
        (weights.item_base + weights.item_themes * themes) / item_total if item_total else themes
    )
    fit_forward = _fit(xs.need, ys.offer, weights.fit_best_share) * inner
    fit_backward = _fit(ys.need, xs.offer, weights.fit_best_share).T * inner
    shared = (
        weights.territory * _territory(xs, ys)
        + weights.themes * themes
        + weights.partnership_types * _cosine(xs.types, ys.types)
        + weights.spheres * _SPHERE_TABLE[xs.sphere[:, None], ys.sphere[None, :]]
    )
    if total <= 0:
        zero = np.zeros((len(xs), len(ys)))
        return Approximate(zero, zero, zero)
    forward = np.clip(
        (weights.fit * fit_forward + shared + weights.trust * ys.trust[None, :]) / total, 0, 1
    )
    backward = np.clip(
        (weights.fit * fit_backward + shared + weights.trust * xs.trust[:, None]) / total, 0, 1
    )
    both = forward + backward
    with np.errstate(divide="ignore", invalid="ignore"):
        harmonic = np.where(both > 0, 2 * (forward * backward) / np.where(both > 0, both, 1), 0)
    rho = weights.reciprocity
    score = np.clip((1 - rho) * both / 2 + rho * harmonic, 0, 1)
    return Approximate(score, forward, backward)
