"""The home page: what Maillage is, a search box, entry points and a few figures."""

from __future__ import annotations

import html
import re

import pytest

from maillage.actors.tests.factories import ActorFactory, NeedOfferFactory

pytestmark = pytest.mark.django_db


def figure(content: str, label: str) -> int:
    match = re.search(
        rf"<dt>(?:<a [^>]+>)?{re.escape(label)}(?:</a>)?</dt><dd>([^<]+)</dd>", content
    )
    assert match, label
    return int(re.sub(r"\D", "", match.group(1)))


def test_home_explains_the_platform_and_offers_a_search(client):
    response = client.get("/")
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "bien commun" in content
    assert 'action="/acteurs/"' in content
    assert 'name="q"' in content
    assert 'href="/acteurs/"' in content
    assert 'href="/carte/"' in content
    assert 'href="/compte/inscription/"' in content


def test_home_figures_count_active_actors_by_sphere_and_needs_and_offers(client):
    association = ActorFactory(association=True)
    ActorFactory(association=True)
    ActorFactory(entreprise=True)
    ActorFactory(collectivite=True, closed=True)  # closed: not counted
    NeedOfferFactory(actor=association, need=True)
    NeedOfferFactory(actor=association, need=True, inactive=True)  # withdrawn: not counted
    NeedOfferFactory(actor=association, offer=True)
    content = html.unescape(client.get("/").content.decode())
    assert figure(content, "acteurs en activité") == 3
    assert figure(content, "Économie sociale et solidaire / intérêt général") == 2
    assert figure(content, "Entreprises") == 1
    assert figure(content, "Pouvoirs publics") == 0
    assert figure(content, "besoins publiés") == 1
    assert figure(content, "offres publiées") == 1


def test_home_query_budget(client, django_assert_max_num_queries):
    for _ in range(5):
        NeedOfferFactory()
    with django_assert_max_num_queries(5):
        client.get("/")
