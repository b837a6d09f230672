"""/healthz (contracts.md): 200 with {"status":"ok","database":"ok"}, 503 when the database
does not answer."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    # Infrastructure failure, simulated at the driver boundary: every cursor fails.
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
