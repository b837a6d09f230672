"""Which tables the audit trail follows: one line per model.

Each entry names a model (``app_label.ModelName``; an automatic many-to-many table is
``app_label.Model_field``), the *subject* whose history its rows belong to, and how to find
the subject's id from a row. ``audit.triggers`` generates the database triggers from these
entries: adding a model is adding a line here, then ``maillage audit_install_triggers`` (run
by every ``migrate`` anyway).

An entry whose model does not exist yet (an app still being written) or whose table is not
there (migrations not applied) is skipped without error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

# Columns no history needs: a change to them alone records nothing.
TIMESTAMPS = ("updated_at",)


@dataclass(frozen=True)
class Audited:
    """One audited model.

    ``subject_column``: the column holding the subject's id (``None``: the row is its own
    subject). ``via``: when that column points to an intermediate row instead (a need's
    themes point to the need), the intermediate model and its column holding the subject id.
    ``ignore``: columns whose change alone is not worth an entry (derived values,
    timestamps); they are left out of update entries. ``secret``: columns never copied into
    the trail (token hashes…). ``masked``: personal data whose changes are recorded but not
    their values (``MASK`` in their place; empty values stay empty).
    """

    model: str
    subject: str
    subject_column: str | None = None
    via: tuple[str, str] | None = None
    ignore: tuple[str, ...] = TIMESTAMPS
    secret: tuple[str, ...] = ()
    masked: tuple[str, ...] = ()


# What a masked column's value becomes in the trail.
MASK = "***"
_ACTOR = "actors.Actor"
_PARTNERSHIP = "partnerships.Partnership"
_PROGRAMME = "programmes.Programme"

AUDITED: tuple[Audited, ...] = (
    Audited(
        _ACTOR,
        subject=_ACTOR,
        # Derived by the services from other columns (seat commune, name, profile) or
        # bookkeeping of the importers: their change follows a recorded one.
        ignore=(
            *TIMESTAMPS,
            "slug",
            "completeness",
            "source_hash",
            "field_origins",
            "epci_id",
            "departement_id",
            "region_id",
        ),
    ),
    Audited("actors.Actor_themes", subject=_ACTOR, subject_column="actor_id"),
    Audited("actors.Actor_partnership_types", subject=_ACTOR, subject_column="actor_id"),
    Audited("actors.Actor_labels", subject=_ACTOR, subject_column="actor_id"),
    Audited("actors.ActorOdd", subject=_ACTOR, subject_column="actor_id"),
    Audited("actors.InterventionArea", subject=_ACTOR, subject_column="actor_id"),
    Audited("actors.NeedOffer", subject=_ACTOR, subject_column="actor_id"),
    Audited(
        "actors.NeedOffer_themes",
        subject=_ACTOR,
        subject_column="needoffer_id",
        via=("actors.NeedOffer", "actor_id"),
    ),
    # A contact person is named in the trail (who was added, removed, changed) but their
    # e-mail and phone are not copied: the trail keeps the least personal data it can.
    Audited("actors.Contact", subject=_ACTOR, subject_column="actor_id", masked=("email", "phone")),
    Audited(
        "accounts.Membership",
        subject=_ACTOR,
        subject_column="actor_id",
        secret=("invitation_token_hash",),
        masked=("invited_email",),
    ),
    # Partnerships: the record and what hangs on it, each entry filed under the partnership.
    Audited(_PARTNERSHIP, subject=_PARTNERSHIP),
    *(
        Audited(label, subject=_PARTNERSHIP, subject_column="partnership_id")
        for label in (
            "partnerships.Party",
            "partnerships.Contribution",
            "partnerships.Milestone",
            "partnerships.Risk",
            "partnerships.ChecklistItem",
            "partnerships.PartnershipDocument",
            "evaluation.Indicator",
            "evaluation.AssessmentPeriod",
        )
    ),
    Audited(
        "evaluation.Measurement",
        subject=_PARTNERSHIP,
        subject_column="indicator_id",
        via=("evaluation.Indicator", "partnership_id"),
    ),
    Audited(
        "evaluation.Assessment",
        subject=_PARTNERSHIP,
        subject_column="period_id",
        via=("evaluation.AssessmentPeriod", "partnership_id"),
    ),
    Audited(
        "evaluation.AssessmentAnswer",
        subject="evaluation.Assessment",
        subject_column="assessment_id",
    ),
    # Programmes: the programme, its groups and actions; what hangs on an action.
    Audited(_PROGRAMME, subject=_PROGRAMME),
    Audited("programmes.WorkingGroup", subject=_PROGRAMME, subject_column="programme_id"),
    Audited("programmes.Action", subject="programmes.Action"),
    *(
        Audited(label, subject="programmes.Action", subject_column="action_id")
        for label in (
            "programmes.ActionNeed",
            "programmes.Contribution",
            "programmes.Milestone",
            "programmes.ActionVote",
        )
    ),
    # Events and who registered (a person on behalf of an organisation).
    Audited("events.Event", subject="events.Event"),
    Audited("events.Registration", subject="events.Event", subject_column="event_id"),
)


@dataclass(frozen=True)
class ResolvedAudit:
    """A registry entry bound to the database: what the trigger generators need."""

    entry: Audited
    model: type[models.Model]
    table: str
    pk_column: str
    subject_type: str
    subject_column: str  # this table's column (the pk when the row is its own subject)
    via_table: str | None
    via_pk_column: str | None
    via_column: str | None
    columns: tuple[str, ...]  # recorded columns, in table order (secrets left out)
    json_columns: frozenset[str] = field(default_factory=frozenset)

    @property
    def masked(self) -> frozenset[str]:
        return frozenset(self.entry.masked) & frozenset(self.columns)

    @property
    def compared_columns(self) -> tuple[str, ...]:
        """The columns an update entry compares and records."""
        ignored = set(self.entry.ignore)
        return tuple(column for column in self.columns if column not in ignored)


def _model(label: str) -> type[models.Model] | None:
    app_label, _, name = label.partition(".")
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def subject_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def resolve(
    entries: Iterable[Audited], connection: BaseDatabaseWrapper
) -> tuple[list[ResolvedAudit], list[str]]:
    """The entries whose model and table exist, with their columns read from the database;
    and the labels of the others (skipped)."""
    resolved: list[ResolvedAudit] = []
    skipped: list[str] = []
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for entry in entries:
            model = _model(entry.model)
            subject = _model(entry.subject)
            via = _model(entry.via[0]) if entry.via else None
            if (
                model is None
                or subject is None
                or (entry.via and via is None)
                or model._meta.db_table not in tables
            ):
                skipped.append(entry.model)
                continue
            table = model._meta.db_table
            description = connection.introspection.get_table_description(cursor, table)
            secret = set(entry.secret)
            columns = tuple(column.name for column in description if column.name not in secret)
            json_columns = frozenset(
                f.column
                for f in model._meta.concrete_fields
                if isinstance(f, models.JSONField) and f.column in columns
            )
            pk_column = model._meta.pk.column
            resolved.append(
                ResolvedAudit(
                    entry=entry,
                    model=model,
                    table=table,
                    pk_column=pk_column,
                    subject_type=subject_label(subject),
                    subject_column=entry.subject_column or pk_column,
                    via_table=via._meta.db_table if via else None,
                    via_pk_column=via._meta.pk.column if via else None,
                    via_column=entry.via[1] if entry.via else None,
                    columns=columns,
                    json_columns=json_columns,
                )
            )
    return resolved, skipped


def audited_tables() -> dict[str, type[models.Model]]:
    """Table name → model, for every registry entry whose model exists (for display)."""
    found = {}
    for entry in AUDITED:
        model = _model(entry.model)
        if model is not None:
            found[model._meta.db_table] = model
    return found


def entry_for_table(table: str) -> Audited | None:
    for entry in AUDITED:
        model = _model(entry.model)
        if model is not None and model._meta.db_table == table:
            return entry
    return None
