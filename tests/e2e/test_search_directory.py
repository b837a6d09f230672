"""Searching the directory in a real browser: French words in any form find the actors,
hostile text gives an ordinary page, filters narrow the results."""

from __future__ import annotations

from typing import Any

import pytest

from maillage.actors.services import ActorInput, actor_create
from maillage.actors.tests.factories import CommuneFactory


@pytest.fixture
def directory(transactional_db: None, django_db_serialized_rollback: None) -> dict[str, int]:
    """Three actors of Poitiers, committed (the live server reads from its own thread);
    the reference vocabularies are restored after each test (serialized rollback)."""
    CommuneFactory()  # Poitiers, in Vienne (86)
    names = {
        "épicerie": "Épicerie solidaire du Clain",
        "chantier": "Chantier d'insertion des Couronneries",
        "garage": "Garage solidaire",
    }
    kinds = {"épicerie": "association", "chantier": "siae", "garage": "association"}
    return {
        key: actor_create(data=ActorInput(name=name, kind=kinds[key], commune="86194")).pk
        for key, name in names.items()
    }


def _result_names(page: Any) -> list[str]:
    return [text.strip() for text in page.locator("main h2, main h3").all_inner_texts()]


def test_a_plural_query_typed_in_the_search_box_finds_the_singular_name(
    directory: dict[str, int], page: Any, problems: Any
) -> None:
    page.goto("/acteurs/")
    page.locator("#id_q").fill("épiceries solidaires")
    page.locator("#id_q").press("Enter")
    page.wait_for_load_state("networkidle")
    names = _result_names(page)
    assert any("Épicerie solidaire du Clain" in name for name in names), names
    assert not any("Chantier" in name for name in names)
    assert problems.all() == [], "\n".join(problems.all())


def test_word_order_and_accents_do_not_matter(directory: dict[str, int], page: Any) -> None:
    page.goto("/acteurs/?q=SOLIDAIRE+epicerie")
    assert any("Épicerie solidaire du Clain" in name for name in _result_names(page))


@pytest.mark.parametrize("text", ['NEAR(" *', "' OR 1=1 --", "🙂" * 50, "x" * 5000])
def test_hostile_text_gives_an_ordinary_page(
    directory: dict[str, int], page: Any, problems: Any, text: str
) -> None:
    response = page.goto("/acteurs/")
    assert response is not None and response.status == 200
    page.locator("#id_q").fill(text[:200])
    page.locator("#id_q").press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("main").count() == 1
    assert problems.all() == [], "\n".join(problems.all())


def test_a_kind_filter_narrows_a_text_search(directory: dict[str, int], page: Any) -> None:
    page.goto("/acteurs/?q=solidaire&kind=association")
    names = _result_names(page)
    assert any("Garage solidaire" in name for name in names)
    page.goto("/acteurs/?q=insertion&kind=association")
    assert not any("Chantier" in name for name in _result_names(page))
