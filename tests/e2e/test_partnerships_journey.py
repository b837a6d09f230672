"""The partnership journey (issue 7), in a real browser: from an accepted introduction to
an evaluated partnership and its printed report.

Two organisations were put in touch after a speed-dating (the matching app's
``introduction_open_mutual``: accepted on both sides). The association's admin opens a
partnership draft from the introduction, describes it, states its objectives, ticks an
action of the method, moves it to « active », records a contribution and uploads the
convention, defines an indicator and measures it, opens an assessment round and answers
for the association. The company's admin then answers for the company, discovers the
association's answers (a divergence is highlighted), opens the report and prints it.

Selectors are roles and labels, as a person using a screen reader would find them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from maillage.accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory
from maillage.actors.tests.factories import ActorFactory, CommuneFactory
from maillage.partnerships.tests import files

ASSOCIATION = "Atelier Vélo Solidaire"
COMPANY = "Transports Mélusine"
EVIDENCE = "Douze jeunes formés à la réparation, trois embauchés."


@pytest.fixture
def people(transactional_db: None, django_db_serialized_rollback: None) -> dict[str, Any]:
    """An association and a company of Poitiers, each with its admin, and the accepted
    introduction between them. Committed: the live server reads from its own thread."""
    from maillage.matching.services import introduction_open_mutual

    poitiers = CommuneFactory()
    association = ActorFactory(name=ASSOCIATION, seat_commune=poitiers, themes=["insertion_jeunes"])
    company = ActorFactory(name=COMPANY, entreprise=True, seat_commune=poitiers)
    julien = UserFactory(email="julien@atelier-velo.example", display_name="Julien Marchais")
    sophie = UserFactory(email="sophie@melusine.example", display_name="Sophie Lemercier")
    MembershipFactory(user=julien, actor=association, admin=True)
    MembershipFactory(user=sophie, actor=company, admin=True)
    introduction = introduction_open_mutual(
        actor_a=association, actor_b=company, origin="speed_dating"
    )
    return {"julien": julien, "sophie": sophie, "introduction": introduction}


def _sign_in(page: Any, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()


def _tab(page: Any, name: str) -> None:
    page.get_by_role("navigation", name="Le partenariat").get_by_role("link", name=name).click()
    page.wait_for_load_state()


def _answer(page: Any, ratings: dict[str, str]) -> None:
    for criterion, rating in ratings.items():
        group = page.get_by_role("group", name=criterion)
        group.get_by_label(rating).check()
        group.get_by_label("Éléments de preuve").fill(EVIDENCE)
    page.get_by_role("button", name="Soumettre l'évaluation").click()
    page.wait_for_load_state()


def test_from_an_accepted_introduction_to_an_evaluated_partnership_and_its_printed_report(
    people: dict[str, Any], page: Any, problems: Any, tmp_path: Path
) -> None:
    # The association's admin opens a partnership draft from the accepted introduction.
    _sign_in(page, people["julien"].email)
    page.goto(people["introduction"].get_absolute_url())
    page.get_by_role("button", name="Ouvrir un brouillon de partenariat").click()
    page.get_by_role("heading", level=1, name=re.compile(ASSOCIATION)).wait_for()
    assert "Idée" in page.locator(".partnership-kicker").inner_text()
    partnership_url = page.url

    # Describe it: type, start date, the project.
    page.get_by_role("link", name="Modifier").first.click()
    page.get_by_label("Type de partenariat").select_option(label="Innovation sociétale")
    page.get_by_label("Début").fill("2025-01-06")
    page.get_by_label("Le projet en quelques lignes").fill(
        "Un atelier de réparation de vélos où des jeunes se forment, avec les flottes de "
        "l'entreprise."
    )
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Le partenariat est enregistré.").wait_for()

    # The association states its objectives (« carré magique »).
    page.get_by_role("link", name=f"Objectifs et attentes de {ASSOCIATION}").click()
    page.get_by_label("Objectif principal").select_option(label="Innovation")
    page.get_by_label("Attentes").fill("Former des jeunes à un métier qui recrute.")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("region", name="Les parties, leurs objectifs et leurs attentes").get_by_text(
        "Former des jeunes à un métier qui recrute."
    ).wait_for()

    # The method: tick the first action (htmx swaps the item in place).
    _tab(page, "Méthode")
    first = page.locator(".checklist-item").first
    first.get_by_role("button").click()
    page.locator(".checklist-item.is-done").first.wait_for()

    # The lifecycle: under construction, then active.
    page.goto(partnership_url)
    for label in ("En construction", "Active"):
        page.get_by_role("link", name="Changer le statut").click()
        page.get_by_label(label).check()
        page.get_by_role("button", name="Changer le statut").click()
        page.get_by_text(f"Statut : {label}.").wait_for()

    # Commitments: the company's contribution, then the convention (a real PDF).
    _tab(page, "Engagements")
    page.get_by_role("link", name="Ajouter une contribution").click()
    page.get_by_label("Apportée par").select_option(label=COMPANY)
    page.get_by_label("Nature").select_option(label="Apport financier")
    page.get_by_label("Description").fill("Achat de pièces et d'outillage")
    page.get_by_label("Montant ou valorisation (€)").fill("-100")
    page.get_by_label("Date ou début").fill("2025-01-06")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Le montant ne peut pas être négatif.").first.wait_for()
    page.get_by_label("Montant ou valorisation (€)").fill("4 500")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Contribution enregistrée.").wait_for()
    convention = tmp_path / "convention.pdf"
    convention.write_bytes(files.PDF)
    upload = page.get_by_role("form", name="Déposer un document")
    upload.get_by_label("Fichier").set_input_files(str(convention))
    upload.get_by_label("Titre").fill("Convention signée")
    upload.get_by_role("button", name="Déposer").click()
    page.get_by_role("link", name="Convention signée").wait_for()

    # Evaluation: an indicator, a measure, an assessment round.
    _tab(page, "Évaluation")
    page.get_by_role("link", name="Ajouter un indicateur").click()
    page.get_by_label("Indicateur").fill("Jeunes formés")
    page.get_by_label("Dimension évaluée").select_option(label="Impact pour le bien commun")
    page.get_by_label("Unité").fill("jeunes")
    page.get_by_label("Situation de départ").fill("0")
    page.get_by_label("Cible").fill("10")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="Jeunes formés").click()
    page.get_by_label("Date de la mesure").fill("2025-06-30")
    page.get_by_label("Valeur").fill("12")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Mesure enregistrée.").wait_for()
    _tab(page, "Évaluation")
    page.get_by_role("link", name="Ouvrir un bilan").click()
    page.get_by_label("Bilan").fill("Bilan à six mois")
    page.get_by_label("Période évaluée : du").fill("2025-01-06")
    page.get_by_label("jusqu’au").fill("2025-06-30")
    page.get_by_role("button", name="Ouvrir le bilan").click()
    page.get_by_role("link", name=f"Remplir l'évaluation de {ASSOCIATION}").click()
    _answer(
        page,
        {
            "Valeur ajoutée pour l'association": "5 — Excellent",
            "Retour sur engagement pour l'entreprise": "4 — Bon",
            "Impact pour le bien commun": "5 — Excellent",
        },
    )
    page.get_by_text("Évaluation soumise").wait_for()
    _sign_out(page)

    # The company's admin answers in turn, then discovers both answers side by side.
    _sign_in(page, people["sophie"].email)
    page.goto(partnership_url)
    _tab(page, "Évaluation")
    page.get_by_role("link", name="Bilan à six mois").click()
    assert "Visible après votre propre évaluation" in page.get_by_role("main").inner_text()
    page.get_by_role("link", name=f"Remplir l'évaluation de {COMPANY}").click()
    _answer(
        page,
        {
            "Valeur ajoutée pour l'association": "4 — Bon",
            "Retour sur engagement pour l'entreprise": "2 — Insuffisant",
            "Impact pour le bien commun": "4 — Bon",
        },
    )
    main = page.get_by_role("main")
    main.get_by_text("Écart de 2 points : à discuter").wait_for()
    assert "Visible après votre propre évaluation" not in main.inner_text()
    assert main.locator("svg").count() >= 1

    # The report, printed.
    _tab(page, "Évaluation")
    page.get_by_role("link", name="Rapport d'évaluation").click()
    page.get_by_role("heading", name="1. Le partenariat").wait_for()
    # The button is revealed by the page's script (it does nothing without it): wait for it.
    page.get_by_role("button", name="Imprimer ou enregistrer en PDF").wait_for(state="visible")
    report_text = page.get_by_role("main").inner_text()
    assert "Jeunes formés" in report_text and "120 %" in report_text
    assert "4 500 €" in report_text.replace("\u202f", " ").replace("\u00a0", " ")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Imprimer ou enregistrer en PDF").is_visible()
    assert page.locator(".report").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="La synthèse sur une page").click()
    page.get_by_text("Utilité sociale — synthèse pour les élus et les financeurs").wait_for()
    page.emulate_media(media="print")
    summary = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", summary)) == 1, "the summary holds on one page"

    assert problems.all() == [], "\n".join(problems.all())
