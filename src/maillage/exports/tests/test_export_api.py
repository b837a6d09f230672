"""``GET /api/v1/actors/export``: the same selection and files through the API."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from maillage.actors.tests.factories import ContactFactory
from maillage.exports.canonical import COLUMNS
from maillage.exports.tests.backends import REFUSING
from maillage.exports.tests.conftest import MakeActor, Places, csv_rows

pytestmark = [pytest.mark.django_db, pytest.mark.urls("maillage.exports.tests.urls")]

URL = "/api/v1/actors/export"


def _content(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


@pytest.fixture
def actors(make_actor: MakeActor, places: Places) -> None:
    iris = make_actor(
        name="IRIS",
        commune="86194",
        themes=["insertion_iae"],
        description='=HYPERLINK("http://evil.example")',
    )
    ContactFactory(actor=iris, last_name="Confidentielle")
    make_actor(
        name="Niort Entreprise", kind="entreprise", commune="79191", latitude=46.32, longitude=-0.45
    )


def test_csv_is_the_default_format_and_streams_the_canonical_file(
    client: Client, actors: None
) -> None:
    response = client.get(URL)

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    content = _content(response)
    assert content.startswith(b"\xef\xbb\xbf")
    assert "Confidentielle" not in content.decode("utf-8-sig")
    rows = {row["name"]: row for row in csv_rows(content)}
    assert set(rows) == {"IRIS", "Niort Entreprise"}
    assert rows["IRIS"]["description"] == '\'=HYPERLINK("http://evil.example")'
    assert rows["Niort Entreprise"]["longitude"] == "-0.45"


def test_filters_and_semicolon(client: Client, actors: None) -> None:
    response = client.get(
        URL, {"kind": "association,entreprise", "territory": "dep:86", "sep": "semicolon"}
    )

    content = _content(response)
    assert content.decode("utf-8-sig").startswith(";".join(COLUMNS))
    assert [row["name"] for row in csv_rows(content, separator=";")] == ["IRIS"]


def test_xlsx_format(client: Client, actors: None) -> None:
    response = client.get(URL, {"format": "xlsx", "sort": "name"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(_content(response))).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == [
        "name",
        "IRIS",
        "Niort Entreprise",
    ]


def test_geojson_format(client: Client, actors: None) -> None:
    response = client.get(URL, {"format": "geojson", "theme": "insertion_iae"})

    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(_content(response))
    [feature] = collection["features"]  # IRIS has its commune's centroid
    assert feature["properties"]["name"] == "IRIS"
    assert feature["properties"]["approximate"] is True
    assert feature["geometry"]["coordinates"] == [0.3404, 46.5802]


@pytest.mark.parametrize(
    ("params", "field", "named"),
    [
        ({"kind": "licorne"}, "kind", "licorne"),
        ({"need": "tout,locaux"}, "need", "tout"),
        ({"territory": "dep:99"}, "territory", "dep:99"),
        ({"format": "pdf"}, "format", "csv"),
        ({"sort": "hasard"}, "sort", None),
        ({"sep": "tab"}, "sep", None),
    ],
)
def test_bad_parameters_answer_400_with_the_stable_error_payload(
    client: Client, places: Places, params: dict[str, str], field: str, named: str | None
) -> None:
    response = client.get(URL, params)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameter"
    assert body["field"] == field
    if named:
        assert named in body["message"]


def test_a_query_the_search_refuses_answers_400_on_q(
    client: Client,
    actors: None,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.MAILLAGE_SEARCH_BACKEND = REFUSING

    response = client.get(URL, {"format": "geojson", "q": "a OR b"})

    assert response.status_code == 400
    assert response.json()["field"] == "q"
    assert "Recherche trop complexe" in response.json()["message"]


def test_openapi_documents_the_operation_and_its_file_types(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()

    operation = document["paths"]["/api/v1/actors/export"]["get"]
    assert operation["operationId"] == "actors_export"
    assert set(operation["responses"]["200"]["content"]) == {
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/geo+json",
    }
    assert "400" in operation["responses"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {
        "format",
        "sep",
        "q",
        "kind",
        "sphere",
        "theme",
        "territory",
        "need",
        "offer",
        "closed",
        "sort",
    } <= names
