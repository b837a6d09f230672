"""The suite's own guards on queries (conftest.py): unordered querysets come back shuffled,
so code relying on the database's incidental order fails in tests, not in production."""

from __future__ import annotations

import pytest

from maillage.actors.models import Actor, Theme
from maillage.actors.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_an_unordered_queryset_comes_back_in_no_particular_order() -> None:
    actor = ActorFactory()
    actor.themes.set(Theme.objects.order_by("code")[:20])
    links = Actor.themes.through.objects.filter(actor=actor)
    assert not links.ordered

    fetched = list(links.values_list("pk", flat=True))

    assert sorted(fetched) == sorted(links.order_by("pk").values_list("pk", flat=True))
    assert fetched != sorted(fetched)


def test_an_ordered_queryset_keeps_its_order() -> None:
    actor = ActorFactory()
    actor.themes.set(Theme.objects.order_by("code")[:20])

    fetched = list(Actor.themes.through.objects.filter(actor=actor).order_by("pk"))

    assert [link.pk for link in fetched] == sorted(link.pk for link in fetched)
