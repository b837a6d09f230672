"""``maillage export_actors``: write a directory selection to a CSV, XLSX or GeoJSON file.

The file is written next to its destination under a temporary name and renamed at the end,
so an interrupted or failed export never leaves a partial file behind (nor damages an
existing file of that name).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from maillage.core.commands import MaillageCommand, UsageError
from maillage.exports.formats import (
    ExportFormat,
    ExportStats,
    csv_chunks,
    geojson_chunks,
    separator_parse,
    xlsx_write,
)
from maillage.exports.forms import InvalidSelection, selection_parse
from maillage.exports.selectors import actors_export
from maillage.search.backends.base import SearchQuery

def _umask() -> int:
    """The process umask (mkstemp creates 0600 files; the export gets the usual mode)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FORMAT_BY_SUFFIX = {".csv": "csv", ".xlsx": "xlsx", ".geojson": "geojson", ".json": "geojson"}


class Command(MaillageCommand):
    help = (
        "Exporte une sélection de l'annuaire (mêmes filtres que la page /acteurs/) dans un "
        "fichier CSV (UTF-8 avec BOM, colonnes canoniques relisibles par import_actors), "
        "XLSX ou GeoJSON. Seuls les champs publics sont exportés."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("query", nargs="?", default="",
                            help="Texte recherché (nom, présentation), comme --q.")
        parser.add_argument("--q", dest="q", default="",
                            help="Texte recherché (nom, présentation).")
        parser.add_argument(
            "--format", choices=[f.value for f in ExportFormat], default=None,
            help="Format du fichier : csv, xlsx ou geojson (par défaut, déduit de "
                 "l'extension de --output).")
        parser.add_argument("--output", "-o", required=True,
                            help="Fichier à écrire (remplacé s'il existe, seulement une fois "
                                 "l'export complet).")
        parser.add_argument("--separator", default=",",
                            help="Séparateur du CSV : « , » (par défaut) ou « ; » pour les "
                                 "tableurs français (aussi : comma, semicolon).")
        parser.add_argument("--kind", nargs="+", action="extend", default=[], metavar="KIND",
                            help="Codes de type d'acteur (association, entreprise…).")
        parser.add_argument("--sphere", nargs="+", action="extend", default=[],
                            metavar="SPHERE",
                            help="Codes de sphère (ess, entreprises, pouvoirs_publics).")
        parser.add_argument("--theme", nargs="+", action="extend", default=[], metavar="THEME",
                            help="Codes de thématique (insertion_iae, handicap…).")
        parser.add_argument("--territory", default="",
                            help="Territoire du siège : com:86194, epci:200069854, dep:86, "
                                 "reg:75 ou fr.")
        parser.add_argument("--need", nargs="+", action="extend", default=[],
                            metavar="CATEGORY",
                            help="Catégories de besoins publiés (financement, locaux…).")
        parser.add_argument("--offer", nargs="+", action="extend", default=[],
                            metavar="CATEGORY",
                            help="Catégories d'offres publiées (competences, materiel…).")
        parser.add_argument("--closed", action="store_true",
                            help="Inclure les structures fermées ou dissoutes.")
        parser.add_argument("--sort", default="",
                            help="Ordre des lignes : relevance (par défaut), name, recent, "
                                 "completeness.")

    # ------------------------------------------------------------------ run

    def _format(self, value: str | None, output: Path) -> ExportFormat:
        if value:
            return ExportFormat(value)
        guessed = _FORMAT_BY_SUFFIX.get(output.suffix.lower())
        if guessed is None:
            raise UsageError("Indiquez --format csv, xlsx ou geojson (l'extension du fichier "
                             f"{output.name!r} ne permet pas de le deviner).")
        return ExportFormat(guessed)

    def _query(self, options: dict[str, Any]) -> SearchQuery:
        text = " ".join(part for part in (options["query"], options["q"]) if part)
        params = {
            "q": text, "kind": options["kind"], "sphere": options["sphere"],
            "theme": options["theme"], "territory": options["territory"],
            "need": options["need"], "offer": options["offer"],
            "closed": "1" if options["closed"] else "", "sort": options["sort"],
        }
        try:
            return selection_parse(params=params)
        except InvalidSelection as error:
            raise UsageError(" ".join(error.messages)) from error

    def run(self, **options: Any) -> dict[str, Any]:
        output = Path(options["output"]).expanduser()
        export_format = self._format(options["format"], output)
        try:
            separator = separator_parse(options["separator"])
        except ValueError as error:
            raise UsageError(str(error)) from error
        query = self._query(options)
        directory = output.parent.resolve()
        if output.is_dir():
            raise UsageError(f"{output} est un dossier : indiquez un nom de fichier.")
        if not directory.is_dir():
            raise UsageError(f"Le dossier {directory} n'existe pas.")
        try:
            handle, temporary_name = tempfile.mkstemp(
                dir=directory, prefix=f".{output.name}.", suffix=".part"
            )
        except OSError as error:
            raise UsageError(f"Impossible d'écrire dans {directory} : {error.strerror}.") from error
        temporary = Path(temporary_name)
        stats = ExportStats()
        try:
            with os.fdopen(handle, "wb") as target:
                chunks = actors_export(query=query)
                if export_format == ExportFormat.XLSX:
                    xlsx_write(chunks, target=target, stats=stats)
                elif export_format == ExportFormat.GEOJSON:
                    for piece in geojson_chunks(chunks, base_url=settings.SITE_URL,
                                                stats=stats):
                        target.write(piece)
                else:
                    for piece in csv_chunks(chunks, separator=separator, stats=stats):
                        target.write(piece)
            temporary.chmod(0o666 & ~_umask())
            temporary.replace(output)
        except OSError as error:
            raise UsageError(f"Impossible d'écrire {output} : {error.strerror}.") from error
        finally:
            temporary.unlink(missing_ok=True)
        return {"rows": stats.rows, "path": str(output.resolve()), "format": export_format.value}

    def human_summary(self, result: dict[str, Any]) -> str:
        noun = "entités géolocalisées" if result["format"] == "geojson" else "acteurs"
        return f"{result['rows']} {noun} exportés dans {result['path']}."
