"""The library's and funding's share of ``seed_demo``: what they create from the seeds'
organisations, through the services, and that a second run creates nothing and reads
little. Only the demo actors these hooks need are loaded (the whole demo is the demo
app's tests' business)."""

from __future__ import annotations

import pytest

from maillage.accounts.enums import MembershipRole
from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.actors.enums import Source
from maillage.actors.models import Actor, Kind
from maillage.actors.tests.factories import ActorFactory, CommuneFactory, DepartementFactory
from maillage.demo.catalogue import demo_catalogue
from maillage.demo.personas import ASSOCIATION_ADMIN, COMPANY_ADMIN, STAFF
from maillage.evaluation.demo import demo_seed_evaluation
from maillage.funding.demo import PEREQUATION, demo_seed_funding
from maillage.funding.models import Envelope
from maillage.library.demo import CREDIT_FONCIER_SNL, POSTE_BOCAGE, demo_seed_library
from maillage.library.models import CaseStudy, GoodPractice
from maillage.partnerships.demo import IRIS_ORANGE, POSTE_MEDIATION, demo_seed_partnerships

pytestmark = pytest.mark.django_db

KEYS = (
    "iris",
    "orange-poitou-charentes",
    "la-poste-poitou-charentes",
    "unis-cite-poitou-charentes",
    "ccas-poitiers",
    "ateliers-du-bocage",
    "credit-foncier",
    "solidarites-nouvelles-logement",
)
DEPARTEMENTS = {
    "86": ("75", "Vienne"),
    "79": ("75", "Deux-Sèvres"),
    "94": ("11", "Val-de-Marne"),
    "75": ("11", "Paris"),
}


def _load_demo_actors() -> dict[str, Actor]:
    specs = {spec.key: spec for spec in demo_catalogue() if spec.key in KEYS}
    actors = {}
    for key, spec in specs.items():
        departement_code = spec.commune[:2]
        region, name = DEPARTEMENTS[departement_code]
        commune = CommuneFactory(
            code=spec.commune,
            name=f"Commune {spec.commune}",
            epci=None,
            departement=DepartementFactory(code=departement_code, name=name, region__code=region),
        )
        actors[key] = ActorFactory(
            name=spec.name,
            kind=Kind.objects.get(code=spec.kind),
            sphere=spec.sphere or Kind.objects.get(code=spec.kind).default_sphere,
            source=Source.DEMO,
            seat_commune=commune,
        )
    return actors


def _personas(actors: dict[str, Actor]) -> None:
    association = UserFactory(email=ASSOCIATION_ADMIN.email)
    company = UserFactory(email=COMPANY_ADMIN.email)
    UserFactory(email=STAFF.email, staff=True)
    MembershipFactory(user=association, actor=actors["iris"], role=MembershipRole.ADMIN)
    MembershipFactory(
        user=company, actor=actors["orange-poitou-charentes"], role=MembershipRole.ADMIN
    )


def _seed() -> dict:  # type: ignore[type-arg]
    said: list[str] = []
    summary: dict = {}  # type: ignore[type-arg]
    for hook in (
        demo_seed_partnerships,
        demo_seed_evaluation,
        demo_seed_funding,
        demo_seed_library,
    ):
        summary.update(hook(say=said.append))
    return summary


def test_demo_case_studies_envelope_and_practices(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    actors = _load_demo_actors()
    assert set(actors) == set(KEYS)
    _personas(actors)
    summary = _seed()
    assert summary["case_studies"] == 3
    assert summary["good_practices"] == 4
    assert summary["funding_envelopes"] >= 1

    cases = {case.title: case for case in CaseStudy.objects.all()}
    assert cases[IRIS_ORANGE].is_published
    # Agreed by the personas themselves, not on their behalf.
    assert not cases[IRIS_ORANGE].consents.filter(on_behalf=True).exists()
    assert cases[CREDIT_FONCIER_SNL].is_published
    assert set(cases[CREDIT_FONCIER_SNL].consents.values_list("on_behalf", flat=True)) == {True}
    draft = cases[POSTE_BOCAGE]
    assert not draft.is_published
    assert sorted(draft.consents.values_list("status", flat=True)) == ["accordee", "en_attente"]
    assert GoodPractice.objects.published().count() == 4

    envelope = Envelope.objects.get(title=PEREQUATION)
    assert envelope.budget_eur == 45000
    assert envelope.territory_code == "dep:86"
    allocated = {a.partnership.title: a for a in envelope.allocations.all()}
    assert allocated[POSTE_MEDIATION].amount_eur == 15000
    assert allocated[POSTE_MEDIATION].expenses.count() == 2

    # A second run creates nothing and reads little (``seed_demo`` has a query budget): two
    # queries for the library, one for funding (three here, where the programme is absent).
    with django_assert_max_num_queries(5):
        again = {**demo_seed_funding(say=lambda _m: None), **demo_seed_library(say=lambda _m: None)}
    assert again == {
        "funding_envelopes": summary["funding_envelopes"],
        "case_studies": 3,
        "good_practices": 4,
    }
    assert CaseStudy.objects.count() == 3


def test_demo_hooks_do_nothing_without_the_demo_actors() -> None:
    summary = {**demo_seed_funding(say=lambda _m: None), **demo_seed_library(say=lambda _m: None)}
    assert summary["funding_envelopes"] == 0
    assert summary["case_studies"] == 0
    assert summary["good_practices"] == 4  # practices need no actor
