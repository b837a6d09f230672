"""``/acteurs/export.csv``: the directory selection as the canonical actor file."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from maillage.actors.enums import ActorStatus
from maillage.actors.models import Actor
from maillage.actors.tests.factories import ContactFactory
from maillage.exports.canonical import COLUMNS
from maillage.exports.tests.backends import REFUSING
from maillage.exports.tests.conftest import MakeActor, Places, csv_rows
from maillage.search.services import search_index_refresh

pytestmark = [pytest.mark.django_db, pytest.mark.urls("maillage.exports.tests.urls")]

URL = "/acteurs/export.csv"


def _content(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


def test_export_urls_are_named_in_the_exports_namespace() -> None:
    assert reverse("exports:actors_csv") == "/acteurs/export.csv"
    assert reverse("exports:actors_xlsx") == "/acteurs/export.xlsx"
    assert reverse("exports:actors_geojson") == "/acteurs/export.geojson"


def test_csv_is_streamed_as_an_attachment_in_utf8_with_bom_and_canonical_header(
    client: Client, make_actor: MakeActor
) -> None:
    make_actor(name="IRIS")

    response = client.get(URL)

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="acteurs-')
    content = _content(response)
    assert content.startswith(b"\xef\xbb\xbf")
    first_line = content.decode("utf-8-sig").split("\r\n")[0]
    assert first_line == ",".join(COLUMNS)


def test_csv_row_holds_every_canonical_column_of_a_full_profile(
    client: Client, make_actor: MakeActor, places: Places
) -> None:
    make_actor(
        name="Régie de quartier Poitiers",
        kind="siae",
        subkind="aci",
        siret="73282932000074",
        rna="W863000123",
        commune="86194",
        intervention=["reg:75", "com:86194", "dep:86"],
        themes=["insertion_iae", "emploi"],
        partnership_types=["mecenat"],
        employees=42,
        description="Chantier d'insertion.\nDeux lignes, des « guillemets », une virgule.",
        website="https://regie.example.org",
        email="contact@regie.example.org",
        phone="05 49 00 00 00",
        latitude=46.58,
        longitude=0.34,
        needs=[("locaux", "Un atelier de 200 m²"), ("financement", "Fonds de roulement")],
        offers=[("achats", "Entretien d'espaces verts")],
    )

    [row] = csv_rows(_content(client.get(URL)))

    assert row == {
        "name": "Régie de quartier Poitiers",
        "kind": "siae",
        "subkind": "aci",
        "siret": "73282932000074",
        "siren": "732829320",
        "rna": "W863000123",
        "commune": "86194",
        "intervention": "com:86194|dep:86|reg:75",
        "themes": "insertion_iae|emploi",
        "needs": "financement:Fonds de roulement|locaux:Un atelier de 200 m²",
        "offers": "achats:Entretien d'espaces verts",
        "partnership_types": "mecenat",
        "employees": "42",
        "description": "Chantier d'insertion.\nDeux lignes, des « guillemets », une virgule.",
        "website": "https://regie.example.org",
        "email": "contact@regie.example.org",
        "phone": "05 49 00 00 00",
        "latitude": "46.58",
        "longitude": "0.34",
    }


def test_semicolon_separator_for_french_spreadsheets(client: Client, make_actor: MakeActor) -> None:
    make_actor(name="Atelier; vélo", latitude=46.5, longitude=0.25)

    content = _content(client.get(URL, {"sep": "semicolon"}))

    text = content.decode("utf-8-sig")
    assert text.split("\r\n")[0] == ";".join(COLUMNS)
    assert text.split("\r\n")[1].startswith('"Atelier; vélo";association;')
    [row] = csv_rows(content, separator=";")
    assert (row["name"], row["longitude"]) == ("Atelier; vélo", "0.25")
    assert csv_rows(_content(client.get(URL, {"sep": ";"})), separator=";") == [row]


def test_unknown_separator_is_refused(client: Client) -> None:
    response = client.get(URL, {"sep": "tab"})

    assert response.status_code == 400
    assert "Séparateur inconnu" in response.content.decode()


def test_every_directory_filter_narrows_the_export(
    client: Client, make_actor: MakeActor, places: Places
) -> None:
    make_actor(
        name="Banque alimentaire de la Vienne",
        commune="86194",
        themes=["precarite"],
        needs=[("benevolat", "Bénévoles le samedi")],
    )
    make_actor(
        name="Entreprise adaptée du Niortais",
        kind="secteur_adapte",
        commune="79191",
        themes=["handicap"],
        offers=[("achats", "Sous-traitance")],
    )
    make_actor(
        name="Crédit coopératif",
        kind="cooperative",
        commune="94018",
        themes=["inclusion_bancaire"],
        offers=[("financement", "Prêts solidaires")],
    )

    def names(params: dict[str, object]) -> list[str]:
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        return sorted(row["name"] for row in csv_rows(_content(response)))

    assert len(names({})) == 3
    assert names({"territory": "dep:86"}) == ["Banque alimentaire de la Vienne"]
    assert names({"territory": "reg:75"}) == [
        "Banque alimentaire de la Vienne",
        "Entreprise adaptée du Niortais",
    ]
    assert names({"kind": ["cooperative", "secteur_adapte"]}) == [
        "Crédit coopératif",
        "Entreprise adaptée du Niortais",
    ]
    assert names({"theme": "precarite"}) == ["Banque alimentaire de la Vienne"]
    assert names({"need": "benevolat"}) == ["Banque alimentaire de la Vienne"]
    assert names({"offer": "financement"}) == ["Crédit coopératif"]
    assert names({"q": "alimentaire"}) == ["Banque alimentaire de la Vienne"]
    assert names({"sphere": "ess", "territory": "dep:79"}) == ["Entreprise adaptée du Niortais"]
    # The directory's page number does not limit an export.
    assert len(names({"page": "3"})) == 3


def test_rows_follow_the_directory_sort(client: Client, make_actor: MakeActor) -> None:
    for name in ("Collectif B", "Atelier C", "Bureau A"):
        make_actor(name=name)

    rows = csv_rows(_content(client.get(URL, {"sort": "name"})))

    assert [row["name"] for row in rows] == ["Atelier C", "Bureau A", "Collectif B"]


def test_closed_actors_are_left_out_unless_asked_for(client: Client, make_actor: MakeActor) -> None:
    make_actor(name="Ouverte")
    closed = make_actor(name="Dissoute")
    Actor.objects.filter(pk=closed.pk).update(status=ActorStatus.CLOSED)
    # A set-based update bypasses the per-row sync: bulk paths refresh the index themselves.
    search_index_refresh(actor_ids=[closed.pk])

    assert [r["name"] for r in csv_rows(_content(client.get(URL)))] == ["Ouverte"]
    assert sorted(r["name"] for r in csv_rows(_content(client.get(URL, {"closed": "1"})))) == [
        "Dissoute",
        "Ouverte",
    ]


def test_unknown_codes_and_territory_answer_400_naming_them(client: Client, places: Places) -> None:
    response = client.get(
        URL, {"kind": ["association", "licorne"], "theme": "magie", "territory": "dep:99"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "licorne" in page
    assert "magie" in page
    assert "Territoire inconnu" in page
    assert "dep:99" in page
    assert "association," not in page  # only the unknown code is named


def test_contact_persons_are_never_exported(client: Client, make_actor: MakeActor) -> None:
    actor = make_actor(name="IRIS", email="accueil@iris.example.org", phone="05 49 11 22 33")
    ContactFactory(
        actor=actor,
        first_name="Camille",
        last_name="Secrète",
        email="camille.secrete@example.org",
        phone="06 00 00 00 00",
    )

    content = _content(client.get(URL)).decode("utf-8-sig")

    assert "Secrète" not in content
    assert "camille.secrete@example.org" not in content
    assert "06 00 00 00 00" not in content
    [row] = csv_rows(content.encode())
    assert (row["email"], row["phone"]) == ("accueil@iris.example.org", "05 49 11 22 33")


def test_inactive_needs_are_not_exported(client: Client, make_actor: MakeActor) -> None:
    actor = make_actor(name="IRIS", needs=[("locaux", "Une salle"), ("materiel", "Un vélo")])
    actor.needs_offers.filter(category_id="materiel").update(is_active=False)

    [row] = csv_rows(_content(client.get(URL)))

    assert row["needs"] == "locaux:Une salle"


def test_pipes_and_backslashes_inside_a_need_are_escaped(
    client: Client, make_actor: MakeActor
) -> None:
    make_actor(name="IRIS", needs=[("competences", "Excel | Calc, dossier C:\\partage")])

    [row] = csv_rows(_content(client.get(URL)))

    assert row["needs"] == "competences:Excel \\| Calc, dossier C:\\\\partage"


@pytest.mark.parametrize(
    "dangerous",
    ['=HYPERLINK("http://evil.example","clic")', "+1", "@SUM(A1:A2)", "-2+3", "=1+1"],
)
def test_text_cells_that_a_spreadsheet_would_run_are_neutralised(
    client: Client, make_actor: MakeActor, dangerous: str
) -> None:
    make_actor(name=dangerous, description=dangerous)

    [row] = csv_rows(_content(client.get(URL)))

    assert row["name"] == f"'{dangerous}"
    assert row["description"] == f"'{dangerous}"


def test_tab_and_carriage_return_at_the_start_of_a_text_are_neutralised(
    client: Client, make_actor: MakeActor
) -> None:
    actor = make_actor(name="IRIS")
    # Services trim texts; a value stored by another path may still start with them.
    Actor.objects.filter(pk=actor.pk).update(description="\t=cmd", website="\rhttp://x")

    [row] = csv_rows(_content(client.get(URL)))

    assert row["description"] == "'\t=cmd"
    assert row["website"] == "'\rhttp://x"


def test_phone_in_international_format_is_neutralised_and_negative_longitude_is_not(
    client: Client, make_actor: MakeActor, places: Places
) -> None:
    make_actor(
        name="Niort Associations",
        commune="79191",
        phone="+33 5 49 00 00 00",
        latitude=46.3237,
        longitude=-0.4588,
    )

    [row] = csv_rows(_content(client.get(URL)))

    assert row["phone"] == "'+33 5 49 00 00 00"
    assert row["longitude"] == "-0.4588"
    assert float(row["longitude"]) == -0.4588


def test_actor_without_coordinates_or_employees_has_empty_number_cells(
    client: Client, make_actor: MakeActor
) -> None:
    make_actor(name="Sans siège")

    [row] = csv_rows(_content(client.get(URL)))

    assert (row["employees"], row["latitude"], row["longitude"], row["commune"]) == ("", "", "", "")


def test_an_empty_selection_gives_the_header_only(client: Client, places: Places) -> None:
    content = _content(client.get(URL, {"territory": "dep:86"}))

    assert content.decode("utf-8-sig") == ",".join(COLUMNS) + "\r\n"


def test_export_is_public_and_refuses_post(client: Client, make_actor: MakeActor) -> None:
    make_actor(name="IRIS")

    assert client.get(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_a_query_the_search_refuses_answers_400(
    client: Client,
    make_actor: MakeActor,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    make_actor(name="IRIS")
    settings.MAILLAGE_SEARCH_BACKEND = REFUSING

    response = client.get(URL, {"q": "a OR b NEAR c"})

    assert response.status_code == 400
    assert "Recherche trop complexe" in response.content.decode()


def test_download_links_partial_carries_the_directory_selection(places: Places) -> None:
    html = render_to_string(
        "exports/partials/export_links.html",
        {"export_query": "territory=dep%3A86&kind=association&sort=name"},
    )

    assert 'href="/acteurs/export.csv?territory=dep%3A86&amp;kind=association&amp;sort=name"' in (
        html
    )
    assert "sort=name&amp;sep=semicolon" in html
    assert 'href="/acteurs/export.xlsx?territory=dep%3A86' in html
    assert 'href="/acteurs/export.geojson?territory=dep%3A86' in html
    assert 'href="/acteurs/export.csv?sep=semicolon"' in render_to_string(
        "exports/partials/export_links.html", {"export_query": ""}
    )
