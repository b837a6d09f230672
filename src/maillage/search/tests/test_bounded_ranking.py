"""Bounded ranking (backends/native.py, point 4) and sampled facets (point 5): what stays
exact and what is bounded when a result is larger than the candidate pools.

The pools are made small here (``CANDIDATES``) so that a handful of actors behaves like a
broad query over a million."""

from __future__ import annotations

import pytest

from maillage.search.backends import get_backend, native
from maillage.search.backends.base import SearchQuery
from maillage.search.selectors import actors_search


def search(text: str = "", **options):
    return actors_search(query=SearchQuery(text=text, **options))


@pytest.fixture
def small_pools(monkeypatch):
    monkeypatch.setattr(native, "CANDIDATES", 4)


@pytest.fixture
def crowd(publish):
    """Twelve actors mentioning « jardin » in passing, far from Poitiers, and three named
    after it (one in Poitiers), all created after the crowd."""
    for number in range(12):
        publish(f"Association {number}", commune="94018", description="Un jardin partagé.")
    far = publish("Jardin partagé de Niort", commune="79191")
    near = publish("Jardin partagé de Poitiers", commune="86194")
    other = publish("Jardins familiaux", commune="94069")
    return far, near, other


@pytest.mark.usefixtures("small_pools")
def test_name_matches_lead_even_beyond_the_pools(crowd):
    far, near, other = crowd
    result, actors = search("jardin", per_page=3)
    assert result.total == 15  # the total is always exact
    assert {actor.pk for actor in actors} == {far.pk, near.pk, other.pk}


@pytest.mark.usefixtures("small_pools")
def test_the_searchers_commune_is_read_first(crowd):
    _, near, _ = crowd
    _result, actors = search("jardin", place="86194", per_page=1)
    assert actors[0].pk == near.pk


@pytest.mark.usefixtures("small_pools")
def test_filters_apply_inside_the_pools(crowd):
    far, near, _ = crowd
    result, actors = search("jardin", territory="reg:75")
    assert result.total == 2
    assert {actor.pk for actor in actors} == {far.pk, near.pk}


@pytest.mark.usefixtures("small_pools")
def test_pages_beyond_the_pools_are_still_filled(crowd):
    pages = [search("jardin", per_page=5, page=page)[0].ids for page in (1, 2, 3)]
    assert [len(ids) for ids in pages] == [5, 5, 5]
    assert len({actor_id for ids in pages for actor_id in ids}) == 15


def test_small_results_are_ranked_exactly_and_counted_exactly(crowd):
    far, near, other = crowd
    result, actors = search("jardin", place="86194", with_facets=True)
    assert [actor.pk for actor in actors[:3]] == [near.pk, far.pk, other.pk]
    assert not result.facets_estimated
    assert {value.code: value.count for value in result.facets["departement"]} == {
        "94": 13,
        "79": 1,
        "86": 1,
    }


def test_large_results_get_estimated_facets(monkeypatch, crowd):
    monkeypatch.setattr(native, "FACET_EXACT_LIMIT", 3)
    monkeypatch.setattr(native, "FACET_SAMPLE_MAX", 8)
    result, _ = search("jardin", with_facets=True)
    assert result.facets_estimated
    kinds = {value.code: value.count for value in result.facets["kind"]}
    # A uniform sample, scaled to the total: every actor here is an association.
    assert kinds == {"association": result.total}


def test_browsing_without_text_uses_the_same_pools(monkeypatch, publish):
    monkeypatch.setattr(native, "CANDIDATES", 2)
    for name in ("Castor", "Abeille", "Zèbre", "Belette"):
        publish(name, commune="94018")
    poitiers = publish("Loutre", commune="86194")
    result, actors = search(place="86194", per_page=2)
    assert result.total == 5
    assert actors[0].pk == poitiers.pk


def test_very_large_totals_are_estimated(monkeypatch, crowd):
    monkeypatch.setattr(native, "COUNT_EXACT_LIMIT", 3)
    monkeypatch.setattr(native, "COUNT_SAMPLE_MIN", 1)
    # Counting first, then estimating (PostgreSQL samples first, which a handful of ids
    # cannot exercise reliably).
    monkeypatch.setattr(type(get_backend()), "cheap_count", True)
    result, actors = search("jardin")
    assert result.total_estimated
    assert result.total >= 4  # never below what was counted
    assert len(actors) == 15  # the page itself is read, not estimated
    exact, _ = search("jardin", territory="dep:79")
    assert not exact.total_estimated and exact.total == 1
    # Further pages and large reads (exports) count exactly.
    second, _ = search("jardin", per_page=10, page=2)
    assert not second.total_estimated and second.total == 15
    export, _ = search("jardin", per_page=5000)
    assert not export.total_estimated and export.total == 15


def test_a_capped_pool_reads_the_most_complete_profiles_first(monkeypatch, publish):
    monkeypatch.setattr(native, "CANDIDATES", 1)
    for letter in "ACD":
        publish(f"Jardin {letter}", commune="94018")
    complete = publish(
        "Jardin B",
        commune="94018",
        website="https://jardin-b.example.org",
        email="contact@jardin-b.example.org",
        themes=["transition_ecologique"],
        description="Un jardin partagé ouvert à tous les habitants du quartier, avec des "
        "ateliers de compostage et de semis chaque samedi matin.",
        needs=[("benevolat", "Des jardiniers")],
    )
    result, actors = search("jardin", per_page=1)
    assert result.total == 4
    assert actors[0].pk == complete.pk


@pytest.fixture
def estimating(monkeypatch):
    monkeypatch.setattr(native, "COUNT_EXACT_LIMIT", 3)
    monkeypatch.setattr(native, "COUNT_SAMPLE_MIN", 1)
    monkeypatch.setattr(native, "FACET_EXACT_LIMIT", 3)
    monkeypatch.setattr(native, "FACET_SAMPLE_MAX", 8)
    monkeypatch.setattr(type(get_backend()), "cheap_count", True)


@pytest.mark.usefixtures("estimating")
def test_the_directory_says_an_estimated_total_is_approximate(client, crowd):
    page = client.get("/acteurs/", {"q": "jardin"}).content.decode()
    assert "environ" in page
    assert "les décomptes (≈) sont des estimations" in page
    exact = client.get("/acteurs/", {"q": "jardin", "territory": "dep:79"}).content.decode()
    assert "environ" not in exact


@pytest.mark.usefixtures("estimating")
def test_the_api_flags_estimated_totals_and_facets(client, crowd):
    body = client.get("/api/v1/actors", {"q": "jardin", "facets": "true"}).json()
    assert body["total_estimated"] is True
    assert body["facets_estimated"] is True
    exact = client.get("/api/v1/actors", {"q": "jardin", "territory": "dep:79"}).json()
    assert exact["total_estimated"] is False
