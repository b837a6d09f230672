"""Staff manage users, memberships, facilitators and claims in the admin, by the rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.accounts.enums import ClaimStatus, MembershipStatus
from maillage.accounts.models import ClaimRequest, FacilitatorScope, Membership, User
from maillage.accounts.tests.factories import (
    PASSWORD,
    ClaimRequestFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.accounts.tests.personas import build_cast


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def staff_client(client, cast):
    cast.staff.is_superuser = True
    cast.staff.save()
    client.force_login(cast.staff)
    return client


@pytest.mark.parametrize("model", ["user", "membership", "facilitatorscope", "claimrequest"])
def test_staff_open_every_accounts_list(staff_client, model):
    ClaimRequestFactory()
    assert staff_client.get(reverse(f"admin:accounts_{model}_changelist")).status_code == 200


def test_user_change_page_opens(staff_client, cast):
    url = reverse("admin:accounts_user_change", args=[cast.admin.pk])
    assert staff_client.get(url).status_code == 200


def test_staff_add_a_user_by_email(staff_client):
    response = staff_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nouvel.Agent@Exemple.org",
            "display_name": "Nouvel Agent",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "facilitator_scopes-TOTAL_FORMS": "0",
            "facilitator_scopes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="nouvel.agent@exemple.org")
    assert user.username == "nouvel.agent@exemple.org"
    assert user.check_password(PASSWORD)


def test_memberships_cannot_be_deleted_in_the_admin(staff_client, cast):
    membership = Membership.objects.get(user=cast.member, actor=cast.actor)
    url = reverse("admin:accounts_membership_delete", args=[membership.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_deactivate_action_keeps_the_last_admin_and_says_why(staff_client, cast):
    admin = Membership.objects.get(user=cast.admin, actor=cast.actor)
    member = Membership.objects.get(user=cast.member, actor=cast.actor)
    response = staff_client.post(
        reverse("admin:accounts_membership_changelist"),
        {
            "action": "deactivate",
            "_selected_action": [admin.pk, member.pk],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "au moins un administrateur" in page
    admin.refresh_from_db()
    member.refresh_from_db()
    assert admin.status == MembershipStatus.ACTIVE
    assert member.status == MembershipStatus.DEACTIVATED


def test_staff_add_an_active_member_in_the_admin(staff_client, cast):
    newcomer = UserFactory()
    response = staff_client.post(
        reverse("admin:accounts_membership_add"),
        {
            "user": newcomer.pk,
            "actor": cast.actor.pk,
            "role": "admin",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer, actor=cast.actor)
    assert membership.is_admin


def test_facilitator_scope_needs_a_known_territory(staff_client, cast):
    url = reverse("admin:accounts_facilitatorscope_add")
    response = staff_client.post(url, {"user": cast.stranger.pk, "territory_code": "dep:99"})
    assert response.status_code == 200
    assert "Territoire inconnu" in str(response.context["adminform"].form.errors)
    response = staff_client.post(url, {"user": cast.stranger.pk, "territory_code": "DEP:86"})
    assert response.status_code == 302
    assert FacilitatorScope.objects.get(user=cast.stranger).territory_code == "dep:86"


def test_claims_are_approved_by_an_admin_action_and_never_deleted(staff_client, cast):
    claim = ClaimRequestFactory(user=cast.stranger)
    staff_client.post(
        reverse("admin:accounts_claimrequest_changelist"),
        {
            "action": "approve",
            "_selected_action": [claim.pk],
        },
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert Membership.objects.get(actor=claim.actor).user == cast.stranger
    url = reverse("admin:accounts_claimrequest_delete", args=[claim.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 403
    assert ClaimRequest.objects.filter(pk=claim.pk).exists()


def test_claim_page_in_the_admin_links_to_the_decision_page(staff_client):
    claim = ClaimRequestFactory()
    page = staff_client.get(
        reverse("admin:accounts_claimrequest_change", args=[claim.pk])
    ).content.decode()
    assert reverse("accounts:claim_detail", kwargs={"pk": claim.pk}) in page


def test_membership_change_page_is_read_only(staff_client, cast):
    membership = MembershipFactory(actor=cast.other_actor)
    page = staff_client.get(
        reverse("admin:accounts_membership_change", args=[membership.pk])
    ).content.decode()
    assert 'name="role"' not in page
