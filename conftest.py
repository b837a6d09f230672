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
