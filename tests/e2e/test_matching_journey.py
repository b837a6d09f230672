"""The matchmaking journey (issue 5), in a real browser on the demo territory:

the association's admin opens « Partenaires suggérés », reads why a partner is suggested,
asks for an introduction (no contact shown while it waits); the company's admin answers
IRIS's pending request from the demo, and the contact persons appear on both sides.
"""

from __future__ import annotations

import re
from typing import Any

from maillage.demo.personas import ASSOCIATION_ADMIN, COMPANY_ADMIN, DEMO_PASSWORD

MESSAGE = "Bonjour, nous aimerions vous présenter nos chantiers d'insertion (test du parcours)."


def _sign_in(page: Any, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()


def test_suggestions_introduction_and_consent(
    demo_territory: None, page: Any, problems: Any
) -> None:
    # The association's admin lands on IRIS's suggestions.
    _sign_in(page, ASSOCIATION_ADMIN.email)
    page.goto("/partenaires/")
    page.get_by_role(
        "heading", level=1, name=re.compile("Partenaires suggérés pour IRIS")
    ).wait_for()
    results = page.get_by_role("main").get_by_role("article")
    assert results.count() >= 5
    first = results.first
    assert first.locator("meter").count() == 3
    assert re.search(r"Vous cherchez|cherche", first.inner_text())

    # Ask the first suggested partner that has no introduction yet.
    ask = page.get_by_role("link", name="Demander une mise en relation").first
    ask.click()
    page.get_by_label("Votre message").fill(MESSAGE)
    page.get_by_role("button", name="Envoyer la demande").click()
    page.get_by_role("heading", level=1, name="Demande de mise en relation").wait_for()
    body = page.get_by_role("main").inner_text()
    assert "En attente de réponse" in body
    assert "@demo.example" not in body and "Coordonnées" not in body
    _sign_out(page)

    # The company's admin answers IRIS's request (loaded by the demo) and sees contacts.
    _sign_in(page, COMPANY_ADMIN.email)
    page.goto("/partenaires/mises-en-relation/")
    page.get_by_role("link", name=re.compile(r"^IRIS.*→ Orange")).click()
    assert "@demo.example" not in page.get_by_role("main").inner_text()
    page.get_by_role("button", name="Accepter la mise en relation").click()
    page.get_by_role("heading", name="Coordonnées").wait_for()
    assert "@demo.example" in page.get_by_role("main").inner_text()
    assert page.get_by_role("button", name="Ouvrir un brouillon de partenariat").count() == 1

    assert problems.all() == [], "\n".join(problems.all())
