"""The speed-dating journey (issue 6), in a real browser: a facilitator creates a
speed-dating, participants register (one through the page, the others through the same
service), the facilitator computes the plan, a participant opens and prints their agenda.

Selectors are roles and labels, as a person using a screen reader would find them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from maillage.accounts.tests.factories import (
    PASSWORD,
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.tests.factories import ActorFactory

TITLE = "Speed-dating associations – entreprises (parcours de test)"


@pytest.fixture
def people(transactional_db: None, django_db_serialized_rollback: None) -> dict[str, Any]:
    """A facilitator and four people, each in their organisation (two associations, two
    companies). Committed: the live server reads from its own thread."""
    facilitator = UserFactory(email="animatrice@parcours.example", display_name="Claire Anim")
    FacilitatorScopeFactory(user=facilitator, territory_code="dep:94")
    participants = []
    for index, company in enumerate((False, False, True, True)):
        actor = ActorFactory(
            name=f"{'Entreprise' if company else 'Association'} du parcours {index}",
            company=company,
        )
        person = UserFactory(
            email=f"participant{index}@parcours.example", display_name=f"Participant {index}"
        )
        MembershipFactory(user=person, actor=actor, admin=True)
        participants.append(person)
    return {"facilitator": facilitator, "participants": participants}


def _sign_in(page: Any, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()


def test_facilitator_plans_a_speed_dating_and_a_participant_prints_the_agenda(
    people: dict[str, Any], page: Any, problems: Any
) -> None:
    from maillage.events import services
    from maillage.events.models import Event

    # The facilitator creates the speed-dating.
    _sign_in(page, people["facilitator"].email)
    page.goto("/evenements/nouveau/")
    start = (dt.datetime.now() + dt.timedelta(days=20)).replace(hour=18, minute=0)
    form = page.get_by_role("main")
    form.get_by_label("Type").select_option(label="Speed-dating")
    form.get_by_label("Intitulé").fill(TITLE)
    form.get_by_label("Début").fill(start.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Fin").fill((start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Places").fill("10")
    form.get_by_label("Statut").select_option(label="Publié")
    form.get_by_label("Speed-dating : tours").fill("2")
    form.get_by_label("Speed-dating : tables").fill("2")
    form.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("heading", level=1, name="Organisation de l'événement").wait_for()
    event = Event.objects.get(title=TITLE)
    _sign_out(page)

    # A participant registers through the event page, for their association.
    first = people["participants"][0]
    _sign_in(page, first.email)
    page.goto(event.get_absolute_url())
    page.get_by_role("button", name="Je m'inscris").click()
    page.get_by_text("Vous êtes inscrit").first.wait_for()
    _sign_out(page)
    # The three others register too (same service as the page).
    for person in people["participants"][1:]:
        services.registration_create(event=event, user=person, actor=person.memberships.get().actor)

    # The facilitator computes the plan.
    _sign_in(page, people["facilitator"].email)
    page.goto(f"/evenements/{event.pk}/speed-dating/")
    page.get_by_role("button", name="Calculer le planning").click()
    page.get_by_text(re.compile(r"Planning calculé : 4 rencontres")).wait_for()
    page.get_by_role("table", name=re.compile(r"^Tour 1")).wait_for()
    _sign_out(page)

    # The participant opens their agenda and prints it.
    _sign_in(page, first.email)
    page.goto(event.get_absolute_url())
    page.get_by_role("link", name="Mon agenda de rencontres").click()
    page.get_by_role("heading", level=1, name="Agenda des rencontres").wait_for()
    rows = page.get_by_role("main").locator("table.agenda tbody tr")
    assert rows.count() == 2
    assert "Entreprise du parcours" in rows.first.inner_text()
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("table.agenda").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")

    assert problems.all() == [], "\n".join(problems.all())
