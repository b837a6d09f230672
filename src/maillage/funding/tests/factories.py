"""The cast of the funding tests, built on the partnerships' one.

``build_funding_world()`` adds to ``partnerships.tests.factories.build_world()`` a funder
(« Fonds de péréquation de la Vienne », seated in Poitiers) with an admin and a plain
member, an active partnership funded by an envelope of 45 000 € on the Vienne, another
active partnership in the Vienne that the envelope does not fund (with its own member),
and a programme facilitator. Everything goes through the services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from maillage.accounts.models import User
from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory, CommuneFactory
from maillage.funding import services
from maillage.funding.models import Allocation, Envelope
from maillage.partnerships.models import Partnership
from maillage.partnerships.tests.factories import (
    World,
    build_world,
    make_active,
    partnership_between,
)

PERIOD_START = dt.date(2025, 1, 1)
PERIOD_END = dt.date(2025, 12, 31)


def envelope_create(
    *,
    funder: Actor | None,
    budget: str = "45000",
    territory: str = "dep:86",
    title: str = "Fonds de péréquation 2025 — Vienne",
    programme_id: int | None = None,
    user: User | None = None,
    **fields: Any,
) -> Envelope:
    return services.envelope_create(
        data=services.EnvelopeInput(
            title=title,
            budget_eur=Decimal(budget),
            starts_on=fields.pop("starts_on", PERIOD_START),
            ends_on=fields.pop("ends_on", PERIOD_END),
            territory_code=territory,
            funder=funder,
            programme_id=programme_id,
            description=fields.pop(
                "description", "Soutien aux partenariats des quartiers prioritaires."
            ),
        ),
        user=user,
    )


def allocate(
    envelope: Envelope,
    partnership: Partnership,
    amount: str = "12000",
    *,
    decided_on: dt.date = dt.date(2025, 3, 1),
    purpose: str = "Permanences d'accès aux droits",
) -> Allocation:
    return services.allocation_create(
        envelope=envelope,
        partnership=partnership,
        data=services.AllocationInput(
            amount_eur=Decimal(amount), decided_on=decided_on, purpose=purpose
        ),
        user=None,
    )


def spend(
    allocation: Allocation, amount: str = "1000", *, on: dt.date = dt.date(2025, 4, 1)
) -> Any:
    return services.expense_record(
        allocation=allocation,
        data=services.ExpenseInput(
            amount_eur=Decimal(amount),
            spent_on=on,
            description="Vacations de médiation",
            evidence="Facture 2025-014",
        ),
        user=None,
    )


@dataclass
class FundingWorld:
    world: World
    funder: Actor
    funder_admin: User
    funder_member: User
    other_partnership: Partnership
    other_party_member: User
    envelope: Envelope
    allocation: Allocation

    @property
    def funded(self) -> Partnership:
        return self.world.partnership

    def roles(self) -> dict[str, User | None]:
        """Everyone, by the name the permission tables use."""
        cast = self.world.cast
        return {
            "anonymous": None,
            "stranger": cast.stranger,
            "staff": cast.staff,
            "funder_admin": self.funder_admin,
            "funder_member": self.funder_member,
            "facilitator_in": cast.facilitator_in,  # Vienne: covers the envelope
            "facilitator_epci": self.world.facilitator_epci,  # Grand Poitiers: inside it only
            "facilitator_out": cast.facilitator_out,  # Val-de-Marne
            "party_admin": cast.admin,  # admin of a funded party
            "party_member": cast.member,
            "partner_member": self.world.partner_member,  # member of the other funded party
            "other_party_member": self.other_party_member,  # party to an unfunded partnership
            "other_admin": cast.other_admin,
            "deactivated_admin": cast.deactivated_admin,
            "pending": cast.pending,
        }


def build_funding_world() -> FundingWorld:
    world = build_world()
    partnership = make_active(world.partnership, by=world.cast.admin)
    poitiers = CommuneFactory()
    funder = ActorFactory(
        name="Fonds de péréquation de la Vienne", company=True, seat_commune=poitiers
    )
    funder_admin = UserFactory(email="admin@perequation.example", display_name="Fanny Financeuse")
    MembershipFactory(user=funder_admin, actor=funder, admin=True)
    funder_member = UserFactory(email="membre@perequation.example", display_name="Michel Membre")
    MembershipFactory(user=funder_member, actor=funder)
    other_a = ActorFactory(name="Régie de quartier des Couronneries", seat_commune=poitiers)
    other_b = ActorFactory(name="Entreprise des Couronneries", company=True, seat_commune=poitiers)
    other_party_member = UserFactory(email="membre@regie.example", display_name="Rita Régie")
    MembershipFactory(user=other_party_member, actor=other_a)
    other = make_active(
        partnership_between(other_a, other_b, title="Jardins partagés des Couronneries")
    )
    envelope = envelope_create(funder=funder)
    allocation = allocate(envelope, partnership)
    return FundingWorld(
        world=world,
        funder=funder,
        funder_admin=funder_admin,
        funder_member=funder_member,
        other_partnership=other,
        other_party_member=other_party_member,
        envelope=envelope,
        allocation=allocation,
    )
