"""Suite-wide pytest configuration."""

import pytest


@pytest.fixture(autouse=True)
def _media_and_locale(settings):
    """Tests see the French interface, as users do by default."""
    settings.LANGUAGE_CODE = "fr"
