"""The triggers record every write on the audited tables, whichever path it takes: the ORM,
``bulk_create``, ``QuerySet.update``, raw SQL, the importers' bulk path. The same tests run
on SQLite and on PostgreSQL (``TEST_DATABASE_URL``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction

from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.actors.bulk import ActorRecord, actors_bulk_upsert
from maillage.actors.models import Actor, Contact, InterventionArea, Kind, NeedOffer
from maillage.actors.services import ActorInput, actor_create, actor_update
from maillage.actors.tests.factories import ActorFactory, ContactFactory, NeedOfferFactory
from maillage.audit.context import audit_bulk_summary, audit_context
from maillage.audit.enums import AuditAction
from maillage.audit.models import AuditEvent
from maillage.audit.registry import MASK
from maillage.audit.services import audit_record_bulk, audit_user_forget, audit_values_erase

pytestmark = pytest.mark.django_db

ACTORS = Actor._meta.db_table


def events(table: str = ACTORS, **filters: object) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(table_name=table, **filters).order_by("id"))


def test_orm_create_update_delete_are_recorded_with_user_and_context() -> None:
    user = UserFactory()
    with audit_context(user=user, label="POST /acteurs/nouveau/"):
        actor = Actor.objects.create(
            name="Les Jardins du Clain", kind_id="association", sphere="ess"
        )
        actor.name = "Les Jardins partagés du Clain"
        actor.save()
        need = NeedOfferFactory(actor=actor)
        need_pk = need.pk
        need.delete()
    created, updated = events(row_id=str(actor.pk))
    assert created.action == AuditAction.INSERT
    assert created.new_values["name"] == "Les Jardins du Clain"
    assert created.old_values is None
    assert (created.user_id, created.context) == (user.pk, "POST /acteurs/nouveau/")
    assert (created.subject_type, created.subject_id) == ("actors.actor", actor.pk)
    assert updated.action == AuditAction.UPDATE
    # Only what changed (the slug follows the name and is not worth an entry).
    assert updated.old_values == {"name": "Les Jardins du Clain"}
    assert updated.new_values == {"name": "Les Jardins partagés du Clain"}
    need_events = events(NeedOffer._meta.db_table, row_id=str(need_pk))
    assert [e.action for e in need_events] == [AuditAction.INSERT, AuditAction.DELETE]
    assert need_events[1].old_values["text"] == need.text
    assert need_events[1].subject_id == actor.pk


def test_outside_any_context_the_entry_has_no_user() -> None:
    actor = ActorFactory()
    (entry,) = events(row_id=str(actor.pk), action=AuditAction.INSERT)
    assert entry.user_id is None
    assert entry.context == ""


def test_bulk_create_records_every_row() -> None:
    kind = Kind.objects.get(code="association")
    with audit_context(user=None, label="bulk"):
        created = Actor.objects.bulk_create(
            [Actor(name=f"Association {n}", kind=kind, sphere="ess") for n in range(30)]
        )
    entries = events(action=AuditAction.INSERT, context="bulk")
    assert len(entries) == 30
    assert {int(e.row_id) for e in entries} == {a.pk for a in created}
    assert {e.new_values["name"] for e in entries} == {f"Association {n}" for n in range(30)}


def test_queryset_update_records_each_row_changed_and_only_the_changed_columns() -> None:
    actors = ActorFactory.create_batch(5, description="")
    already = ActorFactory(description="Déjà à jour")
    with audit_context(label="update"):
        count = Actor.objects.filter(pk__in=[a.pk for a in [*actors, already]]).update(
            description="Déjà à jour"
        )
    assert count == 6
    entries = events(action=AuditAction.UPDATE, context="update")
    # The actor whose value did not change gets no entry.
    assert sorted(int(e.row_id) for e in entries) == sorted(a.pk for a in actors)
    assert all(e.old_values == {"description": ""} for e in entries)
    assert all(e.new_values == {"description": "Déjà à jour"} for e in entries)


def test_a_change_of_ignored_columns_only_records_nothing() -> None:
    actor = ActorFactory()
    before = AuditEvent.objects.count()
    Actor.objects.filter(pk=actor.pk).update(completeness=99, source_hash="abc", slug="x")
    assert AuditEvent.objects.count() == before


def test_raw_sql_writes_are_recorded() -> None:
    actor = ActorFactory()
    quote = connection.ops.quote_name
    with audit_context(user=42, label="raw"), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(ACTORS)} SET {quote('name')} = %s WHERE {quote('id')} = %s",  # noqa: S608
            ["Renommée en SQL", actor.pk],
        )
        cursor.execute(
            f"INSERT INTO {quote(InterventionArea._meta.db_table)} "  # noqa: S608
            "(actor_id, level, territory_code, label) VALUES (%s, %s, %s, %s)",
            [actor.pk, "departement", "dep:86", ""],
        )
    (update,) = events(action=AuditAction.UPDATE, context="raw")
    assert update.new_values == {"name": "Renommée en SQL"}
    assert update.user_id == 42
    (area,) = events(InterventionArea._meta.db_table, context="raw")
    assert area.action == AuditAction.INSERT
    assert area.subject_id == actor.pk
    assert area.new_values["territory_code"] == "dep:86"


def test_the_importers_bulk_path_is_recorded() -> None:
    """``actors_bulk_upsert`` inserts with multi-row INSERT (SQLite) or COPY (PostgreSQL)
    and updates with ``executemany`` of raw SQL: all recorded."""
    records = [
        ActorRecord(
            values={"name": f"Entreprise {n}", "kind_id": "entreprise", "sphere": "entreprises"},
            row_hash=f"h{n}",
        )
        for n in range(12)
    ]
    with audit_context(label="maillage import_actors"), transaction.atomic():
        result = actors_bulk_upsert(records=records, source="import", refresh_index=False)
    ids = {actor_id for actor_id, _record in result.created}
    assert len(ids) == 12
    inserted = events(action=AuditAction.INSERT, context="maillage import_actors")
    assert {int(e.row_id) for e in inserted} == ids
    # A second batch changes one of them.
    target = min(ids)
    again = [
        ActorRecord(
            values={
                "name": "Entreprise renommée",
                "kind_id": "entreprise",
                "sphere": "entreprises",
            },
            actor_id=target,
            row_hash="changed",
        )
    ]
    with audit_context(label="maillage import_actors"), transaction.atomic():
        actors_bulk_upsert(records=again, source="import", refresh_index=False)
    (update,) = events(action=AuditAction.UPDATE, row_id=str(target))
    assert update.new_values["name"] == "Entreprise renommée"


def test_service_writes_record_links_and_areas(geo_poitiers: None) -> None:
    user = UserFactory()
    with audit_context(user=user, label="service"):
        actor = actor_create(
            data=ActorInput(
                name="Les Ateliers",
                kind="association",
                themes=["handicap"],
                intervention=["dep:86"],
            )
        )
        actor_update(actor=actor, changes={"themes": ["emploi"]})
    themes = events(Actor.themes.through._meta.db_table, context="service")
    assert [(e.action, (e.new_values or e.old_values)["theme_id"]) for e in themes] == [
        (AuditAction.INSERT, "handicap"),
        (AuditAction.DELETE, "handicap"),
        (AuditAction.INSERT, "emploi"),
    ]
    assert all(e.subject_id == actor.pk and e.user_id == user.pk for e in themes)
    (area,) = events(InterventionArea._meta.db_table, context="service")
    assert area.new_values["territory_code"] == "dep:86"


def test_links_of_a_need_belong_to_the_actor_history() -> None:
    need = NeedOfferFactory()
    with audit_context(label="themes"):
        need.themes.set(["handicap"])
    (link,) = events(NeedOffer.themes.through._meta.db_table, context="themes")
    assert (link.subject_type, link.subject_id) == ("actors.actor", need.actor_id)


def test_contact_email_and_phone_are_masked_but_their_changes_recorded() -> None:
    contact = ContactFactory(email="camille@exemple.org", phone="0549000000")
    (created,) = events(Contact._meta.db_table, row_id=str(contact.pk))
    assert created.new_values["email"] == MASK
    assert created.new_values["phone"] == MASK
    assert created.new_values["last_name"] == contact.last_name
    with audit_context(label="contact"):
        Contact.objects.filter(pk=contact.pk).update(email="autre@exemple.org", phone="")
    (update,) = events(Contact._meta.db_table, context="contact")
    assert update.old_values == {"email": MASK, "phone": MASK}
    assert update.new_values == {"email": MASK, "phone": ""}
    assert "camille@exemple.org" not in str(
        AuditEvent.objects.values_list("old_values", "new_values")
    )


def test_membership_token_hash_is_never_copied() -> None:
    membership = MembershipFactory(
        user=None, invited_email="x@exemple.org", invitation_token_hash="f" * 64
    )
    (created,) = events(membership._meta.db_table, row_id=str(membership.pk))
    assert "invitation_token_hash" not in created.new_values
    assert created.new_values["invited_email"] == MASK
    assert created.subject_id == membership.actor_id


def test_summary_mode_silences_the_triggers_and_records_one_entry_per_batch() -> None:
    kind = Kind.objects.get(code="association")
    with audit_context(user=7, label="maillage import_sirene"), audit_bulk_summary():
        created = Actor.objects.bulk_create(
            [Actor(name=f"Lot {n}", kind=kind, sphere="ess") for n in range(20)]
        )
        Actor.objects.filter(pk__in=[a.pk for a in created]).update(description="Importé")
        audit_record_bulk(model=Actor, operation="insert", ids=[a.pk for a in created])
    entries = events(context="maillage import_sirene")
    assert len(entries) == 1
    (summary,) = entries
    assert summary.action == AuditAction.BULK
    assert summary.user_id == 7
    assert summary.new_values["count"] == 20
    assert summary.new_values["ids"] == sorted(a.pk for a in created)
    # Back to one entry per row after the block.
    with audit_context(label="after"):
        Actor.objects.filter(pk=created[0].pk).update(description="Modifié")
    assert len(events(context="after")) == 1


def test_audit_rows_cannot_be_changed_outside_maintenance() -> None:
    ActorFactory()
    entry = AuditEvent.objects.order_by("id").first()
    assert entry is not None
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=entry.pk).update(context="falsifié")
    entry.refresh_from_db()
    assert entry.context != "falsifié"


@pytest.mark.postgresql
def test_audit_rows_cannot_be_deleted_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps DELETE open (Django's flush uses it); see decision 0022")
    ActorFactory()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.exists()


def test_erasure_blanks_recorded_values_and_keeps_the_entries() -> None:
    contact = ContactFactory(first_name="Camille", last_name="Martin")
    with audit_context(label="edit"):
        Contact.objects.filter(pk=contact.pk).update(last_name="Martin-Durand")
    changed = audit_values_erase(model=Contact, pk=contact.pk, fields=["first_name", "last_name"])
    assert changed == 2
    entries = events(Contact._meta.db_table, row_id=str(contact.pk))
    assert len(entries) == 2
    text = str([(e.old_values, e.new_values) for e in entries])
    assert "Camille" not in text
    assert "Martin" not in text


def test_forgetting_a_user_detaches_their_entries() -> None:
    user = UserFactory()
    with audit_context(user=user):
        actor = ActorFactory()
    assert audit_user_forget(user_id=user.pk) >= 1
    assert not AuditEvent.objects.filter(user_id=user.pk).exists()
    assert events(row_id=str(actor.pk))


def test_timestamps_are_those_of_the_change() -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    actor = ActorFactory()
    (entry,) = events(row_id=str(actor.pk), action=AuditAction.INSERT)
    assert entry.occurred_at >= before


def test_partnerships_and_their_evaluation_are_recorded_under_the_partnership() -> None:
    from maillage.evaluation.models import Indicator, Measurement
    from maillage.evaluation.tests.factories import indicator
    from maillage.partnerships.models import Contribution, Partnership
    from maillage.partnerships.tests.factories import add_contribution, partnership_between

    partnership = partnership_between(ActorFactory(), ActorFactory())
    add_contribution(partnership, partnership.parties.first())
    measured = indicator(partnership)
    Measurement.objects.create(indicator=measured, measured_on=dt.date(2026, 1, 5), value=3)
    # A bulk path, as signal-based history would miss it.
    Contribution.objects.filter(partnership=partnership).update(description="Revu à la hausse")

    subjects = {
        (event.table_name, event.subject_type, event.subject_id)
        for event in AuditEvent.objects.filter(subject_id=partnership.pk)
    }
    for model in (Partnership, Contribution, Indicator, Measurement):
        assert (model._meta.db_table, "partnerships.partnership", partnership.pk) in subjects
    update = events(Contribution._meta.db_table, action=AuditAction.UPDATE)[-1]
    assert update.new_values == {"description": "Revu à la hausse"}
