"""Fixtures of the referential's tests: the hand-made excerpt loaded through the command."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).parent / "fixtures" / "mini"

ImportRunner = Callable[..., dict[str, Any]]


def run_import(*args: str) -> dict[str, Any]:
    """``maillage import_territories --json ARGS…``; its JSON summary."""
    out = StringIO()
    call_command("import_territories", "--json", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


@pytest.fixture
def import_territories(db: None) -> ImportRunner:
    return run_import


@pytest.fixture
def mini_referential(db: None) -> dict[str, Any]:
    """The hand-made excerpt (fixtures/mini) loaded with the command; its summary."""
    return run_import("--path", str(FIXTURES))
