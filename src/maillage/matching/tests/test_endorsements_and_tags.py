"""Peers' endorsements (one per pair and direction, withdrawable, after working together)
and the blocks other pages include (``{% load matching %}``)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.actors.tests.factories import ActorFactory
from maillage.core.errors import DomainError
from maillage.matching.models import Endorsement
from maillage.matching.permissions import actor_contacts_revealed_to
from maillage.matching.services import endorsement_create, endorsement_withdraw
from maillage.matching.tests.factories import IntroductionFactory
from maillage.notifications.models import Notification

pytestmark = pytest.mark.django_db
TEXT = "Ils ont tenu tous leurs délais sur notre chantier : nous recommandons."


def test_endorsing_needs_an_accepted_introduction_and_is_once_per_direction() -> None:
    a, b = ActorFactory(), ActorFactory(entreprise=True)
    receiver = MembershipFactory(actor=b).user
    with pytest.raises(DomainError) as error:
        endorsement_create(from_actor=a, to_actor=b, author=None, text=TEXT)
    assert error.value.code == "not_related"
    IntroductionFactory(from_actor=a, to_actor=b, declined=True)
    with pytest.raises(DomainError):
        endorsement_create(from_actor=a, to_actor=b, author=None, text=TEXT)
    IntroductionFactory(from_actor=a, to_actor=b, accepted=True)
    endorsement = endorsement_create(from_actor=a, to_actor=b, author=None, text=TEXT)
    assert Notification.objects.filter(user=receiver, kind="endorsement_received").exists()
    with pytest.raises(DomainError) as error:
        endorsement_create(from_actor=a, to_actor=b, author=None, text=TEXT)
    assert error.value.code == "duplicate"
    endorsement_create(from_actor=b, to_actor=a, author=None, text=TEXT)  # the other direction
    endorsement_withdraw(endorsement=endorsement)
    again = endorsement_create(
        from_actor=a, to_actor=b, author=None, text="Toujours aussi fiables."
    )
    assert again.pk == endorsement.pk and again.withdrawn_at is None
    assert Endorsement.objects.count() == 2


@pytest.mark.parametrize("text", ["", "Bien.", "x" * 601])
def test_an_endorsement_needs_a_sentence(text: str) -> None:
    a, b = ActorFactory(), ActorFactory()
    IntroductionFactory(from_actor=a, to_actor=b, accepted=True)
    with pytest.raises(DomainError) as error:
        endorsement_create(from_actor=a, to_actor=b, author=None, text=text)
    assert error.value.field == "text"


def test_partners_in_a_partnership_may_endorse_each_other() -> None:
    from maillage.partnerships.services import partnership_create_draft, partnership_transition

    a, b = ActorFactory(in_poitiers=True), ActorFactory(entreprise=True, in_poitiers=True)
    partnership = partnership_create_draft(created_by=None, parties=[a, b], origin="direct")
    partnership_transition(partnership=partnership, user=None, to_status="en_construction")
    assert endorsement_create(from_actor=a, to_actor=b, author=None, text=TEXT).pk


def render(source: str, user, **context: object) -> str:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load matching %}" + source).render(Context({"request": request, **context}))


def test_the_endorsements_block_lists_active_endorsements_and_offers_to_endorse() -> None:
    a, b = ActorFactory(name="Jardins Solidaires"), ActorFactory(name="Dev Conseil")
    IntroductionFactory(from_actor=a, to_actor=b, accepted=True)
    endorsement_create(
        from_actor=a, to_actor=b, author=None, text="Des partenaires <script>fiables</script>."
    )
    member_of_b = MembershipFactory(actor=b).user
    html = render("{% endorsements_for actor %}", member_of_b, actor=b)
    assert "Jardins Solidaires" in html and "&lt;script&gt;" in html
    html = render("{% endorsements_for actor %}", member_of_b, actor=a)
    assert "Recommander au nom de « Dev Conseil »" in html
    anonymous = render("{% endorsements_for actor %}", AnonymousUser(), actor=b)
    assert "Recommander au nom" not in anonymous


def test_the_actions_block_offers_suggestions_and_an_introduction() -> None:
    mine, other = ActorFactory(name="Ma structure"), ActorFactory(name="Autre structure")
    user = MembershipFactory(actor=mine).user
    html = render("{% matching_actions actor %}", user, actor=mine)
    assert "Partenaires suggérés" in html and "Demander une mise en relation" not in html
    html = render("{% matching_actions actor %}", user, actor=other)
    assert "Demander une mise en relation" in html and "Partenaires suggérés" not in html


def test_the_responsiveness_figure_appears_after_a_few_answers() -> None:
    actor = ActorFactory()
    IntroductionFactory(to_actor=actor, accepted=True)
    assert "Répond" not in render("{% responsiveness_for actor %}", AnonymousUser(), actor=actor)
    IntroductionFactory(to_actor=actor, declined=True)
    html = render("{% responsiveness_for actor %}", AnonymousUser(), actor=actor)
    assert "Répond à 100 %" in html


def test_contacts_are_revealed_to_members_of_an_accepted_introductions_other_side() -> None:
    a, b = ActorFactory(), ActorFactory()
    member = MembershipFactory(actor=a).user
    introduction = IntroductionFactory(from_actor=a, to_actor=b)
    assert not actor_contacts_revealed_to(member, b)
    introduction.status = "accepted"
    introduction.save()
    assert actor_contacts_revealed_to(member, b)
    assert not actor_contacts_revealed_to(UserFactory(), b)
