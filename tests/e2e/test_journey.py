"""The foundation's journey (issue 2), in a real browser on the demo territory:

open the home page, search "insertion", filter by département 86, open IRIS's page, sign in
as the association admin, add a need, see it on the public page.

Selectors are roles and labels, as a person using a screen reader would find them.
"""

from __future__ import annotations

import re
from typing import Any

from maillage.demo.personas import ASSOCIATION_ADMIN, DEMO_PASSWORD

NEED_TEXT = "Une salle de réunion le jeudi soir pour nos ateliers d'insertion (test du parcours)"
MAX_PAGES = 10


def _open_iris_from_results(page: Any) -> None:
    """Follow IRIS's link in the results, turning pages if it is not on the first one."""
    iris = re.compile(r"^IRIS\b")
    results = page.get_by_role("main")
    for _ in range(MAX_PAGES):
        link = results.get_by_role("link", name=iris)
        if link.count():
            link.first.click()
            return
        next_page = results.get_by_role("link", name=re.compile(r"^Suivant|^Page suivante"))
        assert next_page.count(), "IRIS is not among the results for « insertion » in the 86"
        with page.expect_response(re.compile(r"/acteurs/\?")):
            next_page.first.click()
        page.wait_for_load_state()
    raise AssertionError(f"IRIS not found in the first {MAX_PAGES} pages of results")


def test_association_admin_finds_iris_and_publishes_a_need(
    demo_territory: None, page: Any, problems: Any
) -> None:
    # Home page: search "insertion".
    page.goto("/")
    search = page.get_by_role("searchbox", name=re.compile("Que cherchez-vous"))
    search.fill("insertion")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/acteurs/\?.*q=insertion"))
    assert page.get_by_role("main").get_by_role("article").count() > 0, "no result"

    # Directory: filter by the Vienne (86).
    departements = page.get_by_role("group", name="Département")
    departements.get_by_role("link", name=re.compile(r"^Vienne \(86\)")).click()
    page.wait_for_url(re.compile(r"territory=dep(%3A|:)86"))
    page.get_by_role("link", name=re.compile(r"Territoire : Vienne")).first.wait_for()
    places = page.get_by_role("main").locator(".actor-place").all_inner_texts()
    assert places and all("(86)" in place for place in places), places

    # IRIS's public page.
    _open_iris_from_results(page)
    page.get_by_role("heading", level=1, name=re.compile(r"^IRIS\b")).wait_for()
    public_url = page.url
    needs = page.get_by_role("region", name="Besoins")
    assert NEED_TEXT not in needs.inner_text()

    # Sign in as the association's admin, from the actor's page (back to it afterwards).
    page.get_by_role("main").get_by_role("link", name="Se connecter").first.click()
    page.get_by_label("Adresse électronique").fill(ASSOCIATION_ADMIN.email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url(public_url)

    # Manage the profile: needs and offers, add a need.
    page.get_by_role("link", name="Modifier").click()
    page.get_by_role("navigation", name="Gestion de la fiche").get_by_role(
        "link", name="Besoins et offres"
    ).click()
    form = page.get_by_role("region", name="Ajouter un besoin ou une offre")
    form.get_by_role("radio", name="Besoin").check()
    form.get_by_label("Catégorie").select_option(label="Locaux et lieux partagés")
    form.get_by_label("Description").fill(NEED_TEXT)
    form.get_by_role("button", name="Ajouter").click()
    page.get_by_role("region", name="Nos besoins").get_by_text(NEED_TEXT).wait_for()

    # The public page shows it.
    page.get_by_role("link", name="Voir la fiche publique").click()
    page.wait_for_url(public_url)
    page.get_by_role("region", name="Besoins").get_by_text(NEED_TEXT).wait_for()

    # And so does the API, which reads the same data.
    actor_id = int(re.search(r"/acteurs/(\d+)/", public_url).group(1))  # type: ignore[union-attr]
    profile = page.request.get(f"/api/v1/actors/{actor_id}").json()
    assert NEED_TEXT in [need["text"] for need in profile["needs"]]

    assert problems.all() == [], "\n".join(problems.all())
