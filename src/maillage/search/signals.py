"""Receivers keeping the search index in step with other apps' bulk changes."""

from typing import Any

from django.dispatch import receiver

from maillage.search.services import search_index_refresh_territories
from maillage.territories.signals import referential_changed


@receiver(referential_changed)
def refresh_territory_tags(sender: Any, **kwargs: Any) -> None:
    # Connected after the actors app's receiver (INSTALLED_APPS order), which re-copies
    # the actors' EPCI, département and région first.
    search_index_refresh_territories()
