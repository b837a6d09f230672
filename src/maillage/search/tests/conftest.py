"""Fixtures for search tests: a small real geography and a way to publish actors through
the write path (``actor_create``, ``need_offer_create``), which refreshes the index.

Nouvelle-Aquitaine (75) ⊃ Vienne (86) ⊃ Grand Poitiers ⊃ Poitiers, Chasseneuil-du-Poitou;
Vienne ⊃ Grand Châtellerault ⊃ Châtellerault; Deux-Sèvres (79) ⊃ Niort;
Île-de-France (11) ⊃ Val-de-Marne (94) ⊃ Métropole du Grand Paris ⊃ Charenton-le-Pont,
Saint-Maurice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest

from maillage.actors.models import Actor
from maillage.actors.services import ActorInput, actor_create, need_offer_create
from maillage.territories.models import Commune, Departement, Epci, Region

COMMUNES = {
    # code: (name, département, EPCI)
    "86194": ("Poitiers", "86", "200069854"),
    "86062": ("Chasseneuil-du-Poitou", "86", "200069854"),
    "86066": ("Châtellerault", "86", "200070670"),
    "79191": ("Niort", "79", "200041317"),
    "94018": ("Charenton-le-Pont", "94", "200054781"),
    "94069": ("Saint-Maurice", "94", "200054781"),
}


@pytest.fixture
def geography(db: None) -> dict[str, Commune]:
    regions = {
        code: Region.objects.create(code=code, name=name)
        for code, name in (("75", "Nouvelle-Aquitaine"), ("11", "Île-de-France"))
    }
    departements = {
        code: Departement.objects.create(code=code, name=name, region=regions[region])
        for code, name, region in (
            ("86", "Vienne", "75"),
            ("79", "Deux-Sèvres", "75"),
            ("94", "Val-de-Marne", "11"),
        )
    }
    epcis = {
        code: Epci.objects.create(code=code, name=name, type=kind)
        for code, name, kind in (
            ("200069854", "Communauté urbaine du Grand Poitiers", "CU"),
            ("200070670", "CA de Grand Châtellerault", "CA"),
            ("200041317", "CA du Niortais", "CA"),
            ("200054781", "Métropole du Grand Paris", "METRO"),
        )
    }
    communes = {}
    for code, (name, departement, epci) in COMMUNES.items():
        communes[code] = Commune.objects.create(
            code=code,
            name=name,
            search_name=name.lower(),
            departement=departements[departement],
            region=departements[departement].region,
            epci=epcis[epci],
        )
    return communes


ActorMaker = Callable[..., Actor]


@pytest.fixture
def publish(geography: dict[str, Commune]) -> ActorMaker:
    """``publish("Épicerie solidaire", commune="86194", needs=[("locaux", "Une salle")])``:
    an actor created through ``actor_create``, its needs and offers through
    ``need_offer_create`` — the same path as every interface, so the index follows."""

    def make(
        name: str,
        *,
        kind: str = "association",
        commune: str = "86194",
        needs: Iterable[tuple[str, str]] = (),
        offers: Iterable[tuple[str, str]] = (),
        **fields: Any,
    ) -> Actor:
        actor = actor_create(data=ActorInput(name=name, kind=kind, commune=commune, **fields))
        for direction, items in (("need", needs), ("offer", offers)):
            for category, text in items:
                need_offer_create(actor=actor, direction=direction, category=category, text=text)
        actor.refresh_from_db()
        return actor

    return make
