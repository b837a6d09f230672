"""Shared factories for actors and the few territory rows tests need.

Shared by every app's tests: add to this file, do not rewrite what is here.

Territory factories default to real codes (Poitiers, Vienne, Nouvelle-Aquitaine, Grand
Poitiers) and are ``get_or_create`` on the code, so ``CommuneFactory()`` twice gives the same
commune. Pass other codes for another territory, e.g.
``CommuneFactory(code="94018", name="Charenton-le-Pont", departement__code="94",
departement__name="Val-de-Marne", departement__region__code="11", epci=None)``.
"""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from maillage.actors.enums import ActorStatus, Direction, Source, Sphere
from maillage.actors.models import Actor, Contact, Kind, NeedOffer
from maillage.actors.services import actor_completeness
from maillage.search.services import search_index_refresh
from maillage.territories.models import Commune, Departement, Epci, Region
from maillage.territories.names import fold


def luhn_complete(digits: str) -> str:
    """Append the Luhn check digit, so that ``luhn_complete("12345678")`` is a valid SIREN."""
    for check in "0123456789":
        candidate = digits + check
        total = 0
        for index, char in enumerate(reversed(candidate)):
            value = int(char)
            if index % 2 == 1:
                value = value * 2 - 9 if value * 2 > 9 else value * 2
            total += value
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def valid_siret(number: int) -> str:
    """A checksum-valid SIRET (and its SIREN prefix) derived from a small number."""
    siren = luhn_complete(f"{80000000 + number:08d}")
    return luhn_complete(f"{siren}{number % 10000:04d}")


def refresh_actor_derived(actor: Actor) -> None:
    """What the services maintain after every write: completeness and the search index
    (factories write through the ORM, so they bring both up to date themselves)."""
    actor.completeness = actor_completeness(actor)
    Actor.objects.filter(pk=actor.pk).update(completeness=actor.completeness)
    search_index_refresh(actor_ids=[actor.pk])


# --------------------------------------------------------------------------- territories


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "75"
    name = "Nouvelle-Aquitaine"


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ("code",)

    code = "86"
    name = "Vienne"
    region = factory.SubFactory(RegionFactory)


class EpciFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Epci
        django_get_or_create = ("code",)

    code = "200069854"
    name = "Communauté urbaine du Grand Poitiers"
    type = "CU"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = "86194"
    name = "Poitiers"
    search_name = factory.LazyAttribute(lambda o: fold(o.name))
    departement = factory.SubFactory(DepartementFactory)
    region = factory.LazyAttribute(lambda o: o.departement.region)
    epci = factory.SubFactory(EpciFactory)
    main_postal_code = "86000"
    postal_codes = factory.LazyAttribute(lambda o: [o.main_postal_code])
    population = 90000
    latitude = 46.58
    longitude = 0.34


# --------------------------------------------------------------------------- actors


class ActorFactory(factory.django.DjangoModelFactory):
    """An active association with no seat, no identifiers and no members.

    Traits: ``company`` (an entreprise), ``imported`` (from SIRENE, never claimed),
    ``in_poitiers`` (seated in Poitiers, with the denormalised EPCI/département/région).
    """

    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Association numéro {n}")
    kind = factory.LazyFunction(lambda: Kind.objects.get(code="association"))
    sphere = Sphere.ESS
    is_ess = True
    source = Source.MANUAL
    seat_commune = None
    epci = factory.LazyAttribute(lambda o: o.seat_commune.epci if o.seat_commune else None)
    departement = factory.LazyAttribute(
        lambda o: o.seat_commune.departement if o.seat_commune else None
    )
    region = factory.LazyAttribute(lambda o: o.seat_commune.region if o.seat_commune else None)

    class Params:
        company = factory.Trait(
            name=factory.Sequence(lambda n: f"Entreprise numéro {n}"),
            kind=factory.LazyFunction(lambda: Kind.objects.get(code="entreprise")),
            sphere=Sphere.ENTREPRISES,
            is_ess=False,
        )
        imported = factory.Trait(
            source=Source.SIRENE,
            siret=factory.Sequence(lambda n: valid_siret(n + 1)),
            siren=factory.LazyAttribute(lambda o: o.siret[:9]),
        )
        in_poitiers = factory.Trait(seat_commune=factory.SubFactory(CommuneFactory))
        # Traits added for the public pages' tests (directory, detail, map).
        association = factory.Trait(
            kind=factory.LazyFunction(lambda: Kind.objects.get(code="association")),
            sphere=Sphere.ESS,
            is_ess=True,
        )
        entreprise = factory.Trait(
            name=factory.Sequence(lambda n: f"Entreprise numéro {n}"),
            kind=factory.LazyFunction(lambda: Kind.objects.get(code="entreprise")),
            sphere=Sphere.ENTREPRISES,
            is_ess=False,
            company_size="pme",
        )
        siae = factory.Trait(
            kind=factory.LazyFunction(lambda: Kind.objects.get(code="siae")),
            sphere=Sphere.ESS,
            is_ess=True,
        )
        collectivite = factory.Trait(
            name=factory.Sequence(lambda n: f"Commune numéro {n}"),
            kind=factory.LazyFunction(lambda: Kind.objects.get(code="collectivite")),
            sphere=Sphere.POUVOIRS_PUBLICS,
            is_ess=False,
        )
        closed = factory.Trait(
            status=ActorStatus.CLOSED,
            closed_on=factory.LazyFunction(lambda: timezone.localdate()),
        )
        confirmed = factory.Trait(profile_confirmed_at=factory.LazyFunction(timezone.now))
        # A point on the map: the seat commune's centroid, or near Poitiers.
        located = factory.Trait(
            latitude=factory.LazyAttribute(
                lambda o: o.seat_commune.latitude if o.seat_commune else 46.58
            ),
            longitude=factory.LazyAttribute(
                lambda o: o.seat_commune.longitude if o.seat_commune else 0.34
            ),
        )

    # ``ActorFactory(themes=["emploi"], partnership_types=[...], labels=[...])``
    @factory.post_generation
    def themes(self, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.themes.set(extracted)  # type: ignore[attr-defined]

    @factory.post_generation
    def partnership_types(self, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.partnership_types.set(extracted)  # type: ignore[attr-defined]

    @factory.post_generation
    def labels(self, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.labels.set(extracted)  # type: ignore[attr-defined]

    @classmethod
    def _after_postgeneration(
        cls, instance: Actor, create: bool, results: dict[str, Any] | None = None
    ) -> None:
        # What the services do after every write: completeness and the search index.
        if create:
            refresh_actor_derived(instance)


class NeedOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedOffer

    actor = factory.SubFactory(ActorFactory)
    direction = Direction.NEED
    category_id = "competences"
    text = "Un développeur web bénévole pour refaire notre site."

    class Params:
        offer = factory.Trait(
            direction=Direction.OFFER,
            category_id="locaux",
            text="Une salle de réunion de 20 places, le soir.",
        )
        need = factory.Trait(direction=Direction.NEED)
        inactive = factory.Trait(is_active=False)

    @factory.post_generation
    def themes(self, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.themes.set(extracted)  # type: ignore[attr-defined]

    @classmethod
    def _after_postgeneration(
        cls, instance: NeedOffer, create: bool, results: dict[str, Any] | None = None
    ) -> None:
        if create:
            refresh_actor_derived(instance.actor)


class ContactFactory(factory.django.DjangoModelFactory):
    """A fictional contact person who gave consent."""

    class Meta:
        model = Contact

    actor = factory.SubFactory(ActorFactory)
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin-{n}")
    role = "Coordinatrice"
    email = factory.Sequence(lambda n: f"camille.martin{n}@exemple.org")
    consent_at = factory.LazyFunction(timezone.now)

    class Params:
        # Imported from a file, not collected from the person: article 14 notice pending.
        imported = factory.Trait(
            consent_at=None, source="import", legal_basis="legitimate_interest"
        )
