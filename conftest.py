"""Suite-wide pytest configuration."""

import pytest


@pytest.fixture(autouse=True)
def _media_and_locale(settings):
    """Tests see the French interface, as users do by default."""
    settings.LANGUAGE_CODE = "fr"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit and lock-out counters never leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wsgi_in_test_transaction():
    """Calling the WSGI application directly (schemathesis) would close the database
    connection at each request (``close_old_connections``, CONN_MAX_AGE=0), and with it the
    test's transaction on PostgreSQL. Django's test client disconnects the same handlers."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True, scope="session")
def _unordered_querysets_come_back_shuffled():
    """A queryset without ``order_by`` (and no ``Meta.ordering``) has no order: the
    database may return its rows in any order, and usually returns insertion order, which
    hides code (and tests) that rely on it. In tests such results come back shuffled."""
    import random

    from django.db.models.query import QuerySet

    original = QuerySet._fetch_all
    shuffler = random.Random(20261123)

    def _fetch_all(self):  # type: ignore[no-untyped-def]
        fresh = self._result_cache is None
        original(self)
        if fresh and not self.ordered and len(self._result_cache) > 1:
            shuffler.shuffle(self._result_cache)

    QuerySet._fetch_all = _fetch_all
    yield
    QuerySet._fetch_all = original
