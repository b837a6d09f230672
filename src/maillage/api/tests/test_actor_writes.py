"""Writing through the API: create an organisation, update its profile, publish needs and
offers — with the same policy as the pages (its active admins and staff) and nothing else
assignable."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from maillage.accounts.api_tokens import api_token_create
from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import Membership
from maillage.accounts.tests.factories import (
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.enums import ActorStatus
from maillage.actors.models import Actor, NeedOffer
from maillage.actors.tests.factories import ActorFactory, NeedOfferFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/actors"


def _call(method: str, url: str, user: Any = None, scope: str = "write", **data: Any) -> Any:
    headers = {}
    if user is not None:
        _token, clear = api_token_create(user=user, name="test", scope=scope)
        headers["HTTP_AUTHORIZATION"] = f"Bearer {clear}"
    return getattr(Client(), method)(url, data=data, content_type="application/json", **headers)


@pytest.fixture
def actor(places):  # type: ignore[no-untyped-def]
    return ActorFactory(association=True, seat_commune=places.poitiers, description="Avant.")


@pytest.fixture
def admin(actor):  # type: ignore[no-untyped-def]
    return MembershipFactory(actor=actor, admin=True).user


def test_a_signed_in_person_creates_an_organisation_and_becomes_its_admin(places) -> None:
    user = UserFactory()

    response = _call(
        "post",
        URL,
        user,
        name="Les Jardins du Clain",
        kind="association",
        commune="86194",
        themes=["emploi"],
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "Les Jardins du Clain"
    assert body["themes"] == ["emploi"]
    membership = Membership.objects.get(actor_id=body["id"], user=user)
    assert (membership.role, membership.status) == (MembershipRole.ADMIN, MembershipStatus.ACTIVE)


@pytest.mark.parametrize("scope", [None, "read"])
def test_visitors_and_read_tokens_create_nothing(places, scope: str | None) -> None:
    user = None if scope is None else UserFactory()
    response = _call("post", URL, user, scope=scope or "read", name="X", kind="association")

    assert response.status_code == 403
    assert not Actor.objects.filter(name="X").exists()


@pytest.mark.parametrize("extra", [{"status": "closed"}, {"owner": 1}, {"source": "sirene"}])
def test_mass_assignment_is_refused_and_changes_nothing(places, extra: dict[str, Any]) -> None:
    response = _call("post", URL, UserFactory(), name="Y", kind="association", **extra)

    assert response.status_code == 422
    assert not Actor.objects.filter(name="Y").exists()


def test_a_bad_value_is_named(places) -> None:
    response = _call("post", URL, UserFactory(), name="Z", kind="licorne")

    assert response.status_code == 422
    assert response.json()["field"] == "kind"
    assert not Actor.objects.filter(name="Z").exists()


def test_an_admin_updates_only_the_fields_sent(actor, admin) -> None:
    response = _call("patch", f"{URL}/{actor.pk}", admin, description="Après.")

    assert response.status_code == 200, response.content
    actor.refresh_from_db()
    assert actor.description == "Après."
    assert actor.kind_id == "association"


def test_staff_may_update_it(actor) -> None:
    assert (
        _call("patch", f"{URL}/{actor.pk}", UserFactory(staff=True), acronym="JC").status_code
        == 200
    )


@pytest.mark.parametrize("who", ["stranger", "member", "facilitator", "read_token"])
def test_others_may_not_update(actor, admin, who: str) -> None:
    user, scope = {
        "stranger": (UserFactory(), "write"),
        "member": (MembershipFactory(actor=actor).user, "write"),
        # Facilitators read contacts and decide claims; the profile is the organisation's.
        "facilitator": (FacilitatorScopeFactory(territory_code="dep:86").user, "write"),
        "read_token": (admin, "read"),
    }[who]

    response = _call("patch", f"{URL}/{actor.pk}", user, scope=scope, description="Piraté.")

    assert response.status_code == 403
    actor.refresh_from_db()
    assert actor.description == "Avant."


@pytest.mark.parametrize("extra", [{"status": "closed"}, {"is_staff": True}, {"completeness": 100}])
def test_an_admin_cannot_set_what_is_not_theirs(actor, admin, extra: dict[str, Any]) -> None:
    response = _call("patch", f"{URL}/{actor.pk}", admin, **extra)

    assert response.status_code == 422
    actor.refresh_from_db()
    assert actor.status == ActorStatus.ACTIVE


def test_null_for_a_text_field_is_refused_naming_it(actor, admin) -> None:
    response = _call("patch", f"{URL}/{actor.pk}", admin, name=None)

    assert response.status_code == 422
    assert response.json()["field"] == "name"


def test_an_unknown_actor_is_404(admin) -> None:
    assert _call("patch", f"{URL}/999999", admin, acronym="X").status_code == 404


def test_an_admin_publishes_changes_and_deletes_a_need(actor, admin) -> None:
    created = _call(
        "post",
        f"{URL}/{actor.pk}/needs-offers",
        admin,
        direction="need",
        category="locaux",
        text="Une salle le mardi soir.",
    )
    assert created.status_code == 201, created.content
    item_id = created.json()["id"]

    updated = _call(
        "patch", f"{URL}/{actor.pk}/needs-offers/{item_id}", admin, text="Une salle le jeudi."
    )
    assert updated.status_code == 200
    assert NeedOffer.objects.get(pk=item_id).text == "Une salle le jeudi."

    deleted = _call("delete", f"{URL}/{actor.pk}/needs-offers/{item_id}", admin)
    assert deleted.status_code == 204
    assert not NeedOffer.objects.filter(pk=item_id).exists()


def test_another_actors_need_is_out_of_reach(actor, admin) -> None:
    foreign = NeedOfferFactory(need=True)

    response = _call("delete", f"{URL}/{actor.pk}/needs-offers/{foreign.pk}", admin)

    assert response.status_code == 404
    assert NeedOffer.objects.filter(pk=foreign.pk).exists()


def test_a_stranger_publishes_no_need(actor) -> None:
    response = _call(
        "post",
        f"{URL}/{actor.pk}/needs-offers",
        UserFactory(),
        direction="need",
        category="locaux",
        text="Intrus.",
    )

    assert response.status_code == 403
    assert not NeedOffer.objects.filter(text="Intrus.").exists()


def test_a_bad_need_is_refused_naming_the_field(actor, admin) -> None:
    response = _call(
        "post",
        f"{URL}/{actor.pk}/needs-offers",
        admin,
        direction="need",
        category="nimporte",
        text="Quelque chose.",
    )

    assert response.status_code == 422
    assert response.json()["field"] == "category"
