"""``maillage import_territories``: load or refresh the territorial referential."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from maillage.core.commands import MaillageCommand
from maillage.territories.services import DEFAULT_PATH, territories_import


class Command(MaillageCommand):
    help = (
        "Charge ou met à jour les régions, départements, intercommunalités (EPCI) et "
        "communes depuis le référentiel officiel @etalab/decoupage-administratif livré "
        "avec le projet. Idempotent : un second lancement sur les mêmes fichiers n'écrit rien."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--path",
            type=Path,
            default=DEFAULT_PATH,
            help=(
                "Dossier contenant regions, departements, epci et communes "
                "(.json.gz ou .json). Par défaut : %(default)s"
            ),
        )
        parser.add_argument(
            "--departement",
            action="append",
            default=[],
            metavar="CODE",
            dest="departements",
            help=(
                "Ne charger que les communes de ce département (ex. 86, 2A, 974), avec "
                "leurs EPCI ; régions et départements sont toujours chargés en entier. "
                "Répétable."
            ),
        )

    def run(self, **options: Any) -> dict[str, Any]:
        return territories_import(
            path=options["path"], departements=options["departements"] or None, log=self.log
        )

    def human_summary(self, result: dict[str, Any]) -> str:
        scope = ", ".join(result["departements_selected"]) or "France entière"
        status = "déjà à jour" if result["up_to_date"] else "chargé"
        lines = [
            f"Référentiel {result['package']} {result['version']} ({scope}) : {status} "
            f"en {result['duration_s']:.1f} s.",
            f"  {result['regions']} régions, {result['departements']} départements, "
            f"{result['epci']} EPCI, {result['communes']} communes, "
            f"{result['aliases']} codes historiques ou d'arrondissement, "
            f"{result['postal_codes']} codes postaux.",
            f"  Lignes créées : {result['created']}, mises à jour : {result['updated']}, "
            f"inchangées : {result['unchanged']}, supprimées : {result['deleted']}, "
            f"conservées car utilisées : {result['retained']}.",
        ]
        if result["rejected"]:
            lines.append(f"  Entrées rejetées : {result['rejected']} (détail ci-dessous).")
        return "\n".join(lines)
