"""``maillage import_territories``: load or refresh the territorial referential."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from maillage.core.commands import MaillageCommand
from maillage.territories.services import DEFAULT_PATH, territories_import


class Command(MaillageCommand):
    help = (
        "Charge ou met à jour les régions, départements, intercommunalités (EPCI) et "
        "communes depuis le référentiel officiel @etalab/decoupage-administratif livré "
        "avec le projet, avec les codes des communes déléguées, des arrondissements "
        "municipaux et les anciens codes. Idempotent : un second lancement sur les mêmes "
        "fichiers n'écrit rien."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--path",
            type=Path,
            default=DEFAULT_PATH,
            help=_(
                "Dossier contenant regions, departements, epci et communes "
                "(.json.gz ou .json). Par défaut : le référentiel livré dans data/."
            ),
        )
        parser.add_argument(
            "--departement",
            action="append",
            default=[],
            metavar="CODE",
            dest="departements",
            help=_(
                "Ne charger que les communes de ce département (ex. 86, 2A, 974), avec leurs "
                "EPCI ; régions et départements sont toujours chargés en entier. Répétable."
            ),
        )

    def run(self, **options: Any) -> dict[str, Any]:
        return territories_import(
            path=options["path"], departements=options["departements"] or None, log=self.log
        )

    def human_summary(self, result: dict[str, Any]) -> str:
        values = {
            **result,
            "scope": ", ".join(result["departements_selected"]) or _("France entière"),
            "status": _("déjà à jour") if result["up_to_date"] else _("chargé"),
        }
        lines = [
            _("Référentiel %(package)s %(version)s (%(scope)s) : %(status)s en %(duration_s)s s.")
            % values,
            _(
                "  %(regions)s régions, %(departements)s départements, %(epci)s EPCI, "
                "%(communes)s communes, %(aliases)s codes historiques ou d'arrondissement, "
                "%(postal_codes)s codes postaux."
            )
            % values,
            _(
                "  Lignes créées : %(created)s, mises à jour : %(updated)s, inchangées : "
                "%(unchanged)s, supprimées : %(deleted)s, conservées car utilisées : "
                "%(retained)s."
            )
            % values,
        ]
        if result["rejected"]:
            lines.append(_("  Entrées rejetées : %(rejected)s (détail ci-dessous).") % values)
        return "\n".join(lines)
