"""Evaluation pages through HTTP, and ``/api/v1/evaluations``."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from maillage.evaluation.models import Assessment, Indicator
from maillage.evaluation.tests.factories import EVIDENCE, all_dimensions, answer, indicator, period

pytestmark = pytest.mark.django_db


def _form(ratings: dict[str, int], **extra: str) -> dict[str, str]:
    data = {f"rating_{criterion}": str(rating) for criterion, rating in ratings.items()}
    data.update({f"evidence_{criterion}": text for criterion, text in EVIDENCE.items()})
    data.update(extra)
    return data


def test_a_party_fills_a_draft_then_submits_and_discovers_the_others(client, world):
    bilan = period(world.partnership)
    answer(bilan, world.company_party, world.partner_member, all_dimensions(2))
    client.force_login(world.cast.member)
    url = reverse(
        "evaluation:assessment",
        kwargs={
            "pk": world.partnership.pk,
            "period_pk": bilan.pk,
            "party_pk": world.association_party.pk,
        },
    )
    period_url = reverse(
        "evaluation:period", kwargs={"pk": world.partnership.pk, "period_pk": bilan.pk}
    )
    before = client.get(period_url).content.decode()
    assert "Visible après votre propre évaluation" in before

    draft = client.post(url, _form({"valeur_association": 4}, draft="1"))
    assert draft.status_code == 302
    assert Assessment.objects.get(party=world.association_party).status == "brouillon"

    incomplete = client.post(url, _form({"valeur_association": 4}, submit="1"))
    assert incomplete.status_code == 200
    assert "Notez « Retour sur engagement pour l&#x27;entreprise » avant de soumettre." in (
        incomplete.content.decode()
    )

    submitted = client.post(url, _form(all_dimensions(5), submit="1"))
    assert submitted.status_code == 302 and submitted["Location"] == period_url
    after = client.get(period_url).content.decode()
    assert "Visible après votre propre évaluation" not in after
    assert "2/5" in after and "5/5" in after and "Écart de 3 points" in after
    # A submitted assessment cannot be reopened.
    assert client.get(url)["Location"] == period_url


def test_indicator_and_measurement_forms_report_bad_input(client, world):
    client.force_login(world.cast.admin)
    add_url = reverse("evaluation:indicator_add", kwargs={"pk": world.partnership.pk})
    refused = client.post(
        add_url,
        {
            "name": "Repas",
            "dimension": "impact_bien_commun",
            "unit": "repas",
            "baseline": "10",
            "target": "10",
        },
    )
    assert "La cible doit différer de la situation de départ." in refused.content.decode()
    created = client.post(
        add_url,
        {
            "name": "Repas",
            "dimension": "impact_bien_commun",
            "unit": "repas",
            "baseline": "0",
            "target": "1 200",
        },
    )
    assert created.status_code == 302
    found = Indicator.objects.get(name="Repas")
    measure_url = reverse(
        "evaluation:measurement_add", kwargs={"pk": world.partnership.pk, "indicator_pk": found.pk}
    )
    future = client.post(measure_url, {"measured_on": "2999-01-01", "value": "12"})
    assert future.status_code == 400
    assert "Une mesure ne peut pas être datée dans le futur." in future.content.decode()
    assert (
        client.post(measure_url, {"measured_on": "2025-03-01", "value": "300,5"}).status_code == 302
    )
    page = client.get(
        reverse(
            "evaluation:indicator", kwargs={"pk": world.partnership.pk, "indicator_pk": found.pk}
        )
    ).content.decode()
    assert "300,5 repas" in page and "25 %" in page


def test_a_period_with_dates_out_of_order_is_refused(client, world):
    client.force_login(world.cast.admin)
    response = client.post(
        reverse("evaluation:period_add", kwargs={"pk": world.partnership.pk}),
        {"label": "Bilan", "starts_on": "2025-06-01", "ends_on": "2025-01-01"},
    )
    assert "La fin (01/01/2025) précède le début (01/06/2025)" in response.content.decode()


def test_the_overview_offers_each_member_to_answer_for_their_own_party_only(client, world):
    period(world.partnership)
    client.force_login(world.partner_member)
    html = client.get(
        reverse("evaluation:overview", kwargs={"pk": world.partnership.pk})
    ).content.decode()
    assert "Remplir l'évaluation de Entreprise Partenaire" in html
    assert "Remplir l'évaluation de Les Ateliers du Clain" not in html


# --------------------------------------------------------------------------- API


def _api(world, role: str) -> Client:
    client = Client()
    user = world.roles()[role]
    if user is not None:
        client.force_login(user)
    return client


def _put(client: Client, url: str, payload: dict) -> object:
    return client.put(url, data=json.dumps(payload), content_type="application/json")


def test_api_evaluation_follows_the_visibility_rules(world):
    bilan = period(world.partnership)
    answer(bilan, world.company_party, world.partner_member, all_dimensions(3), summary="Bien.")
    url = f"/api/v1/evaluations/partnerships/{world.partnership.pk}"
    association = _api(world, "member").get(url).json()
    company_row = next(
        p for p in association["periods"][0]["parties"] if p["party"] == world.company_party.pk
    )
    assert (
        company_row["submitted"] and not company_row["visible"] and company_row["answers"] is None
    )
    facilitator = _api(world, "facilitator_in").get(url).json()
    row = next(
        p for p in facilitator["periods"][0]["parties"] if p["party"] == world.company_party.pk
    )
    assert row["visible"] and row["summary"] == "Bien."
    assert _api(world, "stranger").get(url).status_code == 404
    assert Client().get(url).status_code == 403


def test_api_assessment_by_a_non_party_is_refused_with_a_clear_message(world):
    bilan = period(world.partnership)
    url = f"/api/v1/evaluations/periods/{bilan.pk}/assessments/{world.association_party.pk}"
    payload = {
        "answers": {c: {"rating": 4, "evidence": text} for c, text in EVIDENCE.items()},
        "submit": True,
    }
    refused = _put(_api(world, "partner_member"), url, payload)
    assert refused.status_code == 422
    assert refused.json()["field"] == "party"
    assert "Seules les parties du partenariat" in refused.json()["message"]
    assert _put(_api(world, "stranger"), url, payload).status_code == 404
    accepted = _put(_api(world, "member"), url, payload)
    assert accepted.status_code == 200
    own = next(p for p in accepted.json()["parties"] if p["party"] == world.association_party.pk)
    assert (
        own["submitted"]
        and {a["criterion"]: a["rating"] for a in own["answers"]}["impact_bien_commun"] == 4
    )


def test_api_indicators_and_measurements(world):
    client = _api(world, "admin")
    created = client.post(
        f"/api/v1/evaluations/partnerships/{world.partnership.pk}/indicators",
        data=json.dumps(
            {
                "name": "Jeunes accompagnés",
                "dimension": "impact_bien_commun",
                "unit": "jeunes",
                "baseline": 0,
                "target": 20,
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201
    indicator_id = created.json()["id"]
    measured = client.post(
        f"/api/v1/evaluations/indicators/{indicator_id}/measurements",
        data=json.dumps({"measured_on": "2025-02-01", "value": 5}),
        content_type="application/json",
    )
    assert measured.status_code == 201 and measured.json()["progress_percent"] == 25
    facilitator = _api(world, "facilitator_in").post(
        f"/api/v1/evaluations/indicators/{indicator_id}/measurements",
        data=json.dumps({"measured_on": "2025-03-01", "value": 9}),
        content_type="application/json",
    )
    assert facilitator.status_code == 404


def test_an_indicator_of_an_invisible_partnership_is_a_404(world):
    found = indicator(world.partnership)
    response = _api(world, "other_admin").post(
        f"/api/v1/evaluations/indicators/{found.pk}/measurements",
        data=json.dumps({"measured_on": "2025-02-01", "value": 5}),
        content_type="application/json",
    )
    assert response.status_code == 404
