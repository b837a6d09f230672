"""The CSV file of an envelope's allocations.

Same conventions as the directory's export (``exports.formats``): UTF-8 with a BOM,
``,`` or ``;`` separated, CRLF line ends, a header row; every text cell goes through
``exports.canonical.neutralise_formula`` (a cell starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return gets a leading ``'``, so that a spreadsheet shows it without
running it); numeric columns (amounts with a dot as decimal separator, counts, ids) are
written as they are.
"""

from __future__ import annotations

import csv
import io

from maillage.exports.canonical import neutralise_formula
from maillage.exports.formats import BOM
from maillage.funding.selectors import EXPORT_COLUMNS, NUMERIC_EXPORT_COLUMNS


def allocations_csv(rows: list[dict[str, str]], *, separator: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow(
            row.get(column, "")
            if column in NUMERIC_EXPORT_COLUMNS
            else neutralise_formula(row.get(column, ""))
            for column in EXPORT_COLUMNS
        )
    return buffer.getvalue()
