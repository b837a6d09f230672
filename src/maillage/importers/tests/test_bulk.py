"""``actors.bulk``: the importers' write path (matching, field origins, hashes, closures,
derived fields, the bulk-load index switch)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.utils.text import slugify

from maillage.actors.bulk import (
    ActorRecord,
    actors_bulk_upsert,
    actors_unchanged,
    bulk_load_finish,
    bulk_load_prepare,
    closed_values,
)
from maillage.actors.enums import ActorStatus, Source
from maillage.actors.models import Actor
from maillage.actors.services import actor_completeness
from maillage.actors.tests.factories import (
    ActorFactory,
    ContactFactory,
    NeedOfferFactory,
    valid_siret,
)
from maillage.importers.models import RegistryRecord

pytestmark = pytest.mark.usefixtures("referential")

SIRET = valid_siret(11)
OTHER_SIRET = valid_siret(12)


def _values(**overrides: Any) -> dict[str, Any]:
    values = {
        "name": "Association des Œuvres Sociales",
        "kind_id": "association",
        "sphere": "ess",
        "is_ess": True,
        "seat_commune_id": "86194",
        "description": "Une description assez longue pour compter dans la complétude "
        "du profil de cet acteur importé.",
        "website": "https://exemple.org",
    }
    values.update(overrides)
    return values


def _upsert(*records: ActorRecord, source: str = Source.SIRENE) -> Any:
    return actors_bulk_upsert(records=list(records), source=source, source_date=dt.date(2026, 3, 1))


def test_creates_with_derived_fields_like_the_services() -> None:
    result = _upsert(
        ActorRecord(
            values=_values(), siret=SIRET, siren=SIRET[:9], relations={"themes": ("precarite",)}
        )
    )

    ((actor_id, _record),) = result.created
    actor = Actor.objects.get(pk=actor_id)
    assert actor.slug == slugify(actor.name)[:120]
    assert (actor.epci_id, actor.departement_id, actor.region_id) == ("200069854", "86", "75")
    assert actor.completeness == actor_completeness(actor)
    assert actor.field_origins["name"] == "sirene"
    assert actor.field_origins["themes"] == "sirene"
    assert actor.source_date == dt.date(2026, 3, 1)
    assert actor.source_hash


def test_matches_on_siret_then_siren_then_rna() -> None:
    by_siren = ActorFactory(siren=SIRET[:9], siret="")
    by_rna = ActorFactory(rna="W861234567")

    result = _upsert(
        ActorRecord(values=_values(name="Siège"), siret=SIRET, siren=SIRET[:9], is_seat=True),
        ActorRecord(
            values=_values(name="Asso"), siret=OTHER_SIRET, siren=OTHER_SIRET[:9], rna="W861234567"
        ),
    )

    assert {actor_id for actor_id, _ in result.updated} == {by_siren.pk, by_rna.pk}
    assert Actor.objects.get(pk=by_siren.pk).siret == SIRET
    assert Actor.objects.get(pk=by_rna.pk).siret == OTHER_SIRET
    assert Actor.objects.count() == 2


def test_secondary_establishment_does_not_take_the_siren_only_actor() -> None:
    known = ActorFactory(siren=SIRET[:9], siret="")

    result = _upsert(ActorRecord(values=_values(), siret=SIRET, siren=SIRET[:9], is_seat=False))

    assert len(result.created) == 1
    assert Actor.objects.get(pk=known.pk).siret == ""


def test_identifier_held_by_another_actor_is_a_conflict_not_a_steal() -> None:
    holder = ActorFactory(rna="W861234567")
    target = ActorFactory(siret=SIRET, siren=SIRET[:9], source=Source.SIRENE)

    result = _upsert(ActorRecord(values=_values(), siret=SIRET, siren=SIRET[:9], rna="W861234567"))

    assert [(c.actor_id, c.holder_id, c.field) for c in result.conflicts] == [
        (target.pk, holder.pk, "rna")
    ]
    assert Actor.objects.get(pk=target.pk).rna == ""


@pytest.mark.parametrize("origin", ["organisation", "manual"])
def test_never_overwrites_what_people_typed(origin: str) -> None:
    actor = ActorFactory(
        siret=SIRET,
        siren=SIRET[:9],
        name="Nom choisi",
        field_origins={"name": origin, "website": origin},
        website="https://nous.example",
    )

    _upsert(ActorRecord(values=_values(website=""), siret=SIRET))

    actor.refresh_from_db()
    assert (actor.name, actor.website) == ("Nom choisi", "https://nous.example")
    assert actor.field_origins["name"] == origin


def test_fills_empty_fields_and_keeps_another_sources_values() -> None:
    actor = ActorFactory(
        siret=SIRET,
        name="Nom RNA",
        description="",
        website="",
        source=Source.RNA,
        field_origins={"name": "rna"},
    )

    _upsert(ActorRecord(values=_values(), siret=SIRET))

    actor.refresh_from_db()
    assert actor.name == "Nom RNA"
    assert actor.website == "https://exemple.org"
    assert actor.field_origins["website"] == "sirene"


def test_a_value_the_source_dropped_is_emptied_only_if_the_source_owned_it() -> None:
    _upsert(ActorRecord(values=_values(), siret=SIRET))
    actor = Actor.objects.get(siret=SIRET)
    Actor.objects.filter(pk=actor.pk).update(
        field_origins={**actor.field_origins, "description": "rna"}
    )

    _upsert(ActorRecord(values=_values(website="", description=""), siret=SIRET))

    actor.refresh_from_db()
    assert actor.website == ""
    assert "website" not in actor.field_origins
    assert actor.description  # owned by another source


def test_same_hash_writes_nothing() -> None:
    record = ActorRecord(values=_values(), siret=SIRET, row_hash="h1")
    _upsert(record)
    stamp = Actor.objects.get().updated_at

    result = _upsert(ActorRecord(values=_values(name="Changé"), siret=SIRET, row_hash="h1"))

    assert len(result.unchanged) == 1
    assert Actor.objects.get().updated_at == stamp
    assert actors_unchanged(keys=[(SIRET, "", "h1"), (SIRET, "", "h2"), ("", "", "h1")]) == {0}


def test_close_only_closes_known_actors_and_creates_none() -> None:
    known = ActorFactory(siret=SIRET, field_origins={"status": "rna"})

    result = _upsert(
        ActorRecord(values=closed_values(dt.date(2024, 1, 31)), siret=SIRET, close_only=True),
        ActorRecord(values=closed_values(None), siret=OTHER_SIRET, close_only=True),
    )

    known.refresh_from_db()
    assert (known.status, known.closed_on) == (ActorStatus.CLOSED, dt.date(2024, 1, 31))
    assert len(result.not_found) == 1
    assert Actor.objects.count() == 1


def test_later_duplicate_in_a_batch_wins() -> None:
    result = _upsert(
        ActorRecord(values=_values(name="Premier"), siret=SIRET),
        ActorRecord(values=_values(name="Second"), siret=SIRET),
    )

    assert [r.values["name"] for r in result.duplicates] == ["Premier"]
    assert Actor.objects.get().name == "Second"


def test_links_from_a_second_source_complete_those_of_the_first() -> None:
    _upsert(ActorRecord(values=_values(), siret=SIRET, relations={"themes": ("sante",)}))
    _upsert(
        ActorRecord(values=_values(), siret=SIRET, relations={"themes": ("logement",)}),
        source=Source.RNA,
    )
    _upsert(
        ActorRecord(
            values=_values(), siret=SIRET, relations={"themes": ("sante",)}, row_hash="other"
        )
    )

    actor = Actor.objects.get()
    assert set(actor.themes.values_list("code", flat=True)) == {"sante", "logement"}
    assert actor.field_origins["themes"] == "rna+sirene"


def test_updated_actor_completeness_counts_its_needs_and_contacts() -> None:
    actor = ActorFactory(siret=SIRET)
    NeedOfferFactory(actor=actor)
    NeedOfferFactory(actor=actor, offer=True)
    ContactFactory(actor=actor)

    _upsert(ActorRecord(values=_values(), siret=SIRET))

    actor.refresh_from_db()
    assert actor.completeness == actor_completeness(actor)


def _index_names() -> set[str]:
    with connection.cursor() as cursor:
        tables = {"actors_actor", "actors_actor_themes", "importers_registryrecord"}
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'")
        else:
            cursor.execute("SELECT indexname, tablename FROM pg_indexes")
        return {name for name, table in cursor.fetchall() if table in tables}


def test_bulk_load_drops_secondary_indexes_and_rebuilds_them() -> None:
    before = _index_names()

    statements = bulk_load_prepare(extra_models=[RegistryRecord])
    during = _index_names()
    _upsert(ActorRecord(values=_values(), siret=SIRET, relations={"themes": ("sante",)}))
    bulk_load_finish(statements)
    bulk_load_finish(statements)  # idempotent

    assert during < before
    assert {"actor_unique_siret", "actor_unique_rna"} <= during
    assert _index_names() == before
    assert Actor.objects.filter(siret=SIRET).exists()


def test_rna_held_by_another_legal_unit_is_a_conflict_not_a_match() -> None:
    first = _upsert(
        ActorRecord(values=_values(), siret=SIRET, siren=SIRET[:9], rna="W861234567", is_seat=True)
    )
    ((holder_id, _record),) = first.created

    second = _upsert(
        ActorRecord(
            values=_values(name="Autre"),
            siret=OTHER_SIRET,
            siren=OTHER_SIRET[:9],
            rna="W861234567",
            is_seat=True,
        )
    )

    ((created_id, _record),) = second.created
    assert [(c.holder_id, c.field) for c in second.conflicts] == [(holder_id, "rna")]
    assert Actor.objects.get(pk=holder_id).siret == SIRET
    assert Actor.objects.get(pk=created_id).rna == ""
