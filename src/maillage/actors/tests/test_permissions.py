"""Who may edit an actor, see its contacts, manage its members and decide claims."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from maillage.accounts.tests.factories import FacilitatorScopeFactory, UserFactory
from maillage.accounts.tests.personas import build_cast
from maillage.actors.permissions import (
    access_actor_for_edit,
    access_actor_for_members,
    access_actor_for_request,
    actors_covered_by,
    actors_editable_by,
    can_decide_claim,
    can_edit_actor,
    can_manage_members,
    can_view_contacts,
    facilitator_covers,
    facilitator_territory_filter,
    is_admin_of,
    is_facilitator,
    is_member,
)
from maillage.actors.tests.factories import ActorFactory, CommuneFactory


@pytest.fixture
def cast(db):
    return build_cast()


EDITORS = {"admin", "staff"}
CONTACT_VIEWERS = {"admin", "member", "facilitator_in", "staff"}
CLAIM_DECIDERS = {"facilitator_in", "staff"}


def _user(cast, role):
    return cast.roles()[role] or AnonymousUser()


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "stranger",
        "member",
        "deactivated_admin",
        "pending",
        "other_admin",
        "facilitator_in",
        "facilitator_out",
        "admin",
        "staff",
    ],
)
def test_role_matrix_for_edit_contacts_members_and_claims(cast, role):
    user = _user(cast, role)
    assert can_edit_actor(user, cast.actor) is (role in EDITORS)
    assert can_manage_members(user, cast.actor) is (role in EDITORS)
    assert can_view_contacts(user, cast.actor) is (role in CONTACT_VIEWERS)
    assert can_decide_claim(user, cast.actor) is (role in CLAIM_DECIDERS)
    assert (cast.actor in actors_editable_by(user)) is (role in EDITORS)


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "stranger",
        "member",
        "deactivated_admin",
        "other_admin",
        "facilitator_in",
        "facilitator_out",
    ],
)
def test_access_for_edit_and_members_answers_404_to_the_forbidden(cast, role):
    user = _user(cast, role)
    with pytest.raises(Http404):
        access_actor_for_edit(user, cast.actor.pk)
    with pytest.raises(Http404):
        access_actor_for_members(user, cast.actor.pk)


def test_access_for_edit_answers_404_for_a_missing_actor_even_to_staff(cast):
    with pytest.raises(Http404):
        access_actor_for_edit(cast.staff, 987654)


def test_access_for_edit_returns_the_actor_to_its_admin(cast):
    assert access_actor_for_edit(cast.admin, cast.actor.pk) == cast.actor
    assert access_actor_for_members(cast.staff, cast.actor.pk) == cast.actor


def test_admin_of_one_organisation_cannot_edit_another(cast):
    assert can_edit_actor(cast.other_admin, cast.other_actor)
    assert not can_edit_actor(cast.other_admin, cast.actor)
    assert not can_edit_actor(cast.admin, cast.other_actor)


def test_a_deactivated_user_account_loses_every_right(cast):
    cast.admin.is_active = False
    cast.admin.save()
    assert not can_edit_actor(cast.admin, cast.actor)
    assert not can_view_contacts(cast.admin, cast.actor)


def test_inactive_staff_cannot_edit(cast):
    cast.staff.is_active = False
    cast.staff.save()
    assert not can_edit_actor(cast.staff, cast.actor)


def test_membership_predicates_count_only_active_rows(cast):
    assert is_member(cast.member, cast.actor)
    assert not is_member(cast.pending, cast.actor)
    assert not is_member(cast.deactivated_admin, cast.actor)
    assert is_admin_of(cast.admin, cast.actor)
    assert not is_admin_of(cast.member, cast.actor)
    assert not is_admin_of(cast.deactivated_admin, cast.actor)


@pytest.mark.parametrize(
    ("code", "covers"),
    [
        ("com:86194", True),
        ("epci:200069854", True),
        ("dep:86", True),
        ("reg:75", True),
        ("fr", True),
        ("com:86066", False),
        ("dep:79", False),
        ("reg:11", False),
    ],
)
def test_facilitator_covers_actors_seated_inside_their_territory(db, code, covers):
    actor = ActorFactory(in_poitiers=True)
    user = UserFactory()
    FacilitatorScopeFactory(user=user, territory_code=code)
    assert facilitator_covers(user, actor) is covers
    assert (actor in actors_covered_by(user)) is covers


def test_facilitator_with_several_territories_covers_their_union(db):
    poitiers = ActorFactory(in_poitiers=True)
    charenton_commune = CommuneFactory(
        code="94018",
        name="Charenton-le-Pont",
        departement__code="94",
        departement__name="Val-de-Marne",
        departement__region__code="11",
        departement__region__name="Île-de-France",
        epci=None,
        main_postal_code="94220",
    )
    charenton = ActorFactory(seat_commune=charenton_commune)
    elsewhere = ActorFactory()
    user = UserFactory()
    FacilitatorScopeFactory(user=user, territory_code="com:86194")
    FacilitatorScopeFactory(user=user, territory_code="dep:94")
    covered = set(actors_covered_by(user))
    assert covered == {poitiers, charenton}
    assert elsewhere not in covered


def test_a_user_without_scope_is_no_facilitator_and_covers_nothing(cast):
    assert not is_facilitator(cast.member)
    assert facilitator_territory_filter(cast.member) is None
    assert not actors_covered_by(cast.member).exists()
    assert is_facilitator(cast.facilitator_in)


def test_staff_covers_every_actor(cast):
    assert set(actors_covered_by(cast.staff)) == {cast.actor, cast.other_actor}


def test_asking_to_join_or_claim_needs_a_signed_in_user_and_an_existing_actor(cast):
    assert access_actor_for_request(cast.stranger, cast.actor.pk) == cast.actor
    with pytest.raises(Http404):
        access_actor_for_request(AnonymousUser(), cast.actor.pk)
    with pytest.raises(Http404):
        access_actor_for_request(cast.stranger, 987654)
