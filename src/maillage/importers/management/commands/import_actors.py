"""``maillage import_actors``: import a CSV or XLSX in the canonical actor columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from maillage.importers.canonical import actors_file_import
from maillage.importers.cli import ImportCommand


class Command(ImportCommand):
    help = (
        "Importe un fichier d'acteurs (CSV en UTF-8 ou Windows-1252, séparateur « , » ou « ; » "
        "détecté, ou classeur XLSX) aux colonnes canoniques : name, kind, subkind, siret, "
        "siren, rna, commune, intervention, themes, needs, offers, partnership_types, "
        "employees, description, website, email, phone, latitude, longitude. Chaque ligne est "
        "validée comme dans les formulaires ; les lignes invalides sont listées avec leur "
        "numéro."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "file", type=Path, metavar="FICHIER", help=_("Le fichier CSV ou XLSX à importer.")
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_(
                "Tout vérifier sans rien enregistrer : le bilan dit ce qui "
                "serait créé, mis à jour ou rejeté."
            ),
        )

    def run(self, **options: Any) -> dict[str, Any]:
        return actors_file_import(
            path=options["file"], dry_run=options["dry_run"], on_progress=self.progress
        ).as_dict()
