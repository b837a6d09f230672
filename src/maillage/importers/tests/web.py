"""Helpers of the web import tests: actor files built in memory, uploads in a given state.

Not a test module; the tests import what they need from here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from maillage.accounts.models import User
from maillage.importers.enums import UploadStatus
from maillage.importers.models import ImportUpload

HEADER = ["name", "kind", "commune", "siret", "needs", "offers"]


def csv_bytes(rows: Sequence[Sequence[str]], *, header: Sequence[str] = HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def csv_file(
    rows: Sequence[Sequence[str]],
    *,
    name: str = "acteurs.csv",
    header: Sequence[str] = HEADER,
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows, header=header), content_type="text/csv")


def signed_in(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def upload_in_state(
    *, user: User | None, status: str = UploadStatus.RUNNING, **fields: Any
) -> ImportUpload:
    """An upload as the background work leaves it at some point (no stored file)."""
    values: dict[str, Any] = {
        "uploaded_by": user,
        "original_name": "acteurs.csv",
        "size": 1234,
        "restricted": bool(user is not None and not user.is_staff),
        "territories": "|dep:86|",
        "status": status,
        "rows_total": 10,
        "rows_done": 4,
    }
    if status in (UploadStatus.QUEUED, UploadStatus.RUNNING, UploadStatus.DONE):
        values["confirmed_by"] = user
        values["confirmed_at"] = timezone.now()
    values.update(fields)
    return ImportUpload.objects.create(**values)
