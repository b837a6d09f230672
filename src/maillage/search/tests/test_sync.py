"""The index follows every write: actors and their needs/offers created, changed, deleted;
a full rebuild gives the same answers as incremental updates."""

from __future__ import annotations

import pytest
from django.db import connection

from maillage.actors.services import (
    actor_update,
    need_offer_create,
    need_offer_delete,
    need_offer_update,
)
from maillage.actors.tests.factories import ActorFactory, NeedOfferFactory
from maillage.search.backends.base import SearchQuery
from maillage.search.models import ActorDocument
from maillage.search.selectors import actors_search
from maillage.search.services import search_index_rebuild, search_index_refresh


def ids(text: str, **filters) -> list[int]:
    result, _ = actors_search(query=SearchQuery(text=text, per_page=100, **filters))
    return result.ids


def assert_index_consistent() -> None:
    """One document per actor; on SQLite, the FTS5 index agrees with its content table."""
    from maillage.actors.models import Actor

    assert set(ActorDocument.objects.values_list("actor_id", flat=True)) == set(
        Actor.objects.values_list("pk", flat=True)
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_actordocument_fts(search_actordocument_fts) "
                "VALUES ('integrity-check')"
            )


def test_a_created_actor_is_found_at_once(publish):
    actor = publish("Recyclerie du Clain", commune="86194")
    assert ids("recyclerie") == [actor.pk]
    assert_index_consistent()


def test_an_updated_name_replaces_the_old_one(publish):
    actor = publish("Recyclerie du Clain", commune="86194")
    actor_update(actor=actor, changes={"name": "Ressourcerie de la Vienne"})
    assert ids("recyclerie") == []
    assert ids("ressourcerie") == [actor.pk]
    assert_index_consistent()


def test_updated_themes_description_and_commune_are_searched(publish):
    actor = publish("Recyclerie", commune="86194")
    actor_update(
        actor=actor,
        changes={
            "themes": ["handicap"],
            "commune": "79191",
            "description": "Ateliers de réparation de vélos.",
        },
    )
    assert ids("handicap") == [actor.pk]
    assert ids("vélo") == [actor.pk]
    assert ids("Niort") == [actor.pk]
    assert ids("Poitiers") == []
    assert ids("recyclerie", territory="dep:79") == [actor.pk]
    assert_index_consistent()


def test_a_deleted_actor_disappears_from_the_index(publish):
    actor = publish("Recyclerie du Clain", commune="86194")
    other = publish("Recyclerie de Niort", commune="79191")
    actor.delete()
    assert ids("recyclerie") == [other.pk]
    assert not ActorDocument.objects.filter(actor_id=actor.pk).exists()
    assert_index_consistent()


def test_refreshing_a_missing_actor_removes_its_document(publish):
    actor = publish("Recyclerie du Clain", commune="86194")
    actor_id = actor.pk
    actor.delete()
    search_index_refresh(actor_ids=[actor_id])
    assert not ActorDocument.objects.filter(actor_id=actor_id).exists()
    assert_index_consistent()


def test_needs_and_offers_follow_their_writes(publish):
    actor = publish("Les Amis", commune="86194")
    item = need_offer_create(
        actor=actor, direction="need", category="logistique", text="Un camion frigorifique le mardi"
    )
    assert ids("camion frigorifique") == [actor.pk]
    assert ids("logistique") == [actor.pk]  # the category label
    need_offer_update(item=item, changes={"text": "Une camionnette"})
    assert ids("frigorifique") == []
    assert ids("camionnette") == [actor.pk]
    need_offer_update(item=item, changes={"is_active": False})
    assert ids("camionnette") == []
    need_offer_update(item=item, changes={"is_active": True})
    assert ids("camionnette") == [actor.pk]
    need_offer_delete(item=item)
    assert ids("camionnette") == []
    assert ids("logistique") == []
    assert_index_consistent()


def test_factories_keep_the_index_in_step(geography):
    actor = ActorFactory(name="Banque alimentaire")
    NeedOfferFactory(actor=actor, text="Des chambres froides")
    assert ids("banque alimentaire") == [actor.pk]
    assert ids("chambres froides") == [actor.pk]


QUERIES = ["épicerie", "solidaire", "insertion", "natixs", "camion", "Poitiers", "épic", ""]


def test_rebuild_gives_the_same_answers_as_incremental_updates(publish):
    publish(
        "Épicerie solidaire",
        commune="86194",
        themes=["precarite"],
        needs=[("logistique", "Un camion")],
    )
    publish("Chantier d'insertion", kind="siae", commune="86062")
    publish(
        "Natixis",
        kind="entreprise",
        commune="94018",
        description="Une banque qui soutient des épiceries solidaires.",
    )
    before = {text: ids(text) for text in QUERIES}
    assert search_index_rebuild() == 3
    assert {text: ids(text) for text in QUERIES} == before
    assert_index_consistent()


def test_rebuild_recovers_a_lost_index(publish):
    actor = publish("Épicerie solidaire", commune="86194")
    ActorDocument.objects.all().delete()
    assert ids("épicerie") == []
    search_index_rebuild()
    assert ids("épicerie") == [actor.pk]
    assert_index_consistent()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite triggers")
def test_rebuild_restores_the_sqlite_triggers(publish):
    from maillage.search.backends.sqlite import fts_installed

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_actordocument_ai")
        assert not fts_installed(cursor)
    search_index_rebuild()
    with connection.cursor() as cursor:
        assert fts_installed(cursor)
    actor = publish("Épicerie solidaire", commune="86194")
    assert ids("épicerie") == [actor.pk]
