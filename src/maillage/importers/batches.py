"""Writing one batch of mapped records: actors, registry records, merge proposals.

Shared by the SIRENE, RNA and actor-file pipelines; always called through
``Run.commit`` so that the batch and the run's checkpoint are one transaction.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from maillage.actors.bulk import ActorRecord, UpsertResult, actors_bulk_upsert, bulk_insert_rows
from maillage.importers.enums import MergeReason
from maillage.importers.merging import NameCandidates, conflict_pairs, merge_proposals_create
from maillage.importers.models import RegistryRecord
from maillage.importers.runs import Run

# The facts a pipeline gives for its registry records ("" when it has none of one).
FACT_COLUMNS = [
    "identifier",
    "legal_category",
    "naf_code",
    "naf_nomenclature",
    "naf25_code",
    "headcount_bracket",
    "qpv_code",
    "social_object1",
    "social_object2",
]
REGISTRY_COLUMNS = ["actor_id", "source", *FACT_COLUMNS, "source_date", "run_id"]
_facts_of = operator.itemgetter(*FACT_COLUMNS)


@dataclass
class RowInfo:
    """A record's payload: where its line is (for messages), the registry facts to keep
    with its actor, and whatever else its pipeline needs afterwards."""

    file: str
    line: int
    facts: dict[str, Any] | None = None
    extra: Any = None


def registry_write(
    *,
    rows: list[tuple[int, dict[str, Any]]],
    source: str,
    source_date: dt.date | None,
    run_id: int | None,
    replace: set[int] | None = None,
) -> None:
    """Write the registry records of these (actor id, facts) pairs; the records of the
    actors in ``replace`` (updated ones) are replaced."""
    if not rows:
        return
    if replace:
        identifiers = [facts["identifier"] for actor_id, facts in rows if actor_id in replace]
        for start in range(0, len(identifiers), 2000):
            RegistryRecord.objects.filter(
                source=source, identifier__in=identifiers[start : start + 2000]
            ).delete()
    values = []
    for actor_id, facts in rows:
        try:
            given = _facts_of(facts)
        except KeyError:  # a pipeline without some facts: "" for those
            given = [facts.get(column, "") for column in FACT_COLUMNS]
        values.append((actor_id, source, *given, source_date, run_id))
    bulk_insert_rows(model=RegistryRecord, columns=REGISTRY_COLUMNS, rows=values)


def batch_write(
    *,
    run: Run,
    records: list[ActorRecord],
    source: str,
    source_date: dt.date | None,
    refresh_index: bool,
    candidates: NameCandidates | None = None,
    propose: Callable[[ActorRecord], bool] | None = None,
    on_result: Callable[[UpsertResult], None] | None = None,
) -> None:
    """Upsert the batch and account for it in the run's summary (one transaction).

    Each record's ``payload`` is a ``RowInfo``; its ``facts`` become the registry record.
    New actors that ``propose`` accepts are checked against ``candidates`` (same name,
    same commune) and give merge proposals.
    """
    summary = run.summary

    def write() -> None:
        result = actors_bulk_upsert(
            records=records,
            source=source,
            source_date=source_date,
            refresh_index=refresh_index and not run.deferred_index,
            cache=run.bulk_cache,
        )
        run.written(result.written_ids)
        summary.created += len(result.created)
        summary.updated += len(result.updated)
        summary.unchanged += len(result.unchanged)
        summary.skipped += len(result.not_found)
        for record in result.duplicates:
            where = record.payload
            summary.skipped += 1
            summary.warn(
                file=where.file,
                line=where.line,
                field="siret" if record.siret else "rna",
                message=_(
                    "Même identifiant qu'une ligne suivante du fichier : seule la "
                    "dernière est importée."
                ),
            )
        registry = [
            (actor_id, record.payload.facts)
            for actor_id, record in result.created + result.updated
            if record.payload.facts
        ]
        registry_write(
            rows=registry,
            source=source,
            source_date=source_date,
            run_id=run.run.pk if run.run else None,
            replace={actor_id for actor_id, _record in result.updated},
        )
        pairs = conflict_pairs(result.conflicts)
        for conflict in result.conflicts:
            where = conflict.record.payload
            summary.warn(
                file=where.file,
                line=where.line,
                field=conflict.field,
                message=_(
                    "%(field)s %(value)s déjà porté par l'acteur n° %(holder)s : "
                    "proposition de fusion créée pour un animateur."
                )
                % {
                    "field": conflict.field.upper(),
                    "value": conflict.value,
                    "holder": conflict.holder_id,
                },
            )
        if candidates:
            for actor_id, record in result.created:
                values = record.values
                if propose is not None and not propose(record):
                    continue
                for other in candidates.find(
                    actor_id=actor_id,
                    name=values.get("name", ""),
                    commune=values.get("seat_commune_id"),
                    siren=record.siren,
                    rna=record.rna,
                ):
                    pairs.append(
                        (
                            actor_id,
                            other,
                            MergeReason.NAME_COMMUNE,
                            "Même nom dans la même commune.",
                        )
                    )
        proposed = merge_proposals_create(pairs=pairs, run=run.run)
        summary.details["merge_proposals"] = summary.details.get("merge_proposals", 0) + proposed
        if on_result is not None:
            on_result(result)

    run.commit(write)
