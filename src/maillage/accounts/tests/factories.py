"""Shared factories for users, memberships, facilitator scopes and claims.

Shared by every app's tests: add to this file, do not rewrite what is here. Every user's
password is ``PASSWORD``.
"""

from __future__ import annotations

import factory

from maillage.accounts.enums import ClaimStatus, MembershipRole, MembershipStatus
from maillage.accounts.models import ClaimRequest, FacilitatorScope, Membership, User
from maillage.actors.tests.factories import ActorFactory

PASSWORD = "un-mot-de-passe-solide-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up person. Traits: ``staff``."""

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.org")
    username = factory.LazyAttribute(lambda o: o.email)
    display_name = factory.Sequence(lambda n: f"Personne {n}")
    password = factory.django.Password(PASSWORD)
    is_active = True

    class Params:
        staff = factory.Trait(is_staff=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active plain member. Traits: ``admin``, ``pending`` (join request), ``invited``,
    ``deactivated``."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    actor = factory.SubFactory(ActorFactory)
    role = MembershipRole.MEMBER
    status = MembershipStatus.ACTIVE

    class Params:
        admin = factory.Trait(role=MembershipRole.ADMIN)
        pending = factory.Trait(status=MembershipStatus.PENDING)
        invited = factory.Trait(status=MembershipStatus.INVITED)
        deactivated = factory.Trait(status=MembershipStatus.DEACTIVATED)


class FacilitatorScopeFactory(factory.django.DjangoModelFactory):
    """A facilitator (animateur) covering the Vienne département by default."""

    class Meta:
        model = FacilitatorScope

    user = factory.SubFactory(UserFactory)
    territory_code = "dep:86"


class ClaimRequestFactory(factory.django.DjangoModelFactory):
    """A pending request to manage an imported actor."""

    class Meta:
        model = ClaimRequest

    user = factory.SubFactory(UserFactory)
    actor = factory.SubFactory(ActorFactory, imported=True, in_poitiers=True)
    message = "Je suis la présidente de cette association depuis 2019."
    status = ClaimStatus.PENDING
