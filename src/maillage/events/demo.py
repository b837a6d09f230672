"""The demo territory's share of this app, called by ``demo.services.demo_seed``: the events
of the Charenton programme (seed 2013) — the launch of 2 October 2012 and the restitution
evening of 5 June 2013 — and a speed-dating associations × entreprises, open for
registration, after Alsace Active's format (10 association leaders × 10 company leaders,
a few minutes each).

MUST be idempotent (a second run creates nothing) and deterministic; writes through
``events.services`` only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from maillage.accounts.models import User
from maillage.demo.personas import FACILITATOR
from maillage.events import services
from maillage.events.enums import EventKind, EventStatus
from maillage.events.models import Event
from maillage.programmes.demo import charenton_programme

PARIS = ZoneInfo("Europe/Paris")
VENUE = "Espace Toffoli, Charenton-le-Pont"


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def demo_seed_events(*, say: Callable[[str], None]) -> dict[str, Any]:
    programme = charenton_programme()
    if programme is None:
        return {}
    count = Event.objects.filter(programme=programme).count()
    if count == 0:
        facilitator = User.objects.filter(email__iexact=FACILITATOR.email).first()
        common: dict[str, Any] = {"created_by": facilitator, "programme": programme, "venue": VENUE}
        services.event_create(
            kind=EventKind.LAUNCH,
            title="Lancement d'« Agir ensemble sur le territoire »",
            description=(
                "La Communauté de communes Charenton – Saint-Maurice lance devant 140 "
                "personnes la démarche : instaurer un dialogue entre associations, "
                "entreprises et collectivités pour créer des actions conjointes sur le "
                "handicap, l'insertion des jeunes et la lutte contre la précarité."
            ),
            starts_at=_at(2012, 10, 2, 18),
            ends_at=_at(2012, 10, 2, 21),
            status=EventStatus.PUBLISHED,
            registration_open=False,
            **common,
        )
        services.event_create(
            kind=EventKind.RESTITUTION,
            title="Soirée de restitution des groupes de travail",
            description=(
                "Les binômes présentent les apports des groupes et les sept actions "
                "retenues ; table ronde « Vues d'ailleurs ». 118 personnes présentes, dont "
                "35 représentants d'entreprises et 41 d'associations."
            ),
            starts_at=_at(2013, 6, 5, 18, 30),
            ends_at=_at(2013, 6, 5, 21, 30),
            status=EventStatus.PUBLISHED,
            registration_open=False,
            **common,
        )
        # The next speed-dating: a fixed weekday evening about two months ahead, so the
        # demo always offers one to register for.
        base = timezone.localdate() + dt.timedelta(days=56)
        day = base + dt.timedelta(days=(1 - base.weekday()) % 7)  # a Tuesday
        services.event_create(
            kind=EventKind.SPEED_DATING,
            title="Speed-dating associations – entreprises",
            description=(
                "Dix responsables d'associations et dix dirigeants d'entreprises du "
                "territoire se rencontrent quelques minutes chacun pour échanger sur leurs "
                "projets. Inscrivez-vous au nom de votre structure, puis dites qui vous "
                "souhaitez rencontrer : la plateforme compose le planning des tables."
            ),
            starts_at=_at(day.year, day.month, day.day, 18),
            ends_at=_at(day.year, day.month, day.day, 20),
            capacity=20,
            status=EventStatus.PUBLISHED,
            rounds=8,
            tables=10,
            slot_minutes=7,
            break_minutes=2,
            two_sided=True,
            **common,
        )
        say("Événements de démonstration créés : lancement, restitution, speed-dating")
        count = 3
    return {"events": count}
