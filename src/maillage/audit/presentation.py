"""Audit entries told in French: a title per entry and the values before and after.

Values are read from the entries (the row may be gone since); labels of codes and foreign
keys (themes, kinds, communes, users…) are fetched in one query per related model for a
whole page of entries.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from maillage.audit.enums import AuditAction
from maillage.audit.models import AuditEvent
from maillage.audit.registry import MASK, TIMESTAMPS, audited_tables, entry_for_table

MAX_TEXT = 400
_REQUEST = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (/\S*)$")
# Columns never shown in the detail of a creation or deletion.
_BOOKKEEPING = {"id", "created_at", *TIMESTAMPS}


@dataclass
class ValueChange:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    event: AuditEvent
    title: str
    who: str
    context: str
    changes: list[ValueChange] = field(default_factory=list)
    # Creation/deletion: the row's values (shown folded).
    values: list[tuple[str, str]] = field(default_factory=list)
    restorable: bool = False


def describe_context(label: str) -> str:
    if not label:
        return ""
    if label.startswith("maillage "):
        return _("commande %(name)s") % {"name": label.removeprefix("maillage ")}
    match = _REQUEST.match(label)
    if match:
        return _("page %(path)s") % {"path": match.group(2)}
    return label


def _columns(model: type[models.Model]) -> dict[str, models.Field[Any, Any]]:
    return {f.column: f for f in model._meta.concrete_fields}


def _many_to_many(through: type[models.Model]) -> tuple[Any, str] | None:
    """For an automatic link table: (the many-to-many field, the target's column)."""
    source: Any = through._meta.auto_created
    if not isinstance(source, type):
        return None
    options: Any = getattr(source, "_meta")  # noqa: B009 - typed as a plain type here
    for m2m in options.many_to_many:
        if m2m.remote_field.through is through:
            target: Any = through._meta.get_field(m2m.m2m_reverse_field_name())
            return m2m, str(target.column)
    return None


class _Lookups:
    """Labels of the foreign keys met on a page of entries, one query per model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.found: dict[type[models.Model], dict[Any, Any]] = {}

    def want(self, model_field: models.Field[Any, Any], value: Any) -> None:
        if value is None or value == "" or not model_field.is_relation:
            return
        related = model_field.related_model
        if isinstance(related, type):
            try:
                self.wanted[related].add(model_field.to_python(value))
            except Exception:
                return

    def load(self) -> None:
        for model, keys in self.wanted.items():
            self.found[model] = model._default_manager.in_bulk(list(keys))

    def label(self, model_field: models.Field[Any, Any], value: Any) -> str | None:
        related = model_field.related_model
        if not isinstance(related, type):
            return None
        try:
            key = model_field.to_python(value)
        except Exception:
            return None
        instance = self.found.get(related, {}).get(key)
        return str(instance) if instance is not None else None


def _format(model_field: models.Field[Any, Any] | None, value: Any, lookups: _Lookups) -> str:
    if value is None or value == "":
        return _("(vide)")
    if value == MASK:
        return _("(valeur masquée)")
    if model_field is None:
        return _truncate(
            json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
        )
    if model_field.is_relation:
        label = lookups.label(model_field, value)
        return label if label is not None else str(value)
    try:
        python = model_field.to_python(value)
    except Exception:
        return _truncate(str(value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(python, python))
    if isinstance(model_field, models.BooleanField):
        return _("oui") if python else _("non")
    if isinstance(python, dt.datetime):
        if timezone.is_naive(python):
            python = timezone.make_aware(python, dt.UTC)
        return formats.date_format(timezone.localtime(python), "DATETIME_FORMAT")
    if isinstance(python, dt.date):
        return formats.date_format(python, "DATE_FORMAT")
    if isinstance(python, dict | list):
        return _truncate(json.dumps(python, ensure_ascii=False))
    return _truncate(str(python))


def _truncate(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _label(model_field: models.Field[Any, Any] | None, column: str) -> str:
    if model_field is None:
        return column
    return str(capfirst(model_field.verbose_name))


def _object_name(model: type[models.Model], values: dict[str, Any], lookups: _Lookups) -> str:
    label = model._meta.label_lower
    if label == "actors.contact":
        return f"{values.get('first_name', '')} {values.get('last_name', '')}".strip()
    if label == "actors.needoffer":
        text = values.get("title") or values.get("text") or ""
        return _truncate(str(text))[:80]
    if label == "actors.interventionarea":
        return str(values.get("label") or values.get("territory_code") or values.get("level") or "")
    if label == "actors.actorodd":
        target = values.get("target") or ""
        return f"ODD {values.get('odd_id', '')}{' · ' + target if target else ''}"
    if label == "accounts.membership":
        columns = _columns(model)
        if values.get("user_id") is not None:
            return lookups.label(columns["user_id"], values["user_id"]) or ""
        return str(values.get("invited_email") or "")
    for candidate in ("name", "title"):
        if values.get(candidate):
            return str(values[candidate])
    return ""


def _want_all(model: type[models.Model], values: dict[str, Any], lookups: _Lookups) -> None:
    columns = _columns(model)
    for column, value in values.items():
        if column in columns:
            lookups.want(columns[column], value)


def _action_title(action: str) -> str:
    return {
        AuditAction.INSERT: _("Ajout"),
        AuditAction.UPDATE: _("Modification"),
        AuditAction.DELETE: _("Suppression"),
    }[AuditAction(action)]


def _title(event: AuditEvent, model: type[models.Model] | None, lookups: _Lookups) -> str:
    if event.action == AuditAction.BULK:
        values = event.new_values or {}
        operation = {
            "insert": _("créations"),
            "update": _("mises à jour"),
            "delete": _("suppressions"),
        }.get(str(values.get("operation")), str(values.get("operation", "")))
        return _("Import groupé : %(count)s %(operation)s (lot sans détail par champ)") % {
            "count": values.get("count", 0),
            "operation": operation,
        }
    if model is None:
        return f"{event.get_action_display()} — {event.table_name}"
    values = event.new_values if event.action != AuditAction.DELETE else event.old_values
    values = values or {}
    m2m = _many_to_many(model)
    if m2m is not None:
        relation, column = m2m
        target_field = model._meta.get_field(relation.m2m_reverse_field_name())
        target = lookups.label(target_field, values.get(column)) or str(values.get(column, ""))  # type: ignore[arg-type]
        source: Any = model._meta.auto_created
        source = source._meta
        name = capfirst(relation.verbose_name)
        prefix = (
            name if source.label_lower == event.subject_type else f"{name} ({source.verbose_name})"
        )
        if event.action == AuditAction.INSERT:
            return _("%(relation)s : ajout de « %(target)s »") % {
                "relation": prefix,
                "target": target,
            }
        if event.action == AuditAction.DELETE:
            return _("%(relation)s : retrait de « %(target)s »") % {
                "relation": prefix,
                "target": target,
            }
        return _("%(relation)s : modification") % {"relation": prefix}
    entry = entry_for_table(event.table_name)
    if entry is not None and entry.subject_column is None:
        return {
            AuditAction.INSERT: _("Création de la fiche"),
            AuditAction.UPDATE: _("Modification de la fiche"),
            AuditAction.DELETE: _("Suppression de la fiche"),
        }[AuditAction(event.action)]
    merged = {**(event.old_values or {}), **(event.new_values or {})}
    name = _object_name(model, merged, lookups)
    what = capfirst(model._meta.verbose_name)
    action = _action_title(event.action)
    if name:
        return f"{action} — {what} : {name}"
    return f"{action} — {what}"


def history_entries(
    events: Sequence[AuditEvent], *, restorable_tables: frozenset[str] = frozenset()
) -> list[HistoryEntry]:
    """French entries for a page of events (``restorable_tables``: tables whose entries
    may be offered for restore to the reader)."""
    tables = audited_tables()
    lookups = _Lookups()
    user_ids = {event.user_id for event in events if event.user_id is not None}
    for event in events:
        model = tables.get(event.table_name)
        if model is None:
            continue
        _want_all(model, event.old_values or {}, lookups)
        _want_all(model, event.new_values or {}, lookups)
        m2m = _many_to_many(model)
        if m2m is not None:
            relation, column = m2m
            target_field = model._meta.get_field(relation.m2m_reverse_field_name())
            for values in (event.old_values or {}, event.new_values or {}):
                if column in values:
                    lookups.want(target_field, values[column])  # type: ignore[arg-type]
    lookups.load()
    users = get_user_model()._default_manager.in_bulk(list(user_ids))
    entries = []
    for event in events:
        model = tables.get(event.table_name)
        who = _("système")
        if event.user_id is not None:
            user = users.get(event.user_id)
            who = str(user) if user is not None else _("compte supprimé")
        entry = HistoryEntry(
            event=event,
            title=_title(event, model, lookups),
            who=who,
            context=describe_context(event.context),
            restorable=event.table_name in restorable_tables and event.action != AuditAction.BULK,
        )
        if model is not None and event.action != AuditAction.BULK:
            columns = _columns(model)
            if event.action == AuditAction.UPDATE:
                old, new = event.old_values or {}, event.new_values or {}
                for column in new:
                    model_field = columns.get(column)
                    entry.changes.append(
                        ValueChange(
                            label=_label(model_field, column),
                            before=_format(model_field, old.get(column), lookups),
                            after=_format(model_field, new.get(column), lookups),
                        )
                    )
            elif _many_to_many(model) is None:
                values = (
                    event.new_values if event.action == AuditAction.INSERT else event.old_values
                ) or {}
                registered = entry_for_table(event.table_name)
                hidden = _BOOKKEEPING | set(registered.ignore if registered else ())
                hidden.add(str(getattr(model._meta.pk, "column", "id")))
                if registered is not None and registered.subject_column:
                    hidden.add(registered.subject_column)
                for column, value in values.items():
                    if column in hidden or value is None or value == "":
                        continue
                    model_field = columns.get(column)
                    entry.values.append(
                        (_label(model_field, column), _format(model_field, value, lookups))
                    )
        entries.append(entry)
    return entries


def version_changes(changes: Sequence[Any]) -> list[ValueChange]:
    """The differences between the current profile and a version (``selectors.
    VersionChange`` items, by ActorInput name), in French."""
    from maillage.actors.models import Actor, Kind, Label, PartnershipType, SubKind, Theme
    from maillage.territories.models import Commune
    from maillage.territories.selectors import territory_get

    models_by_name: dict[str, type[models.Model]] = {
        "kind": Kind,
        "subkind": SubKind,
        "commune": Commune,
        "themes": Theme,
        "partnership_types": PartnershipType,
        "labels": Label,
    }
    field_by_name = {"kind": "kind", "subkind": "subkind", "commune": "seat_commune"}
    wanted: dict[str, set[Any]] = defaultdict(set)
    for change in changes:
        if change.field in models_by_name:
            for value in (change.current, change.restored):
                wanted[change.field].update(value if isinstance(value, list) else [value])
    found = {
        name: models_by_name[name]._default_manager.in_bulk([v for v in values if v])
        for name, values in wanted.items()
    }

    def show(name: str, value: Any) -> str:
        if name == "intervention":
            items = [
                f"{territory.name} ({code})" if (territory := territory_get(code)) else code
                for code in value
            ]
            return ", ".join(items) or _("(vide)")
        if name in found:
            values = value if isinstance(value, list) else [value]
            labels = [str(found[name].get(v, v)) for v in values if v]
            return ", ".join(labels) or _("(vide)")
        model_field = next(
            (f for f in Actor._meta.concrete_fields if f.name == field_by_name.get(name, name)),
            None,
        )
        return _format(model_field, value, _Lookups())

    result = []
    for change in changes:
        model_field = next(
            (
                f
                for f in [*Actor._meta.concrete_fields, *Actor._meta.many_to_many]
                if f.name == field_by_name.get(change.field, change.field)
            ),
            None,
        )
        label = (
            _("Territoires d'intervention")
            if change.field == "intervention"
            else _label(model_field, change.field)
        )
        result.append(
            ValueChange(
                label=label,
                before=show(change.field, change.current),
                after=show(change.field, change.restored),
            )
        )
    return result
