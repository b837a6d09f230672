"""A small real geography for the public pages' tests, built directly with the ORM.

Nouvelle-Aquitaine (75) ⊃ Vienne (86) ⊃ Grand Poitiers ⊃ Poitiers, Chasseneuil-du-Poitou;
Vienne ⊃ Grand Châtellerault ⊃ Châtellerault; Deux-Sèvres (79) ⊃ Niort;
Île-de-France (11) ⊃ Val-de-Marne (94) ⊃ Métropole du Grand Paris ⊃ Charenton-le-Pont.
"""

from __future__ import annotations

from dataclasses import dataclass

from maillage.territories.models import Commune, Departement, Epci, Region
from maillage.territories.selectors import fold


@dataclass
class Geography:
    nouvelle_aquitaine: Region
    ile_de_france: Region
    vienne: Departement
    deux_sevres: Departement
    val_de_marne: Departement
    grand_poitiers: Epci
    grand_chatellerault: Epci
    niort_agglo: Epci
    grand_paris: Epci
    poitiers: Commune
    chasseneuil: Commune
    chatellerault: Commune
    niort: Commune
    charenton: Commune


def _commune(
    code: str,
    name: str,
    dep: Departement,
    epci: Epci,
    lat: float,
    lon: float,
    postal: str,
    population: int,
) -> Commune:
    return Commune.objects.create(
        code=code,
        name=name,
        search_name=fold(name),
        departement=dep,
        region=dep.region,
        epci=epci,
        latitude=lat,
        longitude=lon,
        postal_codes=[postal],
        main_postal_code=postal,
        population=population,
    )


def build_geography() -> Geography:
    naq = Region.objects.create(code="75", name="Nouvelle-Aquitaine")
    idf = Region.objects.create(code="11", name="Île-de-France")
    vienne = Departement.objects.create(code="86", name="Vienne", region=naq)
    deux_sevres = Departement.objects.create(code="79", name="Deux-Sèvres", region=naq)
    val_de_marne = Departement.objects.create(code="94", name="Val-de-Marne", region=idf)
    grand_poitiers = Epci.objects.create(code="200069854", name="CU du Grand Poitiers", type="CU")
    grand_chatellerault = Epci.objects.create(
        code="200070670", name="CA de Grand Châtellerault", type="CA"
    )
    niort_agglo = Epci.objects.create(code="200041317", name="CA du Niortais", type="CA")
    grand_paris = Epci.objects.create(
        code="200054781", name="Métropole du Grand Paris", type="METRO"
    )
    return Geography(
        nouvelle_aquitaine=naq,
        ile_de_france=idf,
        vienne=vienne,
        deux_sevres=deux_sevres,
        val_de_marne=val_de_marne,
        grand_poitiers=grand_poitiers,
        grand_chatellerault=grand_chatellerault,
        niort_agglo=niort_agglo,
        grand_paris=grand_paris,
        poitiers=_commune(
            "86194", "Poitiers", vienne, grand_poitiers, 46.5802, 0.3404, "86000", 89000
        ),
        chasseneuil=_commune(
            "86062", "Chasseneuil-du-Poitou", vienne, grand_poitiers, 46.6503, 0.3728, "86360", 4800
        ),
        chatellerault=_commune(
            "86066", "Châtellerault", vienne, grand_chatellerault, 46.8178, 0.5461, "86100", 31000
        ),
        niort=_commune(
            "79191", "Niort", deux_sevres, niort_agglo, 46.3237, -0.4588, "79000", 59000
        ),
        charenton=_commune(
            "94018", "Charenton-le-Pont", val_de_marne, grand_paris, 48.8220, 2.4130, "94220", 30000
        ),
    )
