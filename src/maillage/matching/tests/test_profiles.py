"""The matching profiles follow the actors' tables (dirty marks, rebuilds, IDF)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from maillage.actors.models import Actor, InterventionArea, NeedOffer
from maillage.actors.services import need_offer_create, need_offer_delete
from maillage.actors.tests.factories import ActorFactory, NeedOfferFactory
from maillage.matching.compatibility import CATEGORIES, THEMES
from maillage.matching.models import ActorProfile, TermStatistic
from maillage.matching.profiles import (
    idf_current,
    profiles_load,
    profiles_rebuild_all,
    profiles_refresh_dirty,
    profiles_refresh_stale,
    term_statistics_rebuild,
)
from maillage.matching.tests.factories import actor_with

pytestmark = pytest.mark.django_db


def bit(codes: tuple[str, ...], code: str) -> int:
    return 1 << codes.index(code)


def test_a_new_actor_gets_a_dirty_profile_rebuilt_on_first_read() -> None:
    actor = actor_with(
        needs=(("locaux", "Une salle pour nos ateliers"),),
        offers=(("benevolat", "Des bénévoles"),),
        themes=["emploi"],
        partnership_types=["mecenat"],
        labels=["rup"],
        coverage=("dep:86",),
    )
    assert ActorProfile.objects.get(pk=actor.pk).dirty
    profile = profiles_load([actor.pk])[actor.pk]
    row = ActorProfile.objects.get(pk=actor.pk)
    assert not row.dirty
    assert row.need_mask == bit(CATEGORIES, "locaux")
    assert row.offer_mask == bit(CATEGORIES, "benevolat")
    assert row.theme_mask == bit(THEMES, "emploi")
    assert row.labels == 1 and row.coverage == "dep:86"
    assert (row.commune, row.departement, row.region) == ("86194", "86", "75")
    assert {item.category for item in profile.needs} == {"locaux"}
    assert "sall" in profile.needs[0].stems


def test_every_change_marks_the_profile_dirty() -> None:
    actor = actor_with(needs=(("locaux", "Une salle"),))
    profiles_refresh_dirty()

    def dirty() -> bool:
        return ActorProfile.objects.get(pk=actor.pk).dirty

    changes = [
        lambda: actor.themes.add("sante"),
        lambda: actor.partnership_types.add("mecenat"),
        lambda: actor.labels.add("rup"),
        lambda: NeedOfferFactory(
            actor=actor, direction="offer", category_id="materiel", text="Des ordinateurs"
        ),
        lambda: NeedOffer.objects.filter(actor=actor).first().themes.add("emploi"),  # type: ignore[union-attr]
        lambda: InterventionArea.objects.create(
            actor=actor, territory_code="reg:75", level="region"
        ),
        lambda: actor.intervention_areas.all().delete(),
        lambda: Actor.objects.get(pk=actor.pk).save(),
    ]
    for change in changes:
        assert not dirty()
        change()
        assert dirty()
        profiles_refresh_dirty()


def test_services_writes_reach_the_profile() -> None:
    actor = actor_with(commune=False)
    item = need_offer_create(
        actor=actor, direction="need", category="financement", text="Un coup de pouce"
    )
    assert profiles_load([actor.pk])[actor.pk].needs[0].category == "financement"
    need_offer_delete(item=item)
    assert profiles_load([actor.pk])[actor.pk].needs == ()


def test_expired_and_inactive_items_are_left_out() -> None:
    actor = actor_with()
    NeedOfferFactory(
        actor=actor,
        category_id="locaux",
        text="salle",
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    NeedOfferFactory(actor=actor, category_id="materiel", text="tables", is_active=False)
    NeedOfferFactory(actor=actor, category_id="financement", text="budget")
    profile = profiles_load([actor.pk])[actor.pk]
    assert [item.category for item in profile.items] == ["financement"]


def test_deleting_an_actor_deletes_its_profile() -> None:
    actor = actor_with(needs=(("locaux", "salle"),))
    profiles_refresh_dirty()
    Actor.objects.filter(pk=actor.pk).delete()
    assert not ActorProfile.objects.filter(pk=actor.pk).exists()


def test_stale_refresh_finds_actors_written_in_bulk() -> None:
    kind = ActorFactory().kind
    bulk = Actor.objects.bulk_create([Actor(name="Écrit en bloc", kind=kind, sphere="ess")])[0]
    assert not ActorProfile.objects.filter(pk=bulk.pk).exists()
    assert profiles_refresh_stale() >= 1
    assert ActorProfile.objects.filter(pk=bulk.pk, dirty=False).exists()
    Actor.objects.filter(pk=bulk.pk).update(updated_at=timezone.now() + dt.timedelta(seconds=5))
    assert profiles_refresh_stale() == 1


def test_full_rebuild_covers_every_actor() -> None:
    actors = [actor_with(needs=(("locaux", f"salle {n}"),)) for n in range(3)]
    assert profiles_rebuild_all() == len(actors)
    assert not ActorProfile.objects.filter(dirty=True).exists()


def test_term_statistics_feed_the_idf() -> None:
    for text in ("salle de réunion", "salle de sport", "ordinateurs reconditionnés"):
        actor_with(needs=(("locaux", text),))
    profiles_refresh_dirty()
    assert idf_current()("sall") == 1.0  # no statistics yet
    term_statistics_rebuild()
    assert TermStatistic.objects.get(stem="").documents == 3
    idf = idf_current()
    assert idf("sall") < idf("ordin")
