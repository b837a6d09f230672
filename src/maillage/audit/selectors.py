"""Reads of the audit trail: an actor's history, and an earlier version of its profile
rebuilt from the entries recorded since."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from maillage.actors.models import Actor, InterventionArea
from maillage.audit.enums import AuditAction
from maillage.audit.models import AuditEvent
from maillage.audit.registry import subject_label
from maillage.core.errors import DomainError

ACTOR_TYPE = subject_label(Actor)
# ActorInput fields kept as relations: the link model of each.
_RELATIONS = ("themes", "partnership_types", "labels")
# Actor columns whose ActorInput name differs.
_INPUT_NAME = {"kind_id": "kind", "subkind_id": "subkind", "seat_commune_id": "commune"}


def _relation_tables() -> dict[str, tuple[str, str]]:
    """Link table → (ActorInput field, column holding the linked code)."""
    tables = {}
    for name in _RELATIONS:
        relation = getattr(Actor, name)
        through = relation.through
        target = relation.field.m2m_reverse_field_name()
        tables[through._meta.db_table] = (name, through._meta.get_field(target).column)
    return tables


def profile_tables() -> frozenset[str]:
    """The tables whose entries make an actor's profile versions (restorable)."""
    return frozenset({Actor._meta.db_table, InterventionArea._meta.db_table, *_relation_tables()})


def _bulk_events_with(actor_id: int) -> list[int]:
    """Batch records of bulk imports that wrote this actor (ids kept in their values)."""
    candidates = AuditEvent.objects.filter(
        action=AuditAction.BULK,
        subject_type=ACTOR_TYPE,
        new_values__min__lte=actor_id,
        new_values__max__gte=actor_id,
    ).values_list("id", "new_values")
    return [pk for pk, values in candidates if actor_id in (values or {}).get("ids", ())]


def actor_history(*, actor: Actor) -> QuerySet[AuditEvent]:
    """Every entry about the actor (its profile, links, needs and offers, contacts,
    memberships) and the batch records of imports that wrote it, newest first."""
    condition = Q(subject_type=ACTOR_TYPE, subject_id=actor.pk)
    bulk = _bulk_events_with(actor.pk)
    if bulk:
        condition |= Q(pk__in=bulk)
    return AuditEvent.objects.filter(condition).order_by("-id")


# --------------------------------------------------------------------------- versions


def _to_python(column: str, value: Any) -> Any:
    fields = {f.column: f for f in Actor._meta.concrete_fields}
    model_field = fields.get(column)
    if model_field is None or value is None:
        return value
    return model_field.to_python(value)


@dataclass
class VersionChange:
    field: str  # ActorInput name
    current: Any
    restored: Any


@dataclass
class ActorVersion:
    """The profile right after ``event``, as ActorInput values, and what differs now."""

    event: AuditEvent
    values: dict[str, Any]
    changes: list[VersionChange] = field(default_factory=list)

    def restored_changes(self) -> dict[str, Any]:
        return {change.field: change.restored for change in self.changes}


def _current_input(actor: Actor) -> dict[str, Any]:
    from dataclasses import asdict

    from maillage.actors.services import actor_input_from

    return asdict(actor_input_from(actor))


def _normalise(name: str, value: Any) -> Any:
    if name in (*_RELATIONS, "intervention"):
        return sorted(value or [])
    return value


def actor_version(*, actor: Actor, event: AuditEvent) -> ActorVersion:
    """Rebuild the profile as it was right after ``event`` by undoing, newest first, the
    profile entries recorded since. Raises ``DomainError`` when ``event`` is not a version
    of this actor's profile or when a batch import without details wrote it since."""
    tables = profile_tables()
    if (
        event.subject_type != ACTOR_TYPE
        or event.subject_id != actor.pk
        or event.table_name not in tables
        or event.action == AuditAction.BULK
    ):
        raise DomainError(
            _("Cette entrée n'est pas une version de la fiche."),
            field="event",
            code="not_a_version",
        )
    later_bulk = [pk for pk in _bulk_events_with(actor.pk) if pk > event.pk]
    if later_bulk:
        raise DomainError(
            _(
                "Un import groupé a modifié la fiche depuis cette version sans en garder le "
                "détail : elle ne peut pas être reconstituée."
            ),
            field="event",
            code="bulk_since",
        )
    actor = Actor.objects.get(pk=actor.pk)  # the caller's instance may be stale
    current = _current_input(actor)
    row = Actor.objects.filter(pk=actor.pk).values(
        *[f.attname for f in Actor._meta.concrete_fields]
    )[0]
    columns = {f.column: row[f.attname] for f in Actor._meta.concrete_fields}
    relations: dict[str, set[str]] = {name: set(current[name]) for name in _RELATIONS}
    areas = set(current["intervention"])
    links = _relation_tables()
    area_table = InterventionArea._meta.db_table
    later = AuditEvent.objects.filter(
        subject_type=ACTOR_TYPE, subject_id=actor.pk, id__gt=event.pk, table_name__in=tables
    ).order_by("-id")
    for entry in later:
        old, new = entry.old_values or {}, entry.new_values or {}
        if entry.table_name == Actor._meta.db_table:
            if entry.action != AuditAction.UPDATE:
                raise DomainError(
                    _("Cette version ne peut pas être reconstituée."),
                    field="event",
                    code="not_a_version",
                )
            for column, value in old.items():
                columns[column] = _to_python(column, value)
        elif entry.table_name in links:
            name, column = links[entry.table_name]
            if column in new:
                relations[name].discard(str(new[column]))
            if column in old:
                relations[name].add(str(old[column]))
        elif entry.table_name == area_table:
            if new.get("territory_code"):
                areas.discard(str(new["territory_code"]))
            if old.get("territory_code"):
                areas.add(str(old["territory_code"]))
    values: dict[str, Any] = {}
    for name in current:
        if name in relations:
            values[name] = sorted(relations[name])
        elif name == "intervention":
            values[name] = sorted(areas)
        else:
            column = next((c for c, input_name in _INPUT_NAME.items() if input_name == name), name)
            value = columns.get(column, current[name])
            values[name] = "" if value is None and column in _INPUT_NAME else value
    version = ActorVersion(event=event, values=values)
    for name, restored in values.items():
        if _normalise(name, restored) != _normalise(name, current[name]):
            version.changes.append(
                VersionChange(field=name, current=current[name], restored=restored)
            )
    return version


def actor_event_get(*, actor: Actor, event_id: int) -> AuditEvent | None:
    """An entry of the actor's own history (not a batch record)."""
    return AuditEvent.objects.filter(
        pk=event_id, subject_type=ACTOR_TYPE, subject_id=actor.pk
    ).first()
