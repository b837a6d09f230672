"""File formats of an actor export: CSV, XLSX and GeoJSON, written chunk by chunk.

Each writer takes the chunks of ``selectors.actors_export`` and never holds more than one
chunk: CSV and GeoJSON are generators of bytes (streamed to the client or to a file), XLSX
goes through openpyxl's write-only workbook into a binary file.

- CSV: UTF-8 with a BOM (so that spreadsheets guess the encoding), ``,`` or ``;`` (French
  spreadsheets), CRLF line ends, the canonical columns (``canonical.COLUMNS``), text cells
  neutralised against formulas; it is read back by ``import_actors`` without loss.
- XLSX: the same columns and cells (numbers as numbers, identifiers as text), a styled and
  frozen header row with filters; line breaks inside a cell are LF, as spreadsheets store
  them (a CR LF written in a CSV comes back from a workbook as LF).
- GeoJSON (RFC 7946): a FeatureCollection of the actors that have coordinates.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import BinaryIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from maillage.exports.canonical import COLUMNS, Cell, format_number, text_cells
from maillage.exports.selectors import (
    ExportedActor,
    actor_canonical_row,
    actor_geojson_feature,
)


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    GEOJSON = "geojson"


CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.GEOJSON: "application/geo+json",
}
EXTENSIONS = {
    ExportFormat.CSV: "csv",
    ExportFormat.XLSX: "xlsx",
    ExportFormat.GEOJSON: "geojson",
}
SEPARATORS = {
    ",": ",",
    "comma": ",",
    "virgule": ",",
    ";": ";",
    "semicolon": ";",
    "point-virgule": ";",
}
BOM = "\ufeff"
XLSX_MAX_CELL = 32_767  # characters a spreadsheet cell can hold
_XLSX_WIDTHS = {
    "name": 40,
    "description": 60,
    "needs": 50,
    "offers": 50,
    "intervention": 30,
    "themes": 30,
    "website": 30,
    "email": 28,
}


@dataclass
class ExportStats:
    """Filled in while a writer runs: how many rows (actors, or features) it wrote."""

    rows: int = 0


def separator_parse(value: str | None) -> str:
    """``,`` (default), ``;``, or their names (``comma``, ``semicolon``); ValueError else."""
    text = (value or ",").strip().lower() or ","
    if text not in SEPARATORS:
        raise ValueError(
            _("Séparateur inconnu : « %(value)s » (attendu « , » ou « ; », ou comma / semicolon).")
            % {"value": value}
        )
    return SEPARATORS[text]


def csv_chunks(
    chunks: Iterable[list[ExportedActor]], *, separator: str = ",", stats: ExportStats | None = None
) -> Iterator[bytes]:
    """The CSV file, one piece per chunk of actors (the first with the BOM and header)."""
    stats = stats if stats is not None else ExportStats()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(COLUMNS)
    yield buffer.getvalue().encode("utf-8")
    for chunk in chunks:
        buffer.seek(0)
        buffer.truncate()
        for actor in chunk:
            cells = text_cells(actor_canonical_row(actor))
            writer.writerow(
                format_number(cell) if isinstance(cell, int | float) else cell for cell in cells
            )
            stats.rows += 1
        yield buffer.getvalue().encode("utf-8")


def _xlsx_row(actor: ExportedActor) -> list[Cell]:
    """The row as a workbook holds it. A cell's line breaks are LF (a workbook is XML, whose
    readers turn CR LF into LF anyway; spreadsheets break lines with LF), made so before the
    formula rule applies. Control characters XML cannot hold are dropped; a cell holds at
    most 32 767 characters."""
    row = {
        column: value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value
        for column, value in actor_canonical_row(actor).items()
    }
    return [
        ILLEGAL_CHARACTERS_RE.sub("", cell)[:XLSX_MAX_CELL] if isinstance(cell, str) else cell
        for cell in text_cells(row)
    ]


def xlsx_write(
    chunks: Iterable[list[ExportedActor]], *, target: BinaryIO, stats: ExportStats | None = None
) -> None:
    """The XLSX workbook, written to ``target`` (a binary file open for writing)."""
    stats = stats if stats is not None else ExportStats()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Acteurs"))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _XLSX_WIDTHS.get(column, 14)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
        header.append(cell)
    sheet.append(header)
    for chunk in chunks:
        for actor in chunk:
            sheet.append(_xlsx_row(actor))
            stats.rows += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{stats.rows + 1}"
    workbook.save(target)


def geojson_chunks(
    chunks: Iterable[list[ExportedActor]], *, base_url: str, stats: ExportStats | None = None
) -> Iterator[bytes]:
    """A GeoJSON FeatureCollection of the actors with coordinates, one piece per chunk."""
    stats = stats if stats is not None else ExportStats()
    yield b'{"type": "FeatureCollection", "features": ['
    for chunk in chunks:
        pieces = []
        for actor in chunk:
            feature = actor_geojson_feature(actor, base_url=base_url)
            if feature is None:
                continue
            separator = ",\n" if stats.rows else "\n"
            pieces.append(separator + json.dumps(feature, ensure_ascii=False))
            stats.rows += 1
        if pieces:
            yield "".join(pieces).encode("utf-8")
    yield b"\n]}\n"
