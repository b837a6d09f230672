"""``/api/v1/suggestions`` and ``/api/v1/introductions``: permissions, contacts never
returned before acceptance, bad input, throttling."""

from __future__ import annotations

import pytest
from django.test import Client

from maillage.accounts.tests.factories import (
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.tests.factories import ContactFactory
from maillage.matching.models import Introduction, MatchingSettings, SuggestionFeedback
from maillage.matching.tests.factories import IntroductionFactory, actor_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def asso():  # type: ignore[no-untyped-def]
    actor = actor_with(
        name="Jardins Solidaires",
        needs=(("competences", "Un développeur web"),),
        offers=(("benevolat", "Des missions de bénévolat"),),
    )
    ContactFactory(actor=actor, email="camille.secret@jardins.example")
    return actor


@pytest.fixture
def company():  # type: ignore[no-untyped-def]
    actor = actor_with(
        entreprise=True,
        name="Dev Conseil",
        needs=(("benevolat", "Engager nos salariés"),),
        offers=(("competences", "Développeurs web en mécénat"),),
    )
    ContactFactory(actor=actor, email="dominique.secret@dev.example")
    return actor


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_suggestions_for_a_member(asso, company) -> None:  # type: ignore[no-untyped-def]
    member = MembershipFactory(actor=asso).user
    response = signed_in(member).get(f"/api/v1/suggestions/{asso.pk}", {"limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["actor"]["id"] == asso.pk
    first = body["results"][0]
    assert first["id"] == company.pk and 0 < first["score"] <= 1
    assert first["reasons"] and first["introduction_status"] is None
    assert set(first["components"]) >= {"fit_forward", "fit_backward", "territory"}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 403),
        ("outsider", 404),
        ("facilitator", 200),
        ("other_facilitator", 404),
        ("staff", 200),
    ],
)
def test_who_may_read_suggestions(asso, company, who: str, status: int) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    users = {
        "outsider": UserFactory,
        "facilitator": lambda: FacilitatorScopeFactory(territory_code="dep:86").user,
        "other_facilitator": lambda: FacilitatorScopeFactory(territory_code="dep:79").user,
        "staff": lambda: UserFactory(staff=True),
    }
    if who in users:
        client.force_login(users[who]())
    response = client.get(f"/api/v1/suggestions/{asso.pk}")
    assert response.status_code == status
    if status != 200:
        assert response.json()["code"] in {"forbidden", "not_found"}


def test_unknown_filter_codes_are_a_400(asso) -> None:  # type: ignore[no-untyped-def]
    member = MembershipFactory(actor=asso).user
    response = signed_in(member).get(f"/api/v1/suggestions/{asso.pk}", {"kind": "licorne"})
    assert response.status_code == 400 and response.json()["field"] == "kind"
    assert signed_in(member).get(f"/api/v1/suggestions/{asso.pk}", {"limit": 0}).status_code == 400


def test_an_empty_profile_gets_advice(asso) -> None:  # type: ignore[no-untyped-def]
    empty = actor_with()
    member = MembershipFactory(actor=empty).user
    body = signed_in(member).get(f"/api/v1/suggestions/{empty.pk}").json()
    assert body["results"] == [] and body["advice"][0]["code"] == "no_needs_offers"


def test_feedback_only_from_members(asso, company) -> None:  # type: ignore[no-untyped-def]
    member = MembershipFactory(actor=asso).user
    url = f"/api/v1/suggestions/{asso.pk}/feedback"
    payload = {"candidate": company.pk, "action": "pas_pertinent"}
    facilitator = FacilitatorScopeFactory(territory_code="dep:86").user
    assert (
        signed_in(facilitator).post(url, payload, content_type="application/json").status_code
        == 404
    )
    response = signed_in(member).post(url, payload, content_type="application/json")
    assert response.status_code == 200 and response.json()["verdict"] == "pas_pertinent"
    assert SuggestionFeedback.objects.get().score is not None


def test_the_introduction_lifecycle_and_no_contacts_before_acceptance(asso, company) -> None:  # type: ignore[no-untyped-def]
    sender = signed_in(MembershipFactory(actor=asso).user)
    recipient = signed_in(MembershipFactory(actor=company).user)
    created = sender.post(
        "/api/v1/introductions",
        {"from_actor": asso.pk, "to_actor": company.pk, "message": "Bonjour !"},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (
        body["status"] == "pending"
        and body["contacts"] is None
        and body["awaiting"] == [company.pk]
    )
    url = f"/api/v1/introductions/{body['id']}"
    for client in (sender, recipient):
        read = client.get(url)
        assert read.json()["contacts"] is None
        assert "secret@" not in read.content.decode()
    listed = recipient.get("/api/v1/introductions").content.decode()
    assert "secret@" not in listed
    assert sender.post(f"{url}/accept", {}, content_type="application/json").status_code == 404
    accepted = recipient.post(f"{url}/accept", {}, content_type="application/json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    contacts = sender.get(url).json()["contacts"]
    emails = {c["email"] for rows in contacts.values() for c in rows}
    assert emails == {"camille.secret@jardins.example", "dominique.secret@dev.example"}
    assert [e["kind"] for e in sender.get(url).json()["events"]] == ["sent", "seen", "accepted"]


def test_an_outsider_cannot_read_ask_or_answer(asso, company) -> None:  # type: ignore[no-untyped-def]
    introduction = IntroductionFactory(from_actor=asso, to_actor=company)
    outsider = signed_in(UserFactory())
    assert outsider.get(f"/api/v1/introductions/{introduction.pk}").status_code == 404
    assert (
        outsider.post(
            f"/api/v1/introductions/{introduction.pk}/accept", {}, content_type="application/json"
        ).status_code
        == 404
    )
    response = outsider.post(
        "/api/v1/introductions",
        {"from_actor": asso.pk, "to_actor": company.pk, "message": "Hop"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Client().get("/api/v1/introductions").status_code == 403
    assert outsider.get("/api/v1/introductions").json()["count"] == 0


def test_refusals_are_422_and_throttling_429(asso, company) -> None:  # type: ignore[no-untyped-def]
    MatchingSettings.objects.create(pk=1, requests_per_user_per_hour=1)
    sender = signed_in(MembershipFactory(actor=asso).user)

    def ask(to: int) -> object:
        return sender.post(
            "/api/v1/introductions",
            {"from_actor": asso.pk, "to_actor": to, "message": "Bonjour"},
            content_type="application/json",
        )

    oneself = ask(asso.pk)
    assert oneself.status_code == 422 and oneself.json()["field"] == "to_actor"  # type: ignore[attr-defined]
    assert ask(company.pk).status_code == 201  # type: ignore[attr-defined]
    assert ask(company.pk).status_code == 422  # type: ignore[attr-defined]
    other = actor_with(entreprise=True)
    throttled = ask(other.pk)
    assert throttled.status_code == 429 and throttled.json()["code"] == "rate_limited"  # type: ignore[attr-defined]
    assert Introduction.objects.count() == 1


def test_decline_with_a_reason_and_withdraw(asso, company) -> None:  # type: ignore[no-untyped-def]
    recipient = signed_in(MembershipFactory(actor=company).user)
    sender = signed_in(MembershipFactory(actor=asso).user)
    first = IntroductionFactory(from_actor=asso, to_actor=company)
    bad = recipient.post(
        f"/api/v1/introductions/{first.pk}/decline",
        {"reason": "bof"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    ok = recipient.post(
        f"/api/v1/introductions/{first.pk}/decline",
        {"reason": "hors_territoire", "note": "Désolés"},
        content_type="application/json",
    )
    assert ok.json()["status"] == "declined" and ok.json()["decline_reason"] == "hors_territoire"
    second = IntroductionFactory(from_actor=asso, to_actor=company)
    assert recipient.post(f"/api/v1/introductions/{second.pk}/withdraw").status_code == 404
    assert (
        sender.post(f"/api/v1/introductions/{second.pk}/withdraw").json()["status"] == "withdrawn"
    )


def test_a_facilitator_introduces_two_actors_through_the_api(asso, company) -> None:  # type: ignore[no-untyped-def]
    facilitator = signed_in(FacilitatorScopeFactory(territory_code="dep:86").user)
    response = facilitator.post(
        "/api/v1/introductions/facilitate",
        {"actor_a": asso.pk, "actor_b": company.pk, "message": "Rencontrez-vous"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert set(response.json()["awaiting"]) == {asso.pk, company.pk}
    elsewhere = signed_in(FacilitatorScopeFactory(territory_code="dep:79").user)
    assert (
        elsewhere.post(
            "/api/v1/introductions/facilitate",
            {"actor_a": asso.pk, "actor_b": company.pk, "message": "Rencontrez-vous"},
            content_type="application/json",
        ).status_code
        == 404
    )
