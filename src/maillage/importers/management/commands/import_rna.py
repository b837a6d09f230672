"""``maillage import_rna``: import associations from the RNA files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from maillage.importers.cli import ImportCommand
from maillage.importers.rna import IMPORT, WALDEC, rna_import


class Command(ImportCommand):
    help = (
        "Importe les associations du Répertoire national des associations (fichiers du "
        "ministère de l'Intérieur, un CSV ou un zip de CSV par département, séparateur « ; », "
        "UTF-8 ou Latin-1). L'adresse du gestionnaire et la civilité du dirigeant ne sont "
        "jamais lues. Les associations dissoutes ferment l'acteur correspondant."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--waldec",
            type=Path,
            metavar="FICHIER",
            help=_(
                "Fichier rna_waldec (associations créées ou modifiées depuis 2009), CSV ou zip."
            ),
        )
        source.add_argument(
            "--import",
            type=Path,
            dest="import_file",
            metavar="FICHIER",
            help=_("Fichier rna_import (associations sans modification depuis 2009), CSV ou zip."),
        )
        parser.add_argument(
            "--departement",
            action="append",
            default=[],
            dest="departements",
            metavar="CODE",
            help=_("Ne garder que ce département (86, 2A, 974…). Répétable."),
        )

    def run(self, **options: Any) -> dict[str, Any]:
        layout = WALDEC if options.get("waldec") else IMPORT
        path = options.get("waldec") or options["import_file"]
        return rna_import(
            path=path,
            layout=layout,
            departements=options["departements"],
            on_progress=self.progress,
        ).as_dict()
