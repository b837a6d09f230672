"""One table per app: every named URL with its arguments and what each role must get.

``ENTRIES`` gathers them; ``tests/test_url_matrix.py`` checks that they cover exactly the
URLs the resolver knows.
"""

from __future__ import annotations

from url_matrix.spec import Entry
from url_matrix.tables import (
    accounts,
    actors,
    core,
    events,
    funding,
    importers,
    library,
    matching,
    partnerships,
    programmes,
)

ENTRIES: list[Entry] = [
    *core.ENTRIES,
    *accounts.ENTRIES,
    *actors.ENTRIES,
    *importers.ENTRIES,
    *matching.ENTRIES,
    *programmes.ENTRIES,
    *events.ENTRIES,
    *partnerships.ENTRIES,
    *library.ENTRIES,
    *funding.ENTRIES,
]
