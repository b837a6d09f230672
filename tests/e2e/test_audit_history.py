"""The audit trail in a real browser (issue 8): the organisation's admin reads the history
of their actor, changes told in French; a staff member opens an earlier version and
restores it; the public page shows the restored text. No console error, no CSP violation.
"""

from __future__ import annotations

from typing import Any

import pytest

from maillage.accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory

ACTOR = "Les Ateliers du Clain"
GOOD = "Atelier vélo solidaire : réparation, prêt et formation des jeunes du quartier."
BROKEN = "Texte effacé par erreur"


@pytest.fixture
def world(transactional_db: None, django_db_serialized_rollback: None) -> dict[str, Any]:
    """An association of Poitiers whose description was overwritten by mistake.
    Committed: the live server reads from its own thread."""
    from maillage.actors.services import ActorInput, actor_create, actor_update
    from maillage.actors.tests.factories import CommuneFactory
    from maillage.audit.context import audit_context

    CommuneFactory()
    admin = UserFactory(email="alice@ateliers-clain.example", display_name="Alice Martin")
    staff = UserFactory(email="equipe@maillage.example", display_name="Équipe Maillage", staff=True)
    with audit_context(user=admin, label="POST /acteurs/modifier/"):
        actor = actor_create(
            data=ActorInput(name=ACTOR, kind="association", description=GOOD, commune="86194")
        )
        MembershipFactory(user=admin, actor=actor, admin=True)
        actor_update(actor=actor, changes={"themes": ["insertion_jeunes"]})
        actor_update(actor=actor, changes={"description": BROKEN})
    return {"actor": actor, "admin": admin, "staff": staff}


def _sign_in(page: Any, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()


def test_an_admin_reads_the_history_and_staff_restore_a_version(
    world: dict[str, Any], page: Any, problems: Any
) -> None:
    history = f"/journal/acteurs/{world['actor'].pk}/"

    _sign_in(page, world["admin"].email)
    page.goto(history)
    main = page.get_by_role("main")
    main.get_by_role("heading", name="Historique des modifications").wait_for()
    entries = main.get_by_role("list", name="Entrées du journal, les plus récentes en premier")
    latest = entries.get_by_role("listitem").first
    assert "Modification de la fiche" in latest.inner_text()
    assert latest.get_by_role("row", name="Présentation").count() == 1
    assert BROKEN in latest.inner_text() and GOOD in latest.inner_text()
    assert "Alice Martin" in latest.inner_text()
    assert main.get_by_text("Thématiques : ajout de « Insertion des jeunes »").count() == 1
    # Restoring is for staff only.
    assert main.get_by_role("link", name="Voir cet état de la fiche et le restaurer").count() == 0
    _sign_out(page)

    _sign_in(page, world["staff"].email)
    page.goto(history)
    links = page.get_by_role("main").get_by_role(
        "link", name="Voir cet état de la fiche et le restaurer"
    )
    links.nth(1).click()  # the state before the mistake (after the themes were set)
    page.wait_for_load_state()
    table = page.get_by_role("table", name="Ce que la restauration changerait")
    assert GOOD in table.get_by_role("row", name="Présentation").inner_text()
    page.get_by_role("button", name="Restaurer cette version").click()
    page.wait_for_load_state()
    assert page.get_by_text("La version choisie est restaurée.").count() == 1

    page.goto(world["actor"].get_absolute_url())
    assert page.get_by_text(GOOD).count() >= 1
    assert problems.all() == [], "\n".join(problems.all())
