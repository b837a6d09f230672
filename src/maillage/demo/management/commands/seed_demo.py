"""``maillage seed_demo``: load the demo territory (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from maillage.core.commands import MaillageCommand
from maillage.demo.services import demo_seed


class Command(MaillageCommand):
    help = (
        "Charge le territoire de démonstration : les organisations citées dans les études "
        "de Poitou-Charentes (2012) et de Charenton-le-Pont – Saint-Maurice (2013), des "
        "acteurs fictifs pour atteindre 300 acteurs, leurs besoins, offres et contacts "
        "(personnes fictives), et les comptes de démonstration. Idempotent : un second "
        "lancement ne crée rien. Nécessite le référentiel (maillage import_territories)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help=(
                "Autoriser le chargement en mode production (MAILLAGE_ENV=production). "
                "Refusé par défaut : les comptes de démonstration ont un mot de passe public."
            ),
        )

    def run(self, **options: Any) -> dict[str, Any]:
        return demo_seed(allow_production=options["allow_production"], log=self.log)

    def human_summary(self, result: dict[str, Any]) -> str:
        lines = [
            f"Territoire de démonstration : {result['actors']} acteurs "
            f"({result['created']} créés), {result['needs']} besoins, "
            f"{result['offers']} offres, {result['contacts']} contacts, "
            f"en {result['duration_s']:.1f} s.",
            "",
            "Comptes de démonstration (mot de passe identique pour tous) :",
        ]
        for account in result["accounts"]:
            detail = account["organisation"] or "superutilisateur (site d'administration)"
            if account["territories"]:
                detail += f" — territoires : {', '.join(account['territories'])}"
            lines.append(f"  {account['role']:<17} {account['email']:<28} {detail}")
        lines.append(
            f"  mot de passe : {result['accounts'][0]['password']}" if result["accounts"] else ""
        )
        return "\n".join(lines)
