"""The matching pages: who may see and do what, and contacts never shown before
acceptance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from maillage.accounts.tests.factories import (
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.tests.factories import ContactFactory
from maillage.matching.enums import IntroductionStatus
from maillage.matching.models import (
    BestPairsReport,
    Endorsement,
    Introduction,
    MatchingSettings,
    SuggestionFeedback,
)
from maillage.matching.tests.factories import IntroductionFactory, actor_with, niort

pytestmark = pytest.mark.django_db


@dataclass
class World:
    asso: Any
    company: Any
    users: dict[str, Any]


@pytest.fixture
def world() -> World:
    asso = actor_with(
        name="Jardins Solidaires",
        needs=(("competences", "Un développeur web pour notre site"),),
        offers=(("benevolat", "Des missions de bénévolat"),),
    )
    company = actor_with(
        entreprise=True,
        name="Dev Conseil",
        needs=(("benevolat", "Engager nos salariés"),),
        offers=(("competences", "Mécénat de compétences web"),),
    )
    ContactFactory(actor=asso, email="camille.secret@jardins.example", phone="05 36 49 11 22")
    ContactFactory(actor=company, email="dominique.secret@dev.example", phone="05 36 49 33 44")
    users = {
        "outsider": UserFactory(),
        "asso_member": MembershipFactory(actor=asso).user,
        "asso_admin": MembershipFactory(actor=asso, admin=True).user,
        "asso_deactivated": MembershipFactory(actor=asso, deactivated=True).user,
        "company_member": MembershipFactory(actor=company).user,
        "facilitator": FacilitatorScopeFactory(territory_code="dep:86").user,
        "facilitator_elsewhere": FacilitatorScopeFactory(territory_code="dep:79").user,
        "staff": UserFactory(staff=True),
    }
    return World(asso, company, users)


def client_for(world: World, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(world.users[who])
    return client


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("asso_member", 200),
        ("asso_admin", 200),
        ("asso_deactivated", 404),
        ("company_member", 404),
        ("facilitator", 200),
        ("facilitator_elsewhere", 404),
        ("staff", 200),
    ],
)
def test_who_sees_an_organisations_suggestions(world: World, who: str, status: int) -> None:
    response = client_for(world, who).get(reverse("matching:suggestions", args=[world.asso.pk]))
    assert response.status_code == status
    if status == 200:
        assert "Dev Conseil" in response.content.decode()


def test_the_suggestions_page_shows_scores_reasons_and_actions(world: World) -> None:
    page = client_for(world, "asso_member").get(
        reverse("matching:suggestions", args=[world.asso.pk])
    )
    html = page.content.decode()
    assert "Score réciproque" in html and "<meter" in html
    assert "Vous cherchez des compétences" in html
    assert "Demander une mise en relation" in html and "Pas pertinent" in html
    # A facilitator sees the list and may introduce, but not ask in the organisation's name.
    page = client_for(world, "facilitator").get(
        reverse("matching:suggestions", args=[world.asso.pk])
    )
    assert "Les mettre en relation" in page.content.decode()
    assert "Demander une mise en relation" not in page.content.decode()


def test_filters_with_bad_values_are_ignored_with_a_notice(world: World) -> None:
    url = reverse("matching:suggestions", args=[world.asso.pk])
    page = client_for(world, "asso_member").get(url, {"territory": "dep:999", "kind": "licorne"})
    assert page.status_code == 200
    assert "Certains filtres ont été ignorés" in page.content.decode()


@pytest.mark.parametrize(
    ("action", "verdict", "dismissed"),
    [
        ("pertinent", "pertinent", False),
        ("pas_pertinent", "pas_pertinent", False),
        ("dismiss", "", True),
    ],
)
def test_feedback_is_recorded_with_the_score(
    world: World, action: str, verdict: str, dismissed: bool
) -> None:
    url = reverse("matching:feedback", args=[world.asso.pk, world.company.pk])
    response = client_for(world, "asso_member").post(url, {"action": action})
    assert response.status_code == 302
    row = SuggestionFeedback.objects.get(actor=world.asso, candidate=world.company)
    assert (row.verdict, row.dismissed) == (verdict, dismissed)
    assert row.score is not None and 0 < row.score <= 1 and "fit_forward" in row.components


@pytest.mark.parametrize("who", ["facilitator", "staff", "company_member", "outsider"])
def test_only_members_give_feedback_or_ask_in_the_organisations_name(
    world: World, who: str
) -> None:
    client = client_for(world, who)
    feedback = reverse("matching:feedback", args=[world.asso.pk, world.company.pk])
    ask = reverse("matching:introduction_new", args=[world.asso.pk, world.company.pk])
    assert client.post(feedback, {"action": "dismiss"}).status_code == 404
    assert client.get(ask).status_code == 404
    assert client.post(ask, {"message": "Bonjour"}).status_code == 404
    assert not SuggestionFeedback.objects.exists() and not Introduction.objects.exists()


def test_a_member_asks_and_the_recipient_answers_then_contacts_are_revealed(world: World) -> None:
    asker = client_for(world, "asso_member")
    ask = reverse("matching:introduction_new", args=[world.asso.pk, world.company.pk])
    form = asker.get(ask)
    assert form.status_code == 200
    response = asker.post(ask, {"message": "Bonjour, parlons de votre mécénat de compétences."})
    introduction = Introduction.objects.get()
    assert response.status_code == 302 and response["Location"] == introduction.get_absolute_url()
    detail = introduction.get_absolute_url()
    secrets = ["camille.secret@jardins.example", "dominique.secret@dev.example", "05 36 49"]
    recipient = client_for(world, "company_member")
    for client in (asker, recipient):
        html = client.get(detail).content.decode()
        assert not any(secret in html for secret in secrets), html
    # The sender cannot answer for the recipient.
    assert (
        asker.post(reverse("matching:introduction_accept", args=[introduction.pk])).status_code
        == 404
    )
    assert (
        recipient.post(reverse("matching:introduction_accept", args=[introduction.pk])).status_code
        == 302
    )
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED and introduction.seen_at
    for client in (asker, recipient):
        html = client.get(detail).content.decode()
        assert all(secret in html for secret in secrets[:2])
    assert "Ouvrir un brouillon de partenariat" in html


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("asso_member", 200),
        ("company_member", 200),
        ("facilitator", 200),
        ("facilitator_elsewhere", 404),
        ("staff", 200),
    ],
)
def test_who_reads_an_introduction(world: World, who: str, status: int) -> None:
    introduction = IntroductionFactory(from_actor=world.asso, to_actor=world.company)
    assert client_for(world, who).get(introduction.get_absolute_url()).status_code == status


def test_a_facilitator_reading_a_pending_introduction_sees_no_contacts(world: World) -> None:
    introduction = IntroductionFactory(from_actor=world.asso, to_actor=world.company)
    html = client_for(world, "facilitator").get(introduction.get_absolute_url()).content.decode()
    assert "secret@" not in html


def test_declining_requires_a_reason(world: World) -> None:
    introduction = IntroductionFactory(from_actor=world.asso, to_actor=world.company)
    url = reverse("matching:introduction_decline", args=[introduction.pk])
    recipient = client_for(world, "company_member")
    recipient.post(url, {"reason": ""})
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING
    recipient.post(url, {"reason": "pas_le_bon_moment", "note": "À la rentrée"})
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.DECLINED
    html = client_for(world, "asso_member").get(introduction.get_absolute_url()).content.decode()
    assert "Pas le bon moment" in html


def test_asking_twice_or_oneself_is_refused_with_a_message(world: World) -> None:
    asker = client_for(world, "asso_member")
    ask = reverse("matching:introduction_new", args=[world.asso.pk, world.company.pk])
    asker.post(ask, {"message": "Première demande"})
    again = asker.post(ask, {"message": "Seconde demande"})
    assert again.status_code == 200 and "déjà en attente" in again.content.decode()
    self_ask = reverse("matching:introduction_new", args=[world.asso.pk, world.asso.pk])
    assert "elle-même" in asker.post(self_ask, {"message": "Moi"}).content.decode()
    assert Introduction.objects.count() == 1


def test_too_many_requests_in_an_hour_get_a_429(world: World) -> None:
    MatchingSettings.objects.create(pk=1, requests_per_user_per_hour=1)
    asker = client_for(world, "asso_member")
    other = actor_with(entreprise=True, offers=(("competences", "web"),))
    asker.post(
        reverse("matching:introduction_new", args=[world.asso.pk, world.company.pk]),
        {"message": "Un"},
    )
    response = asker.post(
        reverse("matching:introduction_new", args=[world.asso.pk, other.pk]),
        {"message": "Deux"},
    )
    assert response.status_code == 429
    assert "réessayez un peu plus tard" in response.content.decode()


def test_endorsing_after_an_accepted_introduction_and_withdrawing(world: World) -> None:
    url = reverse("matching:endorsement_new", args=[world.asso.pk, world.company.pk])
    member = client_for(world, "asso_member")
    assert member.get(url).status_code == 404  # no relation yet
    IntroductionFactory(from_actor=world.asso, to_actor=world.company, accepted=True)
    assert member.get(url).status_code == 200
    member.post(url, {"text": "Deux ans de mécénat de compétences sans faille."})
    endorsement = Endorsement.objects.get()
    withdraw = reverse("matching:endorsement_withdraw", args=[endorsement.pk])
    assert client_for(world, "company_member").post(withdraw).status_code == 404
    member.post(withdraw)
    endorsement.refresh_from_db()
    assert endorsement.withdrawn_at is not None


@pytest.mark.parametrize(
    ("who", "status"),
    [("facilitator", 200), ("staff", 200), ("asso_admin", 404), ("anonymous", 302)],
)
def test_facilitation_dashboard_access(world: World, who: str, status: int) -> None:
    assert client_for(world, who).get(reverse("matching:facilitation")).status_code == status


def test_the_dashboard_shows_the_funnel_of_the_territory(world: World) -> None:
    IntroductionFactory(from_actor=world.asso, to_actor=world.company, accepted=True)
    IntroductionFactory(to_actor=world.asso, declined=True)
    html = client_for(world, "facilitator").get(reverse("matching:facilitation")).content.decode()
    assert "Demandes envoyées" in html and "Pas le bon moment" in html


def test_best_pairs_of_a_territory_in_scope(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    facilitator = client_for(world, "facilitator")
    url = reverse("matching:best_pairs")
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator.post(url, {"territory": "dep:86"})
    assert response.status_code == 302
    report = BestPairsReport.objects.get()
    assert report.status == "done" and report.actors_count == 2
    assert {report.pairs[0]["a"], report.pairs[0]["b"]} == {world.asso.pk, world.company.pk}
    html = facilitator.get(url, {"territory": "dep:86"}).content.decode()
    assert "Dev Conseil" in html and "Les mettre en relation" in html
    niort()
    refused = facilitator.post(url, {"territory": "dep:79"})
    assert "pas dans votre périmètre" in refused.content.decode()
    assert BestPairsReport.objects.count() == 1


def test_a_facilitator_introduces_two_actors(world: World) -> None:
    url = reverse("matching:facilitate", args=[world.asso.pk, world.company.pk])
    assert client_for(world, "facilitator_elsewhere").get(url).status_code == 404
    assert client_for(world, "asso_member").get(url).status_code == 404
    response = client_for(world, "facilitator").post(
        url, {"message": "Vous devriez vous rencontrer."}
    )
    introduction = Introduction.objects.get()
    assert response.status_code == 302
    assert (
        introduction.origin == "facilitator"
        and introduction.facilitator == world.users["facilitator"]
    )


def test_the_list_of_my_introductions(world: World) -> None:
    IntroductionFactory(from_actor=world.asso, to_actor=world.company)
    html = (
        client_for(world, "company_member").get(reverse("matching:introductions")).content.decode()
    )
    assert "Jardins Solidaires → Dev Conseil" in html


def test_home_leads_a_single_organisations_member_to_its_suggestions(world: World) -> None:
    response = client_for(world, "asso_member").get(reverse("matching:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:suggestions", args=[world.asso.pk])
    page = client_for(world, "outsider").get(reverse("matching:home"))
    assert page.status_code == 200 and "rejoignez la vôtre" in page.content.decode()
    page = client_for(world, "facilitator").get(reverse("matching:home"))
    assert "Animation territoriale" in page.content.decode()


def test_dismissed_suggestions_can_be_restored(world: World) -> None:
    member = client_for(world, "asso_member")
    member.post(
        reverse("matching:feedback", args=[world.asso.pk, world.company.pk]), {"action": "dismiss"}
    )
    page = member.get(reverse("matching:suggestions", args=[world.asso.pk]))
    assert (
        f'id="suggestion-{world.company.pk}"' not in page.content.decode()
        and "1 suggestion écartée" in page.content.decode()
    )
    listing = member.get(reverse("matching:dismissed", args=[world.asso.pk]))
    assert "Dev Conseil" in listing.content.decode()
    member.post(
        reverse("matching:feedback", args=[world.asso.pk, world.company.pk]), {"action": "restore"}
    )
    page = member.get(reverse("matching:suggestions", args=[world.asso.pk]))
    assert "Dev Conseil" in page.content.decode()


def test_answering_the_follow_up_question(world: World) -> None:
    import datetime as dt

    from django.utils import timezone

    from maillage.matching.models import FollowUp
    from maillage.matching.services import followups_ask

    IntroductionFactory(from_actor=world.asso, to_actor=world.company, accepted=True)
    followups_ask(now=timezone.now() + dt.timedelta(days=60))
    followup = FollowUp.objects.get(actor=world.asso)
    url = reverse("matching:followup", args=[followup.pk])
    assert client_for(world, "company_member").get(url).status_code == 404
    member = client_for(world, "asso_member")
    assert "a-t-elle abouti" in member.get(url).content.decode()
    refused = member.post(url, {"outcome": "rien"})
    assert refused.status_code == 200 and "pourquoi" in refused.content.decode()
    assert (
        member.post(url, {"outcome": "partenariat", "note": "Un chantier ensemble"}).status_code
        == 302
    )
    followup.refresh_from_db()
    assert followup.outcome == "partenariat"
