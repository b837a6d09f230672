"""The OpenAPI document is a public contract: any change to it must be deliberate.

The committed snapshot ``openapi.snapshot.json`` is compared with the live document. When a
change is intended, refresh the snapshot and commit it with the change::

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest src/maillage/api/tests/test_openapi.py
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest
from django.test import Client

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")
REFRESH_HINT = "UPDATE_SNAPSHOTS=1 .venv/bin/pytest src/maillage/api/tests/test_openapi.py"


def _render(document: dict) -> str:  # type: ignore[type-arg]
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.fixture
def live_document(client: Client) -> str:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return _render(response.json())


def test_openapi_document_matches_the_committed_snapshot(live_document: str) -> None:
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(live_document, encoding="utf-8")
    assert SNAPSHOT.exists(), f"No OpenAPI snapshot yet: create it with {REFRESH_HINT}"
    committed = SNAPSHOT.read_text(encoding="utf-8")
    if committed != live_document:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                live_document.splitlines(keepends=True),
                fromfile="openapi.snapshot.json (committed)",
                tofile="/api/v1/openapi.json (live)",
                n=2,
            )
        )
        pytest.fail(
            "The OpenAPI document changed. If the change is intended (and backwards "
            f"compatible for API users), refresh the snapshot with\n    {REFRESH_HINT}\n"
            f"and commit it. Difference:\n{diff}",
            pytrace=False,
        )


def test_every_operation_has_an_explicit_id_and_documented_errors(live_document: str) -> None:
    document = json.loads(live_document)
    operations = [
        (path, method, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]
    assert operations
    for path, method, operation in operations:
        where = f"{method.upper()} {path}"
        assert operation.get("operationId"), f"{where} has no operation_id"
        # Generated ids look like "maillage_api_routers_x_y": ours are chosen.
        assert not operation["operationId"].startswith("maillage_"), where
        assert operation.get("summary"), f"{where} has no summary"
    ids = [operation["operationId"] for _, _, operation in operations]
    assert len(ids) == len(set(ids)), "operation ids must be unique"
