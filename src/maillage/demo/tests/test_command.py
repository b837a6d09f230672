"""``maillage seed_demo`` refuses to run where it cannot or must not."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from maillage.actors.models import Actor
from maillage.actors.tests.factories import CommuneFactory
from maillage.core.errors import DomainError
from maillage.demo.services import demo_missing_communes, demo_seed

pytestmark = pytest.mark.django_db


def test_without_the_referential_the_command_exits_2_and_says_what_to_load():
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("seed_demo", "--json", stdout=out, stderr=err)
    assert exit_info.value.code == 2
    assert "maillage import_territories" in err.getvalue()
    assert "import_territories" in json.loads(out.getvalue())["error"]
    assert Actor.objects.count() == 0


def test_a_partial_referential_is_not_enough():
    CommuneFactory()  # Poitiers only
    missing = demo_missing_communes()
    assert "86194" not in missing
    assert "94018" in missing
    with pytest.raises(DomainError) as error:
        demo_seed()
    assert error.value.code == "referential_missing"
    assert Actor.objects.count() == 0


def test_production_mode_is_refused_unless_allowed(settings):
    settings.PRODUCTION = True
    with pytest.raises(DomainError) as error:
        demo_seed()
    assert error.value.code == "production"
    # Allowed explicitly, it goes on to the next check (here: no referential).
    with pytest.raises(DomainError) as error:
        demo_seed(allow_production=True)
    assert error.value.code == "referential_missing"


def test_help_documents_the_production_switch(capsys):
    with pytest.raises(SystemExit):
        call_command("seed_demo", "--help")
    assert "--allow-production" in capsys.readouterr().out
