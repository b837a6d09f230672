"""Two people take the last seat at the same time: with the event row locked
(SELECT … FOR UPDATE), one is confirmed and the other waits — never both confirmed.
Needs two real database sessions: PostgreSQL only (SQLite serialises writers anyway)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from maillage.accounts.tests.factories import UserFactory
from maillage.events import services
from maillage.events.enums import RegistrationStatus
from maillage.events.models import Registration
from maillage.events.tests.factories import EventFactory

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("attempt", range(3))
def test_concurrent_sign_ups_never_exceed_the_capacity(attempt):
    if connection.vendor != "postgresql":
        pytest.skip("needs two PostgreSQL sessions (TEST_DATABASE_URL)")
    event = EventFactory(capacity=1)
    people = [UserFactory(), UserFactory(), UserFactory()]
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def sign_up(user):
        try:
            barrier.wait(timeout=10)
            services.registration_create(event=event, user=user)
        except BaseException as error:  # reported below, in the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 1
    assert statuses.count(RegistrationStatus.WAITLISTED) == 2
