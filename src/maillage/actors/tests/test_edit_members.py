"""The members page: invitations, join requests, roles, deactivation, over HTTP."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import Membership
from maillage.accounts.tests.personas import build_cast


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast.admin)
    return client


def _row(cast, user) -> Membership:
    return Membership.objects.get(actor=cast.actor, user=user)


def _url(name, cast, membership=None):
    kwargs = {"pk": cast.actor.pk}
    if membership is not None:
        kwargs["membership_pk"] = membership.pk
    return reverse(f"actors:{name}", kwargs=kwargs)


def test_members_page_groups_people_by_status(admin_client, cast):
    response = admin_client.get(_url("members", cast))
    groups = response.context["groups"]
    assert {m.user for m in groups.active} == {cast.admin, cast.member}
    assert [m.user for m in groups.pending] == [cast.pending]
    assert [m.user for m in groups.deactivated] == [cast.deactivated_admin]
    assert groups.active[0].user == cast.admin  # admins first
    assert "Inviter une personne" in response.content.decode()


def test_invite_sends_an_email_and_lists_the_invitation(admin_client, cast, mailoutbox):
    response = admin_client.post(
        _url("member_invite", cast), {"email": "Nouvelle@Exemple.org", "role": "admin"}
    )
    assert response["Location"] == _url("members", cast)
    assert mailoutbox[-1].to == ["nouvelle@exemple.org"]
    page = admin_client.get(_url("members", cast)).content.decode()
    assert "nouvelle@exemple.org" in page


def test_invite_errors_show_on_the_email_field(admin_client, cast, mailoutbox):
    response = admin_client.post(
        _url("member_invite", cast), {"email": cast.member.email, "role": "member"}
    )
    assert response.status_code == 200
    assert "déjà membre" in response.context["invite_form"].errors["email"][0]
    response = admin_client.post(_url("member_invite", cast), {"email": "", "role": "member"})
    assert response.context["invite_form"].errors["email"]
    assert not mailoutbox


def test_approving_a_request_from_the_page(admin_client, cast, mailoutbox):
    pending = _row(cast, cast.pending)
    response = admin_client.post(_url("member_approve", cast, pending), {"role": "member"})
    assert response["Location"] == _url("members", cast)
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.ACTIVE


def test_approving_from_my_space_comes_back_to_my_space(admin_client, cast, mailoutbox):
    pending = _row(cast, cast.pending)
    response = admin_client.post(
        _url("member_approve", cast, pending), {"next": reverse("accounts:dashboard")}
    )
    assert response["Location"] == reverse("accounts:dashboard")


def test_an_external_next_is_ignored(admin_client, cast, mailoutbox):
    pending = _row(cast, cast.pending)
    response = admin_client.post(
        _url("member_refuse", cast, pending), {"next": "https://mechant.example/"}
    )
    assert response["Location"] == _url("members", cast)


def test_demoting_the_last_admin_from_the_page_is_refused_with_a_message(admin_client, cast):
    admin = _row(cast, cast.admin)
    response = admin_client.post(_url("member_role", cast, admin), {"role": "member"}, follow=True)
    assert "au moins un administrateur" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == MembershipRole.ADMIN


def test_deactivating_the_last_admin_from_the_page_is_refused(admin_client, cast):
    admin = _row(cast, cast.admin)
    admin_client.post(_url("member_deactivate", cast, admin))
    admin.refresh_from_db()
    assert admin.status == MembershipStatus.ACTIVE


def test_a_membership_of_another_actor_is_404_through_this_actor(admin_client, cast):
    foreign = Membership.objects.get(actor=cast.other_actor)
    url = reverse(
        "actors:member_deactivate", kwargs={"pk": cast.actor.pk, "membership_pk": foreign.pk}
    )
    assert admin_client.post(url).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == MembershipStatus.ACTIVE


def test_actions_are_post_only(admin_client, cast):
    assert (
        admin_client.get(_url("member_deactivate", cast, _row(cast, cast.member))).status_code
        == 405
    )


def test_members_are_never_deleted(admin_client, cast):
    count = Membership.objects.count()
    member = _row(cast, cast.member)
    admin_client.post(_url("member_deactivate", cast, member))
    admin_client.post(_url("member_refuse", cast, _row(cast, cast.pending)))
    assert Membership.objects.count() == count
