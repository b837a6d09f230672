"""Streaming readers for the files the importers take: CSV (plain or zipped), XLSX.

Contract:
- files are read as a stream, record by record; nothing holds a whole file in memory;
- columns are found by header name, never by position; a missing *required* column makes
  the file unusable (``UnusableFileError``, exit status 2), missing optional and extra columns
  are tolerated;
- every line is decoded as UTF-8 (a BOM is dropped); a line that is not UTF-8 is decoded as
  Windows-1252 (then Latin-1), and the file says so in ``encoding`` — the RNA publishes
  both encodings, spreadsheets often save in Windows-1252;
- the csv module handles quoted separators and line breaks; each record reports the
  1-based line where it starts (the header is line 1);
- a record whose number of fields differs from the header's (a truncated last line, a
  broken quote) is handed over with ``error`` set, so that the importer rejects it with its
  line number and goes on.
"""

from __future__ import annotations

import csv
import operator
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from maillage.core.commands import UsageError

csv.field_size_limit(1_000_000)
ZIP_MAGIC = b"PK\x03\x04"


class UnusableFileError(UsageError):
    """The file cannot be imported at all (exit status 2, data unchanged)."""


@dataclass
class DecodeStats:
    lines: int = 0
    fallback_lines: int = 0  # not UTF-8: read as Windows-1252 (or Latin-1)
    utf8_lines: int = 0  # non-ASCII lines that are valid UTF-8
    bytes_read: int = 0

    @property
    def encoding(self) -> str:
        if not self.fallback_lines:
            return "utf-8"
        return "windows-1252" if not self.utf8_lines else "utf-8+windows-1252"


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def decoded_lines(binary: Iterable[bytes], stats: DecodeStats) -> Iterator[str]:
    first = True
    for raw in binary:
        stats.lines += 1
        stats.bytes_read += len(raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            stats.fallback_lines += 1
            text = _decode(raw)
        else:
            if not raw.isascii():
                stats.utf8_lines += 1
        if first:
            text = text.removeprefix("\ufeff")
            first = False
        yield text


@dataclass
class Record:
    line: int
    fields: list[str]
    error: str = ""


@dataclass
class Table:
    """One CSV file (or zip member) opened for reading by column name."""

    name: str
    header: list[str]
    records: Iterator[Record]
    stats: DecodeStats
    size: int
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {}
        for position, column in enumerate(self.header):
            self.index.setdefault(column, position)

    def require(self, columns: Sequence[str], *, what: str) -> None:
        missing = [c for c in columns if c not in self.index]
        if missing:
            raise UnusableFileError(
                _(
                    "%(file)s : ce n'est pas %(what)s (colonnes manquantes : %(missing)s). "
                    "Vérifiez le fichier ; rien n'a été importé."
                )
                % {"file": self.name, "what": what, "missing": ", ".join(missing)}
            )

    def getter(self, column: str) -> Callable[[list[str]], str]:
        """A fast accessor for one column ("" when the column is absent)."""
        position = self.index.get(column)
        if position is None:
            return lambda fields: ""
        return lambda fields: fields[position]

    def positions(self, columns: Sequence[str]) -> list[int | None]:
        return [self.index.get(c) for c in columns]

    def extractor(self, columns: Sequence[str]) -> Callable[[list[str]], Sequence[str]]:
        """A function giving these columns' values of a record ("" for absent columns)."""
        positions = self.positions(columns)
        present = [p for p in positions if p is not None]
        if len(present) == len(positions):
            if len(present) == 1:
                only = present[0]
                return lambda fields: (fields[only],)
            return operator.itemgetter(*present)

        def extract(fields: list[str]) -> Sequence[str]:
            return [fields[p] if p is not None else "" for p in positions]

        return extract


def _records(lines: Iterator[str], width: int, delimiter: str, offset: int) -> Iterator[Record]:
    """Records with the number of their first line (``offset`` lines came before)."""
    reader = csv.reader(lines, delimiter=delimiter)
    previous = reader.line_num + offset
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Record(previous + 1, [], _("ligne illisible : %(error)s") % {"error": error})
            previous = reader.line_num + offset
            continue
        line = previous + 1
        previous = reader.line_num + offset
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue  # blank line
        if len(fields) != width:
            yield Record(
                line,
                fields,
                _(
                    "%(found)s champs au lieu de %(expected)s (ligne tronquée, guillemet non "
                    "fermé ou séparateur en trop)"
                )
                % {"found": len(fields), "expected": width},
            )
            continue
        yield Record(line, fields)


def detect_delimiter(header_line: str, candidates: str = ";,\t") -> str:
    counts = {d: header_line.count(d) for d in candidates}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _open_table(binary: IO[bytes], *, name: str, size: int, delimiter: str | None) -> Table:
    stats = DecodeStats()
    lines = decoded_lines(binary, stats)
    header_line = next(lines, None)
    if header_line is None or not header_line.strip():
        raise UnusableFileError(_("%(file)s : le fichier est vide.") % {"file": name})
    delimiter = delimiter or detect_delimiter(header_line)
    try:
        header = [c.strip() for c in next(csv.reader([header_line], delimiter=delimiter))]
    except (csv.Error, StopIteration) as error:
        raise UnusableFileError(
            _("%(file)s : ligne d'en-tête illisible (%(error)s).") % {"file": name, "error": error}
        ) from error
    records = _records(lines, len(header), delimiter, offset=1)  # the header is line 1
    return Table(name=name, header=header, records=records, stats=stats, size=size)


def is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == ZIP_MAGIC


def _check(path: Path) -> None:
    if not path.exists():
        raise UnusableFileError(_("%(file)s : fichier introuvable.") % {"file": path})
    if path.is_dir():
        raise UnusableFileError(_("%(file)s : c'est un dossier, pas un fichier.") % {"file": path})
    if path.stat().st_size == 0:
        raise UnusableFileError(_("%(file)s : le fichier est vide.") % {"file": path.name})


def csv_tables(
    path: Path,
    *,
    delimiter: str | None = None,
    member_filter: Callable[[str], bool] | None = None,
    single: bool = True,
) -> Generator[Table, None, None]:
    """The CSV tables of a plain file or of a zip (each ``.csv`` member, or the only one
    when ``single``). Tables are opened one at a time, as the caller iterates."""
    _check(path)
    if not is_zip(path):
        with path.open("rb") as handle:
            yield _open_table(handle, name=path.name, size=path.stat().st_size, delimiter=delimiter)
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise UnusableFileError(
            _("%(file)s : archive zip illisible (%(error)s).") % {"file": path.name, "error": error}
        ) from error
    with archive:
        members = [
            m
            for m in archive.infolist()
            if not m.is_dir() and m.filename.lower().endswith((".csv", ".txt"))
        ]
        if member_filter is not None:
            members = [m for m in members if member_filter(m.filename)]
        if not members:
            raise UnusableFileError(
                _(
                    "%(file)s : l'archive ne contient aucun fichier CSV attendu (contenu : "
                    "%(content)s)."
                )
                % {
                    "file": path.name,
                    "content": ", ".join(m.filename for m in archive.infolist()) or _("rien"),
                }
            )
        if single and len(members) > 1:
            raise UnusableFileError(
                _(
                    "%(file)s : l'archive contient plusieurs fichiers CSV (%(content)s) ; "
                    "un seul est attendu."
                )
                % {"file": path.name, "content": ", ".join(m.filename for m in members)}
            )
        for member in members:
            try:
                with archive.open(member) as handle:
                    yield _open_table(
                        handle,
                        name=f"{path.name}:{member.filename}",
                        size=member.file_size,
                        delimiter=delimiter,
                    )
            except (zipfile.BadZipFile, EOFError, OSError) as error:
                raise UnusableFileError(
                    _("%(file)s : archive zip abîmée (%(error)s).")
                    % {"file": path.name, "error": error}
                ) from error


def csv_table(
    path: Path, *, delimiter: str | None = None, member_filter: Callable[[str], bool] | None = None
) -> Generator[Table, None, None]:
    """Like ``csv_tables`` for a source published as one CSV (plain or zipped)."""
    return csv_tables(path, delimiter=delimiter, member_filter=member_filter, single=True)


# --------------------------------------------------------------------------- XLSX


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if hasattr(value, "hour") else value.isoformat()
    return str(value)


def xlsx_table(path: Path) -> Table:
    """The first sheet of a workbook, read in streaming mode, cells as text."""
    import openpyxl  # deferred: only the actor-file import needs it
    from openpyxl.utils.exceptions import InvalidFileException

    _check(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise UnusableFileError(
            _("%(file)s : classeur XLSX illisible (%(error)s).")
            % {"file": path.name, "error": error}
        ) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None or not any(c not in (None, "") for c in header_row):
        workbook.close()
        raise UnusableFileError(_("%(file)s : le classeur est vide.") % {"file": path.name})
    header = [_cell_text(c).strip() for c in header_row]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    stats = DecodeStats()

    def records() -> Iterator[Record]:
        try:
            for line, row in enumerate(rows, start=2):
                cells = [_cell_text(c) for c in row]
                if not any(c.strip() for c in cells):
                    continue
                extra = [c for c in cells[width:] if c.strip()]
                cells = (cells + [""] * width)[:width]
                if extra:
                    yield Record(
                        line,
                        cells,
                        _(
                            "%(found)s cellules remplies au-delà des %(expected)s colonnes de "
                            "l'en-tête"
                        )
                        % {"found": len(extra), "expected": width},
                    )
                    continue
                stats.lines += 1
                yield Record(line, cells)
        finally:
            workbook.close()

    return Table(
        name=path.name, header=header, records=records(), stats=stats, size=path.stat().st_size
    )
