"""The demo partnerships and their evaluation: loaded through the services, idempotent."""

from __future__ import annotations

import pytest

from maillage.accounts.enums import MembershipRole
from maillage.accounts.tests.factories import (
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.enums import Source
from maillage.actors.models import Kind
from maillage.actors.tests.factories import ActorFactory, CommuneFactory
from maillage.demo.catalogue import demo_catalogue
from maillage.evaluation.demo import IRIS_ORANGE, demo_seed_evaluation
from maillage.evaluation.models import Assessment
from maillage.evaluation.selectors import evaluation_report
from maillage.partnerships.demo import PARTNERSHIPS, demo_seed_partnerships
from maillage.partnerships.models import Partnership, PartnershipDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_actors():
    communes = {
        "86194": CommuneFactory(),
        "94018": CommuneFactory(
            code="94018",
            name="Charenton-le-Pont",
            departement__code="94",
            departement__name="Val-de-Marne",
            departement__region__code="11",
            departement__region__name="Île-de-France",
            epci=None,
        ),
    }
    keys = {party.key for spec in PARTNERSHIPS for party in spec.parties}
    actors = {}
    for spec in demo_catalogue():
        if spec.key in keys:
            kind = Kind.objects.get(code=spec.kind)
            actors[spec.key] = ActorFactory(
                name=spec.name,
                kind=kind,
                sphere=kind.default_sphere,
                source=Source.DEMO,
                seat_commune=communes[spec.commune],
            )
    assert set(actors) == keys
    for email, key in (
        ("association@demo.example", "iris"),
        ("entreprise@demo.example", "orange-poitou-charentes"),
    ):
        MembershipFactory(
            user=UserFactory(email=email), actor=actors[key], role=MembershipRole.ADMIN
        )
    FacilitatorScopeFactory(
        user=UserFactory(email="animatrice@demo.example"), territory_code="dep:86"
    )
    return actors


def test_demo_partnerships_cover_every_status_and_load_once(demo_actors):
    messages: list[str] = []
    first = demo_seed_partnerships(say=messages.append)
    evaluation = demo_seed_evaluation(say=messages.append)
    assert first == {"partnerships": len(PARTNERSHIPS), "partnerships_created": len(PARTNERSHIPS)}
    assert evaluation["evaluations_created"] == 3 and evaluation["evaluation_indicators"] == 11
    statuses = set(Partnership.objects.values_list("status", flat=True))
    assert statuses == {"idee", "en_construction", "active", "terminee", "abandonnee"}
    again = demo_seed_partnerships(say=messages.append)
    assert again["partnerships_created"] == 0
    assert demo_seed_evaluation(say=messages.append)["evaluations_created"] == 0
    assert Partnership.objects.count() == len(PARTNERSHIPS)
    assert PartnershipDocument.objects.count() == 2


def test_the_fully_evaluated_demo_partnership_has_everything_the_report_shows(demo_actors):
    demo_seed_partnerships(say=lambda message: None)
    demo_seed_evaluation(say=lambda message: None)
    partnership = Partnership.objects.get(title=IRIS_ORANGE)
    assert partnership.status == "terminee" and partnership.current_step == "evaluer"
    assert not partnership.checklist.filter(done=False).exists()
    assert Assessment.objects.filter(period__partnership=partnership, status="soumise").count() == 4
    facilitator = demo_actors["iris"].memberships.get().user
    report = evaluation_report(partnership=partnership, user=facilitator)
    assert report.totals.all.amount_eur == 60300
    assert report.indicators_reached == 4
    six_months = next(view for view in report.periods if view.period.label == "Bilan à six mois")
    assert [row.criterion for row in six_months.divergences] == ["retour_entreprise"]
    assert report.latest_period.period.label == "Bilan final"
    assert len(report.history) == 3 and report.partnership.lessons
