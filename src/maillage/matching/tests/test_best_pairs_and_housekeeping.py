"""The territory's best pairs not yet in contact, ``matching_housekeeping``, the partnership
draft opened from an introduction."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from maillage.accounts.tests.factories import MembershipFactory
from maillage.matching.engine import best_pairs
from maillage.matching.models import ActorProfile, Introduction
from maillage.matching.services import introduction_open_partnership
from maillage.matching.tests.factories import (
    EndorsementFactory,
    IntroductionFactory,
    actor_with,
    niort,
)

pytestmark = pytest.mark.django_db


def pair_of_complementary_actors(**kwargs: object):  # type: ignore[no-untyped-def]
    asso = actor_with(
        needs=(("locaux", "Une salle pour nos ateliers"),),
        offers=(("benevolat", "Des bénévoles pour vos salariés"),),
        **kwargs,
    )
    company = actor_with(
        entreprise=True,
        needs=(("benevolat", "Engager nos salariés"),),
        offers=(("locaux", "Notre salle de réunion le soir"),),
        **kwargs,
    )
    return asso, company


def test_best_pairs_rank_complementary_pairs_and_leave_out_those_in_contact() -> None:
    first = pair_of_complementary_actors()
    second = pair_of_complementary_actors()
    elsewhere = pair_of_complementary_actors(commune=niort())
    result = best_pairs(territory_code="dep:86", limit=10)
    assert result.actors == 4
    found = {(pair.x, pair.y) for pair in result.pairs}
    assert (min(first[0].pk, first[1].pk), max(first[0].pk, first[1].pk)) in found
    assert not any(pk in {elsewhere[0].pk, elsewhere[1].pk} for pair in found for pk in pair)
    scores = [pair.score for pair in result.pairs]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    IntroductionFactory(from_actor=first[0], to_actor=first[1])
    EndorsementFactory(from_actor=second[1], to_actor=second[0])
    found = {(pair.x, pair.y) for pair in best_pairs(territory_code="dep:86", limit=10).pairs}
    assert (min(first[0].pk, first[1].pk), max(first[0].pk, first[1].pk)) not in found
    assert (min(second[0].pk, second[1].pk), max(second[0].pk, second[1].pk)) not in found
    assert found  # the cross pairs remain


def test_housekeeping_expires_reminds_asks_and_refreshes(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    asso, _company = pair_of_complementary_actors()
    ActorProfile.objects.filter(pk=asso.pk).delete()
    out = StringIO()
    call_command("matching_housekeeping", "--json", stdout=out, stderr=StringIO())
    summary = json.loads(out.getvalue())
    assert set(summary) >= {"expired", "reminded", "followups", "profiles", "terms"}
    assert (
        summary["profiles"] >= 1 and ActorProfile.objects.filter(pk=asso.pk, dirty=False).exists()
    )
    out = StringIO()
    call_command(
        "matching_housekeeping",
        "--rebuild",
        "--profiles-only",
        "--json",
        stdout=out,
        stderr=StringIO(),
    )
    assert json.loads(out.getvalue())["profiles"] == 2


def test_an_accepted_introduction_opens_one_partnership_draft() -> None:
    asso, company = pair_of_complementary_actors()
    user = MembershipFactory(actor=asso).user
    introduction = IntroductionFactory(from_actor=asso, to_actor=company, accepted=True)
    url = introduction_open_partnership(introduction=introduction, user=user)
    assert url.startswith("/partenariats/")
    assert introduction_open_partnership(introduction=introduction, user=user) == url
    introduction = Introduction.objects.get(pk=introduction.pk)
    assert introduction.partnership_opened_at is not None
    assert list(introduction.events.values_list("kind", flat=True)) == ["partnership_opened"]
    from maillage.partnerships.models import Partnership

    partnership = Partnership.objects.get(introduction=introduction)
    assert set(partnership.parties.values_list("actor_id", flat=True)) == {asso.pk, company.pk}


def test_a_pending_introduction_cannot_open_a_partnership() -> None:
    from maillage.core.errors import DomainError

    introduction = IntroductionFactory()
    with pytest.raises(DomainError) as error:
        introduction_open_partnership(introduction=introduction, user=None)  # type: ignore[arg-type]
    assert error.value.code == "not_accepted"
