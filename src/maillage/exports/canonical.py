"""The canonical actor file (contracts.md): its columns and how its cells are written.

Shared by the exports (CSV, XLSX) and meant to be shared by ``import_actors``, so that a file
written here is read back without loss. Pure functions, no database.

Contract:

- Columns, in this order: ``COLUMNS``. ``employees``, ``latitude`` and ``longitude`` are
  numbers (``NUMERIC_COLUMNS``); every other column is text.
- Multi-valued columns (``intervention``, ``themes``, ``needs``, ``offers``,
  ``partnership_types``) join their entries with ``|``. Inside an entry, a literal ``|`` is
  written ``\\|`` and a literal backslash ``\\\\`` (only need/offer texts can hold either; codes
  never do). ``split_values`` reverses ``join_values``; a backslash before any other
  character is kept as is, so hand-written files need no escaping.
- A need or an offer is ``category:free text`` (the first ``:`` separates them).
- Formula neutralisation (spreadsheets run cells starting with ``=``, ``+``, ``-``, ``@``,
  tab or carriage return as formulas): a TEXT cell that matches ``^'*[=+\\-@\\t\\r]`` (those
  characters, possibly after apostrophes) MUST be written with one more leading ``'``.
  A reader MUST remove exactly one leading ``'`` from a text cell that matches
  ``^'+[=+\\-@\\t\\r]`` (one or more apostrophes, then one of those characters), and leave every
  other cell alone. The pair is a bijection: ``=1`` ↔ ``'=1``, ``'=1`` ↔ ``''=1``, ``'abc``
  unchanged. Numeric columns are never neutralised: ``-0.5`` stays a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

COLUMNS: tuple[str, ...] = (
    "name",
    "kind",
    "subkind",
    "siret",
    "siren",
    "rna",
    "commune",
    "intervention",
    "themes",
    "needs",
    "offers",
    "partnership_types",
    "employees",
    "description",
    "website",
    "email",
    "phone",
    "latitude",
    "longitude",
)
NUMERIC_COLUMNS = frozenset({"employees", "latitude", "longitude"})
MULTI_VALUED_COLUMNS = frozenset({"intervention", "themes", "needs", "offers", "partnership_types"})
VALUE_SEPARATOR = "|"
FORMULA_TRIGGERS = "=+-@\t\r"

_NEEDS_NEUTRALISING = re.compile(r"^'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r]")

Cell = str | int | float | None


def neutralise_formula(value: str) -> str:
    """The text as a spreadsheet may show it without running it (see the module contract)."""
    return f"'{value}" if _NEEDS_NEUTRALISING.match(value) else value


def restore_formula(value: str) -> str:
    """The reader's inverse of ``neutralise_formula``."""
    return value[1:] if _NEUTRALISED.match(value) else value


def _escape(entry: str) -> str:
    return entry.replace("\\", "\\\\").replace(VALUE_SEPARATOR, "\\" + VALUE_SEPARATOR)


def join_values(entries: Iterable[str]) -> str:
    """``["a", "b|c"]`` → ``a|b\\|c``."""
    return VALUE_SEPARATOR.join(_escape(entry) for entry in entries)


def split_values(text: str) -> list[str]:
    """The reader's inverse of ``join_values``: entries stripped, empty ones dropped."""
    entries: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            if following in {"\\", VALUE_SEPARATOR}:
                current.append(following)
            else:
                current.append(char + following)
        elif char == VALUE_SEPARATOR:
            entries.append("".join(current))
            current = []
        else:
            current.append(char)
    entries.append("".join(current))
    return [entry.strip() for entry in entries if entry.strip()]


def need_offer_entry(category: str, text: str) -> str:
    """One need or offer as the file writes it: ``category:free text``."""
    return f"{category}:{text}"


def format_number(value: int | float | None) -> str:
    """A number as CSV text: ``repr`` round-trips floats exactly; ``None`` is empty."""
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def text_cells(row: dict[str, Cell]) -> list[Cell]:
    """The row in ``COLUMNS`` order, text cells neutralised, numbers left as numbers."""
    cells: list[Cell] = []
    for column in COLUMNS:
        value = row.get(column)
        if column in NUMERIC_COLUMNS:
            cells.append(value)
        else:
            cells.append(neutralise_formula(str(value or "")))
    return cells
