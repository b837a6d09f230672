"""``/territoires/autocomplete``: JSON for scripts, HTML options for htmx pickers."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mini_referential")]

URL = "/territoires/autocomplete"


def test_url_is_named_in_the_territories_namespace() -> None:
    assert reverse("territories:autocomplete") == URL


def test_json_lists_code_level_and_name(client: Client) -> None:
    response = client.get(URL, {"q": "epinal"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()[0] == {
        "code": "com:88160",
        "level": "com",
        "name": "Épinal",
        "label": "Épinal (88)",
        "level_label": "Commune",
    }


def test_postal_code_query_finds_poitiers(client: Client) -> None:
    assert [item["code"] for item in client.get(URL, {"q": "86000"}).json()] == ["com:86194"]


def test_level_and_limit_parameters_narrow_the_answer(client: Client) -> None:
    assert [
        item["code"] for item in client.get(URL, {"q": "poitiers", "level": "epci"}).json()
    ] == ["epci:200069854"]
    assert len(client.get(URL, {"q": "saint", "limit": "1"}).json()) == 1
    assert len(client.get(URL, {"q": "saint", "limit": "beaucoup"}).json()) > 1


def test_empty_query_gives_an_empty_list(client: Client) -> None:
    assert client.get(URL).json() == []


def test_htmx_request_gets_listbox_options(client: Client) -> None:
    response = client.get(
        URL, {"q": "poitiers", "listbox": "id_territory-options"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="listbox"' in html
    assert 'id="id_territory-options"' in html
    assert 'data-territory-code="com:86194"' in html
    assert 'data-territory-code="epci:200069854"' in html
    assert "Intercommunalité" in html
    assert "HX-Request" in response["Vary"]


def test_htmx_answer_escapes_what_was_typed_when_nothing_matches(client: Client) -> None:
    response = client.get(
        URL, {"q": "<script>x</script>", "listbox": 'bad id"<'}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "Aucun territoire ne correspond" in html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'id="territory-options"' in html  # an unsafe listbox id is replaced


def test_picker_in_a_form_may_send_territory_q(client: Client) -> None:
    assert client.get(URL, {"territory_q": "86000"}).json()[0]["code"] == "com:86194"


def test_autocomplete_needs_few_queries(client: Client, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(6):
        client.get(URL, {"q": "saint"})
    with django_assert_max_num_queries(5):
        client.get(URL, {"q": "86000"})


def test_only_get_is_allowed(client: Client) -> None:
    assert client.post(URL, {"q": "poitiers"}).status_code == 405
