"""The registry covers the actor's tables; triggers follow it; the command and the system
check repair and report missing triggers."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from maillage.actors.models import Actor
from maillage.audit.checks import check_audit_triggers
from maillage.audit.registry import AUDITED, audited_tables
from maillage.audit.triggers import audit_triggers_drop, audit_triggers_missing

pytestmark = pytest.mark.django_db

# Tables related to an actor that are deliberately not followed, and why.
NOT_AUDITED = {
    "accounts.ClaimRequest",  # a request, decided by a facilitator; its outcome is audited
}


def test_every_table_of_an_actors_profile_is_audited() -> None:
    """A new model of the actors app pointing to an actor (or a new many-to-many) cannot
    escape the trail unnoticed: register it, or list it above with the reason."""
    registered = {entry.model.lower() for entry in AUDITED}
    missing = []
    for model in apps.get_app_config("actors").get_models(include_auto_created=True):
        label = model._meta.label_lower
        points_to_actor = any(
            f.is_relation and f.many_to_one and f.related_model is Actor
            for f in model._meta.concrete_fields
        )
        if (points_to_actor or model is Actor) and label not in registered:
            missing.append(model._meta.label)
    assert missing == []
    for entry in NOT_AUDITED:
        assert entry.lower() not in registered


def test_every_registered_table_has_its_triggers_after_migrate() -> None:
    assert audit_triggers_missing() == []
    assert Actor._meta.db_table in audited_tables()


def test_the_command_reinstalls_dropped_triggers_and_the_check_reports_them() -> None:
    audit_triggers_drop()
    assert Actor._meta.db_table in audit_triggers_missing()
    (warning,) = check_audit_triggers(databases=["default"])
    assert warning.id == "maillage.W101"
    out = StringIO()
    call_command("audit_install_triggers", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert Actor._meta.db_table in result["tables"]
    assert audit_triggers_missing() == []
    assert check_audit_triggers(databases=["default"]) == []
