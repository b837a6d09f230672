"""The demo territory as a list of ``ActorSpec``: the organisations named in the seeds plus
fictional actors composed to reach ``TOTAL_ACTORS``.

Deterministic: one ``random.Random(SEED)`` drives every choice, nothing iterates over a
set or a dict built at run time, so every run on every machine yields the same names,
places, texts and people. Pure: no database access (``demo.services`` writes).
"""

from __future__ import annotations

import math
import random
import unicodedata
from dataclasses import replace
from functools import cache

from django.utils.text import slugify

from maillage.demo.data.archetypes import ARCHETYPES, Archetype
from maillage.demo.data.communes import DEMO_COMMUNES, DemoCommune
from maillage.demo.data.organisations import REAL_ORGANISATIONS
from maillage.demo.data.vocabulary import (
    CONTACT_SURNAMES,
    DU_PAYS,
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    PAYS_BY_COMMUNE,
    PAYS_BY_DEPARTEMENT,
    ROLE_WORDS,
    SURNAMES,
)
from maillage.demo.specs import FICTIONAL_MARK, ActorSpec, ContactSpec, NeedOfferSpec

# The evening of the Charenton restitution (seed 2013): any fixed number would do.
SEED = 20130605
TOTAL_ACTORS = 300
# Where the fictional actors go, in percent of them: the four Poitou-Charentes
# départements (seed 2012), Charenton-le-Pont – Saint-Maurice and its neighbours (2013).
ZONE_SHARES: tuple[tuple[str, int], ...] = (
    ("86", 29),
    ("79", 18),
    ("16", 14),
    ("17", 14),
    ("charenton", 13),
    ("voisins", 12),
)
CONTACT_DOMAIN = "demo.example"  # RFC 2606: can never reach anyone
# ARCEP numbers reserved for fiction (05 36 49 xx xx, 01 99 00 xx xx).
_FICTION_PHONE_PREFIX = {"75": "05 36 49", "11": "01 99 00"}
_VOWELS = "AEIOUYÉÈÊÂÎÔÛ"


@cache
def demo_catalogue() -> tuple[ActorSpec, ...]:
    """Every demo actor, the seeds' organisations first, in a stable order."""
    rng = random.Random(SEED)  # nosec B311: demo data, not security
    real = [
        replace(
            org.spec,
            contacts=(_contact(rng, role=org.contact_role, region=_region(org.spec.commune)),),
        )
        for org in REAL_ORGANISATIONS
    ]
    taken = {(spec.name, spec.commune) for spec in real}
    generated = _generate(rng, count=TOTAL_ACTORS - len(real), taken=taken)
    return (*real, *generated)


def real_keys() -> tuple[str, ...]:
    return tuple(org.spec.key for org in REAL_ORGANISATIONS)


# --------------------------------------------------------------------------- French


def de(name: str) -> str:
    """« de Poitiers », « d'Angoulême », « du Pin », « des Sables »."""
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    if name[:1].upper() in _VOWELS:
        return f"d'{name}"
    return f"de {name}"


def a(name: str) -> str:
    """« à Poitiers », « au Pin », « aux Sables »."""
    if name.startswith("Le "):
        return f"au {name[3:]}"
    if name.startswith("Les "):
        return f"aux {name[4:]}"
    return f"à {name}"


def _du(pays: str) -> str:
    if pays in DU_PAYS:
        return DU_PAYS[pays]
    if pays.startswith("Pays ") or pays.startswith("Bassin "):
        return f"du {pays}"
    return f"du {pays}" if pays[:1].upper() not in _VOWELS else f"de l'{pays}"


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in plain.lower() if char.isalnum() or char == "-")


# --------------------------------------------------------------------------- people


def _region(commune_code: str) -> str:
    return "11" if commune_code[:2] in {"75", "94"} else "75"


def _phone(rng: random.Random, region: str) -> str:
    prefix = _FICTION_PHONE_PREFIX.get(region, _FICTION_PHONE_PREFIX["75"])
    return f"{prefix} {rng.randrange(100):02d} {rng.randrange(100):02d}"


_MASCULINE = ROLE_WORDS
_FEMININE = {masculine: feminine for feminine, masculine in ROLE_WORDS.items()}


def gendered_role(role: str, *, feminine: bool) -> str:
    """« Coordinatrice régionale » ↔ « Coordinateur régional »: the first word of a job
    title and the adjective right after it follow the person; the rest does not."""
    words = role.split(" ")
    table = _FEMININE if feminine else _MASCULINE
    for index in range(min(2, len(words))):
        if index == 1 and words[1] not in _MASCULINE and words[1] not in _FEMININE:
            break
        words[index] = table.get(words[index], words[index])
    return " ".join(words)


def _contact(rng: random.Random, *, role: str, region: str) -> ContactSpec:
    feminine = rng.random() < 0.5
    first = rng.choice(FEMALE_FIRST_NAMES if feminine else MALE_FIRST_NAMES)
    last = rng.choice(CONTACT_SURNAMES)
    role = gendered_role(role, feminine=feminine)
    email = f"{_ascii(first)}.{_ascii(last)}@{CONTACT_DOMAIN}"
    phone = _phone(rng, region) if rng.random() < 0.5 else ""
    return ContactSpec(first_name=first, last_name=last, role=role, email=email, phone=phone)


# --------------------------------------------------------------------------- actors


def _zone_counts(count: int) -> list[tuple[str, int]]:
    counts = [(zone, count * share // 100) for zone, share in ZONE_SHARES]
    missing = count - sum(n for _, n in counts)
    return [(zone, n + (missing if index == 0 else 0)) for index, (zone, n) in enumerate(counts)]


def _commune_weight(commune: DemoCommune) -> int:
    weight = max(1, round(math.sqrt(commune.population) / 10))
    return weight * 2 if commune.code == "94018" else weight


def _jitter(rng: random.Random, commune: DemoCommune) -> tuple[float, float]:
    """A point near the town centre, farther out in bigger towns (0.3 to 1.5 km)."""
    radius_km = 0.3 + 1.2 * min(1.0, math.sqrt(commune.population) / 300)
    distance = radius_km * math.sqrt(rng.random())
    angle = rng.random() * 2 * math.pi
    latitude = commune.latitude + distance * math.cos(angle) / 111.0
    longitude = commune.longitude + distance * math.sin(angle) / (
        111.0 * math.cos(math.radians(commune.latitude))
    )
    return round(latitude, 5), round(longitude, 5)


def _employees(rng: random.Random, size: str) -> int:
    low, high = {"tpe": (1, 9), "pme": (10, 120), "eti": (250, 900)}[size]
    return rng.randint(low, high)


def _generate(rng: random.Random, *, count: int, taken: set[tuple[str, str]]) -> list[ActorSpec]:
    specs: list[ActorSpec] = []
    for zone, zone_count in _zone_counts(count):
        urban = zone in {"charenton", "voisins"}
        archetypes = [archetype for archetype in ARCHETYPES if not (urban and archetype.rural)]
        weights = [archetype.weight for archetype in archetypes]
        communes = [commune for commune in DEMO_COMMUNES if commune.zone == zone]
        commune_weights = [_commune_weight(commune) for commune in communes]
        for index in range(zone_count):
            for _attempt in range(50):
                commune = rng.choices(communes, weights=commune_weights)[0]
                archetype = rng.choices(archetypes, weights=weights)[0]
                spec = _compose(rng, archetype, commune, key=f"demo-{zone}-{index + 1:03d}")
                if (spec.name, spec.commune) not in taken:
                    break
            else:  # pragma: no cover - the vocabulary is far larger than the demo
                raise RuntimeError("Le vocabulaire de démonstration est épuisé.")
            taken.add((spec.name, spec.commune))
            specs.append(spec)
    return specs


def _compose(
    rng: random.Random, archetype: Archetype, commune: DemoCommune, *, key: str
) -> ActorSpec:
    pays = PAYS_BY_COMMUNE.get(commune.code) or PAYS_BY_DEPARTEMENT[commune.departement]
    size = rng.choice(archetype.sizes) if archetype.sizes else ""
    employees = _employees(rng, size) if size else None
    values = {
        "commune": commune.name,
        "de_commune": de(commune.name),
        "a_commune": a(commune.name),
        "pays": pays,
        "du_pays": _du(pays),
        "surname": rng.choice(SURNAMES),
        "word": rng.choice(archetype.words) if archetype.words else "",
        "year": rng.randint(1978, 2019),
        "volunteers": rng.randint(8, 60),
        "staff": employees if employees is not None else rng.randint(3, 25),
        "families": rng.randrange(40, 260, 10),
    }
    name = " ".join(rng.choice(archetype.names).format(**values).split())
    description = rng.choice(archetype.descriptions).format(**values)
    extra = [theme for theme in archetype.optional_themes if rng.random() < 0.4]
    themes = (*archetype.themes, *extra)
    needs = rng.sample(archetype.needs, k=min(len(archetype.needs), rng.randint(1, 2)))
    offers = rng.sample(archetype.offers, k=min(len(archetype.offers), rng.randint(1, 2)))
    items = tuple(
        NeedOfferSpec(direction=direction, category=category, text=text, themes=(themes[0],))
        for direction, pairs in (("need", needs), ("offer", offers))
        for category, text in pairs
    )
    latitude, longitude = _jitter(rng, commune)
    region = _region(commune.code)
    contacts = tuple(
        _contact(rng, role=rng.choice(archetype.roles), region=region)
        for _ in range(1 if rng.random() < 0.7 else 2)
    )
    domain = slugify(name)[:40].strip("-")
    return ActorSpec(
        key=key,
        name=name,
        kind=archetype.kind,
        subkind=archetype.subkind,
        sphere=archetype.sphere,
        is_ess=archetype.is_ess,
        company_size=size,
        employees=employees,
        commune=commune.code,
        latitude=latitude,
        longitude=longitude,
        coordinates_approximate=True,
        description=f"{description} {FICTIONAL_MARK}",
        themes=themes,
        partnership_types=archetype.partnership_types,
        intervention=archetype.intervention,
        email=f"contact@{domain}.example",
        phone=_phone(rng, region),
        needs_offers=items,
        contacts=contacts,
        fictional=True,
    )
