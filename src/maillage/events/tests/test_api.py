"""``/api/v1/programmes`` and ``/api/v1/events``: public reads, contributions, registration,
the plan for organisers, agendas; 404 for what one may not see."""

from __future__ import annotations

import pytest

from maillage.accounts.tests.personas import build_cast
from maillage.events import services
from maillage.events.tests.factories import EventFactory
from maillage.programmes.tests.factories import ActionFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = build_cast()
    cast.programme = ProgrammeFactory(facilitators=[cast.facilitator_in])
    cast.draft = ProgrammeFactory(draft=True)
    cast.action = ActionFactory(programme=cast.programme)
    cast.event = EventFactory(programme=cast.programme, capacity=1, speed_dating=True)
    return cast


def test_programmes_are_public_once_published(client, cast):
    listed = client.get("/api/v1/programmes").json()
    assert [p["id"] for p in listed["results"]] == [cast.programme.pk]
    detail = client.get(f"/api/v1/programmes/{cast.programme.pk}").json()
    assert [a["id"] for a in detail["actions"]] == [cast.action.pk]
    assert client.get(f"/api/v1/programmes/{cast.draft.pk}").status_code == 404
    assert client.get(f"/api/v1/programmes/actions/{cast.action.pk}").status_code == 200


def test_contribution_through_the_api(client, cast):
    url = f"/api/v1/programmes/actions/{cast.action.pk}/contributions"
    assert client.post(url, {"message": "x"}, content_type="application/json").status_code == 403
    client.force_login(cast.admin)
    response = client.post(
        url, {"message": "Une salle", "actor": cast.actor.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["actor"]["id"] == cast.actor.pk
    again = client.post(url, {"message": "Encore"}, content_type="application/json")
    assert again.status_code == 422


def test_funnel_for_facilitators_only(client, cast):
    url = f"/api/v1/programmes/{cast.programme.pk}/funnel"
    client.force_login(cast.facilitator_out)
    assert client.get(url).status_code == 404
    client.force_login(cast.facilitator_in)
    assert client.get(url).json()["events"] == 1


def test_registration_plan_and_agenda_through_the_api(client, cast):
    client.force_login(cast.admin)
    first = client.post(
        f"/api/v1/events/{cast.event.pk}/registrations",
        {"actor": cast.actor.pk},
        content_type="application/json",
    ).json()
    assert first["status"] == "confirmee"
    client.force_login(cast.other_admin)
    second = client.post(
        f"/api/v1/events/{cast.event.pk}/registrations",
        {"actor": cast.other_actor.pk},
        content_type="application/json",
    ).json()
    assert second["status"] == "attente" and second["waiting_position"] == 1
    cast.event.capacity = None
    cast.event.save()
    services.registration_cancel(registration=cast.event.registrations.get(pk=first["id"]))
    services.registration_create(event=cast.event, user=cast.admin, actor=cast.actor)
    assert client.get(f"/api/v1/events/{cast.event.pk}/plan").status_code == 404
    client.force_login(cast.facilitator_in)
    assert client.get(f"/api/v1/events/{cast.event.pk}/plan").status_code == 404  # none yet
    plan = client.post(f"/api/v1/events/{cast.event.pk}/plan").json()
    assert sum(len(r) for r in plan["rounds"]) == 1
    client.force_login(cast.other_admin)
    agenda = client.get(f"/api/v1/events/registrations/{second['id']}/agenda").json()
    assert agenda[0]["partner_organisation"] == cast.actor.name
    client.force_login(cast.stranger)
    assert client.get(f"/api/v1/events/registrations/{second['id']}/agenda").status_code == 404
    assert client.get(f"/api/v1/events/{cast.event.pk}").status_code == 200
    assert client.get("/api/v1/events").json()["count"] == 1
