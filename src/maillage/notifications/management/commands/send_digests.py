"""``maillage send_digests``: mail the daily and weekly digests that are due."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from maillage.core.commands import MaillageCommand
from maillage.notifications.services import digests_send


class Command(MaillageCommand):
    help = (
        "Envoie à chaque personne qui a choisi un résumé quotidien ou hebdomadaire ses "
        "notifications en attente, en un seul courriel, quand son résumé est dû (au plus un "
        "par jour ou par semaine). À lancer chaque heure (cron ou minuteur systemd) ; "
        "relancer ne renvoie rien."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--frequency",
            choices=["daily", "weekly"],
            default=None,
            help="Seulement les résumés quotidiens (daily) ou hebdomadaires (weekly). "
            "Par défaut : les deux.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Envoyer même si le dernier résumé est récent (tout ce qui attend part).",
        )

    def run(self, **options: Any) -> dict[str, Any]:
        return digests_send(frequency=options["frequency"], force=options["force"])

    def human_summary(self, result: dict[str, Any]) -> str:
        return (
            f"{result['emails']} résumé(s) envoyé(s) à {result['users']} personne(s), "
            f"{result['notifications']} notification(s) ; {result['failed']} échec(s), "
            f"{result['skipped']} non envoyée(s) (préférence)."
        )
