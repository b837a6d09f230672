"""The cast of the permission tests: one organisation in Poitiers and everyone around it.

``build_cast()`` creates them; every test module that needs them declares
``@pytest.fixture def cast(db): return build_cast()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from maillage.accounts.models import User
from maillage.accounts.tests.factories import (
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory, CommuneFactory, DepartementFactory


@dataclass
class Cast:
    actor: Actor  # "Les Ateliers du Clain", seated in Poitiers (Vienne, 86)
    other_actor: Actor  # another organisation, with its own admin
    admin: User  # active admin of ``actor``
    member: User  # active plain member of ``actor``
    deactivated_admin: User  # was admin of ``actor``, deactivated
    pending: User  # asked to join ``actor``, not yet validated
    other_admin: User  # admin of ``other_actor`` only
    stranger: User  # signed in, no relation to anyone
    facilitator_in: User  # animateur of the Vienne (covers ``actor``)
    facilitator_out: User  # animateur of the Val-de-Marne (does not)
    staff: User

    def roles(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "stranger": self.stranger,
            "member": self.member,
            "deactivated_admin": self.deactivated_admin,
            "pending": self.pending,
            "other_admin": self.other_admin,
            "facilitator_in": self.facilitator_in,
            "facilitator_out": self.facilitator_out,
            "admin": self.admin,
            "staff": self.staff,
        }


def charenton_departement() -> None:
    DepartementFactory(
        code="94", name="Val-de-Marne", region__code="11", region__name="Île-de-France"
    )


def build_cast() -> Cast:
    poitiers = CommuneFactory()
    charenton_departement()
    actor = ActorFactory(name="Les Ateliers du Clain", seat_commune=poitiers)
    other_actor = ActorFactory(name="Entreprise Voisine", company=True, seat_commune=poitiers)
    admin = UserFactory(email="admin@ateliers.example", display_name="Alice Admin")
    member = UserFactory(email="membre@ateliers.example", display_name="Marc Membre")
    deactivated_admin = UserFactory(email="ancien@ateliers.example", display_name="Denis Désactivé")
    pending = UserFactory(email="candidat@ateliers.example", display_name="Paule Postule")
    other_admin = UserFactory(email="admin@voisine.example", display_name="Olivier Autre")
    MembershipFactory(user=admin, actor=actor, admin=True)
    MembershipFactory(user=member, actor=actor)
    MembershipFactory(user=deactivated_admin, actor=actor, admin=True, deactivated=True)
    MembershipFactory(user=pending, actor=actor, pending=True)
    MembershipFactory(user=other_admin, actor=other_actor, admin=True)
    facilitator_in = UserFactory(email="animatrice@vienne.example", display_name="Fanny Animatrice")
    FacilitatorScopeFactory(user=facilitator_in, territory_code="dep:86")
    facilitator_out = UserFactory(
        email="animateur@valdemarne.example", display_name="Fabien Ailleurs"
    )
    FacilitatorScopeFactory(user=facilitator_out, territory_code="dep:94")
    return Cast(
        actor=actor,
        other_actor=other_actor,
        admin=admin,
        member=member,
        deactivated_admin=deactivated_admin,
        pending=pending,
        other_admin=other_admin,
        stranger=UserFactory(email="passant@exemple.org", display_name="Pierre Passant"),
        facilitator_in=facilitator_in,
        facilitator_out=facilitator_out,
        staff=UserFactory(email="equipe@maillage.example", staff=True),
    )
