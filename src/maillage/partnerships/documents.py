"""Documents of a partnership (conventions…): what is accepted and where it is kept.

Contract:
- a file is accepted only when its content is a PDF, an OpenDocument text (ODT) or a Word
  document (DOCX), recognised by its first bytes and, for the two zipped formats, by the
  entries that define them; the name's extension MUST agree with the content, so a
  renamed executable or a spreadsheet called « convention.pdf » is refused;
- a file is at most ``MAX_DOCUMENT_BYTES``; an empty file is refused;
- it is stored in the default storage (``MEDIA_ROOT``, never served as such) under
  ``partnerships/documents/<random hex>.<ext>``: the name reveals nothing and cannot be
  guessed; it is read back only through the permission-checked download view.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.core.files.storage import default_storage
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from maillage.core.errors import DomainError

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
STORAGE_DIR = "partnerships/documents"
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
LABELS = {"pdf": "PDF", "odt": "OpenDocument (ODT)", "docx": "Word (DOCX)"}


@dataclass(frozen=True)
class StoredDocument:
    storage_name: str
    file_type: str
    content_type: str
    size: int
    sha256: str


def _zipped_type(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                if archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return "odt"
                return None
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return None
    return None


def document_sniff(stream: IO[bytes]) -> str | None:
    """``"pdf"``, ``"odt"``, ``"docx"`` from the content, or None for anything else.
    Reads only the head and, for zips, the central directory (nothing is decompressed but
    the tiny ``mimetype`` entry)."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        found = _zipped_type(stream)
        stream.seek(0)
        return found
    return None


def _megabytes(size: int) -> str:
    return number_format(size / (1024 * 1024), decimal_pos=1)


def document_validate(*, name: str, size: int, stream: IO[bytes]) -> str:
    """The sniffed file type, or ``DomainError`` on ``file`` saying what is wrong."""
    suffix = Path(name or "").suffix.lower().lstrip(".")
    accepted = ", ".join(LABELS.values())
    if suffix not in CONTENT_TYPES:
        raise DomainError(
            _("Format non accepté : déposez un fichier %(formats)s.") % {"formats": accepted},
            field="file",
            code="wrong_type",
        )
    if size == 0:
        raise DomainError(_("Le fichier est vide."), field="file", code="empty")
    if size > MAX_DOCUMENT_BYTES:
        raise DomainError(
            _("Le fichier pèse %(size)s Mo ; la limite est de %(limit)s Mo.")
            % {"size": _megabytes(size), "limit": MAX_DOCUMENT_BYTES // (1024 * 1024)},
            field="file",
            code="too_big",
        )
    found = document_sniff(stream)
    if found != suffix:
        raise DomainError(
            _(
                "Le contenu de « %(name)s » n'est pas celui d'un fichier %(label)s : le "
                "fichier est refusé. Enregistrez-le à nouveau depuis votre logiciel au "
                "format %(formats)s."
            )
            % {"name": Path(name).name, "label": LABELS[suffix], "formats": accepted},
            field="file",
            code="wrong_type",
        )
    return found


def document_store(*, stream: IO[bytes], file_type: str) -> StoredDocument:
    """Save an already validated file under a random name; return what to record."""
    digest = hashlib.sha256()
    size = 0
    stream.seek(0)
    for chunk in iter(lambda: stream.read(64 * 1024), b""):
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    name = default_storage.save(f"{STORAGE_DIR}/{uuid.uuid4().hex}.{file_type}", stream)
    return StoredDocument(
        storage_name=name,
        file_type=file_type,
        content_type=CONTENT_TYPES[file_type],
        size=size,
        sha256=digest.hexdigest(),
    )


def document_discard(storage_name: str) -> None:
    if storage_name and default_storage.exists(storage_name):
        default_storage.delete(storage_name)


def document_open(storage_name: str) -> IO[bytes]:
    return default_storage.open(storage_name, "rb")
