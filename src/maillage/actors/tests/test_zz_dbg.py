import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from maillage.actors.tests.factories import ActorFactory, NeedOfferFactory
from maillage.actors.tests.public_fixtures import build_geography
@pytest.mark.django_db
def test_x(client):
    geo = build_geography()
    for index in range(3):
        actor = ActorFactory(name=f"Acteur {index}", seat_commune=geo.poitiers, themes=["emploi", "sante"])
        NeedOfferFactory(actor=actor, category_id="locaux")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/acteurs/", {"kind": "association"})
    for q in ctx.captured_queries: print("Q:", q["sql"][:150])
    assert 0
