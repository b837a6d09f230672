"""Staff browse the referential in the admin; nobody adds or deletes rows there."""

from __future__ import annotations

import pytest
from django.test import Client

from maillage.accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mini_referential")]


@pytest.fixture
def staff_client(client: Client) -> Client:
    client.force_login(UserFactory(staff=True))
    return client


@pytest.mark.parametrize(
    "model",
    [
        "region",
        "departement",
        "epci",
        "commune",
        "communealias",
        "postalcode",
        "referentialversion",
    ],
)
def test_staff_browse_every_referential_list(staff_client: Client, model: str) -> None:
    response = staff_client.get(f"/admin/territories/{model}/")

    assert response.status_code == 200


def test_admin_search_ignores_accents(staff_client: Client) -> None:
    response = staff_client.get("/admin/territories/commune/", {"q": "epinal"})

    assert "Épinal" in response.content.decode()


def test_commune_codes_are_read_only_and_rows_cannot_be_added(staff_client: Client) -> None:
    page = staff_client.get("/admin/territories/commune/86194/change/").content.decode()

    assert 'name="code"' not in page
    assert staff_client.get("/admin/territories/commune/add/").status_code == 403


def test_signed_in_non_staff_cannot_browse(client: Client) -> None:
    client.force_login(UserFactory())

    assert client.get("/admin/territories/commune/").status_code == 302
