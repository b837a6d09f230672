"""Who may read an actor's history, who may restore a version; diffs told in French."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from maillage.accounts.tests.personas import build_cast
from maillage.actors.models import Actor
from maillage.actors.services import actor_update
from maillage.actors.tests.factories import ContactFactory
from maillage.audit.context import audit_context
from maillage.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

HISTORY_ALLOWED = ["admin", "facilitator_in", "staff"]
HISTORY_FORBIDDEN = [
    "stranger",
    "member",
    "deactivated_admin",
    "pending",
    "other_admin",
    "facilitator_out",
]


@pytest.fixture
def cast():  # type: ignore[no-untyped-def]
    cast = build_cast()
    with audit_context(user=cast.admin, label="POST /acteurs/1/modifier/"):
        actor_update(actor=cast.actor, changes={"description": "Un atelier <b>solidaire</b>."})
    return cast


def _history(actor: Actor) -> str:
    return reverse("audit:actor_history", args=[actor.pk])


def _profile_event(actor: Actor) -> AuditEvent:
    event = (
        AuditEvent.objects.filter(
            subject_type="actors.actor", subject_id=actor.pk, table_name="actors_actor"
        )
        .order_by("-id")
        .first()
    )
    assert event is not None
    return event


def test_anonymous_visitors_are_sent_to_sign_in(client, cast) -> None:
    response = client.get(_history(cast.actor))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", HISTORY_ALLOWED)
def test_admins_facilitators_covering_and_staff_read_the_history(client, cast, role) -> None:
    client.force_login(cast.roles()[role])
    response = client.get(_history(cast.actor))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Modification de la fiche" in body
    assert "Présentation" in body  # the field's French label
    # User text is escaped, never rendered as markup.
    assert "&lt;b&gt;solidaire&lt;/b&gt;" in body
    assert "<b>solidaire</b>" not in body


@pytest.mark.parametrize("role", HISTORY_FORBIDDEN)
def test_others_get_a_404_and_the_refusal_is_logged(client, cast, role, caplog) -> None:
    client.force_login(cast.roles()[role])
    with caplog.at_level(logging.WARNING, logger="maillage.security"):
        response = client.get(_history(cast.actor))
    assert response.status_code == 404
    assert any("authorisation_refused" in r.getMessage() for r in caplog.records)


def test_a_missing_actor_is_a_404_too(client, cast) -> None:
    client.force_login(cast.staff)
    assert client.get(reverse("audit:actor_history", args=[999_999])).status_code == 404


def test_the_history_names_who_acted_and_where(client, cast) -> None:
    client.force_login(cast.admin)
    body = client.get(_history(cast.actor)).content.decode()
    assert str(cast.admin) in body
    assert "page /acteurs/1/modifier/" in body


def test_contact_values_are_masked_in_the_history(client, cast) -> None:
    ContactFactory(actor=cast.actor, first_name="Camille", email="camille@exemple.org")
    client.force_login(cast.admin)
    body = client.get(_history(cast.actor)).content.decode()
    assert "Personne contact" in body
    assert "Camille" in body
    assert "camille@exemple.org" not in body
    assert "valeur masquée" in body


def test_only_staff_see_the_restore_links(client, cast) -> None:
    client.force_login(cast.admin)
    assert "Voir cet état de la fiche" not in client.get(_history(cast.actor)).content.decode()
    client.force_login(cast.staff)
    assert "Voir cet état de la fiche" in client.get(_history(cast.actor)).content.decode()


@pytest.mark.parametrize("role", [*HISTORY_FORBIDDEN, "admin", "facilitator_in"])
def test_only_staff_may_open_or_post_a_restore(client, cast, role) -> None:
    event = _profile_event(cast.actor)
    url = reverse("audit:actor_version", args=[cast.actor.pk, event.pk])
    client.force_login(cast.roles()[role])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    cast.actor.refresh_from_db()
    assert cast.actor.description == "Un atelier <b>solidaire</b>."


def test_staff_restore_a_version_through_the_page(client, cast) -> None:
    first = _profile_event(cast.actor)
    with audit_context(user=cast.admin):
        actor_update(actor=cast.actor, changes={"description": "Texte abîmé", "name": "Erreur"})
    url = reverse("audit:actor_version", args=[cast.actor.pk, first.pk])
    client.force_login(cast.staff)
    page = client.get(url).content.decode()
    assert "Texte abîmé" in page  # today
    assert "Un atelier &lt;b&gt;solidaire&lt;/b&gt;." in page  # after restore
    response = client.post(url)
    assert response.status_code == 302
    cast.actor.refresh_from_db()
    assert cast.actor.description == "Un atelier <b>solidaire</b>."
    assert cast.actor.name != "Erreur"
    # The restore is itself in the trail, made by the staff member.
    last = _profile_event(cast.actor)
    assert last.user_id == cast.staff.pk
    assert last.new_values["description"] == "Un atelier <b>solidaire</b>."


def test_an_event_of_another_actor_cannot_be_restored_here(client, cast) -> None:
    with audit_context(user=cast.other_admin):
        actor_update(actor=cast.other_actor, changes={"description": "Autre"})
    other_event = _profile_event(cast.other_actor)
    client.force_login(cast.staff)
    url = reverse("audit:actor_version", args=[cast.actor.pk, other_event.pk])
    assert client.get(url).status_code == 404


def test_the_history_page_has_a_query_budget(client, cast, django_assert_max_num_queries) -> None:
    for number in range(10):
        with audit_context(user=cast.admin):
            actor_update(actor=cast.actor, changes={"description": f"Version {number}"})
            ContactFactory(actor=cast.actor)
    client.force_login(cast.facilitator_in)
    with django_assert_max_num_queries(20):
        response = client.get(_history(cast.actor))
    assert response.status_code == 200
