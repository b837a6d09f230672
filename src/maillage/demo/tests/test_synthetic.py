"""``maillage generate_synthetic``: a realistic, deterministic, removable population."""

from __future__ import annotations

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from maillage.actors.enums import Source
from maillage.actors.models import Actor, Contact, NeedOffer
from maillage.actors.services import actor_completeness
from maillage.actors.tests.factories import ActorFactory
from maillage.core.errors import DomainError
from maillage.core.siret import is_valid_rna, is_valid_siren, is_valid_siret
from maillage.demo.synthetic import synthetic_generate, synthetic_records, synthetic_remove
from maillage.search.backends.base import SearchQuery
from maillage.search.selectors import actors_search
from maillage.territories.models import Commune, Departement, Epci, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def referential() -> dict[str, Commune]:
    """A city, a town and a village (populations 100 000, 5 000 and 50)."""
    region = Region.objects.create(code="75", name="Nouvelle-Aquitaine")
    departement = Departement.objects.create(code="86", name="Vienne", region=region)
    epci = Epci.objects.create(code="200069854", name="CU du Grand Poitiers", type="CU")
    communes = {}
    for code, name, population, in_epci in (
        ("86194", "Poitiers", 100_000, True),
        ("86066", "Châtellerault", 5_000, False),
        ("86001", "Adriers", 50, False),
    ):
        communes[code] = Commune.objects.create(
            code=code,
            name=name,
            search_name=name.lower(),
            departement=departement,
            region=region,
            epci=epci if in_epci else None,
            population=population,
        )
    return communes


def _signature(record) -> tuple:
    return (
        record.values["name"],
        record.values["kind_id"],
        record.values["seat_commune_id"],
        record.values["description"],
        record.siret,
        record.rna,
        tuple(sorted(record.relations.items())),
        record.intervention,
        tuple(record.payload.items),
        tuple(record.payload.contacts),
    )


def test_a_seed_always_gives_the_same_population(referential):
    first = [_signature(r) for r in synthetic_records(count=300, seed=42)]
    again = [_signature(r) for r in synthetic_records(count=300, seed=42)]
    other = [_signature(r) for r in synthetic_records(count=300, seed=43)]
    assert first == again
    assert first != other


def test_actors_are_placed_in_proportion_to_population(referential):
    communes = Counter(r.values["seat_commune_id"] for r in synthetic_records(count=3000, seed=1))
    assert communes["86194"] > 2500  # 95 % of the inhabitants
    assert 50 < communes["86066"] < 300
    assert communes["86001"] < 20


def test_the_mix_of_kinds_and_profiles_is_realistic(referential):
    records = list(synthetic_records(count=3000, seed=5))
    kinds = Counter(r.values["kind_id"] for r in records)
    assert kinds["association"] > kinds["entreprise"] > kinds["collectivite"] > 0
    assert 0.45 < kinds["association"] / len(records) < 0.65
    with_needs = sum(1 for r in records if r.payload.items)
    assert 0.1 < with_needs / len(records) < 0.4  # complete and some partial profiles
    assert all(r.values["description"] == "" or " " in r.values["description"] for r in records)
    assert all(is_valid_siret(r.siret) and is_valid_siren(r.siren) for r in records if r.siret)
    assert all(is_valid_rna(r.rna) for r in records if r.rna)


def test_generate_writes_searchable_removable_actors(referential):
    kept = ActorFactory(name="Épicerie solidaire réelle")
    summary = synthetic_generate(actors=400, seed=9)
    synthetic = Actor.objects.filter(source=Source.SYNTHETIC)
    assert summary["actors"] == synthetic.count() == 400
    assert summary["needs"] == NeedOffer.objects.filter(direction="need").count()
    assert summary["contacts"] == Contact.objects.count() > 0
    # Denormalised territory, as an import writes it.
    poitiers = synthetic.filter(seat_commune_id="86194").first()
    assert poitiers.epci_id == "200069854" and poitiers.departement_id == "86"
    # Completeness counts the needs, offers and contacts written after the actors.
    for actor in synthetic.order_by("pk")[:60]:
        assert actor.completeness == actor_completeness(actor), actor.name
    # The search index holds them.
    some = synthetic.exclude(description="").order_by("pk").first()
    word = some.name.split()[0]
    result, _ = actors_search(query=SearchQuery(text=word, per_page=500, include_closed=True))
    assert some.pk in result.ids
    removed = synthetic_remove()
    assert removed["removed"] == 400
    assert list(Actor.objects.values_list("pk", flat=True)) == [kept.pk]
    result, _ = actors_search(query=SearchQuery(text=word, include_closed=True))
    assert result.total == 0


def test_identifiers_held_by_existing_actors_are_never_taken(referential):
    records = list(synthetic_records(count=50, seed=11))
    siret = next(r.siret for r in records if r.siret)
    rna = next(r.rna for r in records if r.rna)
    ActorFactory(name="Réelle A", siret=siret, siren=siret[:9])
    ActorFactory(name="Réelle B", rna=rna)
    synthetic_generate(actors=50, seed=11)
    assert Actor.objects.filter(siret=siret).count() == 1
    assert Actor.objects.get(siret=siret).name == "Réelle A"
    assert Actor.objects.get(rna=rna).name == "Réelle B"
    assert Actor.objects.filter(source=Source.SYNTHETIC).count() == 50


def test_without_the_referential_nothing_is_written():
    with pytest.raises(DomainError) as error:
        synthetic_generate(actors=10, seed=1)
    assert error.value.code == "referential_missing"
    assert Actor.objects.count() == 0


def test_the_command_prints_one_json_object(referential):
    out, err = StringIO(), StringIO()
    call_command(
        "generate_synthetic", "--actors", "30", "--seed", "4", "--json", stdout=out, stderr=err
    )
    summary = json.loads(out.getvalue())
    assert summary["actors"] == 30 and summary["seed"] == 4 and summary["source"] == "synthetic"
    out = StringIO()
    call_command("generate_synthetic", "--remove", "--json", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["removed"] == 30


@pytest.mark.parametrize("arguments", [[], ["--actors", "0"], ["--actors", "5", "--remove"]])
def test_the_command_refuses_bad_usage(referential, arguments):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("generate_synthetic", *arguments, "--json", stdout=out, stderr=err)
    assert exit_info.value.code == 2
    assert Actor.objects.count() == 0
