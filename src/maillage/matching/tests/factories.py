"""Factories and builders for the matching tests (named after situations)."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from maillage.actors.models import Actor, InterventionArea
from maillage.actors.tests.factories import (
    ActorFactory,
    CommuneFactory,
    NeedOfferFactory,
    refresh_actor_derived,
)
from maillage.matching.enums import IntroductionOrigin, IntroductionStatus
from maillage.matching.models import Endorsement, Introduction


def poitiers() -> Any:
    return CommuneFactory()


def chatellerault() -> Any:
    return CommuneFactory(
        code="86066",
        name="Châtellerault",
        epci__code="248600413",
        epci__name="CA Grand Châtellerault",
        epci__type="CA",
        main_postal_code="86100",
        latitude=46.817,
        longitude=0.546,
    )


def niort() -> Any:
    return CommuneFactory(
        code="79191",
        name="Niort",
        departement__code="79",
        departement__name="Deux-Sèvres",
        epci__code="200041317",
        epci__name="CA du Niortais",
        epci__type="CA",
        main_postal_code="79000",
        latitude=46.323,
        longitude=-0.459,
    )


def charenton() -> Any:
    return CommuneFactory(
        code="94018",
        name="Charenton-le-Pont",
        departement__code="94",
        departement__name="Val-de-Marne",
        departement__region__code="11",
        departement__region__name="Île-de-France",
        epci=None,
        main_postal_code="94220",
        latitude=48.82,
        longitude=2.41,
    )


def actor_with(
    *,
    needs: tuple[tuple[str, str], ...] = (),
    offers: tuple[tuple[str, str], ...] = (),
    commune: Any = None,
    coverage: tuple[str, ...] = (),
    **fields: Any,
) -> Actor:
    """An actor with needs and offers given as (category, text), seated in ``commune``
    (Poitiers by default; ``commune=False`` for none) with coordinates."""
    if commune is None:
        commune = poitiers()
    if commune is not False:
        fields.setdefault("seat_commune", commune)
        fields.setdefault("latitude", commune.latitude)
        fields.setdefault("longitude", commune.longitude)
    actor = ActorFactory(**fields)
    for category, text in needs:
        NeedOfferFactory(actor=actor, direction="need", category_id=category, text=text)
    for category, text in offers:
        NeedOfferFactory(actor=actor, direction="offer", category_id=category, text=text)
    for code in coverage:
        level = {"com": "commune", "epci": "epci", "dep": "departement", "reg": "region"}.get(
            code.split(":")[0], "national"
        )
        InterventionArea.objects.create(actor=actor, territory_code=code, level=level)
    refresh_actor_derived(actor)
    return actor


class IntroductionFactory(factory.django.DjangoModelFactory):
    """A pending direct request. Traits: ``accepted``, ``declined``, ``by_facilitator``."""

    class Meta:
        model = Introduction

    from_actor = factory.SubFactory(ActorFactory, in_poitiers=True)
    to_actor = factory.SubFactory(ActorFactory, entreprise=True, in_poitiers=True)
    origin = IntroductionOrigin.DIRECT
    status = IntroductionStatus.PENDING
    message = "Bonjour, nous aimerions vous présenter notre projet d'insertion."
    from_consent_at = factory.LazyFunction(timezone.now)

    class Params:
        accepted = factory.Trait(
            status=IntroductionStatus.ACCEPTED,
            to_consent_at=factory.LazyFunction(timezone.now),
            accepted_at=factory.LazyFunction(timezone.now),
            answered_at=factory.LazyFunction(timezone.now),
        )
        declined = factory.Trait(
            status=IntroductionStatus.DECLINED,
            decline_reason="pas_le_bon_moment",
            answered_at=factory.LazyFunction(timezone.now),
        )
        by_facilitator = factory.Trait(origin=IntroductionOrigin.FACILITATOR, from_consent_at=None)


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    from_actor = factory.SubFactory(ActorFactory)
    to_actor = factory.SubFactory(ActorFactory)
    text = "Un partenaire fiable : notre chantier d'insertion a tenu tous ses délais."
