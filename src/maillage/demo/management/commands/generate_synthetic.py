"""``maillage generate_synthetic``: add a realistic synthetic population (contracts.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from maillage.core.commands import MaillageCommand, UsageError
from maillage.demo.synthetic import MAX_ACTORS, synthetic_generate, synthetic_remove


class Command(MaillageCommand):
    help = (
        "Ajoute une population synthétique réaliste pour les bancs d'essai : acteurs répartis "
        "sur les communes réelles au prorata de leur population, types, thématiques, besoins, "
        "offres et présentations en français tirés de distributions réalistes, contacts "
        "fictifs. Déterministe pour une graine donnée. Les acteurs créés ont la source "
        "« synthetic » (--remove les supprime). Nécessite le référentiel "
        "(maillage import_territories)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--actors",
            type=int,
            metavar="N",
            help=f"Nombre d'acteurs à créer (1 à {MAX_ACTORS}). Obligatoire sauf avec --remove.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            metavar="S",
            help="Graine du tirage (1 par défaut) : une même graine donne la même population.",
        )
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Supprimer tous les acteurs synthétiques (source « synthetic ») au lieu "
            "d'en créer.",
        )

    def run(self, **options: Any) -> dict[str, Any]:
        if options["remove"]:
            if options["actors"] is not None:
                raise UsageError("--remove ne se combine pas avec --actors.")
            return synthetic_remove(log=self.log)
        if options["actors"] is None:
            raise UsageError("Indiquez le nombre d'acteurs avec --actors N.")
        return synthetic_generate(actors=options["actors"], seed=options["seed"], log=self.log)

    def human_summary(self, result: dict[str, Any]) -> str:
        if "removed" in result:
            return (
                f"{result['removed']} acteurs synthétiques supprimés en {result['duration_s']} s."
            )
        return (
            f"{result['actors']} acteurs synthétiques créés (graine {result['seed']}) sur "
            f"{result['communes']} communes : {result['needs']} besoins, {result['offers']} "
            f"offres, {result['contacts']} contacts, en {result['duration_s']} s "
            f"(écriture {result['write_s']} s, index de recherche {result['index_s']} s)."
        )
