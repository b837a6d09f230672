"""The map /carte/ and its data /carte/acteurs.geojson: same selection as the directory."""

from __future__ import annotations

import html

import pytest
from django.db import connection

from maillage.actors.selectors import map_selection
from maillage.actors.tests.factories import ActorFactory
from maillage.actors.tests.public_fixtures import Geography, build_geography
from maillage.search.backends.base import SearchQuery

pytestmark = pytest.mark.django_db

GEOJSON = "/carte/acteurs.geojson"


@pytest.fixture
def geo() -> Geography:
    return build_geography()


def test_geojson_is_a_feature_collection_of_located_actors(client, geo):
    actor = ActorFactory(
        association=True, name="IRIS", seat_commune=geo.poitiers, latitude=46.5802, longitude=0.3404
    )
    ActorFactory(name="Sans position", seat_commune=geo.poitiers)
    response = client.get(GEOJSON)
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 1
    feature = data["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [0.3404, 46.5802]}
    assert feature["properties"] == {
        "id": actor.pk,
        "name": "IRIS",
        "kind": "association",
        "kind_label": "Association",
        "sphere": "ess",
        "commune": "Poitiers",
        "url": actor.get_absolute_url(),
        "approximate": False,
        "closed": False,
    }
    assert data["meta"]["total"] == 2
    assert data["meta"]["without_coordinates"] == 1
    assert data["meta"]["capped"] is False


def test_geojson_uses_the_directory_parameters(client, geo):
    ActorFactory(
        association=True, name="Vienne", seat_commune=geo.poitiers, located=True, themes=["emploi"]
    )
    ActorFactory(
        association=True,
        name="Deux-Sèvres",
        seat_commune=geo.niort,
        located=True,
        themes=["emploi"],
    )
    ActorFactory(
        entreprise=True,
        name="Entreprise",
        seat_commune=geo.poitiers,
        located=True,
        themes=["emploi"],
    )
    ActorFactory(
        association=True,
        name="Fermée",
        seat_commune=geo.poitiers,
        located=True,
        themes=["emploi"],
        closed=True,
    )
    data = client.get(
        GEOJSON, {"territory": "dep:86", "kind": "association", "theme": "emploi"}
    ).json()
    assert [f["properties"]["name"] for f in data["features"]] == ["Vienne"]


def test_approximate_positions_are_flagged(client, geo):
    ActorFactory(seat_commune=geo.poitiers, located=True, coordinates_approximate=True)
    feature = client.get(GEOJSON).json()["features"][0]
    assert feature["properties"]["approximate"] is True


def test_names_travel_as_data_not_markup(client):
    ActorFactory(name="<img src=x onerror=alert(1)>", latitude=46.5, longitude=0.3)
    response = client.get(GEOJSON)
    assert response["Content-Type"] == "application/json"
    assert response.json()["features"][0]["properties"]["name"] == "<img src=x onerror=alert(1)>"


def test_the_number_of_points_is_capped_and_the_answer_says_so(geo):
    for index in range(5):
        ActorFactory(name=f"Acteur {index}", seat_commune=geo.poitiers, located=True)
    selection = map_selection(query=SearchQuery(), limit=3)
    assert len(selection.features) == 3
    assert selection.capped is True
    assert selection.total == 5


def test_invalid_parameters_are_ignored_and_listed(client, geo):
    ActorFactory(seat_commune=geo.poitiers, located=True)
    data = client.get(GEOJSON, {"territory": "dep:ZZ", "kind": "licorne"}).json()
    assert len(data["features"]) == 1
    assert data["meta"]["ignored_parameters"] == ["kind", "territory"]


def test_map_page_is_configured_by_data_attributes_without_inline_script(client, geo):
    ActorFactory(seat_commune=geo.poitiers, located=True, themes=["emploi"])
    response = client.get("/carte/", {"theme": "emploi"})
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert 'data-geojson-url="/carte/acteurs.geojson?theme=emploi"' in content
    assert "/static/vendor/leaflet-1.9.4/leaflet.js" in content
    assert "/static/vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js" in content
    assert "/static/js/map.js" in content
    assert "<script>" not in content  # only external scripts (CSP)
    assert 'style="' not in content
    # The accessible alternative: the same selection as a list.
    assert 'href="/acteurs/?theme=emploi"' in content
    assert "Légende" in content


def test_map_page_answers_htmx_with_its_filters_region(client, geo):
    ActorFactory(seat_commune=geo.poitiers, located=True, themes=["emploi"])
    response = client.get(
        "/carte/", {"theme": "emploi", "q": ""}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="map-region"
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="map-region"')
    assert 'data-geojson-url="/carte/acteurs.geojson?theme=emploi"' in content
    assert response["HX-Push-Url"] == "/carte/?theme=emploi"


def test_map_page_reports_bad_parameters(client):
    response = client.get("/carte/", {"territory": "nulle-part"})
    assert response.status_code == 200
    assert "Territoire inconnu" in html.unescape(response.content.decode())


def test_geojson_query_budget(client, geo, django_assert_max_num_queries):
    for index in range(40):
        ActorFactory(name=f"Acteur {index}", seat_commune=geo.poitiers, located=True)
    # PostgreSQL searches in a savepoint with their own settings: 3 statements, constant.
    with django_assert_max_num_queries(10 if connection.vendor == "sqlite" else 13):
        data = client.get(GEOJSON).json()
    assert len(data["features"]) == 40


def test_map_page_query_budget(client, geo, django_assert_max_num_queries):
    for index in range(10):
        ActorFactory(
            name=f"Acteur {index}", seat_commune=geo.poitiers, located=True, themes=["emploi"]
        )
    with django_assert_max_num_queries(25):
        client.get("/carte/")
