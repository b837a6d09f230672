"""The permission matrix of every editing page and action.

Anonymous visitors are sent to the sign-in page; signed-in people who may not edit get a
404 (as for a missing actor) and nothing changes; the organisation's admins and staff may.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from django.urls import resolve, reverse

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import Membership
from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.accounts.tests.personas import build_cast
from maillage.actors.models import Actor, Contact, NeedOffer
from maillage.actors.tests.factories import ContactFactory, NeedOfferFactory

FORBIDDEN = [
    "stranger",
    "member",
    "deactivated_admin",
    "pending",
    "other_admin",
    "facilitator_in",
    "facilitator_out",
]
ALLOWED = ["admin", "staff"]
PAGES = [
    "edit",
    "needs",
    "need_add",
    "need_edit",
    "need_delete",
    "contacts",
    "contact_add",
    "contact_edit",
    "contact_delete",
    "members",
]


@dataclass
class World:
    cast: Any
    item: NeedOffer
    contact: Contact
    invited: Membership

    def url(self, name: str, actor: Actor | None = None) -> str:
        pk = (actor or self.cast.actor).pk
        extra: dict[str, int] = {}
        if name in ("need_edit", "need_delete"):
            extra = {"item_pk": self.item.pk}
        elif name in ("contact_edit", "contact_delete"):
            extra = {"contact_pk": self.contact.pk}
        elif name in ("member_approve", "member_refuse"):
            extra = {"membership_pk": self._membership(self.cast.pending).pk}
        elif name in ("member_role", "member_deactivate"):
            extra = {"membership_pk": self._membership(self.cast.member).pk}
        elif name == "member_reactivate":
            extra = {"membership_pk": self._membership(self.cast.deactivated_admin).pk}
        elif name == "member_resend":
            extra = {"membership_pk": self.invited.pk}
        return reverse(f"actors:{name}", kwargs={"pk": pk, **extra})

    def _membership(self, user: Any) -> Membership:
        return Membership.objects.get(user=user, actor=self.cast.actor)


@pytest.fixture
def world(db):
    cast = build_cast()
    invited = MembershipFactory(
        actor=cast.actor,
        invited=True,
        user=UserFactory(email="invitee@exemple.org"),
        invitation_token_hash="x" * 64,
    )
    return World(
        cast=cast,
        item=NeedOfferFactory(actor=cast.actor, text="Un besoin d'origine"),
        contact=ContactFactory(
            actor=cast.actor, first_name="Claire", last_name="Origine", email="claire@exemple.org"
        ),
        invited=invited,
    )


def _login(client, user):
    if user is not None:
        client.force_login(user)


# --------------------------------------------------------------------------- pages (GET)


def test_every_editing_url_resolves_to_an_editing_view(world):
    """``/acteurs/<id>/<slug>/`` is the public page: no editing URL may fall into it."""
    for name in PAGES:
        assert resolve(world.url(name)).func.__module__ == "maillage.actors.views.edit"


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitor_is_sent_to_sign_in_from_every_editing_page(client, world, page):
    url = world.url(page)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={quote(url)}"


@pytest.mark.parametrize("page", ["edit", "needs", "contacts", "members"])
def test_anonymous_visitor_gets_the_same_answer_for_a_missing_actor(client, world, page):
    url = reverse(f"actors:{page}", kwargs={"pk": 987654})
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", FORBIDDEN)
def test_forbidden_roles_get_404_on_every_editing_page(client, world, role, page):
    _login(client, world.cast.roles()[role])
    assert client.get(world.url(page)).status_code == 404


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ALLOWED)
def test_admin_and_staff_open_every_editing_page(client, world, role, page):
    _login(client, world.cast.roles()[role])
    response = client.get(world.url(page))
    assert response.status_code == 200
    assert world.cast.actor.name in response.content.decode()


@pytest.mark.parametrize("page", ["edit", "needs", "contacts", "members"])
def test_missing_actor_is_404_even_for_staff(client, world, page):
    client.force_login(world.cast.staff)
    assert client.get(reverse(f"actors:{page}", kwargs={"pk": 987654})).status_code == 404


@pytest.mark.parametrize("page", ["need_edit", "need_delete", "contact_edit", "contact_delete"])
def test_an_item_of_another_actor_is_404_under_an_actor_one_administers(client, world, page):
    """The admin of the other organisation cannot reach our items through their own id."""
    client.force_login(world.cast.other_admin)
    assert client.get(world.url(page, actor=world.cast.other_actor)).status_code == 404


def test_other_organisation_admin_edits_their_own_organisation(client, world):
    client.force_login(world.cast.other_admin)
    assert client.get(world.url("edit", actor=world.cast.other_actor)).status_code == 200


# --------------------------------------------------------------------------- actions (POST)


def _snapshot(world: World) -> dict[str, Any]:
    actor = Actor.objects.get(pk=world.cast.actor.pk)
    return {
        "name": actor.name,
        "confirmed": actor.profile_confirmed_at,
        "needs": list(NeedOffer.objects.filter(actor=actor).values_list("pk", "text")),
        "contacts": list(
            Contact.objects.filter(actor=actor).values_list("pk", "first_name", "email")
        ),
        "memberships": list(
            Membership.objects.filter(actor=actor)
            .order_by("pk")
            .values_list("pk", "role", "status", "invitation_token_hash")
        ),
    }


ACTIONS: dict[str, dict[str, str]] = {
    "edit": {"name": "Nouveau nom des Ateliers", "kind": "association", "sphere": "ess"},
    "confirm_profile": {},
    "need_add": {"direction": "need", "category": "benevolat", "text": "Des bénévoles"},
    "need_edit": {"category": "competences", "text": "Un besoin modifié"},
    "need_delete": {},
    "contact_add": {
        "first_name": "Nadia",
        "last_name": "Nouvelle",
        "email": "nadia@exemple.org",
        "consent_given": "on",
    },
    "contact_edit": {
        "first_name": "Claire",
        "last_name": "Origine",
        "email": "claire.modifiee@exemple.org",
    },
    "contact_delete": {},
    "member_invite": {"email": "nouvelle@exemple.org", "role": "member"},
    "member_approve": {},
    "member_refuse": {},
    "member_resend": {},
    "member_role": {"role": "admin"},
    "member_deactivate": {},
    "member_reactivate": {},
}


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_post_changes_nothing_and_asks_to_sign_in(client, world, action):
    before = _snapshot(world)
    response = client.post(world.url(action), ACTIONS[action])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert _snapshot(world) == before


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", FORBIDDEN)
def test_forbidden_roles_get_404_on_every_action_and_change_nothing(client, world, role, action):
    _login(client, world.cast.roles()[role])
    before = _snapshot(world)
    assert client.post(world.url(action), ACTIONS[action]).status_code == 404
    assert _snapshot(world) == before


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ALLOWED)
def test_admin_and_staff_perform_every_action(client, world, role, action, mailoutbox):
    _login(client, world.cast.roles()[role])
    before = _snapshot(world)
    response = client.post(world.url(action), ACTIONS[action])
    assert response.status_code == 302, response.content.decode()[:2000]
    after = _snapshot(world)
    assert after != before
    if action == "member_role":
        member = Membership.objects.get(user=world.cast.member, actor=world.cast.actor)
        assert member.role == MembershipRole.ADMIN
    if action == "member_deactivate":
        member = Membership.objects.get(user=world.cast.member, actor=world.cast.actor)
        assert member.status == MembershipStatus.DEACTIVATED
