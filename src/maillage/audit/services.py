"""Writes of the audit app: batch records of bulk imports, restoring an actor's earlier
version, and the RGPD erasure of values kept in the trail.

Entries of ordinary changes are never written here: the database triggers write them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.actors.models import Actor
from maillage.audit.context import audit_maintenance, current_state
from maillage.audit.enums import AuditAction
from maillage.audit.models import AuditEvent
from maillage.audit.registry import entry_for_table, subject_label
from maillage.core.errors import DomainError


def audit_record_bulk(
    *,
    model: type[models.Model],
    operation: str,
    ids: Iterable[int],
    subject_ids: Iterable[int] | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent | None:
    """One entry for a batch a bulk writer made inside ``audit_bulk_summary`` (triggers
    silent): ``operation`` ("insert", "update", "delete"), the ids of the rows written and,
    when the rows are not their own subjects (links of actors…), the subjects' ids. The
    acting user and context are the current ones. Nothing for an empty batch."""
    row_ids = sorted(set(ids))
    if not row_ids:
        return None
    table = model._meta.db_table
    entry = entry_for_table(table)
    subjects = sorted(set(subject_ids)) if subject_ids is not None else row_ids
    state = current_state()
    values: dict[str, Any] = {
        "operation": operation,
        "count": len(row_ids),
        "ids": subjects,
        "min": subjects[0] if subjects else None,
        "max": subjects[-1] if subjects else None,
        **(details or {}),
    }
    if subject_ids is not None:
        values["row_ids"] = row_ids
    return AuditEvent.objects.create(
        occurred_at=timezone.now(),
        table_name=table,
        action=AuditAction.BULK,
        subject_type=(entry.subject.lower() if entry is not None else subject_label(model)),
        user_id=state.user_id,
        context=state.label,
        new_values=values,
    )


# --------------------------------------------------------------------------- restore


@transaction.atomic
def audit_actor_restore(*, actor: Actor, event: AuditEvent) -> Actor:
    """Give the actor's profile the values it had right after ``event`` (one of its
    history's profile entries), through ``actors.services.actor_update``: the same rules as
    any edit apply, and the restore is itself recorded in the trail. Raises
    ``DomainError`` when the version cannot be rebuilt or equals the current profile."""
    from maillage.actors.services import actor_update
    from maillage.audit.selectors import actor_version

    actor = Actor.objects.select_for_update().get(pk=actor.pk)
    version = actor_version(actor=actor, event=event)
    if not version.changes:
        raise DomainError(
            _("Cette version est identique à la fiche actuelle : rien à restaurer."),
            field="event",
            code="version_identical",
        )
    return actor_update(actor=actor, changes=version.restored_changes())


# --------------------------------------------------------------------------- RGPD


def audit_values_erase(
    *, model: type[models.Model], pk: Any, fields: Sequence[str], replacement: Any = None
) -> int:
    """Erase the values of ``fields`` (column names) of one row from every entry that
    recorded them (RGPD erasure of a contact person, a membership's invited address…);
    returns the number of entries changed. The entries stay: what happened, and when,
    remains known."""
    table = model._meta.db_table
    changed: list[AuditEvent] = []
    events = AuditEvent.objects.filter(table_name=table, row_id=str(pk)).order_by("id")
    for event in events:
        touched = False
        for attribute in ("old_values", "new_values"):
            values = getattr(event, attribute)
            if not isinstance(values, dict):
                continue
            for name in fields:
                if name in values and values[name] != replacement:
                    values[name] = replacement
                    touched = True
        if touched:
            changed.append(event)
    if changed:
        with audit_maintenance(), transaction.atomic():
            AuditEvent.objects.bulk_update(changed, ["old_values", "new_values"])
    return len(changed)


def audit_user_forget(*, user_id: int) -> int:
    """Detach a person's account from the entries they made (account erasure): the
    changes stay, made by nobody; returns the number of entries changed."""
    with audit_maintenance(), transaction.atomic():
        return AuditEvent.objects.filter(user_id=user_id).update(user_id=None)
