"""Fixtures of the matching tests: an empty throttle cache and IDF cache each time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from maillage.matching.profiles import idf_cache_clear


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    cache.clear()
    idf_cache_clear()
    yield
    cache.clear()
    idf_cache_clear()
