from __future__ import annotations

import pytest

from maillage.actors.tests.factories import CommuneFactory


@pytest.fixture
def geo_poitiers(db: None) -> None:
    """Poitiers, its EPCI, the Vienne and Nouvelle-Aquitaine."""
    CommuneFactory()
