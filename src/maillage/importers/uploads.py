"""Actor files uploaded in the web interface: store → analyse (dry run) → confirm → import.

Contract:
- ``import_upload_create`` refuses at once, with a message on the ``file`` field and
  nothing stored, a file that is empty, too big (``MAX_UPLOAD_BYTES``), not a CSV or XLSX,
  not text (UTF-16, binary) or without the required columns; otherwise it stores the file
  in the default storage (``imports/<uuid>/<name>``) and enqueues its analysis;
- the analysis is ``actors_file_import(dry_run=True)``: the preview (first rows, every
  rejected line up to the summary's limit, counts) is kept on the upload, nothing else is
  written; the import that follows runs with the same territories and file, so the preview
  tells what the import will do (unless the directory changed in between);
- a facilitator's upload is restricted to their territories (rows seated elsewhere are
  rejected by the importer, ``territories=``); staff import anywhere;
- status changes are conditional updates (``UPDATE … WHERE status = …``): a cancelled
  upload is never imported, an upload is imported once;
- the real import runs in a background task (``importers.tasks``) and records its
  progress on the upload (``rows_done`` of ``rows_total``, ``phase``) and its counts on the
  ``ImportRun``; an interrupted import (error, killed worker) is resumed from its last
  committed batch by ``import_upload_resume`` (same stored file ⇒ same run fingerprint);
- the stored file holds contact details: it is deleted once imported, cancelled or found
  unusable.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from maillage.accounts.models import FacilitatorScope, User
from maillage.core.errors import DomainError
from maillage.importers.canonical import actors_file_check, actors_file_import
from maillage.importers.enums import UploadStatus
from maillage.importers.models import ImportRun, ImportUpload
from maillage.importers.readers import ZIP_MAGIC, UnusableFileError
from maillage.importers.runs import ProgressInfo

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# A workbook is a zip: bound what it may expand to (zip bombs). Python's zipfile never
# inflates a member past its declared size, so checking the declared sizes is enough.
MAX_XLSX_EXPANDED_BYTES = 300 * 1024 * 1024
MAX_XLSX_RATIO = 200
ACCEPTED_SUFFIXES = (".csv", ".xlsx")
STORAGE_DIR = "imports"
# An analysis or import that has not reported progress for this long is taken for dead
# (worker killed): its uploader may resume it.
STALLED_AFTER = timedelta(minutes=15)
_SNIFF_BYTES = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

ACTIVE_STATUSES = (UploadStatus.ANALYSING, UploadStatus.QUEUED, UploadStatus.RUNNING)
CANCELLABLE_STATUSES = (
    UploadStatus.ANALYSING,
    UploadStatus.READY,
    UploadStatus.QUEUED,
    UploadStatus.FAILED,
)


def _megabytes(size: int) -> str:
    return number_format(size / (1024 * 1024), decimal_pos=1)


def import_file_validate(*, name: str, size: int, head: bytes) -> None:
    """Refuse a file by its name, size and first bytes (``DomainError`` on ``file``)."""
    suffix = Path(name).suffix.lower()
    if suffix in {".xls", ".ods", ".numbers"}:
        raise DomainError(
            _(
                "Le format %(suffix)s n'est pas pris en charge : enregistrez le classeur au "
                "format Excel (.xlsx) ou en « CSV UTF-8 »."
            )
            % {"suffix": suffix},
            field="file",
            code="wrong_type",
        )
    if suffix not in ACCEPTED_SUFFIXES:
        raise DomainError(
            _("Seuls les fichiers CSV (.csv) et les classeurs Excel (.xlsx) sont acceptés."),
            field="file",
            code="wrong_type",
        )
    if size == 0 or not head:
        raise DomainError(_("Le fichier est vide."), field="file", code="empty")
    if size > MAX_UPLOAD_BYTES:
        raise DomainError(
            _(
                "Le fichier pèse %(size)s Mo ; la limite est de %(limit)s Mo. Découpez-le en "
                "plusieurs fichiers."
            )
            % {"size": _megabytes(size), "limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
            field="file",
            code="too_big",
        )
    if suffix == ".xlsx":
        if not head.startswith(ZIP_MAGIC):
            raise DomainError(
                _(
                    "Ce fichier n'est pas un classeur Excel (.xlsx) valide. Ouvrez-le dans "
                    "votre tableur et enregistrez-le au format .xlsx ou en « CSV UTF-8 »."
                ),
                field="file",
                code="wrong_type",
            )
        return
    if head.startswith(ZIP_MAGIC):
        raise DomainError(
            _(
                "Ce fichier .csv est en réalité une archive ou un classeur : enregistrez-le "
                "en « CSV UTF-8 », ou déposez-le avec l'extension .xlsx."
            ),
            field="file",
            code="wrong_type",
        )
    if head.startswith(_UTF16_BOMS) or b"\x00" in head:
        raise DomainError(
            _(
                "Ce fichier n'est pas un texte lisible (encodage UTF-16 ou fichier binaire). "
                "Dans votre tableur, enregistrez-le en « CSV UTF-8 »."
            ),
            field="file",
            code="encoding",
        )


def _refuse_zip_bomb(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise DomainError(
            _("Ce classeur Excel (.xlsx) est illisible."), field="file", code="unusable"
        ) from error
    expanded = sum(member.file_size for member in members)
    compressed = max(1, sum(member.compress_size for member in members))
    if expanded > MAX_XLSX_EXPANDED_BYTES or expanded / compressed > MAX_XLSX_RATIO:
        raise DomainError(
            _(
                "Ce classeur se décompresse en un volume anormal (%(size)s Mo) : il est "
                "refusé par sécurité. Enregistrez-le en « CSV UTF-8 »."
            )
            % {"size": _megabytes(expanded)},
            field="file",
            code="zip_bomb",
        )


def _safe_name(name: str) -> str:
    base = Path(name).name
    suffix = Path(base).suffix.lower()
    stem = Path(base).stem
    try:
        cleaned = get_valid_filename(stem)[:80]
    except SuspiciousFileOperation:  # a name such as ".." leaves nothing valid
        cleaned = ""
    return f"{cleaned or 'fichier'}{suffix}"


def import_territories_for(*, user: User) -> list[str] | None:
    """The territory codes a user's imports are restricted to; None: anywhere (staff)."""
    if user.is_staff:
        return None
    return sorted(
        FacilitatorScope.objects.filter(user=user).values_list("territory_code", flat=True)
    )


def import_upload_create(*, file: UploadedFile, user: User) -> ImportUpload:
    """Check and store an uploaded actor file, then enqueue its analysis (the preview).

    Raises ``DomainError(field="file")`` when the file cannot be imported; nothing is
    stored then."""
    if not (user.is_authenticated and user.is_active):
        raise DomainError(_("Connectez-vous pour importer un fichier."), code="forbidden")
    territories = import_territories_for(user=user)
    if territories is not None and not territories:
        raise DomainError(
            _("Seuls les animateurs territoriaux et l'équipe de la plateforme importent."),
            code="forbidden",
        )
    original = Path(file.name or "").name[:255]
    file.seek(0)
    head = file.read(_SNIFF_BYTES)
    file.seek(0)
    import_file_validate(name=original, size=file.size or 0, head=head)
    safe = _safe_name(original)
    with tempfile.TemporaryDirectory(prefix="maillage-upload-") as directory:
        local = Path(directory) / safe
        with local.open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        _refuse_zip_bomb(local)
        try:
            actors_file_check(path=local, display_name=original)
        except UnusableFileError as error:
            raise DomainError(str(error), field="file", code="unusable") from error
        with local.open("rb") as handle:
            stored = default_storage.save(
                f"{STORAGE_DIR}/{uuid.uuid4().hex}/{safe}", File(handle, name=safe)
            )
    upload = ImportUpload.objects.create(
        uploaded_by=user,
        original_name=original,
        stored_name=stored,
        size=file.size or 0,
        restricted=territories is not None,
        territories=f"|{'|'.join(territories)}|" if territories else "",
        status=UploadStatus.ANALYSING,
    )
    _enqueue(upload, analyse=True)
    upload.refresh_from_db()
    return upload


# --------------------------------------------------------------------------- background work


@contextlib.contextmanager
def _local_file(upload: ImportUpload) -> Iterator[Path]:
    """A local path to the stored file. The importers read paths; a storage without them
    (object storage, tests' in-memory storage) is copied to a temporary directory under
    the same name and modification time, so that the run's fingerprint — and therefore
    the resume of an interrupted import — does not depend on the copy."""
    if not upload.stored_name:
        raise UnusableFileError(
            _("%(file)s : le fichier déposé n'est plus disponible ; déposez-le à nouveau.")
            % {"file": upload.original_name}
        )
    try:
        local = Path(default_storage.path(upload.stored_name))
    except NotImplementedError:
        local = None
    if local is not None and local.is_file():  # an in-memory storage has paths, not files
        yield local
        return
    directory = Path(tempfile.mkdtemp(prefix=f"maillage-import-{upload.pk}-"))
    try:
        target = directory / Path(upload.stored_name).name
        with default_storage.open(upload.stored_name, "rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
        stamp = upload.created_at.timestamp()
        os.utime(target, (stamp, stamp))
        yield target
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _delete_file(upload: ImportUpload) -> None:
    if upload.stored_name:
        with contextlib.suppress(OSError):
            default_storage.delete(upload.stored_name)
        # A file system storage keeps the upload's own (now empty) directory: remove it.
        with contextlib.suppress(NotImplementedError, OSError):
            Path(default_storage.path(upload.stored_name)).parent.rmdir()
        ImportUpload.objects.filter(pk=upload.pk).update(stored_name="")
        upload.stored_name = ""


def _enqueue(upload: ImportUpload, *, analyse: bool) -> None:
    from maillage.importers.tasks import actors_upload_analyse, actors_upload_import

    task = actors_upload_analyse if analyse else actors_upload_import
    result = task.enqueue(upload.pk)
    ImportUpload.objects.filter(pk=upload.pk).update(task_id=str(result.id)[:64])


def import_upload_analyse(*, upload_id: int) -> None:
    """The dry run behind the preview (run by the background task)."""
    upload = ImportUpload.objects.select_related("uploaded_by").filter(pk=upload_id).first()
    if upload is None or upload.status != UploadStatus.ANALYSING:
        return
    pending = ImportUpload.objects.filter(pk=upload.pk, status=UploadStatus.ANALYSING)
    try:
        with _local_file(upload) as path:
            summary = actors_file_import(
                path=path,
                dry_run=True,
                user=upload.uploaded_by,
                display_name=upload.original_name,
                territories=upload.territory_codes,
            )
    except UnusableFileError as error:
        if pending.update(
            status=UploadStatus.UNUSABLE,
            error=str(error),
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        ):
            _delete_file(upload)
        return
    except Exception:
        logger.exception("Analysis of uploaded file %s failed", upload.pk)
        pending.update(
            status=UploadStatus.FAILED,
            error=_("L'analyse du fichier a échoué sur une erreur inattendue."),
            updated_at=timezone.now(),
        )
        return
    preview = summary.as_dict()
    preview.pop("actors", None)  # ids of actors the dry run rolled back
    pending.update(
        status=UploadStatus.READY,
        preview=preview,
        rows_total=summary.read,
        error="",
        updated_at=timezone.now(),
    )


class _ProgressRecorder:
    """Writes the import's progress on the upload, at most about once a second."""

    def __init__(self, upload_id: int) -> None:
        self.rows = ImportUpload.objects.filter(pk=upload_id)
        self.run_linked = False
        self.last = 0.0

    def on_progress(self, info: ProgressInfo) -> None:
        fields: dict[str, Any] = {"phase": info.phase[:40], "updated_at": timezone.now()}
        if info.rows:
            fields["rows_done"] = info.rows
        self.rows.update(**fields)

    def on_batch(self, run: ImportRun, number: int) -> None:
        now = time.monotonic()
        if self.run_linked and now - self.last < 1.0:
            return
        self.last, self.run_linked = now, True
        self.rows.update(run=run, rows_done=run.rows_read, updated_at=timezone.now())


def import_upload_execute(*, upload_id: int) -> None:
    """The real import of a confirmed upload (run by the background task)."""
    claimed = ImportUpload.objects.filter(pk=upload_id, status=UploadStatus.QUEUED).update(
        status=UploadStatus.RUNNING, phase="", error="", updated_at=timezone.now()
    )
    if not claimed:
        return  # cancelled, or already taken by another worker
    upload = ImportUpload.objects.select_related("uploaded_by", "confirmed_by").get(pk=upload_id)
    running = ImportUpload.objects.filter(pk=upload.pk, status=UploadStatus.RUNNING)
    recorder = _ProgressRecorder(upload.pk)
    try:
        with _local_file(upload) as path:
            summary = actors_file_import(
                path=path,
                on_progress=recorder.on_progress,
                on_batch=recorder.on_batch,
                user=upload.confirmed_by or upload.uploaded_by,
                display_name=upload.original_name,
                territories=upload.territory_codes,
            )
    except UnusableFileError as error:
        if running.update(
            status=UploadStatus.UNUSABLE,
            error=str(error),
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        ):
            _delete_file(upload)
        return
    except Exception:
        logger.exception("Import of uploaded file %s failed", upload.pk)
        running.update(
            status=UploadStatus.FAILED,
            error=_(
                "L'import s'est arrêté sur une erreur inattendue. Les lignes déjà "
                "enregistrées le restent ; relancez l'import pour le terminer."
            ),
            updated_at=timezone.now(),
        )
        return
    result = summary.as_dict()
    if running.update(
        status=UploadStatus.DONE,
        result=result,
        rows_done=summary.read,
        phase="",
        run_id=summary.run_id,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    ):
        _delete_file(upload)


# --------------------------------------------------------------------------- decisions


def import_upload_is_stalled(*, upload: ImportUpload) -> bool:
    return (
        upload.status in (UploadStatus.ANALYSING, UploadStatus.RUNNING)
        and upload.updated_at < timezone.now() - STALLED_AFTER
    )


def import_upload_importable_rows(*, upload: ImportUpload) -> int:
    """Rows of the preview that passed validation."""
    preview = upload.preview or {}
    return max(0, int(preview.get("read", 0)) - int(preview.get("rejected", 0)))


def import_upload_confirm(*, upload: ImportUpload, user: User) -> ImportUpload:
    """Launch the import whose preview the user has seen."""
    if upload.status == UploadStatus.READY and not import_upload_importable_rows(upload=upload):
        raise DomainError(
            _("Aucune ligne valide à importer : corrigez le fichier puis déposez-le à nouveau."),
            code="nothing_to_import",
        )
    now = timezone.now()
    confirmed = ImportUpload.objects.filter(pk=upload.pk, status=UploadStatus.READY).update(
        status=UploadStatus.QUEUED,
        confirmed_by=user,
        confirmed_at=now,
        rows_done=0,
        phase="",
        updated_at=now,
    )
    if not confirmed:
        raise DomainError(
            _("Cet import n'est plus à confirmer : il est déjà lancé, terminé ou annulé."),
            code="not_ready",
        )
    _enqueue(upload, analyse=False)
    upload.refresh_from_db()
    return upload


def import_upload_cancel(*, upload: ImportUpload, user: User) -> ImportUpload:
    """Give up an upload before its import (or after a failed one: what was already
    imported stays). The stored file is deleted."""
    now = timezone.now()
    cancelled = ImportUpload.objects.filter(pk=upload.pk, status__in=CANCELLABLE_STATUSES).update(
        status=UploadStatus.CANCELLED, finished_at=now, updated_at=now
    )
    if not cancelled:
        raise DomainError(
            _("Cet import ne peut plus être annulé : il est en cours ou terminé."),
            code="not_cancellable",
        )
    _delete_file(upload)
    upload.refresh_from_db()
    return upload


def import_upload_resume(*, upload: ImportUpload, user: User) -> ImportUpload:
    """Run again an analysis or import that failed or stalled; an import continues after
    its last committed batch."""
    now = timezone.now()
    if not (upload.status == UploadStatus.FAILED or import_upload_is_stalled(upload=upload)):
        raise DomainError(
            _("Cet import n'est pas interrompu : il n'y a rien à relancer."),
            code="not_resumable",
        )
    if not upload.stored_name:
        raise DomainError(
            _("Le fichier déposé n'est plus disponible : déposez-le à nouveau."),
            code="file_missing",
        )
    analyse = upload.confirmed_at is None
    resumed = (
        ImportUpload.objects.filter(pk=upload.pk, status=upload.status)
        .filter(updated_at=upload.updated_at)
        .update(
            status=UploadStatus.ANALYSING if analyse else UploadStatus.QUEUED,
            error="",
            updated_at=now,
        )
    )
    if not resumed:
        raise DomainError(
            _("Cet import vient de changer d'état ; rechargez la page."), code="changed"
        )
    _enqueue(upload, analyse=analyse)
    upload.refresh_from_db()
    return upload
