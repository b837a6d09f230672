"""``maillage send_event_reminders``: remind the confirmed participants of the published
events starting soon (once per event). Meant to run daily (cron, systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from maillage.core.commands import MaillageCommand, UsageError
from maillage.events.services import events_send_due_reminders


class Command(MaillageCommand):
    help = (
        "Envoie le rappel aux inscrits confirmés des événements publiés qui commencent dans "
        "les prochaines heures (48 par défaut), une seule fois par événement, par les "
        "notifications de la plateforme (et le courriel selon la préférence de chacun)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--hours",
            type=int,
            default=48,
            metavar="N",
            help="Fenêtre en heures : les événements qui commencent dans les N prochaines "
            "heures (48 par défaut).",
        )

    def run(self, **options: Any) -> dict[str, Any]:
        if options["hours"] < 1:
            raise UsageError("--hours doit être un nombre d'heures positif.")
        return {"reminded": events_send_due_reminders(hours=options["hours"])}

    def human_summary(self, result: dict[str, Any]) -> str:
        return f"{result['reminded']} rappel(s) envoyé(s)."
