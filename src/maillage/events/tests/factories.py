"""Factories for events and registrations (traits named after situations)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from maillage.accounts.tests.factories import UserFactory
from maillage.events.enums import EventKind, EventStatus, RegistrationStatus
from maillage.events.models import Event, Registration


class EventFactory(factory.django.DjangoModelFactory):
    """A published information meeting next month. Traits: ``speed_dating`` (4 rounds,
    3 tables, two-sided), ``draft``, ``past``."""

    class Meta:
        model = Event

    kind = EventKind.INFORMATION
    title = factory.Sequence(lambda n: f"Réunion d'information n° {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    venue = "Salle des fêtes"
    status = EventStatus.PUBLISHED

    class Params:
        speed_dating = factory.Trait(
            kind=EventKind.SPEED_DATING,
            title=factory.Sequence(lambda n: f"Speed-dating n° {n}"),
            rounds=4,
            tables=3,
            slot_minutes=7,
            two_sided=True,
        )
        draft = factory.Trait(status=EventStatus.DRAFT)
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
        )


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED
    side = "A"
