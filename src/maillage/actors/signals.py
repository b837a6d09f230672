"""Receivers keeping actors consistent with other apps' changes."""

from typing import Any

from django.dispatch import receiver

from maillage.actors.services import actors_refresh_territory_links
from maillage.territories.signals import referential_changed


@receiver(referential_changed)
def refresh_actor_territory_links(sender: Any, **kwargs: Any) -> None:
    actors_refresh_territory_links()
