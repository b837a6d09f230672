"""``maillage import_sirene``: import organisations from the INSEE SIRENE stock files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from maillage.importers.cli import ImportCommand
from maillage.importers.sirene import sirene_import


class Command(ImportCommand):
    help = (
        "Importe les organisations des fichiers stock SIRENE de l'INSEE (CSV ou zip tels que "
        "publiés) : établissements actifs des territoires choisis, rattachés à leur unité "
        "légale. Les unités fermées ferment les acteurs correspondants (jamais supprimés). "
        "Relancer l'import sur les mêmes fichiers n'écrit rien ; un import interrompu reprend "
        "là où il s'était arrêté."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--unites-legales",
            type=Path,
            required=True,
            metavar="FICHIER",
            help=_("Stock des unités légales (StockUniteLegale_utf8.csv ou .zip)."),
        )
        parser.add_argument(
            "--etablissements",
            type=Path,
            required=True,
            metavar="FICHIER",
            help=_("Stock des établissements (StockEtablissement_utf8.csv ou .zip)."),
        )
        parser.add_argument(
            "--geolocalisation",
            type=Path,
            metavar="FICHIER",
            help=_(
                "Fichier INSEE de géolocalisation des établissements (CSV ou "
                "zip, séparateur « ; ») : positions WGS84 et quartier "
                "prioritaire (QPV). Sans lui, les coordonnées Lambert du "
                "stock sont reprojetées."
            ),
        )
        parser.add_argument(
            "--departement",
            action="append",
            default=[],
            dest="departements",
            metavar="CODE",
            help=_("Ne garder que ce département (86, 2A, 974…). Répétable."),
        )
        parser.add_argument(
            "--region",
            action="append",
            default=[],
            dest="regions",
            metavar="CODE",
            help=_("Ne garder que cette région (75…). Répétable."),
        )
        parser.add_argument(
            "--ess-only",
            action="store_true",
            help=_(
                "Ne garder que les unités de l'économie sociale et solidaire "
                "(indicateur ESS de l'INSEE, ou statut : association, "
                "fondation, coopérative, mutuelle)."
            ),
        )
        parser.add_argument(
            "--include-individuals",
            action="store_true",
            help=_(
                "Inclure les entrepreneurs individuels (personnes physiques), "
                "sauf ceux en diffusion partielle, qui ne sont jamais "
                "importés."
            ),
        )

    def run(self, **options: Any) -> dict[str, Any]:
        return sirene_import(
            unites_legales=options["unites_legales"],
            etablissements=options["etablissements"],
            geolocalisation=options.get("geolocalisation"),
            departements=options["departements"],
            regions=options["regions"],
            ess_only=options["ess_only"],
            include_individuals=options["include_individuals"],
            on_progress=self.progress,
        ).as_dict()
