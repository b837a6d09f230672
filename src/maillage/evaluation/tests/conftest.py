import pytest
from django.apps import apps

from maillage.partnerships.models import PracticalSheet
from maillage.partnerships.reference_data import load_practical_sheets
from maillage.partnerships.tests.factories import World, build_world


@pytest.fixture(autouse=True)
def _practical_sheets(request: pytest.FixtureRequest) -> None:
    """The sheets come with the migrations; put them back when a module-scoped fixture of
    another app emptied the partnerships tables outside the test transactions."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        return
    if marker is not None and marker.kwargs.get("transaction"):
        return  # a transactional test starts from the serialized database
    request.getfixturevalue("db")
    if not PracticalSheet.objects.exists():
        load_practical_sheets(apps)


@pytest.fixture
def world(db: None) -> World:
    return build_world()
