"""The PostgreSQL backend's set-based rebuild gives exactly what indexing actor by actor
gives: the same vector for every document, the same lexicon."""

from __future__ import annotations

import pytest
from django.db import connection

from maillage.actors.services import need_offer_update
from maillage.search.backends import get_backend
from maillage.search.backends.native import NativeSearchBackend
from maillage.search.backends.postgresql import rebuild_documents
from maillage.search.models import ActorDocument, SearchTerm

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL backend's own rebuild"
)


def _snapshot() -> tuple[dict[int, str], set[tuple[str, str, bool]]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT actor_id, vector::text || ' / ' || name_vector::text || ' / ' || tags "
            "FROM search_actordocument"
        )
        vectors = dict(cursor.fetchall())
    terms = set(SearchTerm.objects.values_list("word", "stem", "in_name"))
    return vectors, terms


def test_set_based_rebuild_gives_the_vectors_and_lexicon_of_actor_by_actor_indexing(publish):
    publish(
        "Épicerie solidaire du Clain",
        acronym="ESC",
        subkind="association_declaree",
        themes=["sante", "acces_droits", "precarite"],
        labels=["rup", "esus"],
        description="Œuvre d'entraide : paniers, café-rencontre et ateliers cuisine.",
        needs=[("logistique", "Un camion frigorifique"), ("benevolat", "Des bénévoles")],
        offers=[("competences", "Formation à l'hygiène alimentaire")],
    )
    publish("Chantier d'insertion 2024", kind="siae", commune="86062")
    publish("Natixis", kind="entreprise", commune="94018", acronym="NATIXIS")
    quiet = publish("Ateliers Vélo", commune="79191", needs=[("locaux", "Une salle")])
    need_offer_update(item=quiet.needs_offers.get(), changes={"is_active": False})
    backend = get_backend()
    NativeSearchBackend.rebuild(backend)  # the actor-by-actor way, as reference
    expected = _snapshot()

    count = backend.rebuild()

    assert count == 4 == ActorDocument.objects.count()
    assert _snapshot() == expected
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'search_actordocument' "
            "AND indexdef LIKE '% USING gin %'"
        )
        assert cursor.fetchone()[0] == 2  # the GIN indexes (vector, name_vector) are back


def test_rebuild_without_the_foreign_key_meanwhile_gives_the_same_documents(publish):
    actor = publish("Épicerie solidaire", themes=["precarite"], needs=[("locaux", "Une salle")])
    publish("Ateliers Vélo", commune="79191")
    backend = get_backend()
    backend.rebuild()
    expected = _snapshot()[0]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as outside a transaction

        assert rebuild_documents(cursor, drop_foreign_keys=True) == 2

        assert _snapshot()[0] == expected
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' "
            "AND conrelid = 'search_actordocument'::regclass"
        )
        assert cursor.fetchone()[0] == 1  # the key is back
    actor.delete()
    assert not ActorDocument.objects.filter(actor_id=actor.pk).exists()
