"""Accounts rules: sign-up, organisations, memberships, invitations, claims, scopes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from maillage.accounts import services
from maillage.accounts.enums import ClaimStatus, MembershipRole, MembershipStatus
from maillage.accounts.models import ClaimRequest, FacilitatorScope, Membership, User
from maillage.accounts.tests.factories import (
    PASSWORD,
    ClaimRequestFactory,
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.accounts.tests.personas import build_cast
from maillage.actors.models import Actor
from maillage.actors.services import ActorInput
from maillage.actors.tests.factories import ActorFactory, CommuneFactory, valid_siret
from maillage.core.errors import DomainError, DomainValidationError


@pytest.fixture
def cast(db):
    return build_cast()


def _membership(user, actor) -> Membership:
    return Membership.objects.get(user=user, actor=actor)


def _invitation_token(message) -> str:
    match = re.search(r"/compte/invitation/([^/\s]+)/", message.body)
    assert match, message.body
    return match.group(1)


# --------------------------------------------------------------------------- users


def test_user_create_stores_a_lower_case_address_and_a_usable_password(db):
    user = services.user_create(
        email="  Camille.Martin@Exemple.ORG ", password=PASSWORD, display_name="  Camille   Martin "
    )
    assert user.email == "camille.martin@exemple.org"
    assert user.username == user.email
    assert user.display_name == "Camille Martin"
    assert user.check_password(PASSWORD)


def test_user_create_refuses_an_address_already_used_whatever_its_case(db):
    UserFactory(email="camille@exemple.org")
    with pytest.raises(DomainValidationError) as error:
        services.user_create(email="CAMILLE@exemple.org", password=PASSWORD, display_name="Camille")
    assert "email" in error.value.errors
    assert User.objects.count() == 1


def test_user_create_reports_every_bad_field_at_once(db):
    with pytest.raises(DomainValidationError) as error:
        services.user_create(email="pas-une-adresse", password="123", display_name=" ")
    assert set(error.value.errors) == {"email", "password", "display_name"}
    assert not User.objects.exists()


def test_user_create_rejects_a_password_too_close_to_the_address(db):
    with pytest.raises(DomainValidationError) as error:
        services.user_create(
            email="jeanne.dupont@exemple.org",
            password="jeannedupont@exemple",
            display_name="Jeanne Dupont",
        )
    assert "password" in error.value.errors


def test_signing_up_attaches_invitations_sent_to_that_address(cast, mailoutbox):
    invitation = services.membership_invite(
        actor=cast.actor, by=cast.admin, email="Future@Exemple.org"
    )
    assert invitation.user is None
    user = services.user_create(
        email="future@exemple.org", password=PASSWORD, display_name="Future Membre"
    )
    invitation.refresh_from_db()
    assert invitation.user == user
    assert invitation.status == MembershipStatus.INVITED


# --------------------------------------------------------------------------- organisations


def test_organisation_create_makes_its_creator_the_first_active_admin(db):
    user = UserFactory()
    actor = services.organisation_create(
        user=user, data=ActorInput(name="Épicerie solidaire Au Petit Plus", kind="association")
    )
    membership = _membership(user, actor)
    assert membership.role == MembershipRole.ADMIN
    assert membership.status == MembershipStatus.ACTIVE
    assert actor.source == "manual"


def test_organisation_create_with_an_invalid_siret_saves_nothing(db):
    user = UserFactory()
    with pytest.raises(DomainValidationError) as error:
        services.organisation_create(
            user=user,
            data=ActorInput(name="Mauvais SIRET", kind="association", siret="12345678901234"),
        )
    assert "siret" in error.value.errors
    assert not Actor.objects.exists()
    assert not Membership.objects.exists()


# --------------------------------------------------------------------------- join requests


def test_join_request_creates_a_pending_member_and_tells_the_admins(cast, mailoutbox):
    membership = services.membership_request(
        user=cast.stranger, actor=cast.actor, message="Je suis bénévole depuis 2020."
    )
    assert membership.status == MembershipStatus.PENDING
    assert membership.role == MembershipRole.MEMBER
    assert [m.to for m in mailoutbox] == [[cast.admin.email]]
    assert "demande à rejoindre" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("member", "already_member"),
        ("pending", "already_requested"),
    ],
)
def test_join_request_refuses_someone_already_member_or_waiting(cast, who, code):
    with pytest.raises(DomainError) as error:
        services.membership_request(user=getattr(cast, who), actor=cast.actor)
    assert error.value.code == code


def test_join_request_to_an_actor_without_admin_points_to_a_claim(cast):
    orphan = ActorFactory(imported=True)
    with pytest.raises(DomainError) as error:
        services.membership_request(user=cast.stranger, actor=orphan)
    assert error.value.code == "no_admin"
    assert not Membership.objects.filter(actor=orphan).exists()


def test_a_deactivated_member_may_ask_again_and_reuses_the_same_row(cast):
    before = _membership(cast.deactivated_admin, cast.actor)
    again = services.membership_request(user=cast.deactivated_admin, actor=cast.actor)
    assert again.pk == before.pk
    assert again.status == MembershipStatus.PENDING
    assert again.role == MembershipRole.MEMBER


def test_admin_approves_a_join_request_and_the_person_is_told(cast, mailoutbox):
    pending = _membership(cast.pending, cast.actor)
    services.membership_approve(membership=pending, by=cast.admin)
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.ACTIVE
    assert pending.role == MembershipRole.MEMBER
    assert pending.decided_by == cast.admin
    assert mailoutbox[-1].to == [cast.pending.email]


def test_admin_may_approve_a_join_request_as_admin(cast):
    pending = _membership(cast.pending, cast.actor)
    services.membership_approve(membership=pending, by=cast.admin, role=MembershipRole.ADMIN)
    pending.refresh_from_db()
    assert pending.is_admin


def test_admin_refuses_a_join_request_which_stays_on_record(cast):
    pending = _membership(cast.pending, cast.actor)
    services.membership_refuse(membership=pending, by=cast.admin, note="Inconnue chez nous.")
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.REFUSED
    assert pending.decision_note == "Inconnue chez nous."


@pytest.mark.parametrize("who", ["member", "other_admin", "facilitator_in", "stranger"])
def test_only_admins_and_staff_decide_join_requests(cast, who):
    pending = _membership(cast.pending, cast.actor)
    with pytest.raises(DomainError) as error:
        services.membership_approve(membership=pending, by=getattr(cast, who))
    assert error.value.code == "forbidden"
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING


def test_staff_may_decide_join_requests(cast):
    pending = _membership(cast.pending, cast.actor)
    services.membership_approve(membership=pending, by=cast.staff)
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.ACTIVE


def test_a_decided_request_cannot_be_decided_again(cast):
    pending = _membership(cast.pending, cast.actor)
    services.membership_approve(membership=pending, by=cast.admin)
    with pytest.raises(DomainError) as error:
        services.membership_refuse(membership=pending, by=cast.admin)
    assert error.value.code == "not_pending"


# --------------------------------------------------------------------------- last admin


def test_the_last_active_admin_cannot_be_demoted(cast):
    admin = _membership(cast.admin, cast.actor)
    with pytest.raises(DomainError) as error:
        services.membership_set_role(membership=admin, by=cast.admin, role=MembershipRole.MEMBER)
    assert error.value.code == "last_admin"
    assert error.value.field == "role"
    admin.refresh_from_db()
    assert admin.role == MembershipRole.ADMIN


def test_the_last_active_admin_cannot_be_deactivated_nor_leave(cast):
    admin = _membership(cast.admin, cast.actor)
    for by in (cast.admin, cast.staff):
        with pytest.raises(DomainError) as error:
            services.membership_deactivate(membership=admin, by=by)
        assert error.value.code == "last_admin"
    admin.refresh_from_db()
    assert admin.status == MembershipStatus.ACTIVE


def test_a_deactivated_admin_does_not_count_as_an_active_admin(cast):
    """``deactivated_admin`` keeps role admin on record but cannot save the last admin."""
    assert _membership(cast.deactivated_admin, cast.actor).role == MembershipRole.ADMIN
    with pytest.raises(DomainError):
        services.membership_deactivate(
            membership=_membership(cast.admin, cast.actor), by=cast.admin
        )


def test_once_another_admin_is_named_the_first_may_step_down(cast):
    member = _membership(cast.member, cast.actor)
    services.membership_set_role(membership=member, by=cast.admin, role=MembershipRole.ADMIN)
    admin = _membership(cast.admin, cast.actor)
    services.membership_set_role(membership=admin, by=cast.admin, role=MembershipRole.MEMBER)
    admin.refresh_from_db()
    assert admin.role == MembershipRole.MEMBER
    assert Membership.objects.filter(actor=cast.actor).admins().count() == 1


def test_deactivation_keeps_the_row_and_reactivation_brings_back_a_plain_member(cast):
    member = _membership(cast.member, cast.actor)
    services.membership_deactivate(membership=member, by=cast.admin)
    member.refresh_from_db()
    assert member.status == MembershipStatus.DEACTIVATED
    assert Membership.objects.filter(pk=member.pk).exists()
    services.membership_reactivate(membership=member, by=cast.admin)
    member.refresh_from_db()
    assert member.status == MembershipStatus.ACTIVE
    assert member.role == MembershipRole.MEMBER


def test_a_member_may_leave_by_themselves_but_not_remove_others(cast):
    other = MembershipFactory(actor=cast.actor)
    with pytest.raises(DomainError) as error:
        services.membership_deactivate(membership=other, by=cast.member)
    assert error.value.code == "forbidden"
    services.membership_deactivate(membership=_membership(cast.member, cast.actor), by=cast.member)
    assert _membership(cast.member, cast.actor).status == MembershipStatus.DEACTIVATED


def test_role_of_a_non_active_membership_cannot_change(cast):
    with pytest.raises(DomainError) as error:
        services.membership_set_role(
            membership=_membership(cast.pending, cast.actor),
            by=cast.admin,
            role=MembershipRole.ADMIN,
        )
    assert error.value.code == "not_active"


def test_unknown_role_is_refused_on_the_role_field(cast):
    with pytest.raises(DomainError) as error:
        services.membership_set_role(
            membership=_membership(cast.member, cast.actor), by=cast.admin, role="owner"
        )
    assert error.value.field == "role"


def test_membership_add_by_staff_makes_an_active_member_and_keeps_the_last_admin(cast):
    newcomer = UserFactory()
    membership = services.membership_add(
        actor=cast.actor, user=newcomer, role=MembershipRole.ADMIN, by=cast.staff
    )
    assert membership.is_admin
    with pytest.raises(DomainError):
        services.membership_add(
            actor=cast.other_actor, user=cast.other_admin, role=MembershipRole.MEMBER
        )


# --------------------------------------------------------------------------- invitations


def test_invitation_to_an_unknown_address_is_accepted_after_sign_up(cast, mailoutbox):
    invitation = services.membership_invite(
        actor=cast.actor,
        by=cast.admin,
        email="nouvelle@exemple.org",
        message="Bienvenue parmi nous !",
    )
    assert invitation.status == MembershipStatus.INVITED
    assert invitation.user is None
    assert mailoutbox[-1].to == ["nouvelle@exemple.org"]
    assert "Bienvenue parmi nous" in mailoutbox[-1].body
    token = _invitation_token(mailoutbox[-1])
    assert token not in invitation.invitation_token_hash  # only the hash is stored
    found = services.invitation_get_by_token(token=token)
    assert found == invitation

    newcomer = UserFactory(email="autre-adresse@exemple.org")
    accepted = services.membership_accept_invitation(user=newcomer, membership=found)
    assert accepted.user == newcomer
    assert accepted.status == MembershipStatus.ACTIVE
    assert accepted.invitation_token_hash == ""
    assert services.invitation_get_by_token(token=token) is None


def test_invitation_of_an_existing_user_is_theirs_only(cast, mailoutbox):
    invitation = services.membership_invite(
        actor=cast.actor, by=cast.admin, email=cast.stranger.email, role=MembershipRole.ADMIN
    )
    assert invitation.user == cast.stranger
    with pytest.raises(DomainError) as error:
        services.membership_accept_invitation(user=cast.other_admin, membership=invitation)
    assert error.value.code == "other_user"
    accepted = services.membership_accept_invitation(user=cast.stranger, membership=invitation)
    assert accepted.is_admin


def test_invitation_may_be_declined(cast, mailoutbox):
    invitation = services.membership_invite(
        actor=cast.actor, by=cast.admin, email=cast.stranger.email
    )
    services.membership_decline_invitation(user=cast.stranger, membership=invitation)
    invitation.refresh_from_db()
    assert invitation.status == MembershipStatus.REFUSED
    with pytest.raises(DomainError) as error:
        services.membership_accept_invitation(user=cast.stranger, membership=invitation)
    assert error.value.code == "not_invited"


def test_an_expired_invitation_cannot_be_accepted(cast, mailoutbox):
    invitation = services.membership_invite(
        actor=cast.actor, by=cast.admin, email=cast.stranger.email
    )
    Membership.objects.filter(pk=invitation.pk).update(
        invitation_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    invitation.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.membership_accept_invitation(user=cast.stranger, membership=invitation)
    assert error.value.code == "invitation_expired"


def test_inviting_again_sends_a_new_link_and_the_old_one_stops_working(cast, mailoutbox):
    services.membership_invite(actor=cast.actor, by=cast.admin, email="x@exemple.org")
    first = _invitation_token(mailoutbox[-1])
    services.membership_invite(actor=cast.actor, by=cast.admin, email="X@exemple.org")
    second = _invitation_token(mailoutbox[-1])
    assert first != second
    assert services.invitation_get_by_token(token=first) is None
    assert services.invitation_get_by_token(token=second) is not None
    assert Membership.objects.filter(actor=cast.actor, invited_email="x@exemple.org").count() == 1


def test_inviting_someone_who_asked_to_join_validates_their_request(cast, mailoutbox):
    result = services.membership_invite(actor=cast.actor, by=cast.admin, email=cast.pending.email)
    assert result.status == MembershipStatus.ACTIVE
    assert result.user == cast.pending


def test_inviting_a_member_is_an_error_on_the_email_field(cast):
    with pytest.raises(DomainError) as error:
        services.membership_invite(actor=cast.actor, by=cast.admin, email=cast.member.email)
    assert (error.value.field, error.value.code) == ("email", "already_member")


def test_invalid_address_is_an_error_on_the_email_field(cast):
    with pytest.raises(DomainError) as error:
        services.membership_invite(actor=cast.actor, by=cast.admin, email="pas une adresse")
    assert error.value.field == "email"


def test_only_admins_and_staff_invite(cast, mailoutbox):
    with pytest.raises(DomainError) as error:
        services.membership_invite(actor=cast.actor, by=cast.member, email="x@exemple.org")
    assert error.value.code == "forbidden"
    assert not mailoutbox


def test_an_invitation_link_accepted_by_someone_with_an_old_request_merges_rows(cast, mailoutbox):
    services.membership_invite(
        actor=cast.actor, by=cast.admin, email="autre@exemple.org", role=MembershipRole.ADMIN
    )
    invitation = services.invitation_get_by_token(token=_invitation_token(mailoutbox[-1]))
    accepted = services.membership_accept_invitation(user=cast.pending, membership=invitation)
    assert accepted == _membership(cast.pending, cast.actor)
    assert accepted.is_admin
    invitation.refresh_from_db()
    assert invitation.status == MembershipStatus.REFUSED


def test_admin_withdraws_an_invitation(cast, mailoutbox):
    invitation = services.membership_invite(actor=cast.actor, by=cast.admin, email="x@exemple.org")
    services.membership_refuse(membership=invitation, by=cast.admin)
    invitation.refresh_from_db()
    assert invitation.status == MembershipStatus.REFUSED
    assert invitation.invitation_token_hash == ""


# --------------------------------------------------------------------------- claims


def test_claim_on_an_actor_without_admin_is_approved_by_a_covering_facilitator(cast, mailoutbox):
    orphan = ActorFactory(imported=True, seat_commune=CommuneFactory())
    claim = services.claim_request_create(
        user=cast.stranger, actor=orphan, message="Je suis la trésorière."
    )
    assert claim.status == ClaimStatus.PENDING
    assert mailoutbox[-1].to == [cast.facilitator_in.email]

    membership = services.claim_request_approve(
        claim=claim, by=cast.facilitator_in, note="Vérifié par téléphone."
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert claim.decided_by == cast.facilitator_in
    assert membership.is_admin
    assert membership.user == cast.stranger
    assert mailoutbox[-1].to == [cast.stranger.email]


def test_a_claim_without_any_covering_facilitator_is_sent_to_staff(cast, mailoutbox):
    orphan = ActorFactory(imported=True)  # no seat: no facilitator covers it
    services.claim_request_create(user=cast.stranger, actor=orphan, message="Président.")
    assert mailoutbox[-1].to == [cast.staff.email]


@pytest.mark.parametrize("who", ["facilitator_out", "admin", "member", "other_admin"])
def test_only_a_covering_facilitator_or_staff_decides_a_claim(cast, who):
    claim = ClaimRequestFactory()
    with pytest.raises(DomainError) as error:
        services.claim_request_approve(claim=claim, by=getattr(cast, who))
    assert error.value.code == "forbidden"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING
    assert not Membership.objects.filter(actor=claim.actor).exists()


def test_staff_decides_any_claim(cast):
    claim = ClaimRequestFactory()
    services.claim_request_approve(claim=claim, by=cast.staff)
    assert Membership.objects.filter(actor=claim.actor).admins().count() == 1


def test_a_facilitator_cannot_decide_their_own_claim(cast):
    claim = ClaimRequestFactory(user=cast.facilitator_in)
    with pytest.raises(DomainError) as error:
        services.claim_request_approve(claim=claim, by=cast.facilitator_in)
    assert error.value.code == "own_claim"


def test_rejecting_a_claim_needs_a_note_and_tells_the_claimant(cast, mailoutbox):
    claim = ClaimRequestFactory(user=cast.stranger)
    with pytest.raises(DomainError) as error:
        services.claim_request_reject(claim=claim, by=cast.facilitator_in, note="  ")
    assert error.value.field == "note"
    services.claim_request_reject(
        claim=claim, by=cast.facilitator_in, note="Personne ne vous connaît à l'association."
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert claim.decision_note == "Personne ne vous connaît à l'association."
    assert mailoutbox[-1].to == [cast.stranger.email]
    assert "Personne ne vous connaît" in mailoutbox[-1].body
    assert not Membership.objects.filter(actor=claim.actor).exists()


def test_a_decided_claim_cannot_be_decided_again(cast):
    claim = ClaimRequestFactory()
    services.claim_request_reject(claim=claim, by=cast.facilitator_in, note="Non.")
    with pytest.raises(DomainError) as error:
        services.claim_request_approve(claim=claim, by=cast.facilitator_in)
    assert error.value.code == "not_pending"


def test_approving_one_claim_rejects_the_other_pending_claims_on_that_actor(cast):
    first = ClaimRequestFactory(user=cast.stranger)
    second = ClaimRequestFactory(user=cast.member, actor=first.actor)
    services.claim_request_approve(claim=first, by=cast.facilitator_in)
    second.refresh_from_db()
    assert second.status == ClaimStatus.REJECTED
    assert "rejoindre" in second.decision_note


def test_claims_are_refused_on_an_actor_that_has_an_admin(cast):
    with pytest.raises(DomainError) as error:
        services.claim_request_create(user=cast.stranger, actor=cast.actor, message="Moi.")
    assert error.value.code == "has_admin"
    assert not ClaimRequest.objects.exists()


def test_a_claim_needs_a_justification_and_is_not_duplicated(cast):
    orphan = ActorFactory(imported=True)
    with pytest.raises(DomainError) as error:
        services.claim_request_create(user=cast.stranger, actor=orphan, message="")
    assert error.value.field == "message"
    services.claim_request_create(user=cast.stranger, actor=orphan, message="Directrice.")
    with pytest.raises(DomainError) as error:
        services.claim_request_create(user=cast.stranger, actor=orphan, message="Encore.")
    assert error.value.code == "already_requested"


def test_approving_a_claim_of_a_former_member_reuses_their_row(cast):
    orphan = ActorFactory(imported=True, in_poitiers=True)
    old = MembershipFactory(user=cast.stranger, actor=orphan, deactivated=True)
    claim = ClaimRequestFactory(user=cast.stranger, actor=orphan)
    membership = services.claim_request_approve(claim=claim, by=cast.facilitator_in)
    assert membership.pk == old.pk
    assert membership.is_admin


# --------------------------------------------------------------------------- scopes


def test_facilitator_scope_add_normalises_and_is_idempotent(cast):
    user = UserFactory()
    first = services.facilitator_scope_add(user=user, territory_code="DEP:86")
    again = services.facilitator_scope_add(
        user=user, territory_code="dep:86", organisation=cast.actor
    )
    assert first.pk == again.pk
    assert again.territory_code == "dep:86"
    assert again.organisation == cast.actor


@pytest.mark.parametrize("code", ["dep:99", "com:12345", "nimporte", ""])
def test_facilitator_scope_add_refuses_an_unknown_territory(cast, code):
    with pytest.raises(DomainError) as error:
        services.facilitator_scope_add(user=cast.stranger, territory_code=code)
    assert (error.value.field, error.value.code) == ("territory_code", "unknown_territory")
    assert not FacilitatorScope.objects.filter(user=cast.stranger).exists()


def test_facilitator_scope_remove_deletes_it(cast):
    scope = FacilitatorScopeFactory(user=cast.stranger)
    services.facilitator_scope_remove(scope=scope)
    assert not FacilitatorScope.objects.filter(pk=scope.pk).exists()


def test_valid_siret_helper_makes_checksum_valid_identifiers():
    from maillage.core.siret import is_valid_siren, is_valid_siret

    for number in range(1, 30):
        siret = valid_siret(number)
        assert is_valid_siret(siret)
        assert is_valid_siren(siret[:9])
