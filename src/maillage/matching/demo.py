"""The demo territory's share of this app, called by ``demo.services.demo_seed``: a few
introductions in every state, a follow-up, peers' endorsements among the seeds'
organisations (fictional messages; the pairs echo the partnerships the seeds describe).

MUST be idempotent (a pair already introduced, an endorsement already given, is left as
it is) and deterministic. Writes go through ``matching.services``; only timestamps are
moved back in time afterwards, so that the demo shows an expired request and a follow-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from maillage.accounts.models import User
from maillage.actors.enums import Source
from maillage.actors.models import Actor
from maillage.matching.enums import IntroductionOrigin, IntroductionStatus
from maillage.matching.models import Endorsement, FollowUp, Introduction
from maillage.matching.profiles import profiles_refresh_dirty, term_statistics_rebuild
from maillage.matching.services import (
    endorsement_create,
    followup_answer,
    followups_ask,
    introduction_accept,
    introduction_decline,
    introduction_facilitate,
    introduction_open_mutual,
    introduction_request,
    introductions_expire,
)
from maillage.notifications.enums import EmailFrequency
from maillage.notifications.services import preference_set

Say = Callable[[str], None]


def _actor(key: str) -> Actor | None:
    from maillage.demo.catalogue import demo_catalogue

    for spec in demo_catalogue():
        if spec.key == key:
            return (
                Actor.objects.filter(
                    source=Source.DEMO, name=spec.name, seat_commune_id=spec.commune
                )
                .order_by("id")
                .first()
            )
    return None


def _user(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).first()


def _introduced(a: Actor, b: Actor) -> bool:
    return Introduction.objects.between(a.pk, b.pk).exists()


def _back(introduction: Introduction, *, days: int, **fields: Any) -> None:
    """Move an introduction's dates ``days`` back (demo only: show older states)."""
    then = timezone.now() - dt.timedelta(days=days)
    Introduction.objects.filter(pk=introduction.pk).update(
        created_at=then, **{name: then + delta for name, delta in fields.items()}
    )


def demo_seed_matching(*, say: Callable[[str], None]) -> dict[str, Any]:
    """Create what is missing of this app's demo data; return counts for the summary."""
    from maillage.demo.personas import ASSOCIATION_ADMIN, COMPANY_ADMIN, FACILITATOR, PERSONAS

    # The demo's people read their notices in the app and in a daily digest: no mail is
    # printed while the demo loads (the console backend writes to standard output).
    for persona in PERSONAS:
        person = _user(persona.email)
        if person is not None and not hasattr(person, "notification_preference"):
            preference_set(user=person, email_frequency=EmailFrequency.DAILY)
    keys = [
        "iris",
        "orange-poitou-charentes",
        "la-poste-poitou-charentes",
        "ateliers-du-bocage",
        "unis-cite-poitou-charentes",
        "macif",
        "croix-rouge-poitou-charentes",
        "gdf-suez-poitou-charentes",
        "restos-du-coeur-vienne",
        "secours-populaire-vienne",
    ]
    actors = {key: _actor(key) for key in keys}
    if any(actor is None for actor in actors.values()):
        say("Mise en relation : acteurs de démonstration absents, rien à créer.")
        return {"introductions": 0, "endorsements": 0}
    a: dict[str, Actor] = {key: actor for key, actor in actors.items() if actor is not None}
    julien = _user(ASSOCIATION_ADMIN.email)
    sophie = _user(COMPANY_ADMIN.email)
    claire = _user(FACILITATOR.email)
    created = 0

    # 1. IRIS asks Orange (pending: the company admin's inbox).
    if not _introduced(a["iris"], a["orange-poitou-charentes"]):
        introduction_request(
            from_actor=a["iris"],
            to_actor=a["orange-poitou-charentes"],
            user=julien,
            message=(
                "Bonjour, IRIS fédère les structures d'insertion de Poitou-Charentes. Vos "
                "achats de collecte et de reconditionnement pourraient être confiés à nos "
                "SIAE : pouvons-nous en parler ?"
            ),
        )
        created += 1
    # 2. La Poste and Les Ateliers du Bocage (accepted long ago; seed 2012).
    if not _introduced(a["la-poste-poitou-charentes"], a["ateliers-du-bocage"]):
        introduction = introduction_request(
            from_actor=a["la-poste-poitou-charentes"],
            to_actor=a["ateliers-du-bocage"],
            user=None,
            message="Nous cherchons un partenaire pour la collecte de nos consommables.",
        )
        introduction_accept(introduction=introduction, user=None, actor=a["ateliers-du-bocage"])
        _back(
            introduction,
            days=120,
            accepted_at=dt.timedelta(days=3),
            answered_at=dt.timedelta(days=3),
        )
        created += 1
    # 3. Les Ateliers du Bocage and IRIS (accepted 7 weeks ago: a follow-up is asked).
    if not _introduced(a["ateliers-du-bocage"], a["iris"]):
        introduction = introduction_request(
            from_actor=a["ateliers-du-bocage"],
            to_actor=a["iris"],
            user=None,
            message="Mutualiser nos tournées de collecte avec d'autres SIAE du réseau ?",
        )
        introduction_accept(introduction=introduction, user=julien, actor=a["iris"])
        _back(
            introduction,
            days=52,
            accepted_at=dt.timedelta(days=2),
            answered_at=dt.timedelta(days=2),
        )
        followups_ask()
        answered = FollowUp.objects.filter(
            introduction=introduction, actor=a["ateliers-du-bocage"]
        ).first()
        if answered is not None:
            followup_answer(
                followup=answered,
                user=None,
                outcome="partenariat",
                note="Deux tournées mutualisées par mois.",
            )
        created += 1
    # 4. Unis-Cité asks the Macif (declined: not the right time).
    if not _introduced(a["unis-cite-poitou-charentes"], a["macif"]):
        introduction = introduction_request(
            from_actor=a["unis-cite-poitou-charentes"],
            to_actor=a["macif"],
            user=None,
            message="Des missions de service civique pour vos salariés volontaires ?",
        )
        introduction_decline(
            introduction=introduction,
            user=None,
            actor=a["macif"],
            reason="pas_le_bon_moment",
            note="Nous revenons vers vous à la rentrée.",
        )
        created += 1
    # 5. The facilitator introduces the Croix-Rouge and GDF SUEZ (pending on both sides).
    if claire is not None and not _introduced(
        a["croix-rouge-poitou-charentes"], a["gdf-suez-poitou-charentes"]
    ):
        introduction_facilitate(
            actor_a=a["croix-rouge-poitou-charentes"],
            actor_b=a["gdf-suez-poitou-charentes"],
            facilitator=claire,
            message="Précarité énergétique : vos deux équipes gagneraient à se connaître.",
        )
        created += 1
    # 6. The Restos du cœur asked Orange two months ago: expired.
    if not _introduced(a["restos-du-coeur-vienne"], a["orange-poitou-charentes"]):
        introduction = introduction_request(
            from_actor=a["restos-du-coeur-vienne"],
            to_actor=a["orange-poitou-charentes"],
            user=None,
            message="Des smartphones reconditionnés pour nos bénévoles ?",
        )
        _back(introduction, days=60, expires_at=dt.timedelta(days=30))
        introductions_expire()
        created += 1
    # 7. Orange and the Secours populaire after a speed-dating (mutual « à poursuivre »).
    if not _introduced(a["orange-poitou-charentes"], a["secours-populaire-vienne"]):
        introduction_open_mutual(
            actor_a=a["orange-poitou-charentes"],
            actor_b=a["secours-populaire-vienne"],
            origin=IntroductionOrigin.SPEED_DATING,
            note="Speed-dating de Poitiers : à poursuivre des deux côtés.",
        )
        created += 1

    endorsements = 0
    for giver, receiver, author, text in (
        (
            "la-poste-poitou-charentes",
            "ateliers-du-bocage",
            None,
            "Collecte et recyclage de nos consommables depuis trois ans : délais tenus, "
            "traçabilité exemplaire.",
        ),
        (
            "ateliers-du-bocage",
            "la-poste-poitou-charentes",
            None,
            "Un partenaire qui a fait entrer l'insertion dans ses achats, avec des volumes "
            "réguliers.",
        ),
        (
            "iris",
            "ateliers-du-bocage",
            julien,
            "Tournées de collecte mutualisées avec notre réseau : fiable et réactif.",
        ),
        (
            "orange-poitou-charentes",
            "secours-populaire-vienne",
            sophie,
            "Une équipe bénévole très organisée pour les ateliers numériques.",
        ),
    ):
        if Endorsement.objects.filter(from_actor=a[giver], to_actor=a[receiver]).exists():
            continue
        endorsement_create(from_actor=a[giver], to_actor=a[receiver], author=author, text=text)
        endorsements += 1
    if created or endorsements:
        profiles_refresh_dirty(limit=10**6)
        term_statistics_rebuild()
        say(f"Mise en relation : {created} demande(s), {endorsements} recommandation(s).")
    return {
        "introductions": Introduction.objects.filter(from_actor__source=Source.DEMO).count(),
        "introductions_accepted": Introduction.objects.filter(
            from_actor__source=Source.DEMO, status=IntroductionStatus.ACCEPTED
        ).count(),
        "endorsements": Endorsement.objects.active().filter(from_actor__source=Source.DEMO).count(),
    }
