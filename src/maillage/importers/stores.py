"""Memory-bounded stores of an import.

- ``KeyedStore``: a map from integer keys (SIREN, SIRET) to short text records. The SIRENE
  import joins each kept establishment to its legal unit and its geolocation. Holding the
  joined rows in a dict is fastest; past ``memory_limit`` entries the store moves to a
  temporary SQLite file, so that a national import stays within a few hundred MB.
- ``Spool``: entries a first pass writes to a temporary file for the last pass to read.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

DEFAULT_MEMORY_LIMIT = 1_500_000


class KeyedStore:
    def __init__(self, *, memory_limit: int = DEFAULT_MEMORY_LIMIT) -> None:
        self.memory_limit = memory_limit
        self._memory: dict[int, str] | None = {}
        self._db: sqlite3.Connection | None = None
        self._directory: tempfile.TemporaryDirectory[str] | None = None
        self._pending: list[tuple[int, str]] = []
        self.count = 0

    def put(self, key: int, value: str) -> None:
        if self._memory is not None:
            if key not in self._memory:
                self.count += 1
            self._memory[key] = value
            if self.count > self.memory_limit:
                self._spill()
            return
        self._pending.append((key, value))
        self.count += 1
        if len(self._pending) >= 50_000:
            self._flush()

    def _spill(self) -> None:
        self._directory = tempfile.TemporaryDirectory(prefix="maillage-import-")
        self._db = sqlite3.connect(Path(self._directory.name) / "store.sqlite3")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE store (key INTEGER PRIMARY KEY, value TEXT)")
        assert self._memory is not None
        self._pending = list(self._memory.items())
        self._memory = None
        self._flush()

    def _flush(self) -> None:
        if self._db is not None and self._pending:
            self._db.executemany("INSERT OR REPLACE INTO store VALUES (?, ?)", self._pending)
            self._pending = []

    @property
    def on_disk(self) -> bool:
        return self._db is not None

    @property
    def memory(self) -> dict[int, str] | None:
        """The map itself while it is held in memory (for lookups one by one)."""
        return self._memory

    def get_many(self, keys: Iterable[int]) -> dict[int, str]:
        wanted = list(dict.fromkeys(keys))
        if self._memory is not None:
            memory = self._memory
            return {key: memory[key] for key in wanted if key in memory}
        assert self._db is not None
        self._flush()
        found: dict[int, str] = {}
        for start in range(0, len(wanted), 900):
            part = wanted[start : start + 900]
            placeholders = ",".join("?" * len(part))
            found.update(
                self._db.execute(
                    f"SELECT key, value FROM store WHERE key IN ({placeholders})",  # noqa: S608  # nosec B608
                    part,
                ).fetchall()
            )
        return found

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._directory is not None:
            self._directory.cleanup()
            self._directory = None
        self._memory = {}


class Spool:
    """A temporary file of text entries (one a line, without line breaks), written in
    order then read back once, in the same order: what a first pass over a large file
    keeps for the last one, which then reads neither the source again nor its parsing
    cost. Disk, not memory, bounds it."""

    def __init__(self) -> None:
        self._directory: tempfile.TemporaryDirectory[str] | None = tempfile.TemporaryDirectory(
            prefix="maillage-import-"
        )
        self.path = Path(self._directory.name) / "spool.txt"
        self._out: TextIO | None = self.path.open(
            "w", encoding="utf-8", newline="\n", buffering=1 << 20
        )
        self.size = 0  # bytes written, known once the writes are over (for progress)

    def writer(self) -> Callable[[str], object]:
        """The function writing entries: each MUST end with ``\\n`` and hold no other."""
        assert self._out is not None, "spool already read"
        return self._out.write

    def write(self, entry: str) -> None:
        self.writer()(entry + "\n")

    def finish(self) -> None:
        """End of the writes."""
        if self._out is not None:
            self._out.close()
            self._out = None
            self.size = self.path.stat().st_size

    def __iter__(self) -> Iterator[str]:
        """The entries (without their line break); call once, after the writes."""
        self.finish()
        with self.path.open(encoding="utf-8", newline="\n", buffering=1 << 20) as entries:
            for entry in entries:
                yield entry[:-1]

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
        if self._directory is not None:
            self._directory.cleanup()
            self._directory = None
