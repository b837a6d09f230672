"""``/api/v1/partnerships``: the same policy and rules as the pages."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from maillage.actors.tests.factories import ActorFactory
from maillage.partnerships.models import Partnership
from maillage.partnerships.tests.factories import EDITORS, OUTSIDERS, VIEWERS, add_contribution

pytestmark = pytest.mark.django_db

BASE = "/api/v1/partnerships"


def _client(world, role: str) -> Client:
    client = Client()
    user = world.roles()[role]
    if user is not None:
        client.force_login(user)
    return client


def _send(client: Client, method: str, url: str, payload: dict) -> object:
    return getattr(client, method)(url, data=json.dumps(payload), content_type="application/json")


def test_signed_out_callers_get_a_403(world):
    response = Client().get(BASE)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert Client().get(f"{BASE}/{world.partnership.pk}").status_code == 403


@pytest.mark.parametrize("role", VIEWERS)
def test_viewers_list_and_read_the_partnership(world, role):
    client = _client(world, role)
    listing = client.get(BASE).json()
    assert [row["id"] for row in listing["results"]] == [world.partnership.pk]
    detail = client.get(f"{BASE}/{world.partnership.pk}").json()
    assert detail["status"] == "idee" and detail["version"] == 1
    assert [party["actor"]["name"] for party in detail["party_details"]] == [
        "Les Ateliers du Clain",
        "Entreprise Partenaire",
    ]
    assert [step["step"] for step in detail["steps"]] == [
        "preparer",
        "rencontrer",
        "construire",
        "evaluer",
    ]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_see_nothing_and_get_404s(world, role):
    client = _client(world, role)
    assert client.get(BASE).json() == {"count": 0, "results": []}
    for method, url, payload in [
        ("get", f"{BASE}/{world.partnership.pk}", None),
        ("patch", f"{BASE}/{world.partnership.pk}", {"version": 1, "title": "Pris"}),
        ("post", f"{BASE}/{world.partnership.pk}/transitions", {"to": "en_construction"}),
        ("get", f"{BASE}/{world.partnership.pk}/contributions", None),
        ("get", f"{BASE}/{world.partnership.pk}/timeline", None),
    ]:
        response = _send(client, method, url, payload) if payload else client.get(url)
        assert response.status_code == 404, (method, url)
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Ateliers numériques solidaires"


@pytest.mark.parametrize("role", ["facilitator_in", "facilitator_epci"])
def test_facilitators_read_but_do_not_write(world, role):
    client = _client(world, role)
    assert client.get(f"{BASE}/{world.partnership.pk}").status_code == 200
    response = _send(
        client, "patch", f"{BASE}/{world.partnership.pk}", {"version": 1, "title": "Pris"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", EDITORS)
def test_editors_update_with_the_version_they_read(world, role):
    client = _client(world, role)
    url = f"{BASE}/{world.partnership.pk}"
    response = _send(
        client,
        "patch",
        url,
        {"version": 1, "partnership_type": "innovation_societale", "starts_on": "2025-01-06"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2 and body["help_direction"] == "co_construction"
    stale = _send(client, "patch", url, {"version": 1, "title": "Écrasement"})
    assert stale.status_code == 422
    assert stale.json()["field"] == "version"
    assert stale["Content-Type"] == "application/problem+json"


def test_dates_out_of_order_are_a_422_naming_the_field(world):
    response = _send(
        _client(world, "member"),
        "patch",
        f"{BASE}/{world.partnership.pk}",
        {"version": 1, "starts_on": "2025-06-01", "ends_on": "2025-01-01"},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "ends_on"
    assert "précède le début" in response.json()["message"]


def test_transitions_follow_the_lifecycle(world):
    client = _client(world, "member")
    url = f"{BASE}/{world.partnership.pk}/transitions"
    refused = _send(client, "post", url, {"to": "terminee"})
    assert refused.status_code == 422
    assert "ne peut pas passer" in refused.json()["message"]
    moved = _send(client, "post", url, {"to": "en_construction", "note": "On se lance."})
    assert moved.status_code == 200
    history = moved.json()["status_history"]
    assert [(h["from_status"], h["to_status"], h["note"]) for h in history] == [
        ("idee", "en_construction", "On se lance.")
    ]


def test_proposing_a_partnership_with_the_same_actor_twice_is_a_422(world):
    client = _client(world, "admin")
    actor = world.cast.actor.pk
    twice = _send(client, "post", BASE, {"parties": [actor, world.partner.pk, actor]})
    assert twice.status_code == 422 and twice.json()["field"] == "parties"
    alone = _send(client, "post", BASE, {"parties": [actor]})
    assert alone.status_code == 422
    created = _send(client, "post", BASE, {"parties": [actor, ActorFactory().pk]})
    assert created.status_code == 201
    assert created.json()["status"] == "idee" and created.json()["origin"] == "direct"


def test_one_cannot_propose_a_partnership_between_others(world):
    response = _send(
        _client(world, "stranger"),
        "post",
        BASE,
        {"parties": [world.cast.actor.pk, world.partner.pk]},
    )
    assert response.status_code == 404
    assert Partnership.objects.count() == 1


def test_contributions_through_the_api_refuse_negative_amounts(world):
    client = _client(world, "partner_member")
    url = f"{BASE}/{world.partnership.pk}/contributions"
    payload = {
        "party": world.company_party.pk,
        "kind": "financement",
        "description": "Don",
        "amount_eur": "-10",
        "starts_on": "2025-01-06",
    }
    refused = _send(client, "post", url, payload)
    assert refused.status_code == 422
    assert refused.json()["message"] == "Le montant ne peut pas être négatif."
    created = _send(client, "post", url, {**payload, "amount_eur": "2500.00"})
    assert created.status_code == 201
    assert client.get(url).json()[0]["amount_eur"] == "2500.00"
    detail = client.get(f"{BASE}/{world.partnership.pk}").json()
    assert detail["totals"]["amount_eur"] == "2500.00"


def test_the_list_has_a_flat_query_budget(world, django_assert_max_num_queries):
    for index in range(5):
        from maillage.partnerships.tests.factories import partnership_between

        other = partnership_between(world.cast.actor, ActorFactory(name=f"P{index}"))
        add_contribution(other, other.parties.order_by("id").last())
    client = _client(world, "member")
    with django_assert_max_num_queries(12):
        assert len(client.get(BASE).json()["results"]) == 6


def test_the_timeline_tells_what_happened(world):
    body = _client(world, "member").get(f"{BASE}/{world.partnership.pk}/timeline").json()
    assert body["results"][0]["kind"] == "created"
    assert "Partenariat créé" in body["results"][0]["sentence"]
