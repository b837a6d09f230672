"""``GET /api/v1/actors/all``: keyset paging that neither skips nor repeats under writes."""

from __future__ import annotations

import pytest
from django.test import Client

from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/actors/all"


def _page(client: Client, cursor: str = "", limit: int = 3) -> dict:
    response = client.get(URL, {"after": cursor, "limit": limit})
    assert response.status_code == 200, response.content
    return response.json()


def test_paging_sees_every_actor_once_despite_concurrent_inserts_and_deletes():
    first_ones = ActorFactory.create_batch(7)
    client = Client()
    seen: list[int] = []
    page = _page(client)
    seen += [row["id"] for row in page["results"]]
    # Meanwhile: an actor already seen and one not yet seen disappear, two are added.
    Actor.objects.filter(pk__in=[first_ones[0].pk, first_ones[5].pk]).delete()
    added = ActorFactory.create_batch(2)
    while page["next"]:
        page = _page(client, page["next"])
        seen += [row["id"] for row in page["results"]]
    assert len(seen) == len(set(seen))
    expected = {a.pk for a in first_ones if a.pk != first_ones[5].pk} | {a.pk for a in added}
    assert set(seen) == expected


def test_the_last_page_has_no_cursor():
    ActorFactory.create_batch(2)
    assert _page(Client(), limit=5)["next"] is None


@pytest.mark.parametrize("cursor", ["nope", "YTp4", "Yjo1", "%%%", "=" * 10])
def test_a_forged_cursor_is_a_400_naming_the_parameter(cursor):
    response = Client().get(URL, {"after": cursor})
    assert response.status_code == 400
    assert response.json()["field"] == "after"


def test_filters_apply_and_unknown_codes_are_reported():
    association = ActorFactory(association=True)
    ActorFactory(entreprise=True)
    body = Client().get(URL, {"kind": "association"}).json()
    assert [row["id"] for row in body["results"]] == [association.pk]
    refused = Client().get(URL, {"kind": "licorne"})
    assert refused.status_code == 400
    assert refused.json()["field"] == "kind"


def test_the_query_count_does_not_grow_with_the_page(django_assert_max_num_queries):
    ActorFactory.create_batch(30)
    with django_assert_max_num_queries(8):
        Client().get(URL, {"limit": 30})
