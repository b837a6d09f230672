"""``GET /api/v1/vocabularies``: codes and French labels of the reference data."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_vocabularies_give_every_code_set_with_french_labels(api_client: Client) -> None:
    response = api_client.get("/api/v1/vocabularies")

    assert response.status_code == 200
    body = response.json()
    assert [s["code"] for s in body["spheres"]] == ["ess", "entreprises", "pouvoirs_publics"]
    kinds = {kind["code"]: kind for kind in body["kinds"]}
    assert set(kinds) == {
        "association",
        "fondation",
        "siae",
        "secteur_adapte",
        "cooperative",
        "mutuelle",
        "entreprise",
        "collectivite",
        "etat",
        "etablissement_public",
        "reseau",
        "intermediaire",
    }
    assert kinds["siae"]["label"] == "Structure d'insertion par l'activité économique (SIAE)"
    assert [sub["code"] for sub in kinds["siae"]["subkinds"]] == ["ei", "etti", "aci", "ai"]
    assert kinds["siae"]["subkinds"][0]["di_typology"] == "EI"
    themes = {theme["code"]: theme for theme in body["themes"]}
    assert len(themes) == 18
    assert themes["sante"] == {"code": "sante", "label": "Santé", "odds": [3]}
    assert [odd["number"] for odd in body["odds"]] == list(range(1, 18))
    assert len(body["categories"]) == 13
    assert {p["code"] for p in body["partnership_types"]} == {
        "mecenat",
        "pratiques_responsables",
        "cooperation_economique",
        "innovation_societale",
    }
    assert {"code": "rup", "label": "Reconnue d'utilité publique"} in body["labels"]
    assert [size["code"] for size in body["company_sizes"]] == ["tpe", "pme", "eti", "ge"]


def test_vocabulary_labels_stay_french_whatever_the_client_language(api_client: Client) -> None:
    body = api_client.get("/api/v1/vocabularies", HTTP_ACCEPT_LANGUAGE="en").json()

    assert body["spheres"][1] == {"code": "entreprises", "label": "Entreprises"}
    assert body["company_sizes"][3]["label"] == "Grande entreprise (5 000 salariés et plus)"


def test_vocabularies_are_read_in_a_fixed_number_of_queries(
    api_client: Client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(8):
        assert api_client.get("/api/v1/vocabularies").status_code == 200
