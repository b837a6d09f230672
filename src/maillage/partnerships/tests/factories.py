"""Factories and the cast of the partnership tests.

``partnership_between(a, b, …)`` goes through ``partnership_create_draft`` (as users and
other apps do), so a partnership made here has its parties, checklist, territory and
timeline. ``build_world()`` adds to the accounts' cast (``accounts.tests.personas``) a
partner company with its own member and a partnership between the two organisations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from maillage.accounts.models import User
from maillage.accounts.tests.factories import (
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.accounts.tests.personas import Cast, build_cast
from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory, CommuneFactory
from maillage.partnerships import services
from maillage.partnerships.enums import ContributionKind, PartnershipOrigin
from maillage.partnerships.models import Partnership, Party

START = dt.date(2025, 1, 6)


def partnership_between(
    *actors: Actor,
    by: User | None = None,
    origin: str = PartnershipOrigin.DIRECT,
    title: str = "",
    **changes: Any,
) -> Partnership:
    """A draft partnership between ``actors``; ``changes`` are then applied through
    ``partnership_update`` (``partnership_type="mecenat"``, ``starts_on=…``)."""
    partnership = services.partnership_create_draft(
        created_by=by, parties=list(actors), origin=origin, title=title
    )
    if changes:
        partnership = services.partnership_update(
            partnership=partnership,
            user=by,
            changes=changes,
            expected_version=partnership.version,
        )
    return partnership


def make_active(partnership: Partnership, *, by: User | None = None) -> Partnership:
    """Idea → under construction → active (with a type and a start date if missing)."""
    changes: dict[str, Any] = {}
    if partnership.partnership_type_id is None:
        changes["partnership_type"] = "mecenat"
    if partnership.starts_on is None:
        changes["starts_on"] = START
    if changes:
        partnership = services.partnership_update(
            partnership=partnership, user=by, changes=changes, expected_version=partnership.version
        )
    partnership = services.partnership_transition(
        partnership=partnership, to_status="en_construction", user=by
    )
    return services.partnership_transition(partnership=partnership, to_status="active", user=by)


def add_contribution(
    partnership: Partnership,
    party: Party,
    *,
    kind: str = ContributionKind.FINANCEMENT,
    amount: str | None = "1000",
    hours: str | None = None,
    people: int | None = None,
    status: str = "engagee",
    description: str = "Soutien au projet",
    by: User | None = None,
) -> Any:
    return services.contribution_create(
        partnership=partnership,
        data=services.ContributionInput(
            party=party,
            kind=kind,
            description=description,
            starts_on=START,
            amount_eur=Decimal(amount) if amount is not None else None,
            hours=Decimal(hours) if hours is not None else None,
            people=people,
            status=status,
        ),
        user=by,
    )


@dataclass
class World:
    """Les Ateliers du Clain (association, Poitiers) and Entreprise Partenaire (company,
    Poitiers) in a partnership; everyone around them (see ``roles``)."""

    cast: Cast
    partner: Actor
    partner_member: User
    facilitator_epci: User  # animateur of Grand Poitiers only (covers the territory)
    partnership: Partnership

    @property
    def association_party(self) -> Party:
        return self.partnership.parties.get(actor=self.cast.actor)

    @property
    def company_party(self) -> Party:
        return self.partnership.parties.get(actor=self.partner)

    def roles(self) -> dict[str, User | None]:
        return {
            **self.cast.roles(),
            "partner_member": self.partner_member,
            "facilitator_epci": self.facilitator_epci,
        }


VIEWERS = [
    "member",
    "admin",
    "partner_member",
    "facilitator_in",
    "facilitator_epci",
    "staff",
]
EDITORS = ["member", "admin", "partner_member", "staff"]
OUTSIDERS = [
    "stranger",
    "deactivated_admin",
    "pending",
    "other_admin",
    "facilitator_out",
]


def build_world() -> World:
    cast = build_cast()
    poitiers = CommuneFactory()
    partner = ActorFactory(name="Entreprise Partenaire", entreprise=True, seat_commune=poitiers)
    partner_member = UserFactory(
        email="salariee@partenaire.example", display_name="Inès Partenaire"
    )
    MembershipFactory(user=partner_member, actor=partner)
    facilitator_epci = UserFactory(email="animateur@grandpoitiers.example")
    FacilitatorScopeFactory(user=facilitator_epci, territory_code="epci:200069854")
    partnership = partnership_between(
        cast.actor, partner, by=cast.admin, title="Ateliers numériques solidaires"
    )
    return World(
        cast=cast,
        partner=partner,
        partner_member=partner_member,
        facilitator_epci=facilitator_epci,
        partnership=partnership,
    )


def chatellerault_actor(name: str = "Régie de quartier de Châtellerault") -> Actor:
    commune = CommuneFactory(
        code="86066", name="Châtellerault", epci=None, main_postal_code="86100"
    )
    return ActorFactory(name=name, seat_commune=commune)
