"""« Partenaires suggérés »: ranking, reasons in French, advice, exclusions, filters."""

from __future__ import annotations

import pytest

from maillage.actors.tests.factories import NeedOfferFactory
from maillage.matching.engine import CandidateFilters
from maillage.matching.selectors import pair_score_between, pair_scores, suggestions_for
from maillage.matching.services import suggestion_feedback_record
from maillage.matching.tests.factories import actor_with, charenton, niort

pytestmark = pytest.mark.django_db


def association(**kwargs: object):  # type: ignore[no-untyped-def]
    return actor_with(
        needs=(("competences", "Un développeur web pour refaire notre site"),),
        offers=(("benevolat", "Des missions de bénévolat pour les salariés"),),
        themes=["insertion_iae", "inclusion_numerique"],
        **kwargs,
    )


def both_gain_company(**kwargs: object):  # type: ignore[no-untyped-def]
    return actor_with(
        entreprise=True,
        needs=(("benevolat", "Mobiliser nos salariés sur des missions solidaires"),),
        offers=(("competences", "Mécénat de compétences : nos développeurs web"),),
        themes=["inclusion_numerique"],
        **kwargs,
    )


def test_the_partner_where_both_gain_comes_first_with_reasons_in_french() -> None:
    asso = association()
    best = both_gain_company(name="Numérique Solidaire SA")
    one_sided = actor_with(
        entreprise=True, offers=(("competences", "Développeurs web en mécénat de compétences"),)
    )
    result = suggestions_for(actor=asso)
    ranked = [item.actor for item in result.items]
    assert ranked[:2] == [best, one_sided]
    top = result.items[0]
    assert top.score_forward > 0 and top.score_backward > 0
    assert result.items[1].score_backward < top.score_backward
    reasons = " · ".join(top.reasons)
    assert "Vous cherchez des compétences" in reasons
    assert "Numérique Solidaire SA propose des compétences" in reasons
    assert "Numérique Solidaire SA cherche du bénévolat" in reasons
    assert "Même commune" in reasons
    assert result.advice == []


def test_the_same_pair_has_the_same_score_from_both_sides_and_in_pair_scores() -> None:
    asso, company = association(), both_gain_company()
    from_asso = {item.actor.pk: item.score for item in suggestions_for(actor=asso).items}
    from_company = {item.actor.pk: item.score for item in suggestions_for(actor=company).items}
    assert from_asso[company.pk] == from_company[asso.pk]
    scores = pair_scores(actors=[asso, company])
    assert scores[(asso.pk, company.pk)] == scores[(company.pk, asso.pk)] == from_asso[company.pk]


def test_pair_scores_covers_every_ordered_pair_of_distinct_actors() -> None:
    actors = [association(), both_gain_company(), actor_with(commune=False)]
    scores = pair_scores(actors=actors)
    assert len(scores) == 6
    assert all(0.0 <= value <= 1.0 for value in scores.values())
    assert (actors[0].pk, actors[0].pk) not in scores


def test_an_actor_without_needs_or_offers_is_told_what_to_add_instead_of_noise() -> None:
    empty = actor_with()
    both_gain_company()
    result = suggestions_for(actor=empty)
    assert result.blocked and result.items == []
    assert [advice.code for advice in result.advice] == ["no_needs_offers"]
    assert "besoins" in result.advice[0].message


def test_an_actor_without_territory_is_told_to_give_one() -> None:
    asso = association(commune=False)
    both_gain_company()
    result = suggestions_for(actor=asso)
    assert result.blocked and result.items == []
    assert "no_territory" in [advice.code for advice in result.advice]


def test_missing_needs_or_offers_are_advised_but_suggestions_still_come() -> None:
    offers_only = actor_with(offers=(("benevolat", "Des missions de bénévolat"),))
    both_gain_company()
    result = suggestions_for(actor=offers_only)
    assert [advice.code for advice in result.advice] == ["no_needs", "no_themes"]
    assert result.items


def test_closed_actors_are_never_suggested_and_get_no_suggestions() -> None:
    asso = association()
    closed = both_gain_company(closed=True)
    assert closed not in [item.actor for item in suggestions_for(actor=asso).items]
    result = suggestions_for(actor=closed)
    assert result.blocked and result.advice[0].code == "closed"


def test_a_dismissed_partner_leaves_the_list_until_restored() -> None:
    asso, company = association(), both_gain_company()
    suggestion_feedback_record(actor=asso, candidate=company, user=None, dismissed=True)
    assert company not in [item.actor for item in suggestions_for(actor=asso).items]
    suggestion_feedback_record(actor=asso, candidate=company, user=None, dismissed=False)
    assert company in [item.actor for item in suggestions_for(actor=asso).items]


def test_filters_restrict_the_candidates() -> None:
    asso = association()
    company = both_gain_company(partnership_types=["mecenat"])
    other_asso = actor_with(
        offers=(("competences", "Développeurs web bénévoles"),), themes=["sante"]
    )
    far = both_gain_company(commune=niort())
    everyone = {item.actor for item in suggestions_for(actor=asso).items}
    assert {company, other_asso, far} <= everyone

    def only(**kwargs: object) -> set[object]:
        filters = CandidateFilters(**kwargs)  # type: ignore[arg-type]
        return {item.actor for item in suggestions_for(actor=asso, filters=filters).items}

    assert only(kinds=("entreprise",)) == {company, far}
    assert only(themes=("sante",)) == {other_asso}
    assert only(partnership_types=("mecenat",)) == {company}
    assert only(territory="dep:79") == {far}


def test_a_distant_partner_is_found_through_its_intervention_area() -> None:
    asso = association()
    national = both_gain_company(commune=charenton(), coverage=("fr",))
    regional = both_gain_company(commune=niort(), coverage=("reg:75",))
    result = suggestions_for(actor=asso)
    by_actor = {item.actor: item for item in result.items}
    assert national in by_actor and regional in by_actor
    assert by_actor[regional].score > by_actor[national].score
    assert by_actor[national].pair.territory.kind == "covers"


def test_endorsements_by_the_actors_partners_raise_trust_and_are_told() -> None:
    from maillage.matching.tests.factories import EndorsementFactory, IntroductionFactory

    asso, company = association(), both_gain_company(name="Entreprise recommandée")
    partner = actor_with(offers=(("locaux", "Une salle"),))
    before = pair_score_between(actor=asso, other=company)
    IntroductionFactory(from_actor=asso, to_actor=partner, accepted=True)
    EndorsementFactory(from_actor=partner, to_actor=company)
    after = pair_score_between(actor=asso, other=company)
    assert before is not None and after is not None
    assert after.vouchers_forward == 1 and after.score > before.score
    item = next(i for i in suggestions_for(actor=asso).items if i.actor == company)
    assert "1 de vos partenaires le recommande" in item.reasons


def test_limit_is_respected_and_results_are_ordered() -> None:
    asso = association()
    for _ in range(6):
        both_gain_company()
    NeedOfferFactory()
    result = suggestions_for(actor=asso, limit=3)
    assert len(result.items) == 3
    scores = [item.score for item in result.items]
    assert scores == sorted(scores, reverse=True)
