"""Properties of the score over many generated profiles (hypothesis): bounds, symmetry,
monotony in shared themes; the numpy first stage agrees with the full score where it
should (no texts, no item themes)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.matching.compatibility import CATEGORIES, SPHERE_INDEX, SPHERES, THEMES
from maillage.matching.scoring.batch import Row, Vocabulary, approximate_scores, population
from maillage.matching.scoring.features import Item, Profile
from maillage.matching.scoring.pairs import ScoringContext, pair_score
from maillage.matching.weights import DEFAULTS, Weights

TODAY = dt.date(2026, 6, 1)
WORDS = ["salle", "numer", "benevol", "insert", "recycl", "web", "format", "jeun", "achat"]
PLACES = [
    ("86194", "200069854", "86", "75", 46.58, 0.34),
    ("86066", "248600413", "86", "75", 46.82, 0.55),
    ("79191", "200041317", "79", "75", 46.32, -0.46),
    ("94018", "", "94", "11", 48.82, 2.41),
    ("", "", "", "", None, None),
]
COVERAGE = ["", "dep:86", "reg:75", "fr", "com:94018", "epci:200069854"]

theme_masks = st.integers(min_value=0, max_value=(1 << len(THEMES)) - 1)


@st.composite
def items(draw: st.DrawFn, start: int) -> tuple[Item, ...]:
    count = draw(st.integers(min_value=0, max_value=4))
    return tuple(
        Item(
            id=start + index,
            direction=draw(st.sampled_from(["need", "offer"])),
            category=draw(st.sampled_from(CATEGORIES)),
            stems=tuple(draw(st.lists(st.sampled_from(WORDS), max_size=5))),
            theme_mask=draw(st.sampled_from([0, 0, 1, 1 << 10, (1 << 3) | (1 << 10)])),
        )
        for index in range(count)
    )


@st.composite
def profiles(draw: st.DrawFn, actor_id: int) -> Profile:
    commune, epci, departement, region, lat, lon = draw(st.sampled_from(PLACES))
    return Profile(
        actor_id=actor_id,
        sphere=draw(st.sampled_from([*SPHERES, ""])),
        commune=commune,
        epci=epci,
        departement=departement,
        region=region,
        latitude=lat,
        longitude=lon,
        coverage=frozenset(c for c in draw(st.lists(st.sampled_from(COVERAGE), max_size=2)) if c),
        theme_mask=draw(theme_masks),
        type_mask=draw(st.integers(min_value=0, max_value=15)),
        endorsements=draw(st.integers(min_value=0, max_value=6)),
        labels=draw(st.integers(min_value=0, max_value=4)),
        completeness=draw(st.integers(min_value=0, max_value=100)),
        last_activity=draw(st.sampled_from([None, TODAY, TODAY - dt.timedelta(days=400)])),
        responsiveness=draw(st.sampled_from([None, 0.0, 0.5, 1.0])),
        items=draw(items(actor_id * 100)),
    )


weights = st.builds(
    Weights,
    fit=st.floats(0, 3),
    territory=st.floats(0, 3),
    themes=st.floats(0, 3),
    partnership_types=st.floats(0, 3),
    spheres=st.floats(0, 3),
    trust=st.floats(0, 3),
    item_base=st.floats(0, 2),
    item_text=st.floats(0, 2),
    item_themes=st.floats(0, 2),
    fit_best_share=st.floats(0, 1),
    reciprocity=st.floats(0, 1),
)


@settings(max_examples=150, deadline=None)
@given(x=profiles(1), y=profiles(2), w=weights, vouchers=st.integers(0, 3))
def test_scores_are_always_between_zero_and_one(
    x: Profile, y: Profile, w: Weights, vouchers: int
) -> None:
    pair = pair_score(x, y, ScoringContext(weights=w, today=TODAY, vouchers={(1, 2): vouchers}))
    for value in (pair.score, pair.forward, pair.backward, *pair.components().values()):
        assert 0.0 <= value <= 1.0


@settings(max_examples=150, deadline=None)
@given(x=profiles(1), y=profiles(2), vouchers=st.integers(0, 3))
def test_swapping_the_two_actors_gives_the_same_score(
    x: Profile, y: Profile, vouchers: int
) -> None:
    context = ScoringContext(weights=DEFAULTS, today=TODAY, vouchers={(1, 2): vouchers})
    xy, yx = pair_score(x, y, context), pair_score(y, x, context)
    assert xy.score == yx.score
    assert (xy.forward, xy.backward) == (yx.backward, yx.forward)


@settings(max_examples=150, deadline=None)
@given(x=profiles(1), y=profiles(2), theme=st.integers(0, len(THEMES) - 1), w=weights)
def test_one_more_shared_theme_never_lowers_the_score(
    x: Profile, y: Profile, theme: int, w: Weights
) -> None:
    context = ScoringContext(weights=w, today=TODAY)
    before = pair_score(x, y, context)
    bit = 1 << theme
    # Shared by both: add it to each side (a no-op where it already is).
    x2 = Profile(**{**x.__dict__, "theme_mask": x.theme_mask | bit})
    y2 = Profile(**{**y.__dict__, "theme_mask": y.theme_mask | bit})
    after = pair_score(x2, y2, ScoringContext(weights=w, today=TODAY))
    assert after.themes >= before.themes - 1e-12
    assert after.score >= before.score - 1e-9
    assert after.forward >= before.forward - 1e-9 and after.backward >= before.backward - 1e-9


def _row(profile: Profile) -> Row:
    need = offer = 0
    for item in profile.items:
        bit = 1 << CATEGORIES.index(item.category)
        if item.direction == "need":
            need |= bit
        else:
            offer |= bit
    return Row(
        profile.actor_id,
        need,
        offer,
        profile.theme_mask,
        profile.type_mask,
        SPHERE_INDEX.get(profile.sphere, -1),
        profile.commune,
        profile.epci,
        profile.departement,
        profile.region,
        profile.latitude,
        profile.longitude,
        " ".join(sorted(profile.coverage)),
        profile.endorsements,
        profile.labels,
        profile.completeness,
        profile.last_activity.toordinal() if profile.last_activity else None,
        profile.responsiveness,
    )


@settings(max_examples=100, deadline=None)
@given(x=profiles(1), ys=st.lists(profiles(2), min_size=1, max_size=6))
def test_the_numpy_first_stage_matches_the_full_score_without_texts(
    x: Profile, ys: list[Profile]
) -> None:
    """With one item per category, no texts and no item themes, both stages agree."""

    def simple(profile: Profile) -> Profile:
        seen: dict[tuple[str, str], Item] = {}
        for item in profile.items:
            seen.setdefault(
                (item.direction, item.category), Item(item.id, item.direction, item.category)
            )
        return Profile(**{**profile.__dict__, "items": tuple(seen.values())})

    x = simple(x)
    ys = [simple(Profile(**{**y.__dict__, "actor_id": 10 + i})) for i, y in enumerate(ys)]
    vocabulary = Vocabulary()
    xs_arrays = population([_row(x)], vocabulary=vocabulary, weights=DEFAULTS, today=TODAY)
    ys_arrays = population(
        [_row(y) for y in ys], vocabulary=vocabulary, weights=DEFAULTS, today=TODAY
    )
    approx = approximate_scores(xs_arrays, ys_arrays, DEFAULTS)
    context = ScoringContext(weights=DEFAULTS, today=TODAY)
    full = np.array([pair_score(x, y, context).score for y in ys])
    assert np.allclose(approx.score[0], full, atol=1e-9)
