"""Actors keep copies of their seat commune's EPCI/département/région; a new vintage of the
referential that moves a commune must refresh them."""

import pytest

from maillage.actors.services import actors_refresh_territory_links
from maillage.actors.tests.factories import ActorFactory
from maillage.territories.models import Commune, Epci
from maillage.territories.signals import referential_changed


@pytest.fixture
def moved_commune(db):
    actor = ActorFactory(in_poitiers=True)
    commune = actor.seat_commune
    assert commune is not None
    new_epci = Epci.objects.create(code="200000001", name="CC Nouvelle", type="CC")
    Commune.objects.filter(pk=commune.pk).update(epci=new_epci)
    return actor, new_epci


def test_refresh_copies_the_new_epci_onto_actors(moved_commune):
    actor, new_epci = moved_commune

    assert actors_refresh_territory_links() == 1

    actor.refresh_from_db()
    assert actor.epci_id == new_epci.code
    assert actors_refresh_territory_links() == 0


def test_referential_changed_signal_triggers_the_refresh(moved_commune):
    actor, new_epci = moved_commune

    referential_changed.send(sender=Commune)

    actor.refresh_from_db()
    assert actor.epci_id == new_epci.code


def test_a_commune_leaving_every_epci_clears_the_copy(db):
    actor = ActorFactory(in_poitiers=True)
    assert actor.seat_commune is not None
    Commune.objects.filter(pk=actor.seat_commune.pk).update(epci=None)

    actors_refresh_territory_links()

    actor.refresh_from_db()
    assert actor.epci_id is None
