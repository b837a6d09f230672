"""The case library and the funding envelopes (issue 7, items 5 and 6), in a real browser.

A finished partnership becomes a case study: the association's admin prepares it from
« Mes études de cas », adds a key figure and gives the association's consent; the
company's admin reads the draft, gives the company's consent and publishes it; a visitor
finds it in the public library by a word and a theme, and reads it — organisations only,
never a contact person.

The facilitator of the Vienne then grants part of a funder's envelope to the partnership,
is told plainly when an amount would exceed the budget, and reads the totals.

Selectors are roles and labels, as a person using a screen reader would find them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from maillage.accounts.tests.factories import PASSWORD
from maillage.actors.tests.factories import ActorFactory, CommuneFactory
from maillage.library.tests.factories import LibraryWorld, build_library_world


@pytest.fixture
def library_world(transactional_db: None, django_db_serialized_rollback: None) -> LibraryWorld:
    """The library tests' cast (committed: the live server reads from its own thread)."""
    return build_library_world()


def _sign_in(page: Any, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()


def test_a_finished_partnership_becomes_a_public_case_study_once_both_parties_agree(
    library_world: LibraryWorld, page: Any, problems: Any
) -> None:
    lw = library_world
    title = lw.partnership.title

    # The association's admin prepares the case study.
    _sign_in(page, lw.world.cast.admin.email)
    page.goto("/bibliotheque/mes-etudes/")
    page.get_by_role("link", name="En faire une étude de cas").click()
    page.get_by_role("button", name="Préparer l'étude de cas").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name=title).is_visible()
    assert page.get_by_text("Étude de cas en préparation.").is_visible()
    # Pre-filled from the partnership's contributions and its evaluation.
    figures = page.get_by_role("region", name="Chiffres clés")
    assert figures.get_by_text("12\u202f000\u00a0€").is_visible()
    assert figures.get_by_text("140 personnes (cible : 120)").is_visible()

    page.get_by_role("link", name="Modifier le texte").click()
    box = page.get_by_label("Chiffres clés")
    box.fill(box.input_value() + "\nAteliers animés : 48")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    assert page.get_by_text("Ateliers animés").is_visible()

    page.get_by_role("button", name="Donner l'accord de Les Ateliers du Clain").click()
    page.wait_for_load_state()
    assert page.get_by_text("Accord de Les Ateliers du Clain enregistré.").is_visible()
    assert page.get_by_role("button", name="Publier dans la bibliothèque").is_disabled()
    _sign_out(page)

    # Not public yet.
    page.goto("/bibliotheque/?q=ateliers")
    assert page.get_by_role("link", name=title).count() == 0

    # The company's admin agrees and publishes.
    _sign_in(page, lw.partner_admin.email)
    page.goto("/bibliotheque/mes-etudes/")
    page.get_by_role("link", name=title).click()
    page.get_by_role("button", name="Donner l'accord de Entreprise Partenaire").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Publier dans la bibliothèque").click()
    page.wait_for_load_state()
    assert page.get_by_text("L'étude de cas est publiée dans la bibliothèque.").is_visible()
    _sign_out(page)

    # A visitor finds it by a word and a theme.
    page.goto("/bibliotheque/")
    page.get_by_label("Rechercher").fill("numériques QUARTIER")
    page.get_by_label("Thématique").select_option("inclusion_numerique")
    page.get_by_role("button", name="Chercher").click()
    page.wait_for_load_state()
    page.get_by_role("link", name=title).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name=title).is_visible()
    assert page.get_by_role("link", name="Entreprise Partenaire").is_visible()
    text = page.content()
    for private in ("Contactprivé", "@contact.example", "Alice Admin", "Paul Partenaire"):
        assert private not in text
    assert "Accord des parties" not in text
    assert problems.all() == []


def test_a_facilitator_allocates_within_the_budget_and_reads_the_totals(
    library_world: LibraryWorld, page: Any, problems: Any
) -> None:
    from maillage.funding.tests.factories import envelope_create

    lw = library_world
    funder = ActorFactory(
        name="Fonds de péréquation de la Vienne", company=True, seat_commune=CommuneFactory()
    )
    envelope = envelope_create(
        funder=funder,
        budget="45000",
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2024, 12, 31),
    )

    _sign_in(page, lw.world.cast.facilitator_in.email)
    page.goto("/financements/")
    page.get_by_role("link", name=envelope.title).click()
    page.get_by_role("link", name="Attribuer un financement").click()
    page.get_by_label("Partenariat financé").select_option(str(lw.partnership.pk))
    page.get_by_label("Montant attribué (€)").fill("50 000")
    page.get_by_label("Date de la décision").fill("2024-02-01")
    page.get_by_label("Objet du financement").fill("Ateliers numériques")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    error = page.locator("#id_amount_eur_error")
    assert error.get_by_text("dépasserait le budget de l'enveloppe").is_visible()
    assert error.get_by_text("il reste 45 000").is_visible()

    page.get_by_label("Montant attribué (€)").fill("12 000")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    totals = page.get_by_role("region", name="Budget, attribué, dépensé")
    assert totals.get_by_text("45\u202f000\u00a0€").is_visible()
    assert totals.get_by_text("33\u202f000\u00a0€").is_visible()
    assert page.get_by_role("heading", name=lw.partnership.title).is_visible()
    assert page.get_by_text("1 cible(s) atteinte(s) sur 1").is_visible()
    assert problems.all() == []
