"""The demo catalogue, before any database: complete, consistent, deterministic."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections import Counter

import pytest

from maillage.actors.reference_data import CATEGORIES, KINDS, LABELS, PARTNERSHIP_TYPES, THEMES
from maillage.demo.catalogue import (
    SEED,
    TOTAL_ACTORS,
    a,
    de,
    demo_catalogue,
    gendered_role,
    real_keys,
)
from maillage.demo.data.communes import COMMUNES_BY_CODE, DEMO_COMMUNES
from maillage.demo.personas import PERSONAS
from maillage.demo.specs import FICTIONAL_MARK, SEAT_TOKENS

KIND_CODES = {code for code, *_ in KINDS}
SUBKINDS = {sub: kind for kind, _l, _s, _d, subs in KINDS for sub, *_ in subs}
THEME_CODES = {code for code, *_ in THEMES}
CATEGORY_CODES = {code for code, _ in CATEGORIES}
TYPE_CODES = {code for code, *_ in PARTNERSHIP_TYPES}
LABEL_CODES = {code for code, _ in LABELS}


def test_catalogue_has_300_actors_with_unique_keys_and_names_per_commune():
    specs = demo_catalogue()
    assert len(specs) == TOTAL_ACTORS == 300
    assert len({spec.key for spec in specs}) == len(specs)
    assert len({(spec.name, spec.commune) for spec in specs}) == len(specs)


def test_every_code_is_a_known_vocabulary_code():
    for spec in demo_catalogue():
        assert spec.kind in KIND_CODES, spec.name
        assert not spec.subkind or SUBKINDS[spec.subkind] == spec.kind, spec.name
        assert spec.themes and set(spec.themes) <= THEME_CODES, spec.name
        assert set(spec.partnership_types) <= TYPE_CODES, spec.name
        assert set(spec.labels) <= LABEL_CODES, spec.name
        assert spec.company_size in {"", "tpe", "pme", "eti", "ge"}
        assert spec.needs_offers, spec.name
        for item in spec.needs_offers:
            assert item.direction in {"need", "offer"}
            assert item.category in CATEGORY_CODES, (spec.name, item.category)
            assert set(item.themes) <= THEME_CODES
            assert item.text.strip() and "{" not in item.text


def test_intervention_areas_are_seat_tokens_or_territory_codes():
    for spec in demo_catalogue():
        assert spec.intervention, spec.name
        for token in spec.intervention:
            assert token in SEAT_TOKENS or token == "fr" or ":" in token, (spec.name, token)


def test_every_actor_sits_in_a_demo_commune_and_near_its_centre():
    for spec in demo_catalogue():
        centre = COMMUNES_BY_CODE[spec.commune]
        distance = math.hypot(
            (spec.latitude - centre.latitude) * 111,
            (spec.longitude - centre.longitude) * 111 * math.cos(math.radians(centre.latitude)),
        )
        assert distance <= 1.6, spec.name


def test_generated_actors_live_in_the_two_demo_territories():
    zones = Counter(
        COMMUNES_BY_CODE[spec.commune].zone for spec in demo_catalogue() if spec.fictional
    )
    assert set(zones) == {"86", "79", "16", "17", "charenton", "voisins"}
    assert zones["86"] > zones["79"] > 0
    assert zones["charenton"] >= 30


def test_generated_actors_are_marked_fictional_and_real_ones_are_not():
    for spec in demo_catalogue():
        assert spec.description.endswith(FICTIONAL_MARK) == spec.fictional, spec.name
        assert spec.coordinates_approximate


def test_generated_kinds_come_in_realistic_proportions():
    generated = [spec for spec in demo_catalogue() if spec.fictional]
    kinds = Counter(spec.kind for spec in generated)
    share = {kind: count / len(generated) for kind, count in kinds.items()}
    assert 0.35 <= share["association"] <= 0.6
    assert 0.15 <= share["entreprise"] <= 0.35
    assert 0.05 <= share["siae"] <= 0.2
    assert {"cooperative", "secteur_adapte", "reseau", "intermediaire"} <= kinds.keys()
    companies = [spec for spec in generated if spec.kind == "entreprise"]
    assert all(spec.company_size in {"tpe", "pme", "eti"} for spec in companies)
    assert Counter(spec.company_size for spec in companies).most_common(1)[0][0] == "tpe"


def test_seed_organisations_come_first_and_in_the_order_of_the_data_file():
    keys = [spec.key for spec in demo_catalogue()]
    assert keys[: len(real_keys())] == list(real_keys())
    assert {"iris", "orange-poitou-charentes", "au-petit-plus", "natixis"} <= set(keys)


def test_personas_point_to_organisations_of_the_catalogue():
    keys = {spec.key for spec in demo_catalogue()}
    for persona in PERSONAS:
        assert not persona.organisation_key or persona.organisation_key in keys
        for _code, organisation_key in persona.scopes:
            assert organisation_key in keys
        assert persona.email.endswith("@demo.example")


def test_demo_communes_have_distinct_codes_and_plausible_coordinates():
    assert len(COMMUNES_BY_CODE) == len(DEMO_COMMUNES)
    for commune in DEMO_COMMUNES:
        assert 41 < commune.latitude < 51.5 and -5.5 < commune.longitude < 9.6
        assert commune.code.startswith(commune.departement)


def test_catalogue_is_the_same_in_a_fresh_interpreter():
    """String hashing is randomised per process: the catalogue must not depend on it."""
    script = (
        "import django, json, os;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'maillage.config.test_settings');"
        "django.setup();"
        "from maillage.demo.catalogue import demo_catalogue;"
        "print(json.dumps([[s.name, s.commune, s.latitude, s.description,"
        " [c.last_name for c in s.contacts]] for s in demo_catalogue()]))"
    )
    names = []
    for hash_seed in ("1", "2"):
        completed = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        names.append(json.loads(completed.stdout))
    here = [
        [s.name, s.commune, s.latitude, s.description, [c.last_name for c in s.contacts]]
        for s in demo_catalogue()
    ]
    assert names[0] == names[1] == here
    assert SEED == 20130605


@pytest.mark.parametrize(
    ("name", "de_form", "a_form"),
    [
        ("Poitiers", "de Poitiers", "à Poitiers"),
        ("Angoulême", "d'Angoulême", "à Angoulême"),
        ("Échiré", "d'Échiré", "à Échiré"),
        ("Le Pin", "du Pin", "au Pin"),
        ("La Rochelle", "de La Rochelle", "à La Rochelle"),
        ("L'Isle-Jourdain", "de L'Isle-Jourdain", "à L'Isle-Jourdain"),
    ],
)
def test_commune_names_take_the_right_preposition(name, de_form, a_form):
    assert de(name) == de_form
    assert a(name) == a_form


@pytest.mark.parametrize(
    ("role", "feminine", "masculine"),
    [
        ("Coordinatrice", "Coordinatrice", "Coordinateur"),
        (
            "Déléguée régionale à l'action sociale",
            "Déléguée régionale à l'action sociale",
            "Délégué régional à l'action sociale",
        ),
        (
            "Responsable de l'engagement sociétal régional",
            "Responsable de l'engagement sociétal régional",
            "Responsable de l'engagement sociétal régional",
        ),
        ("Directeur général", "Directrice générale", "Directeur général"),
    ],
)
def test_job_titles_follow_the_person(role, feminine, masculine):
    assert gendered_role(role, feminine=True) == feminine
    assert gendered_role(role, feminine=False) == masculine
