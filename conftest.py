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
