"""``maillage export_actors``: write a directory selection to a CSV, XLSX or GeoJSON file.

Parses the options, then ``exports.services.actors_export_to_file`` writes the file (never a
partial one: see there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.commands import MaillageCommand, UsageError
from maillage.exports.formats import (
    ExportFormat,
    separator_parse,
)
from maillage.exports.forms import InvalidSelectionError, selection_parse
from maillage.exports.services import actors_export_to_file
from maillage.search.backends.base import SearchQuery

_FORMAT_BY_SUFFIX = {".csv": "csv", ".xlsx": "xlsx", ".geojson": "geojson", ".json": "geojson"}


class Command(MaillageCommand):
    help = (
        "Exporte une sélection de l'annuaire (mêmes filtres que la page /acteurs/) dans un "
        "fichier CSV (UTF-8 avec BOM, colonnes canoniques relisibles par import_actors), "
        "XLSX ou GeoJSON. Seuls les champs publics sont exportés."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "query", nargs="?", default="", help="Texte recherché (nom, présentation), comme --q."
        )
        parser.add_argument(
            "--q", dest="q", default="", help="Texte recherché (nom, présentation)."
        )
        parser.add_argument(
            "--format",
            choices=[f.value for f in ExportFormat],
            default=None,
            help="Format du fichier : csv, xlsx ou geojson (par défaut, déduit de "
            "l'extension de --output).",
        )
        parser.add_argument(
            "--output",
            "-o",
            required=True,
            help="Fichier à écrire (remplacé s'il existe, seulement une fois l'export complet).",
        )
        parser.add_argument(
            "--separator",
            default=",",
            help="Séparateur du CSV : « , » (par défaut) ou « ; » pour les "
            "tableurs français (aussi : comma, semicolon).",
        )
        parser.add_argument(
            "--kind",
            nargs="+",
            action="extend",
            default=[],
            metavar="KIND",
            help="Codes de type d'acteur (association, entreprise…).",
        )
        parser.add_argument(
            "--sphere",
            nargs="+",
            action="extend",
            default=[],
            metavar="SPHERE",
            help="Codes de sphère (ess, entreprises, pouvoirs_publics).",
        )
        parser.add_argument(
            "--theme",
            nargs="+",
            action="extend",
            default=[],
            metavar="THEME",
            help="Codes de thématique (insertion_iae, handicap…).",
        )
        parser.add_argument(
            "--territory",
            default="",
            help="Territoire du siège : com:86194, epci:200069854, dep:86, reg:75 ou fr.",
        )
        parser.add_argument(
            "--need",
            nargs="+",
            action="extend",
            default=[],
            metavar="CATEGORY",
            help="Catégories de besoins publiés (financement, locaux…).",
        )
        parser.add_argument(
            "--offer",
            nargs="+",
            action="extend",
            default=[],
            metavar="CATEGORY",
            help="Catégories d'offres publiées (competences, materiel…).",
        )
        parser.add_argument(
            "--closed", action="store_true", help="Inclure les structures fermées ou dissoutes."
        )
        parser.add_argument(
            "--sort",
            default="",
            help="Ordre des lignes : relevance (par défaut), name, recent, completeness.",
        )

    # ------------------------------------------------------------------ run

    def _format(self, value: str | None, output: Path) -> ExportFormat:
        if value:
            return ExportFormat(value)
        guessed = _FORMAT_BY_SUFFIX.get(output.suffix.lower())
        if guessed is None:
            raise UsageError(
                _(
                    "Indiquez --format csv, xlsx ou geojson (l'extension du fichier "
                    "« %(name)s » ne permet pas de le deviner)."
                )
                % {"name": output.name}
            )
        return ExportFormat(guessed)

    def _query(self, options: dict[str, Any]) -> SearchQuery:
        text = " ".join(part for part in (options["query"], options["q"]) if part)
        params = {
            "q": text,
            "kind": options["kind"],
            "sphere": options["sphere"],
            "theme": options["theme"],
            "territory": options["territory"],
            "need": options["need"],
            "offer": options["offer"],
            "closed": "1" if options["closed"] else "",
            "sort": options["sort"],
        }
        try:
            return selection_parse(params=params)
        except InvalidSelectionError as error:
            raise UsageError(" ".join(error.messages)) from error

    def run(self, **options: Any) -> dict[str, Any]:
        output = Path(options["output"]).expanduser()
        export_format = self._format(options["format"], output)
        try:
            separator = separator_parse(options["separator"])
        except ValueError as error:
            raise UsageError(str(error)) from error
        query = self._query(options)
        rows = actors_export_to_file(
            query=query,
            export_format=export_format,
            output=output,
            separator=separator,
            base_url=settings.SITE_URL,
        )
        return {"rows": rows, "path": str(output.resolve()), "format": export_format.value}

    def human_summary(self, result: dict[str, Any]) -> str:
        rows = result["rows"]
        if result["format"] == "geojson":
            text = ngettext(
                "%(rows)s acteur géolocalisé exporté dans %(path)s.",
                "%(rows)s acteurs géolocalisés exportés dans %(path)s.",
                rows,
            )
        else:
            text = ngettext(
                "%(rows)s acteur exporté dans %(path)s.",
                "%(rows)s acteurs exportés dans %(path)s.",
                rows,
            )
        return text % result
