"""The demo territory's introductions and endorsements (``matching.demo``)."""

from __future__ import annotations

from typing import Any

import pytest

from maillage.actors.models import Actor
from maillage.demo.tests.conftest import demo_territory  # noqa: F401 - the shared fixture
from maillage.matching.demo import demo_seed_matching
from maillage.matching.models import Endorsement, FollowUp, Introduction
from maillage.matching.selectors import suggestions_for

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_state_of_an_introduction(demo_territory: dict[str, Any]) -> None:  # noqa: F811
    assert demo_territory["introductions"] == 7 and demo_territory["endorsements"] == 4
    statuses = set(Introduction.objects.values_list("status", flat=True))
    assert statuses == {"pending", "accepted", "declined", "expired"}
    assert Introduction.objects.filter(origin="facilitator", status="pending").exists()
    assert Introduction.objects.filter(origin="speed_dating", status="accepted").exists()
    assert FollowUp.objects.filter(answered_at__isnull=False).exists()
    assert FollowUp.objects.filter(answered_at__isnull=True).exists()
    assert Endorsement.objects.active().count() == 4


def test_a_second_run_creates_nothing(demo_territory: dict[str, Any]) -> None:  # noqa: F811
    before = (Introduction.objects.count(), Endorsement.objects.count())
    summary = demo_seed_matching(say=lambda message: None)
    assert (Introduction.objects.count(), Endorsement.objects.count()) == before
    assert summary["introductions"] == before[0]


def test_demo_actors_get_suggestions_with_reasons(demo_territory: dict[str, Any]) -> None:  # noqa: F811
    iris = Actor.objects.get(acronym="IRIS")
    result = suggestions_for(actor=iris, limit=10)
    assert len(result.items) == 10
    assert all(item.reasons for item in result.items)
    assert all(item.actor.source == "demo" for item in result.items)
