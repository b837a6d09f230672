"""Fixtures of the API tests: a small real geography and a few actors in it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from maillage.territories.models import Commune, Departement, Epci, Region


@dataclass
class Places:
    vienne: Departement
    val_de_marne: Departement
    grand_poitiers: Epci
    poitiers: Commune
    chatellerault: Commune
    charenton: Commune


def _commune(code: str, name: str, departement: Departement, epci: Epci | None) -> Commune:
    return Commune.objects.create(
        code=code,
        name=name,
        search_name=name.lower(),
        departement=departement,
        region=departement.region,
        epci=epci,
    )


@pytest.fixture
def places(db: None) -> Places:
    nouvelle_aquitaine = Region.objects.create(code="75", name="Nouvelle-Aquitaine")
    ile_de_france = Region.objects.create(code="11", name="Île-de-France")
    vienne = Departement.objects.create(code="86", name="Vienne", region=nouvelle_aquitaine)
    val_de_marne = Departement.objects.create(code="94", name="Val-de-Marne", region=ile_de_france)
    grand_poitiers = Epci.objects.create(code="200069854", name="CU du Grand Poitiers", type="CU")
    return Places(
        vienne=vienne,
        val_de_marne=val_de_marne,
        grand_poitiers=grand_poitiers,
        poitiers=_commune("86194", "Poitiers", vienne, grand_poitiers),
        chatellerault=_commune("86066", "Châtellerault", vienne, None),
        charenton=_commune("94018", "Charenton-le-Pont", val_de_marne, None),
    )


@pytest.fixture
def api_client() -> Client:
    return Client()
