"""``/api/v1/library``: published case studies and good practices, searchable; drafts
never served; no person in any answer."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from maillage.library import services
from maillage.library.tests.factories import LibraryWorld, case_from, practice, published_case

pytestmark = pytest.mark.django_db

BASE = "/api/v1/library"


def _get(path: str, user=None, **params: str):  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(f"{BASE}{path}", params)


def test_published_case_studies_are_listed_with_filters(lw: LibraryWorld) -> None:
    case = published_case(lw)
    body = _get("/case-studies").json()
    assert body["total"] == 1
    (row,) = body["results"]
    assert row["id"] == case.pk
    assert row["partnership_type"]["code"] == "mecenat"
    assert {t["code"] for t in row["themes"]} == {"inclusion_numerique", "precarite"}
    assert row["url"].endswith(case.get_absolute_url())
    assert _get("/case-studies", q="numériques ateliers").json()["total"] == 1
    assert _get("/case-studies", q="boulangerie").json()["total"] == 0
    assert _get("/case-studies", theme="logement").json()["total"] == 0
    assert _get("/case-studies", type="mecenat", territory="dep:86").json()["total"] == 1
    assert _get("/case-studies", territory="dep:94").json()["total"] == 0


def test_unknown_codes_are_bad_parameters(lw: LibraryWorld) -> None:
    response = _get("/case-studies", theme="nope")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameter"
    assert response.json()["field"] == "theme"
    assert _get("/case-studies", territory="dep:zz").status_code == 400
    assert _get("/case-studies", per_page="1000").status_code == 400


def test_paging(lw: LibraryWorld) -> None:
    published_case(lw)
    body = _get("/case-studies", page="2", per_page="1").json()
    assert body["total"] == 1 and body["results"] == []


def test_a_case_study_in_full_without_any_person(lw: LibraryWorld) -> None:
    case = published_case(lw)
    response = _get(f"/case-studies/{case.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == case.title
    assert {p["name"] for p in body["parties"]} == {
        "Les Ateliers du Clain",
        "Entreprise Partenaire",
    }
    assert {"label": "Apports financiers et achats", "value": "12\u202f000\u00a0€"} in body[
        "figures"
    ]
    text = json.dumps(body, ensure_ascii=False)
    for private in ("Contactprivé", "contact.example", "Alice", "Paul Partenaire", "email"):
        assert private not in text


def test_drafts_are_not_served_even_to_their_parties(lw: LibraryWorld) -> None:
    case = case_from(lw)
    assert _get(f"/case-studies/{case.pk}", user=lw.world.cast.admin).status_code == 404
    assert _get("/case-studies").json()["total"] == 0
    assert _get("/case-studies/999999").status_code == 404
    response = _get(f"/case-studies/{case.pk}")
    assert response.json()["code"] == "not_found"


def test_taken_out_cases_disappear(lw: LibraryWorld) -> None:
    case = published_case(lw)
    services.case_study_unpublish(case_study=case, actor=lw.world.partner, user=lw.partner_admin)
    assert _get(f"/case-studies/{case.pk}").status_code == 404


def test_good_practices_and_sheets(lw: LibraryWorld) -> None:
    good = practice()
    draft = practice("Brouillon", published=False)
    body = _get("/good-practices").json()
    assert [row["id"] for row in body["results"]] == [good.pk]
    assert body["results"][0]["partnership_types"][0]["code"] == "mecenat"
    assert _get(f"/good-practices/{good.pk}").json()["source"] == "Le RAMEAU, 2011"
    assert _get(f"/good-practices/{draft.pk}").status_code == 404
    assert _get("/good-practices", theme="logement").json()["total"] == 0
    sheets = _get("/sheets").json()
    assert sheets["count"] == len(sheets["results"])


@pytest.mark.parametrize("value", ["\x00", "é" * 80, "a b", "logement;drop"])
def test_odd_codes_are_bad_parameters_not_errors(lw: LibraryWorld, value: str) -> None:
    for name in ("theme", "type", "territory"):
        response = _get("/case-studies", **{name: value})
        assert response.status_code == 400, (name, value)
        assert response.json()["field"] == name
