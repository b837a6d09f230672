"""Two managers allocate from the same envelope at the same moment: each amount fits
alone, both together would exceed the budget. The envelope row lock taken by the services
(``select_for_update``) makes the second wait for the first and see its allocation, so
exactly one succeeds. Two real PostgreSQL sessions (SQLite serialises writes anyway)."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.db.models import Sum

from maillage.actors.tests.factories import ActorFactory, CommuneFactory
from maillage.core.errors import DomainError
from maillage.funding import services
from maillage.funding.models import Allocation
from maillage.funding.tests.factories import envelope_create
from maillage.partnerships.tests.factories import make_active, partnership_between


@pytest.mark.postgresql
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs two PostgreSQL sessions (TEST_DATABASE_URL)"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_allocations_never_exceed_the_budget(attempt: int) -> None:
    poitiers = CommuneFactory()
    funder = ActorFactory(company=True, seat_commune=poitiers)
    envelope = envelope_create(funder=funder, budget="45000")
    first = make_active(
        partnership_between(
            ActorFactory(seat_commune=poitiers), ActorFactory(seat_commune=poitiers)
        )
    )
    second = make_active(
        partnership_between(
            ActorFactory(seat_commune=poitiers), ActorFactory(seat_commune=poitiers)
        )
    )
    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}
    unexpected: list[BaseException] = []

    def allocate(partnership_id: int) -> None:
        try:
            from maillage.partnerships.models import Partnership

            partnership = Partnership.objects.get(pk=partnership_id)
            barrier.wait(timeout=10)
            services.allocation_create(
                envelope=envelope,
                partnership=partnership,
                data=services.AllocationInput(
                    amount_eur=Decimal("30000"), decided_on=dt.date(2025, 3, 1), purpose="x"
                ),
                user=None,
            )
            outcomes[partnership_id] = "saved"
        except DomainError as error:
            outcomes[partnership_id] = error.code
        except BaseException as error:  # reported below, in the main thread
            unexpected.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=allocate, args=(p.pk,)) for p in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not unexpected, unexpected
    assert sorted(outcomes.values()) == ["over_allocated", "saved"]
    total = Allocation.objects.filter(envelope=envelope).aggregate(t=Sum("amount_eur"))["t"]
    assert total == Decimal("30000")
