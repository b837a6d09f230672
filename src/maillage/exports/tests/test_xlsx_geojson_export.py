"""``/acteurs/export.xlsx`` and ``/acteurs/export.geojson``."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from maillage.exports.canonical import COLUMNS
from maillage.exports.tests.conftest import MakeActor, Places

pytestmark = [pytest.mark.django_db, pytest.mark.urls("maillage.exports.tests.urls")]


def _content(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


# --------------------------------------------------------------------------- XLSX


def _sheet(client: Client, params: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    response = client.get("/acteurs/export.xlsx", params or {})
    assert response.status_code == 200, response
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="acteurs-')
    assert response["Content-Disposition"].endswith('.xlsx"')
    return load_workbook(io.BytesIO(_content(response))).active


def test_xlsx_has_the_canonical_columns_under_a_styled_frozen_header(
    client: Client, make_actor: MakeActor
) -> None:
    make_actor(name="IRIS")

    sheet = _sheet(client)

    header = next(sheet.iter_rows(max_row=1))
    assert tuple(cell.value for cell in header) == COLUMNS
    assert all(cell.font.bold for cell in header)
    assert header[0].fill.fgColor.rgb.endswith("1F4E79")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:S2"


def test_xlsx_keeps_numbers_as_numbers_and_identifiers_as_text(
    client: Client, make_actor: MakeActor, places: Places
) -> None:
    make_actor(
        name="Niort Associations",
        siret="73282932000074",
        commune="79191",
        employees=12,
        latitude=46.3237,
        longitude=-0.4588,
        themes=["sante", "logement"],
        needs=[("locaux", "Un bureau")],
    )

    sheet = _sheet(client)

    row = dict(zip(COLUMNS, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["siret"] == "73282932000074"
    assert row["commune"] == "79191"
    assert row["employees"] == 12
    assert row["latitude"] == 46.3237
    assert row["longitude"] == -0.4588
    assert row["themes"] == "logement|sante"
    assert row["needs"] == "locaux:Un bureau"
    assert row["description"] is None


def test_xlsx_neutralises_formulas_so_no_cell_is_a_formula(
    client: Client, make_actor: MakeActor
) -> None:
    make_actor(
        name='=HYPERLINK("http://evil.example","clic")',
        description="@SUM(A1:A2)",
        phone="+33 5 49 00 00 00",
    )
    make_actor(name="-2+3", description="=1+1")

    sheet = _sheet(client, {"sort": "name"})

    rows = list(sheet.iter_rows(min_row=2))
    assert all(cell.data_type != "f" for row in rows for cell in row)
    values = [dict(zip(COLUMNS, (c.value for c in row), strict=True)) for row in rows]
    assert [(v["name"], v["description"]) for v in values] == [
        ("'-2+3", "'=1+1"),
        ('\'=HYPERLINK("http://evil.example","clic")', "'@SUM(A1:A2)"),
    ]
    assert values[1]["phone"] == "'+33 5 49 00 00 00"


def test_xlsx_drops_control_characters_a_workbook_cannot_hold(
    client: Client, make_actor: MakeActor
) -> None:
    make_actor(name="IRIS", description="avant\x0bapres")

    sheet = _sheet(client)

    assert next(sheet.iter_rows(min_row=2, values_only=True))[COLUMNS.index("description")] == (
        "avantapres"
    )


def test_xlsx_line_breaks_are_line_feeds(client: Client, make_actor: MakeActor) -> None:
    make_actor(name="IRIS", description="Première ligne\r\nDeuxième\rTroisième\nFin")

    sheet = _sheet(client)

    assert next(sheet.iter_rows(min_row=2, values_only=True))[COLUMNS.index("description")] == (
        "Première ligne\nDeuxième\nTroisième\nFin"
    )


def test_xlsx_honours_the_selection(client: Client, make_actor: MakeActor, places: Places) -> None:
    make_actor(name="À Poitiers", commune="86194")
    make_actor(name="À Niort", commune="79191")

    sheet = _sheet(client, {"territory": "dep:79"})

    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["À Niort"]


def test_xlsx_refuses_an_unknown_filter(client: Client, places: Places) -> None:
    assert client.get("/acteurs/export.xlsx", {"need": "licornes"}).status_code == 400


# --------------------------------------------------------------------------- GeoJSON


def _collection(client: Client, params: dict[str, object] | None = None) -> dict:  # type: ignore[type-arg]
    response = client.get("/acteurs/export.geojson", params or {})
    assert response.status_code == 200, response
    assert response.streaming
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(_content(response))  # type: ignore[no-any-return]


def test_geojson_is_a_feature_collection_of_geolocated_actors_lon_lat(
    client: Client, make_actor: MakeActor, places: Places
) -> None:
    niort = make_actor(
        name="Niort Associations",
        commune="79191",
        latitude=46.3237,
        longitude=-0.4588,
        themes=["sante"],
    )
    make_actor(name="Sans position")

    collection = _collection(client)

    assert collection["type"] == "FeatureCollection"
    assert collection["features"] == [
        {
            "type": "Feature",
            "id": niort.pk,
            "geometry": {"type": "Point", "coordinates": [-0.4588, 46.3237]},
            "properties": {
                "id": niort.pk,
                "name": "Niort Associations",
                "kind": "association",
                "commune": "Niort",
                "commune_code": "79191",
                "url": f"http://testserver/acteurs/{niort.pk}/niort-associations/",
                "approximate": False,
                "themes": ["sante"],
            },
        }
    ]


def test_geojson_flags_commune_centroids_as_approximate(
    client: Client, make_actor: MakeActor, places: Places
) -> None:
    make_actor(name="Centre social", commune="86066")

    [feature] = _collection(client)["features"]

    assert feature["geometry"]["coordinates"] == [0.5461, 46.8178]
    assert feature["properties"]["approximate"] is True


def test_geojson_honours_the_selection_and_may_be_empty(
    client: Client, make_actor: MakeActor, places: Places
) -> None:
    make_actor(name="À Poitiers", commune="86194", kind="entreprise")
    make_actor(name="À Charenton", commune="94018")

    assert [
        f["properties"]["name"] for f in _collection(client, {"kind": "entreprise"})["features"]
    ] == ["À Poitiers"]
    assert _collection(client, {"territory": "dep:79"}) == {
        "type": "FeatureCollection",
        "features": [],
    }


def test_geojson_refuses_an_unknown_territory(client: Client, places: Places) -> None:
    response = client.get("/acteurs/export.geojson", {"territory": "com:00000"})

    assert response.status_code == 400
    assert "com:00000" in response.content.decode()
