"""The seeded demo territory, built once per test module.

Seeding 300 actors through the services takes seconds, so the modules that read the
demo share one load, made outside the per-test transactions and removed at the end of the
module (and before, in case an interrupted run left it in a reused database), so that
other apps' tests always start from an empty database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db.models import ProtectedError

from maillage.accounts.models import User
from maillage.actors.enums import Source
from maillage.actors.models import Actor
from maillage.demo.data.communes import DEMO_DEPARTEMENTS
from maillage.demo.personas import PERSONAS
from maillage.demo.services import demo_seed
from maillage.search.services import search_index_rebuild
from maillage.territories.models import (
    Commune,
    CommuneAlias,
    Departement,
    Epci,
    PostalCode,
    ReferentialVersion,
    Region,
)
from maillage.territories.services import territories_import

# Apps whose demo rows refer to actors and accounts, emptied first (most dependent first).
# Outside the per-test transactions only the demo's rows exist, so emptying is exact.
DEPENDENT_APPS = (
    "library",
    "funding",
    "evaluation",
    "partnerships",
    "events",
    "programmes",
    "matching",
    "notifications",
)


REFERENCE_MODELS = {"partnerships.PracticalSheet", "partnerships.SheetItem"}


def _empty_dependent_apps() -> None:
    models = [
        model
        for label in DEPENDENT_APPS
        for model in apps.get_app_config(label).get_models()
        # Reference data loaded by migrations (practical sheets) stays: other tests use it.
        if model._meta.label not in REFERENCE_MODELS
    ]
    for _attempt in range(len(models) + 1):
        blocked = False
        for model in models:
            try:
                model._default_manager.all().delete()
            except ProtectedError:
                blocked = True  # a row of a later model still refers to it: next pass
        if not blocked:
            return
    raise AssertionError("demo teardown: rows still protected after every pass")


def demo_territory_remove() -> None:
    """Remove the demo, its accounts and the referential rows the module loaded."""
    _empty_dependent_apps()
    Actor.objects.filter(source=Source.DEMO).delete()
    User.objects.filter(email__in=[persona.email for persona in PERSONAS]).delete()
    search_index_rebuild()
    for model in (PostalCode, CommuneAlias, Commune, Epci, Departement, Region, ReferentialVersion):
        model.objects.all().delete()


@pytest.fixture(scope="module")
def demo_territory(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The summary of a first ``demo_seed`` on the referential of the demo's départements."""
    with django_db_blocker.unblock():
        demo_territory_remove()
        territories_import(departements=DEMO_DEPARTEMENTS)
        result = demo_seed()
    yield result
    with django_db_blocker.unblock():
        demo_territory_remove()
