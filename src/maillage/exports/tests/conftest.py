"""Fixtures of the export tests: a small real geography and a way to build full profiles.

Actors are created through ``actors.services`` (the one write path), so that what is
exported is what the platform really stores — and what ``import_actors`` stores too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from maillage.actors.models import Actor
from maillage.actors.services import ActorInput, actor_create, need_offer_create
from maillage.territories.models import Commune, Departement, Epci, Region


@dataclass
class Places:
    nouvelle_aquitaine: Region
    vienne: Departement
    deux_sevres: Departement
    val_de_marne: Departement
    grand_poitiers: Epci
    poitiers: Commune
    chatellerault: Commune
    niort: Commune
    charenton: Commune


def _commune(
    code: str,
    name: str,
    departement: Departement,
    epci: Epci | None,
    latitude: float,
    longitude: float,
) -> Commune:
    return Commune.objects.create(
        code=code,
        name=name,
        search_name=name.lower(),
        departement=departement,
        region=departement.region,
        epci=epci,
        latitude=latitude,
        longitude=longitude,
    )


@pytest.fixture
def places(db: None) -> Places:
    nouvelle_aquitaine = Region.objects.create(code="75", name="Nouvelle-Aquitaine")
    ile_de_france = Region.objects.create(code="11", name="Île-de-France")
    vienne = Departement.objects.create(code="86", name="Vienne", region=nouvelle_aquitaine)
    deux_sevres = Departement.objects.create(
        code="79", name="Deux-Sèvres", region=nouvelle_aquitaine
    )
    val_de_marne = Departement.objects.create(code="94", name="Val-de-Marne", region=ile_de_france)
    grand_poitiers = Epci.objects.create(code="200069854", name="CU du Grand Poitiers", type="CU")
    return Places(
        nouvelle_aquitaine=nouvelle_aquitaine,
        vienne=vienne,
        deux_sevres=deux_sevres,
        val_de_marne=val_de_marne,
        grand_poitiers=grand_poitiers,
        poitiers=_commune("86194", "Poitiers", vienne, grand_poitiers, 46.5802, 0.3404),
        chatellerault=_commune("86066", "Châtellerault", vienne, None, 46.8178, 0.5461),
        niort=_commune("79191", "Niort", deux_sevres, None, 46.3237, -0.4588),
        charenton=_commune("94018", "Charenton-le-Pont", val_de_marne, None, 48.8220, 2.4130),
    )


MakeActor = Callable[..., Actor]


@pytest.fixture
def make_actor(places: Places) -> MakeActor:
    """``make_actor(name=…, needs=[("locaux", "…")], offers=[…], **ActorInput fields)``."""

    def make(
        *, needs: list[tuple[str, str]] = (), offers: list[tuple[str, str]] = (), **fields: Any
    ) -> Actor:
        fields.setdefault("kind", "association")
        actor = actor_create(data=ActorInput(**fields))
        for direction, items in (("need", needs), ("offer", offers)):
            for category, text in items:
                need_offer_create(actor=actor, direction=direction, category=category, text=text)
        return actor

    return make


def csv_rows(content: bytes, *, separator: str = ",") -> list[dict[str, str]]:
    """The data rows of an exported CSV, by column name."""
    text = content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=separator))
