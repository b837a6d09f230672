"""Each score component on its own (pure functions, no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from maillage.matching.compatibility import (
    CATEGORIES,
    NEED_ANSWERED_BY,
    SPHERES,
    THEME_BIT,
    answer_weight,
    mask_of,
    needs_answered,
    offers_answering,
    sphere_complementarity,
)
from maillage.matching.scoring.features import Item, Profile
from maillage.matching.scoring.pairs import (
    ScoringContext,
    distance_km,
    fit,
    mask_cosine,
    pair_score,
    reciprocal,
    territory,
    trust,
)
from maillage.matching.scoring.text import cosine, idf_from, text_stems, vector
from maillage.matching.weights import DEFAULTS

TODAY = dt.date(2026, 6, 1)


def themes(*codes: str) -> int:
    return mask_of(codes, THEME_BIT)


def need(pk: int, category: str, text: str = "", theme_mask: int = 0) -> Item:
    return Item(pk, "need", category, tuple(text_stems(text)), theme_mask)


def offer(pk: int, category: str, text: str = "", theme_mask: int = 0) -> Item:
    return Item(pk, "offer", category, tuple(text_stems(text)), theme_mask)


def context() -> ScoringContext:
    return ScoringContext(weights=DEFAULTS, today=TODAY)


# --------------------------------------------------------------------------- tables


def test_every_category_has_a_documented_answer_table_that_answers_itself_fully() -> None:
    assert set(NEED_ANSWERED_BY) == set(CATEGORIES)
    for need_category, offers in NEED_ANSWERED_BY.items():
        assert offers[need_category] == 1.0
        assert set(offers) <= set(CATEGORIES)
        assert all(0 < weight <= 1 for weight in offers.values())


def test_a_company_need_for_staff_engagement_is_answered_by_volunteering_missions() -> None:
    assert answer_weight("benevolat", "benevolat") == 1.0
    assert 0 < answer_weight("benevolat", "competences") < 1
    assert answer_weight("financement", "locaux") == 0.0


def test_an_unknown_category_added_by_staff_matches_only_itself() -> None:
    assert answer_weight("mecenat_culturel", "mecenat_culturel") == 1.0
    assert answer_weight("mecenat_culturel", "financement") == 0.0


def test_category_masks_for_candidate_prefiltering_follow_the_table() -> None:
    wanted = offers_answering(mask_of(["locaux"], {c: i for i, c in enumerate(CATEGORIES)}))
    names = {code for index, code in enumerate(CATEGORIES) if wanted >> index & 1}
    assert names == set(NEED_ANSWERED_BY["locaux"])
    answered = needs_answered(1 << CATEGORIES.index("acces_publics"))
    assert answered >> CATEGORIES.index("locaux") & 1


def test_spheres_association_and_company_are_the_most_complementary() -> None:
    assert sphere_complementarity("ess", "entreprises") == 1.0
    assert sphere_complementarity("entreprises", "ess") == 1.0
    others = [
        sphere_complementarity(a, b)
        for a in SPHERES
        for b in SPHERES
        if {a, b} != {"ess", "entreprises"}
    ]
    assert max(others) < 1.0
    assert sphere_complementarity("", "ess") == 0.0


# --------------------------------------------------------------------------- text


def test_french_stemming_lets_word_forms_meet() -> None:
    a = vector(text_stems("Des bénévoles pour nos ateliers numériques"), lambda t: 1.0)
    b = vector(text_stems("Bénévolat : atelier du numérique solidaire"), lambda t: 1.0)
    unrelated = vector(text_stems("Une salle de réunion le jeudi soir"), lambda t: 1.0)
    assert cosine(a, b) > 0.3
    assert cosine(a, unrelated) == 0.0


def test_stop_words_and_accents_are_ignored() -> None:
    assert text_stems("Le Numérique") == text_stems("numerique")
    assert "le" not in text_stems("le la les des")


def test_idf_lowers_the_weight_of_common_words() -> None:
    idf = idf_from({"besoin": 90, "reconditionn": 2}, documents=100)
    assert idf("reconditionn") > idf("besoin") > 0
    assert idf("jamais_vu") > idf("reconditionn")


# --------------------------------------------------------------------------- components


def test_theme_cosine_is_zero_without_shared_theme_and_one_when_identical() -> None:
    assert mask_cosine(themes("emploi"), themes("sante")) == 0.0
    assert mask_cosine(themes("emploi", "handicap"), themes("handicap", "emploi")) == 1.0
    assert mask_cosine(0, themes("emploi")) == 0.0


def test_territory_same_epci_beats_same_departement_and_distance_counts() -> None:
    x = Profile(1, commune="86194", epci="200069854", departement="86", region="75")
    same_epci = Profile(2, commune="86041", epci="200069854", departement="86", region="75")
    same_dep = Profile(3, commune="86066", epci="248600413", departement="86", region="75")
    elsewhere = Profile(4, commune="94018", departement="94", region="11")
    assert territory(x, same_epci).score > territory(x, same_dep).score > 0
    assert territory(x, elsewhere).score == 0.0
    assert territory(x, same_epci).level == "epci"


def test_an_intervention_area_covering_the_seat_counts_both_ways() -> None:
    x = Profile(1, commune="86194", epci="200069854", departement="86", region="75")
    regional = Profile(
        2, commune="79191", departement="79", region="75", coverage=frozenset({"reg:75"})
    )
    national = Profile(
        3, commune="75056", departement="75", region="11", coverage=frozenset({"fr"})
    )
    # Same région (0.3) but the regional area contains X's seat (0.6).
    assert territory(x, regional).kind == "covers"
    assert territory(x, regional).score == 0.6
    assert territory(regional, x).score == territory(x, regional).score
    assert territory(x, national).kind == "covers" and territory(x, national).score == 0.4
    assert territory(national, x).kind == "covered"


def test_distance_is_measured_when_both_have_coordinates() -> None:
    assert distance_km(46.58, 0.34, 46.58, 0.34) == 0.0
    assert 30 < distance_km(46.58, 0.34, 46.817, 0.546) < 33  # Poitiers – Châtellerault
    x = Profile(1, latitude=46.58, longitude=0.34)
    y = Profile(2, latitude=46.817, longitude=0.546)
    place = territory(x, y)
    assert place.kind == "distance" and 0 < place.score < 0.5


def test_trust_grows_with_endorsements_labels_completeness_and_recent_activity() -> None:
    base = Profile(1)
    endorsed = Profile(1, endorsements=2)
    complete = Profile(1, completeness=100, labels=2, last_activity=TODAY)
    kwargs = {"weights": DEFAULTS, "today": TODAY}
    assert trust(endorsed, vouchers=0, **kwargs) > trust(base, vouchers=0, **kwargs)
    assert trust(endorsed, vouchers=1, **kwargs) > trust(endorsed, vouchers=0, **kwargs)
    assert trust(complete, vouchers=0, **kwargs) > trust(base, vouchers=0, **kwargs)
    stale = Profile(1, completeness=100, labels=2, last_activity=TODAY - dt.timedelta(days=1000))
    assert trust(stale, vouchers=0, **kwargs) < trust(complete, vouchers=0, **kwargs)
    assert (
        0
        <= trust(
            Profile(
                1,
                endorsements=50,
                labels=9,
                completeness=100,
                last_activity=TODAY,
                responsiveness=1.0,
            ),
            vouchers=9,
            **kwargs,
        )
        <= 1
    )


def test_fit_prefers_the_same_category_and_similar_texts() -> None:
    asker = Profile(
        1, items=(need(1, "competences", "Un développeur web pour refaire notre site"),)
    )
    same_text = Profile(
        2, items=(offer(2, "competences", "Mécénat de compétences : développeurs web"),)
    )
    other_text = Profile(3, items=(offer(3, "competences", "Comptabilité et gestion de la paie"),))
    neighbour = Profile(4, items=(offer(4, "formation", "Développeur web : formation"),))
    nothing = Profile(5, items=(offer(5, "locaux", "Une salle"),))
    ctx = context()
    assert fit(asker, same_text, ctx).score > fit(asker, other_text, ctx).score > 0
    assert fit(asker, other_text, ctx).score > 0
    assert 0 < fit(asker, neighbour, ctx).score < fit(asker, same_text, ctx).score
    assert fit(asker, nothing, ctx).score == 0.0
    assert fit(nothing, asker, ctx).score == 0.0  # no needs: nothing to answer


def test_fit_ignores_expired_needs_and_offers() -> None:
    expired = Item(1, "need", "locaux", ("sall",), 0, TODAY - dt.timedelta(days=1))
    asker = Profile(1, items=(expired,))
    giver = Profile(2, items=(offer(2, "locaux", "salle"),))
    assert fit(asker, giver, context()).score == 0.0


def test_reciprocal_is_the_harmonic_mean_by_default() -> None:
    assert reciprocal(0.8, 0.8, 1.0) == pytest.approx(0.8)
    assert reciprocal(0.9, 0.1, 1.0) == pytest.approx(0.18)
    assert reciprocal(0.9, 0.1, 0.0) == pytest.approx(0.5)
    assert reciprocal(0.0, 0.0, 1.0) == 0.0


def test_a_partner_who_needs_nothing_from_x_ranks_below_one_where_both_gain() -> None:
    x = Profile(
        1,
        sphere="ess",
        commune="86194",
        items=(need(1, "competences", "site web"), offer(2, "benevolat", "missions solidaires")),
    )
    both = Profile(
        2,
        sphere="entreprises",
        commune="86194",
        items=(offer(3, "competences", "site web"), need(4, "benevolat", "missions solidaires")),
    )
    one_sided = Profile(
        3, sphere="entreprises", commune="86194", items=(offer(5, "competences", "site web"),)
    )
    ctx = context()
    assert pair_score(x, one_sided, ctx).forward == pytest.approx(pair_score(x, both, ctx).forward)
    assert pair_score(x, both, ctx).score > pair_score(x, one_sided, ctx).score


def test_swapping_x_and_y_gives_the_same_reciprocal_score() -> None:
    x = Profile(
        1,
        sphere="ess",
        commune="86194",
        theme_mask=themes("emploi"),
        endorsements=1,
        items=(need(1, "locaux", "salle"),),
    )
    y = Profile(
        2,
        sphere="entreprises",
        commune="86066",
        completeness=80,
        theme_mask=themes("emploi", "sante"),
        items=(offer(2, "locaux", "salle de réunion"),),
    )
    ctx = context()
    forward, backward = pair_score(x, y, ctx), pair_score(y, x, ctx)
    assert forward.score == backward.score
    assert forward.forward == backward.backward and forward.backward == backward.forward
    assert forward.swapped().score == backward.score
