"""Writing an export to a file (the command line; the web streams, see ``responses.py``).

MUST: the destination appears only once complete. The export is written next to it under a
temporary name (``.<name>.<random>.part``) and renamed over it at the end, so an export that
fails or is interrupted leaves neither a partial file nor a damaged previous file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from maillage.core.errors import DomainError
from maillage.exports.formats import (
    ExportFormat,
    ExportStats,
    csv_chunks,
    geojson_chunks,
    xlsx_write,
)
from maillage.exports.selectors import actors_export
from maillage.search.backends.base import SearchQuery


class ExportFileError(DomainError):
    """The destination cannot be written (missing or read-only folder, a folder's name…)."""


def _umask() -> int:
    """The process umask (mkstemp creates 0600 files; an export gets the usual mode)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def actors_export_to_file(
    *,
    query: SearchQuery,
    export_format: ExportFormat,
    output: Path,
    separator: str = ",",
    base_url: str,
) -> int:
    """Write the selection to ``output``; return the number of rows (GeoJSON: features)."""
    directory = output.parent.resolve()
    if output.is_dir():
        raise ExportFileError(
            _("%(path)s est un dossier : indiquez un nom de fichier.") % {"path": output}
        )
    if not directory.is_dir():
        raise ExportFileError(_("Le dossier %(path)s n'existe pas.") % {"path": directory})
    # Searches the first page now: a query the search refuses fails before any file exists.
    chunks = actors_export(query=query)
    try:
        handle, temporary_name = tempfile.mkstemp(
            dir=directory, prefix=f".{output.name}.", suffix=".part"
        )
    except OSError as error:
        raise ExportFileError(
            _("Impossible d'écrire dans %(path)s : %(reason)s.")
            % {"path": directory, "reason": error.strerror}
        ) from error
    temporary = Path(temporary_name)
    stats = ExportStats()
    try:
        with os.fdopen(handle, "wb") as target:
            if export_format == ExportFormat.XLSX:
                xlsx_write(chunks, target=target, stats=stats)
            elif export_format == ExportFormat.GEOJSON:
                for piece in geojson_chunks(chunks, base_url=base_url, stats=stats):
                    target.write(piece)
            else:
                for piece in csv_chunks(chunks, separator=separator, stats=stats):
                    target.write(piece)
        temporary.chmod(0o666 & ~_umask())
        temporary.replace(output)
    except OSError as error:
        raise ExportFileError(
            _("Impossible d'écrire %(path)s : %(reason)s.")
            % {"path": output, "reason": error.strerror}
        ) from error
    finally:
        temporary.unlink(missing_ok=True)
    return stats.rows
