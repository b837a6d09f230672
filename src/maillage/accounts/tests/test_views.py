"""Account pages over HTTP: sign-up, sign-in, password, « Mon espace », organisations,
invitations and claims."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from maillage.accounts.enums import ClaimStatus, MembershipRole, MembershipStatus
from maillage.accounts.models import ClaimRequest, Membership, User
from maillage.accounts.services import membership_invite
from maillage.accounts.tests.factories import (
    PASSWORD,
    ClaimRequestFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.accounts.tests.personas import build_cast
from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory, CommuneFactory, valid_siret


@pytest.fixture
def cast(db):
    return build_cast()


def _page(response) -> str:
    return response.content.decode()


# --------------------------------------------------------------------------- sign-up


def test_sign_up_creates_the_account_signs_in_and_opens_my_space(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "display_name": "Camille Martin",
            "email": "Camille@Exemple.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    user = User.objects.get()
    assert user.email == "camille@exemple.org"
    assert user.display_name == "Camille Martin"
    assert "Camille Martin" in _page(client.get(reverse("accounts:dashboard")))


def test_sign_up_shows_each_error_on_its_field_and_creates_nothing(client, db):
    UserFactory(email="prise@exemple.org")
    response = client.post(
        reverse("accounts:signup"),
        {
            "display_name": "",
            "email": "PRISE@exemple.org",
            "password1": "1234",
            "password2": "1234",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["display_name"]
    assert "existe déjà" in form.errors["email"][0]
    assert form.errors["password1"]
    assert User.objects.count() == 1
    assert 'aria-invalid="true"' in _page(response)


def test_sign_up_refuses_two_different_passwords(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "display_name": "Camille",
            "email": "camille@exemple.org",
            "password1": PASSWORD,
            "password2": PASSWORD + "x",
        },
    )
    assert "ne correspondent pas" in response.context["form"].errors["password2"][0]
    assert not User.objects.exists()


def test_sign_up_follows_a_safe_next_and_ignores_an_external_one(client, db):
    data = {
        "display_name": "A",
        "email": "a@exemple.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = client.post(reverse("accounts:signup") + "?next=/acteurs/", data)
    assert response["Location"] == "/acteurs/"
    client.logout()
    data["email"] = "b@exemple.org"
    response = client.post(reverse("accounts:signup") + "?next=https://mechant.example/", data)
    assert response["Location"] == reverse("accounts:dashboard")


def test_sign_up_page_is_french_and_labelled(client, db):
    page = _page(client.get(reverse("accounts:signup")))
    assert "Créer un compte" in page
    assert '<label for="id_email">' in page
    assert 'autocomplete="new-password"' in page


# --------------------------------------------------------------------------- sign-in, out


def test_sign_in_by_email_whatever_its_case(client, db):
    UserFactory(email="camille@exemple.org")
    response = client.post(
        reverse("accounts:login"), {"username": "CAMILLE@exemple.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_sign_in_with_a_wrong_password_says_so_in_french(client, db):
    UserFactory(email="camille@exemple.org")
    response = client.post(
        reverse("accounts:login"), {"username": "camille@exemple.org", "password": "mauvais"}
    )
    assert response.status_code == 200
    assert "mot de passe incorrect" in _page(response)


def test_sign_out_is_a_post(client, cast):
    client.force_login(cast.member)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_dashboard_requires_sign_in(client, db):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --------------------------------------------------------------------------- passwords


def test_password_reset_sends_a_french_email_with_a_working_link(client, db, mailoutbox):
    user = UserFactory(email="camille@exemple.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "Camille@exemple.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["camille@exemple.org"]
    assert "nouveau mot de passe" in message.subject
    assert "Bonjour" in message.body
    link = re.search(r"http://testserver(/compte/mot-de-passe-oublie/\S+/)", message.body)
    assert link, message.body
    response = client.get(link.group(1), follow=True)
    assert "Choisissez un nouveau mot de passe" in _page(response)
    new_password = "une-autre-phrase-secrete-2026"
    response = client.post(
        response.redirect_chain[-1][0],
        {
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(
    client, db, mailoutbox
):
    response = client.post(reverse("accounts:password_reset"), {"email": "x@exemple.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert not mailoutbox


def test_password_change_requires_the_old_password(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "faux",
            "new_password1": "phrase-secrete-neuve-42",
            "new_password2": "phrase-secrete-neuve-42",
        },
    )
    assert response.context["form"].errors["old_password"]
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "phrase-secrete-neuve-42",
            "new_password2": "phrase-secrete-neuve-42",
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    cast.member.refresh_from_db()
    assert cast.member.check_password("phrase-secrete-neuve-42")


def test_profile_page_changes_the_display_name(client, cast):
    client.force_login(cast.member)
    response = client.post(reverse("accounts:profile"), {"display_name": "Marc  Nouveau"})
    assert response.status_code == 302
    cast.member.refresh_from_db()
    assert cast.member.display_name == "Marc Nouveau"
    response = client.post(reverse("accounts:profile"), {"display_name": "  "})
    assert response.context["form"].errors["display_name"]


# --------------------------------------------------------------------------- dashboard


def test_dashboard_lists_my_organisations_with_role_and_edit_links(client, cast):
    client.force_login(cast.admin)
    page = _page(client.get(reverse("accounts:dashboard")))
    assert cast.actor.name in page
    assert "Administrateur" in page
    assert reverse("actors:edit", kwargs={"pk": cast.actor.pk}) in page
    assert reverse("actors:members", kwargs={"pk": cast.actor.pk}) in page
    assert reverse("accounts:organisation_create") in page
    # The join request waiting for a decision is shown with its buttons.
    assert cast.pending.email in page
    pending = Membership.objects.get(user=cast.pending, actor=cast.actor)
    assert (
        reverse("actors:member_approve", kwargs={"pk": cast.actor.pk, "membership_pk": pending.pk})
        in page
    )


def test_dashboard_of_a_plain_member_offers_no_edit_link(client, cast):
    client.force_login(cast.member)
    page = _page(client.get(reverse("accounts:dashboard")))
    assert cast.actor.name in page
    assert reverse("actors:edit", kwargs={"pk": cast.actor.pk}) not in page
    assert cast.pending.email not in page
    # Every member reaches the organisation's suggestions, introductions and partnerships.
    assert reverse("matching:suggestions", kwargs={"actor_id": cast.actor.pk}) in page
    assert reverse("matching:introductions") in page
    assert reverse("partnerships:list") in page


def test_dashboard_of_a_newcomer_shows_the_empty_state_and_entries(client, cast):
    client.force_login(cast.stranger)
    page = _page(client.get(reverse("accounts:dashboard")))
    assert "aucune organisation" in page
    assert reverse("accounts:organisation_create") in page
    assert reverse("actors:directory") in page


def test_dashboard_shows_invitations_to_accept(client, cast, mailoutbox):
    membership_invite(actor=cast.actor, by=cast.admin, email=cast.stranger.email)
    client.force_login(cast.stranger)
    page = _page(client.get(reverse("accounts:dashboard")))
    assert "Invitations reçues" in page
    invitation = Membership.objects.get(user=cast.stranger, actor=cast.actor)
    response = client.post(
        reverse("accounts:invitation_answer", kwargs={"pk": invitation.pk}), {"answer": "accept"}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == MembershipStatus.ACTIVE


def test_nobody_answers_someone_else_s_invitation(client, cast, mailoutbox):
    invitation = membership_invite(actor=cast.actor, by=cast.admin, email=cast.stranger.email)
    client.force_login(cast.member)
    response = client.post(
        reverse("accounts:invitation_answer", kwargs={"pk": invitation.pk}), {"answer": "accept"}
    )
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == MembershipStatus.INVITED


def test_dashboard_of_a_facilitator_lists_the_claims_of_their_territory(client, cast):
    inside = ClaimRequestFactory(actor__name="Club de boxe du Clain")
    outside = ClaimRequestFactory(
        actor__name="Académie de boxe de Charenton", actor__seat_commune=None
    )
    client.force_login(cast.facilitator_in)
    page = _page(client.get(reverse("accounts:dashboard")))
    assert "Animation territoriale" in page
    assert inside.actor.name in page
    assert outside.actor.name not in page
    client.force_login(cast.facilitator_out)
    page = _page(client.get(reverse("accounts:dashboard")))
    assert inside.actor.name not in page


def test_dashboard_query_count_does_not_grow_with_organisations(
    client, cast, django_assert_max_num_queries
):
    for _ in range(8):
        MembershipFactory(
            user=cast.admin, admin=True, actor=ActorFactory(seat_commune=CommuneFactory())
        )
    client.force_login(cast.admin)
    with django_assert_max_num_queries(15):
        client.get(reverse("accounts:dashboard"))


# --------------------------------------------------------------------------- organisations


def test_create_organisation_and_land_on_its_profile_as_admin(client, cast):
    client.force_login(cast.stranger)
    response = client.post(
        reverse("accounts:organisation_create"),
        {
            "name": "Maison des lycéens du lycée Robert Schuman",
            "kind": "association",
            "subkind": "association_declaree",
            "commune": "86194",
            "themes": ["education", "engagement_citoyen"],
        },
    )
    actor = Actor.objects.get(name="Maison des lycéens du lycée Robert Schuman")
    assert response["Location"] == reverse("actors:edit", kwargs={"pk": actor.pk})
    assert Membership.objects.get(actor=actor).user == cast.stranger
    assert actor.seat_commune_id == "86194"
    assert set(actor.themes.values_list("code", flat=True)) == {"education", "engagement_citoyen"}


def test_create_organisation_shows_errors_on_fields_and_saves_nothing(client, cast):
    client.force_login(cast.stranger)
    response = client.post(
        reverse("accounts:organisation_create"),
        {
            "name": "Structure fantôme",
            "kind": "association",
            "siret": "12345678901234",
            "commune": "99999",
        },
    )
    form = response.context["form"]
    assert "SIRET invalide" in form.errors["siret"][0]
    assert "commune" in form.errors
    assert not Actor.objects.filter(name="Structure fantôme").exists()


def test_create_organisation_with_a_taken_siret_points_to_the_existing_actor(client, cast):
    siret = valid_siret(42)
    existing = ActorFactory(name="Ateliers du Bocage", siret=siret, imported=False)
    client.force_login(cast.stranger)
    response = client.post(
        reverse("accounts:organisation_create"),
        {
            "name": "Les Ateliers du Bocage",
            "kind": "association",
            "siret": siret,
        },
    )
    assert "déjà" in response.context["form"].errors["siret"][0]
    assert response.context["existing_actor"] == existing
    assert reverse("actors:claim", kwargs={"pk": existing.pk}) in _page(response)


def test_create_organisation_requires_sign_in(client, db):
    response = client.get(reverse("accounts:organisation_create"))
    assert response.status_code == 302


# --------------------------------------------------------------------------- invitation link


def _token(mailoutbox) -> str:
    return re.search(r"/compte/invitation/([^/\s]+)/", mailoutbox[-1].body).group(1)


def test_invitation_link_for_a_newcomer_signs_up_then_accepts(client, cast, mailoutbox):
    membership_invite(actor=cast.actor, by=cast.admin, email="nouvelle@exemple.org")
    url = reverse("accounts:invitation", kwargs={"token": _token(mailoutbox)})
    page = _page(client.get(url))
    assert cast.actor.name in page
    assert f"{reverse('accounts:signup')}?next=" in page
    response = client.post(
        f"{reverse('accounts:signup')}?next={url}",
        {
            "display_name": "Nouvelle",
            "email": "nouvelle@exemple.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response["Location"] == url
    response = client.post(url, {"answer": "accept"})
    assert response["Location"] == reverse("accounts:dashboard")
    membership = Membership.objects.get(actor=cast.actor, user__email="nouvelle@exemple.org")
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.role == MembershipRole.MEMBER


def test_anonymous_post_on_an_invitation_link_asks_to_sign_in(client, cast, mailoutbox):
    membership_invite(actor=cast.actor, by=cast.admin, email="nouvelle@exemple.org")
    url = reverse("accounts:invitation", kwargs={"token": _token(mailoutbox)})
    response = client.post(url, {"answer": "accept"})
    assert response["Location"].startswith(reverse("accounts:login"))
    assert Membership.objects.get(invited_email="nouvelle@exemple.org").status == "invited"


def test_invitation_link_addressed_to_another_account_shows_why(client, cast, mailoutbox):
    membership_invite(actor=cast.actor, by=cast.admin, email=cast.stranger.email)
    client.force_login(cast.other_admin)
    url = reverse("accounts:invitation", kwargs={"token": _token(mailoutbox)})
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 200
    assert "autre compte" in _page(response)


def test_unknown_invitation_token_is_a_designed_404(client, db):
    response = client.get(reverse("accounts:invitation", kwargs={"token": "inconnu"}))
    assert response.status_code == 404
    assert "Invitation introuvable" in _page(response)


def test_invitation_can_be_declined_from_its_link(client, cast, mailoutbox):
    membership_invite(actor=cast.actor, by=cast.admin, email=cast.stranger.email)
    client.force_login(cast.stranger)
    url = reverse("accounts:invitation", kwargs={"token": _token(mailoutbox)})
    client.post(url, {"answer": "decline"})
    assert Membership.objects.get(user=cast.stranger).status == MembershipStatus.REFUSED


# --------------------------------------------------------------------------- claims


def test_facilitator_approves_a_claim_from_its_page(client, cast, mailoutbox):
    claim = ClaimRequestFactory(user=cast.stranger)
    client.force_login(cast.facilitator_in)
    url = reverse("accounts:claim_detail", kwargs={"pk": claim.pk})
    page = _page(client.get(url))
    assert claim.message in page
    response = client.post(url, {"decision": "approve", "note": ""})
    assert response["Location"] == reverse("accounts:claims")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert Membership.objects.get(actor=claim.actor).user == cast.stranger


def test_facilitator_rejecting_without_a_note_sees_the_error_on_the_note(client, cast):
    claim = ClaimRequestFactory(user=cast.stranger)
    client.force_login(cast.facilitator_in)
    url = reverse("accounts:claim_detail", kwargs={"pk": claim.pk})
    response = client.post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING


@pytest.mark.parametrize("role", ["stranger", "member", "admin", "facilitator_out", "other_admin"])
def test_claim_page_is_404_for_those_who_do_not_decide(client, cast, role):
    claim = ClaimRequestFactory()
    client.force_login(cast.roles()[role])
    url = reverse("accounts:claim_detail", kwargs={"pk": claim.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve"}).status_code == 404
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING


def test_staff_opens_any_claim(client, cast):
    claim = ClaimRequestFactory(actor__seat_commune=None)
    client.force_login(cast.staff)
    assert client.get(reverse("accounts:claim_detail", kwargs={"pk": claim.pk})).status_code == 200


def test_claims_page_lists_pending_and_decided_claims_of_the_territory(client, cast):
    pending = ClaimRequestFactory(actor__name="Épicerie du Clain")
    decided = ClaimRequestFactory(actor__name="Boxe poitevine", status=ClaimStatus.REJECTED)
    client.force_login(cast.facilitator_in)
    page = _page(client.get(reverse("accounts:claims")))
    assert pending.actor.name in page
    assert decided.actor.name in page
    client.force_login(cast.member)
    page = _page(client.get(reverse("accounts:claims")))
    assert "réservée aux animateurs" in page
    assert pending.actor.name not in page
    assert ClaimRequest.objects.count() == 2
