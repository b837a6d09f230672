"""The life of one import run: summary, batches in transactions, checkpoint and resume.

Contract:
- every batch is written in one transaction together with the run's counters, errors and
  checkpoint: after a crash (Ctrl-C, kill -9, an exception) the database holds whole
  batches only, and the run knows how many source records they covered;
- a run with the same fingerprint (same files, same options) that did not finish is
  resumed: records up to its checkpoint are passed over, counters continue from the
  committed ones — the final summary is the one of an uninterrupted run;
- ``on_batch(run, number)`` is called after each commit (progress in the web interface; the
  tests raise from it to simulate a crash).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from maillage.actors.bulk import BulkCache, bulk_load_finish, bulk_load_prepare
from maillage.core.import_report import MAX_REPORTED_ERRORS, ImportReport, RowError
from maillage.importers.enums import ImportStatus
from maillage.importers.models import ImportRun, RegistryRecord
from maillage.importers.vocabularies import vocabularies_digest

BATCH_SIZE = 5000
# Progress phases of the end of a run.
PHASE_TABLE_INDEXES = "reconstruction des index"
PHASE_SEARCH_INDEX = "index de recherche"
PHASE_BOTH_INDEXES = "reconstruction des index et de l'index de recherche"
# With a deferred index, up to this many written actors are re-indexed at the end; beyond,
# the whole index is rebuilt.
DEFERRED_INDEX_LIMIT = 100_000
Progress = Callable[["ProgressInfo"], None]
BatchHook = Callable[[ImportRun, int], None]
_DATE_IN_NAME = re.compile(r"(20\d{2})[-_]?([01]\d)[-_]?([0-3]\d)")


@dataclass
class ProgressInfo:
    phase: str  # "unites_legales", "geolocalisation", "etablissements", "rna", "acteurs"…
    rows: int
    bytes_done: int
    bytes_total: int

    @property
    def fraction(self) -> float | None:
        return min(1.0, self.bytes_done / self.bytes_total) if self.bytes_total else None


@dataclass
class ImportSummary(ImportReport):
    """The contract's import summary, plus warnings (rows imported with a field dropped)."""

    warnings: list[RowError] = field(default_factory=list)
    warning_count: int = 0
    details: dict[str, Any] = field(default_factory=dict)
    run_id: int | None = None
    resumed_from: int | None = None
    dry_run: bool = False

    def warn(self, *, file: str, line: int, field: str, message: str) -> None:
        self.warning_count += 1
        if len(self.warnings) < MAX_REPORTED_ERRORS:
            self.warnings.append(RowError(file=file, line=line, field=field, message=message))

    def as_dict(self) -> dict[str, Any]:
        data = super().as_dict()
        data["warnings"] = [vars(w) for w in self.warnings]
        data["warning_count"] = self.warning_count
        data.update(self.details)
        if self.run_id is not None:
            data["run"] = self.run_id
        if self.resumed_from:
            data["resumed_after_records"] = self.resumed_from
        if self.dry_run:
            data["dry_run"] = True
        return data

    def restore(self, stored: dict[str, Any]) -> None:
        """Continue from the counters a previous attempt committed."""
        for name in (
            "read",
            "created",
            "updated",
            "unchanged",
            "skipped",
            "rejected",
            "warning_count",
        ):
            setattr(self, name, int(stored.get(name, 0)))
        self.errors = [RowError(**e) for e in stored.get("errors", [])]
        self.warnings = [RowError(**w) for w in stored.get("warnings", [])]


def file_date(path: Path) -> dt.date:
    """The date of the data: from the file name (``rna_waldec_20260301``,
    ``StockEtablissement_2026-03``…) or else the file's modification day."""
    match = _DATE_IN_NAME.search(path.name)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()


def fingerprint(*, kind: str, files: Sequence[tuple[str, Path]], options: dict[str, Any]) -> str:
    described = []
    for role, path in files:
        stat = path.stat()
        described.append([role, path.name, stat.st_size, stat.st_mtime_ns])
    payload = json.dumps(
        [kind, described, options, vocabularies_digest()], sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()


@contextlib.contextmanager
def collector_tuned() -> Iterator[None]:
    """A run allocates millions of short-lived objects while the lookup tables it built
    live throughout: collect young objects less often, and call ``gc.freeze()`` once those
    tables are built so that full collections stop re-scanning them. Restored after."""
    threshold = gc.get_threshold()
    gc.set_threshold(50_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _on_own_connection(work: Callable[..., None], *args: Any) -> None:
    """Run ``work`` in a worker thread, on that thread's own database connection."""
    try:
        work(*args)
    finally:
        connection.close()


class Run:
    """Bookkeeping of one import run around its batches."""

    def __init__(
        self,
        *,
        kind: str,
        files: Sequence[tuple[str, Path]],
        options: dict[str, Any],
        data_date: dt.date | None,
        on_progress: Progress | None = None,
        on_batch: BatchHook | None = None,
        dry_run: bool = False,
        user: Any = None,
    ) -> None:
        self.summary = ImportSummary(dry_run=dry_run)
        self.on_progress = on_progress
        self.on_batch = on_batch
        self.dry_run = dry_run
        self.data_date = data_date
        self.batches = 0
        self.skip_until = 0
        self.position = 0  # source records of the final pass seen so far
        self._last_progress = 0.0
        self.deferred_index = False
        self.write_seconds = 0.0
        self._written: list[int] = []
        self._rebuild = False
        self.bulk_cache = BulkCache()  # reference data shared by the run's batches
        self.run: ImportRun | None = None
        if dry_run:
            return
        key = fingerprint(kind=kind, files=files, options=options)
        previous = (
            ImportRun.objects.filter(fingerprint=key, kind=kind)
            .exclude(status__in=[ImportStatus.DONE, ImportStatus.UNUSABLE])
            .order_by("-started_at", "-id")
            .first()
        )
        if previous is not None and previous.checkpoint:
            self.run = previous
            self.run.status = ImportStatus.RUNNING
            self.run.attempts += 1
            self.run.save(update_fields=["status", "attempts"])
            self.skip_until = previous.checkpoint
            self.summary.restore(previous.summary)
            self.summary.resumed_from = previous.checkpoint
        else:
            self.run = ImportRun.objects.create(
                kind=kind,
                fingerprint=key,
                options=options,
                file_date=data_date,
                files=[
                    {"role": role, "name": path.name, "size": path.stat().st_size}
                    for role, path in files
                ],
                started_by=user if getattr(user, "is_authenticated", False) else None,
            )
        self.summary.run_id = self.run.pk
        self._restore_leftovers()

    # ------------------------------------------------------------------ bulk loads

    def _restore_leftovers(self) -> None:
        """Rebuild the indexes another run dropped and never rebuilt (it crashed and was
        not resumed); this run's own (when resuming) stay dropped until it finishes."""
        others = ImportRun.objects.filter(indexes_dropped=True)
        if self.run is not None:
            others = others.exclude(pk=self.run.pk)
        for other in others:
            bulk_load_finish(other.dropped_ddl)
            other.indexes_dropped, other.dropped_ddl = False, []
            other.save(update_fields=["indexes_dropped", "dropped_ddl"])

    def enter_bulk_load(self) -> None:
        """A large load: drop the actor table's secondary indexes for its duration."""
        if self.run is None or self.run.indexes_dropped:
            return
        with transaction.atomic():
            self.run.dropped_ddl = bulk_load_prepare(extra_models=[RegistryRecord])
            self.run.indexes_dropped = True
            self.run.save(update_fields=["dropped_ddl", "indexes_dropped"])

    def _leave_bulk_load(self) -> None:
        if self.run is not None and self.run.indexes_dropped:
            self.progress(PHASE_TABLE_INDEXES, 0, 0, 0, force=True)
            bulk_load_finish(self.run.dropped_ddl)
            self.run.indexes_dropped, self.run.dropped_ddl = False, []
            self.run.save(update_fields=["indexes_dropped", "dropped_ddl"])

    # ------------------------------------------------------------------ records

    def already_done(self) -> bool:
        """Call once per source record of the final pass: True while resuming over records
        a previous attempt committed."""
        self.position += 1
        return self.position <= self.skip_until

    def advance(self, count: int) -> int:
        """``already_done`` for ``count`` source records at once: how many of them a
        previous attempt did not commit (to be processed now)."""
        start = self.position
        self.position += count
        return max(0, self.position - max(start, self.skip_until))

    def progress(
        self, phase: str, rows: int, bytes_done: int, bytes_total: int, *, force: bool = False
    ) -> None:
        if self.on_progress is None:
            return
        now = time.monotonic()
        if force or now - self._last_progress >= 0.5:
            self._last_progress = now
            self.on_progress(ProgressInfo(phase, rows, bytes_done, bytes_total))

    # ------------------------------------------------------------------ batches

    def commit(self, write: Callable[[], None]) -> None:
        """Write one batch and the run's state atomically. A dry run writes the batch only:
        its caller rolls everything back at the end."""
        self.batches += 1
        if self.dry_run:
            write()
            return
        assert self.run is not None
        started = time.perf_counter()
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Not waiting for the disk at each commit is safe here: a batch lost by a
                # crash of the server is lost with its checkpoint, and the next run
                # resumes from the checkpoint that survived.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            write()
            self.write_seconds += time.perf_counter() - started
            self.summary.details["write_seconds"] = round(self.write_seconds, 3)
            self._save_state()
        if self.on_batch is not None:
            self.on_batch(self.run, self.batches)

    def _save_state(self, **extra: Any) -> None:
        assert self.run is not None
        summary = self.summary
        self.run.checkpoint = self.position
        self.run.rows_read = summary.read
        self.run.created, self.run.updated = summary.created, summary.updated
        self.run.unchanged, self.run.skipped = summary.unchanged, summary.skipped
        self.run.rejected = summary.rejected
        self.run.summary = summary.as_dict()
        for name, value in extra.items():
            setattr(self.run, name, value)
        self.run.save()

    # ------------------------------------------------------------------ search index

    def defer_index(self) -> None:
        """Big loads: refresh the search index once at the end, not batch by batch."""
        self.deferred_index = True

    def written(self, actor_ids: Sequence[int]) -> None:
        """Call inside the batch transaction with the actors the batch wrote."""
        if not self.deferred_index or not actor_ids:
            return
        if self.run is not None and not self.run.index_pending:
            # Saved with the batch: a crash before the end leaves the flag, and the run
            # that resumes rebuilds the whole index.
            self.run.index_pending = True
            self.run.save(update_fields=["index_pending"])
        if not self._rebuild:
            self._written.extend(actor_ids)
            if len(self._written) > DEFERRED_INDEX_LIMIT:
                self._rebuild, self._written = True, []

    def finish_index(self) -> None:
        """End of the writes: rebuild dropped indexes, then bring the search index up to
        date. On PostgreSQL, when both are to be rebuilt, they are rebuilt at the same time
        on two connections (each mostly waits on the server, which has cores for both)."""
        from maillage.search.services import search_index_rebuild, search_index_refresh

        resumed_pending = (
            self.summary.resumed_from and self.run is not None and (self.run.index_pending)
        )
        rebuild = self._rebuild or resumed_pending
        if (
            rebuild
            and self.run is not None
            and self.run.indexes_dropped
            and connection.vendor == "postgresql"
            and not connection.in_atomic_block  # another connection sees what is committed
        ):
            self.progress(PHASE_BOTH_INDEXES, 0, 0, 0, force=True)
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import") as pool:
                tables = pool.submit(_on_own_connection, bulk_load_finish, self.run.dropped_ddl)
                try:
                    # In a transaction the search index keeps its key to the actor table
                    # meanwhile: dropping it would wait for the other connection's work.
                    with transaction.atomic():
                        search_index_rebuild()
                finally:
                    tables.result()  # its error, if any, unless this one's goes first
            self.run.indexes_dropped, self.run.dropped_ddl = False, []
            self.run.save(update_fields=["indexes_dropped", "dropped_ddl"])
        else:
            self._leave_bulk_load()
            if rebuild:
                self.progress(PHASE_SEARCH_INDEX, 0, 0, 0, force=True)
                search_index_rebuild()
            elif self._written:
                self.progress(PHASE_SEARCH_INDEX, 0, 0, 0, force=True)
                search_index_refresh(actor_ids=self._written)
        if self.run is not None and self.run.index_pending:
            self.run.index_pending = False
            self.run.save(update_fields=["index_pending"])

    def finish(self) -> ImportSummary:
        if self.run is not None:
            self._save_state(status=ImportStatus.DONE, finished_at=timezone.now())
        return self.summary

    def fail(self, status: str = ImportStatus.FAILED) -> None:
        """Mark the run stopped; its checkpoint and counters stay those of the last
        committed batch, from which the next run resumes."""
        if self.run is None:
            return
        with contextlib.suppress(Exception):  # rebuild dropped indexes now if possible
            self._leave_bulk_load()
        self.run.status, self.run.finished_at = status, timezone.now()
        with contextlib.suppress(Exception):  # the original error matters more than this one
            self.run.save(update_fields=["status", "finished_at"])
