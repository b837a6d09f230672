"""Two people edit the same partnership: the second save is told the record changed, and
nothing is silently overwritten. The service's conditional UPDATE (``… WHERE version =
n``) decides: the first test runs on both databases; the second uses two real PostgreSQL
sessions saving at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from maillage.actors.tests.factories import ActorFactory
from maillage.core.errors import DomainError
from maillage.partnerships import services
from maillage.partnerships.models import Partnership, PartnershipEvent
from maillage.partnerships.tests.factories import partnership_between


@pytest.mark.django_db
def test_two_editors_of_the_same_version_only_the_first_save_wins():
    partnership = partnership_between(ActorFactory(), ActorFactory(), title="Avant")
    alice = Partnership.objects.get(pk=partnership.pk)
    bob = Partnership.objects.get(pk=partnership.pk)
    services.partnership_update(
        partnership=alice,
        user=None,
        changes={"title": "Alice", "partnership_type": "mecenat", "themes": ["emploi"]},
        expected_version=alice.version,
    )
    with pytest.raises(DomainError) as error:
        services.partnership_update(
            partnership=bob,
            user=None,
            changes={"title": "Bob", "partnership_type": "innovation_societale", "themes": []},
            expected_version=bob.version,
        )
    assert error.value.code == "stale"
    fresh = Partnership.objects.get(pk=partnership.pk)
    assert (fresh.title, fresh.partnership_type_id, fresh.version) == ("Alice", "mecenat", 2)
    assert list(fresh.themes.values_list("code", flat=True)) == ["emploi"]
    # Bob's copy went back to what is stored: it cannot pass for saved.
    assert (bob.title, bob.partnership_type_id, bob.version) == ("Alice", "mecenat", 2)
    assert PartnershipEvent.objects.filter(partnership=partnership, kind="updated").count() == 1


@pytest.mark.postgresql
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs two PostgreSQL sessions (TEST_DATABASE_URL)"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_saves_on_postgresql_never_both_succeed(attempt):
    partnership = partnership_between(ActorFactory(), ActorFactory(), title="Avant")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}
    unexpected: list[BaseException] = []

    def save(title: str) -> None:
        try:
            copy = Partnership.objects.get(pk=partnership.pk)
            barrier.wait(timeout=10)
            services.partnership_update(
                partnership=copy,
                user=None,
                changes={"title": title},
                expected_version=copy.version,
            )
            outcomes[title] = "saved"
        except DomainError as error:
            outcomes[title] = error.code
        except BaseException as error:  # reported below, in the main thread
            unexpected.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(title,)) for title in ("Alice", "Bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not unexpected, unexpected
    assert sorted(outcomes.values()) == ["saved", "stale"]
    winner = next(title for title, outcome in outcomes.items() if outcome == "saved")
    fresh = Partnership.objects.get(pk=partnership.pk)
    assert (fresh.title, fresh.version) == (winner, 2)
