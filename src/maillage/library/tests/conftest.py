import pytest

from maillage.library.tests.factories import LibraryWorld, build_library_world


@pytest.fixture
def lw(db: None) -> LibraryWorld:
    return build_library_world()
