"""Asking to join an organisation, to manage an unclaimed actor, and leaving."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.accounts.enums import ClaimStatus, MembershipStatus
from maillage.accounts.models import ClaimRequest, Membership
from maillage.accounts.tests.personas import build_cast
from maillage.actors.tests.factories import ActorFactory, CommuneFactory


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def orphan(cast):
    return ActorFactory(name="Académie de boxe", imported=True, seat_commune=CommuneFactory())


def test_join_and_claim_pages_ask_anonymous_visitors_to_sign_in(client, cast):
    for name in ("join", "claim", "leave"):
        url = reverse(f"actors:{name}", kwargs={"pk": cast.actor.pk})
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_join_and_claim_of_a_missing_actor_are_404(client, cast):
    client.force_login(cast.stranger)
    for name in ("join", "claim", "leave"):
        assert client.get(reverse(f"actors:{name}", kwargs={"pk": 987654})).status_code == 404


def test_a_signed_in_user_asks_to_join(client, cast, mailoutbox):
    client.force_login(cast.stranger)
    url = reverse("actors:join", kwargs={"pk": cast.actor.pk})
    assert "Envoyer ma demande" in client.get(url).content.decode()
    response = client.post(url, {"message": "Bénévole le mardi."})
    assert response["Location"] == reverse("accounts:dashboard")
    membership = Membership.objects.get(user=cast.stranger, actor=cast.actor)
    assert (membership.status, membership.message) == (
        MembershipStatus.PENDING,
        "Bénévole le mardi.",
    )
    assert mailoutbox[-1].to == [cast.admin.email]
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "en attente de réponse" in page


def test_join_page_tells_members_and_waiting_people_where_they_stand(client, cast):
    client.force_login(cast.member)
    page = client.get(reverse("actors:join", kwargs={"pk": cast.actor.pk})).content.decode()
    assert "déjà membre" in page
    client.force_login(cast.pending)
    page = client.get(reverse("actors:join", kwargs={"pk": cast.actor.pk})).content.decode()
    assert "en attente" in page


def test_join_page_of_an_actor_without_admin_offers_to_claim_it(client, cast, orphan):
    client.force_login(cast.stranger)
    page = client.get(reverse("actors:join", kwargs={"pk": orphan.pk})).content.decode()
    assert reverse("actors:claim", kwargs={"pk": orphan.pk}) in page
    response = client.post(reverse("actors:join", kwargs={"pk": orphan.pk}), {"message": ""})
    assert response.status_code == 200
    assert not Membership.objects.filter(actor=orphan).exists()


def test_claiming_an_unclaimed_actor_and_the_facilitator_approving(
    client, cast, orphan, mailoutbox
):
    client.force_login(cast.stranger)
    url = reverse("actors:claim", kwargs={"pk": orphan.pk})
    response = client.post(url, {"message": ""})
    assert response.context["form"].errors["message"]
    response = client.post(url, {"message": "Je suis l'entraîneur principal."})
    assert response["Location"] == reverse("accounts:dashboard")
    claim = ClaimRequest.objects.get(actor=orphan)
    assert mailoutbox[-1].to == [cast.facilitator_in.email]
    assert "en attente" in client.get(url).content.decode()

    client.force_login(cast.facilitator_in)
    client.post(reverse("accounts:claim_detail", kwargs={"pk": claim.pk}), {"decision": "approve"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    client.force_login(cast.stranger)
    assert client.get(reverse("actors:edit", kwargs={"pk": orphan.pk})).status_code == 200


def test_claim_page_of_an_administered_actor_points_to_joining(client, cast):
    client.force_login(cast.stranger)
    url = reverse("actors:claim", kwargs={"pk": cast.actor.pk})
    page = client.get(url).content.decode()
    assert reverse("actors:join", kwargs={"pk": cast.actor.pk}) in page
    client.post(url, {"message": "Moi."})
    assert not ClaimRequest.objects.exists()


def test_a_member_leaves_an_organisation(client, cast):
    client.force_login(cast.member)
    url = reverse("actors:leave", kwargs={"pk": cast.actor.pk})
    assert "Quitter" in client.get(url).content.decode()
    client.post(url)
    assert (
        Membership.objects.get(user=cast.member, actor=cast.actor).status
        == MembershipStatus.DEACTIVATED
    )


def test_the_last_admin_cannot_leave(client, cast):
    client.force_login(cast.admin)
    response = client.post(reverse("actors:leave", kwargs={"pk": cast.actor.pk}), follow=True)
    assert "au moins un administrateur" in response.content.decode()
    assert Membership.objects.get(user=cast.admin, actor=cast.actor).status == "active"


def test_leave_is_404_for_someone_who_is_not_an_active_member(client, cast):
    for user in (cast.stranger, cast.pending, cast.deactivated_admin):
        client.force_login(user)
        assert client.get(reverse("actors:leave", kwargs={"pk": cast.actor.pk})).status_code == 404
