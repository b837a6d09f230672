"""Restoring an earlier version of an actor's profile: rebuilt from the trail, written
through ``actor_update`` (so its rules apply), refused when it cannot be rebuilt."""

from __future__ import annotations

import pytest
from django.db import transaction

from maillage.actors.models import Actor
from maillage.actors.services import ActorInput, actor_create, actor_update
from maillage.actors.tests.factories import ActorFactory, valid_siret
from maillage.audit.context import audit_bulk_summary, audit_context
from maillage.audit.models import AuditEvent
from maillage.audit.selectors import actor_version
from maillage.audit.services import audit_actor_restore, audit_record_bulk
from maillage.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _last_profile_event(actor: Actor) -> AuditEvent:
    event = (
        AuditEvent.objects.filter(subject_type="actors.actor", subject_id=actor.pk)
        .order_by("-id")
        .first()
    )
    assert event is not None
    return event


@pytest.fixture
def actor(geo_poitiers: None) -> Actor:
    with audit_context(label="create"):
        return actor_create(
            data=ActorInput(
                name="Les Ateliers du Clain",
                kind="association",
                description="Atelier vélo solidaire.",
                themes=["handicap", "emploi"],
                intervention=["dep:86"],
                commune="86194",
            )
        )


def test_a_version_brings_back_fields_links_and_areas(actor: Actor) -> None:
    version_event = _last_profile_event(actor)
    with audit_context(label="edits"):
        actor_update(
            actor=actor,
            changes={
                "name": "Nom erroné",
                "description": "",
                "themes": ["logement"],
                "intervention": ["reg:75"],
                "commune": "",
            },
        )
    restored = audit_actor_restore(actor=actor, event=version_event)
    assert restored.name == "Les Ateliers du Clain"
    assert restored.description == "Atelier vélo solidaire."
    assert restored.seat_commune_id == "86194"
    assert sorted(restored.themes.values_list("code", flat=True)) == ["emploi", "handicap"]
    assert list(restored.intervention_areas.values_list("territory_code", flat=True)) == ["dep:86"]


def test_a_middle_version_keeps_later_unrelated_state_consistent(actor: Actor) -> None:
    with audit_context(label="one"):
        actor_update(actor=actor, changes={"name": "Version 2"})
    middle = _last_profile_event(actor)
    with audit_context(label="two"):
        actor_update(actor=actor, changes={"name": "Version 3", "description": "Autre"})
    version = actor_version(actor=actor, event=middle)
    assert {c.field: c.restored for c in version.changes} == {
        "name": "Version 2",
        "description": "Atelier vélo solidaire.",
    }


def test_restoring_the_current_state_is_refused(actor: Actor) -> None:
    with pytest.raises(DomainError) as error:
        audit_actor_restore(actor=actor, event=_last_profile_event(actor))
    assert error.value.code == "version_identical"


def test_the_rules_of_an_edit_apply_to_a_restore(actor: Actor) -> None:
    """The old SIRET is now held by another actor: the restore is refused whole."""
    siret = valid_siret(42)
    actor_update(actor=actor, changes={"siret": siret})
    version = _last_profile_event(actor)
    actor_update(actor=actor, changes={"siret": "", "name": "Renommé"})
    ActorFactory(siret=siret, siren=siret[:9])
    with pytest.raises(DomainError), transaction.atomic():
        audit_actor_restore(actor=actor, event=version)
    actor.refresh_from_db()
    assert actor.name == "Renommé"
    assert actor.siret == ""


def test_a_batch_import_without_details_since_blocks_the_restore(actor: Actor) -> None:
    version = _last_profile_event(actor)
    with transaction.atomic(), audit_bulk_summary():
        Actor.objects.filter(pk=actor.pk).update(name="Importé")
        audit_record_bulk(model=Actor, operation="update", ids=[actor.pk])
    with pytest.raises(DomainError) as error:
        actor_version(actor=actor, event=version)
    assert error.value.code == "bulk_since"


def test_an_entry_of_another_table_is_not_a_version(actor: Actor) -> None:
    from maillage.actors.tests.factories import ContactFactory

    ContactFactory(actor=actor)
    with pytest.raises(DomainError) as error:
        actor_version(actor=actor, event=_last_profile_event(actor))
    assert error.value.code == "not_a_version"
