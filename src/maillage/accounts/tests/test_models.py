"""Invariants the database itself keeps for memberships, and migrations in sync."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from maillage.accounts.models import Membership, User
from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.actors.tests.factories import ActorFactory


def test_a_user_has_one_membership_row_per_organisation(db):
    membership = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=membership.user, actor=membership.actor)


def test_a_membership_names_a_user_or_an_invited_address(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(actor=ActorFactory(), status="invited")


def test_one_open_invitation_per_address_and_organisation(db):
    actor = ActorFactory()
    Membership.objects.create(actor=actor, status="invited", invited_email="a@exemple.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(actor=actor, status="invited", invited_email="a@exemple.org")


def test_sign_in_lookup_ignores_the_case_of_the_address(db):
    user = UserFactory(email="camille@exemple.org")
    assert User.objects.get_by_natural_key("Camille@Exemple.ORG") == user


def test_user_is_shown_by_display_name(db):
    assert str(UserFactory(display_name="Camille Martin")) == "Camille Martin"


def test_accounts_migrations_are_in_sync_with_the_models(db):
    call_command("makemigrations", "accounts", "--check", "--dry-run", verbosity=0)
