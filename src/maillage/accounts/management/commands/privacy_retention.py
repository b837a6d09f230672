"""``maillage privacy_retention``: the daily RGPD clean-up (accounts/privacy.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from maillage.accounts.privacy import privacy_retention_run
from maillage.core.commands import MaillageCommand


class Command(MaillageCommand):
    help = (
        "Nettoyage RGPD, à lancer chaque jour (cron) : prévient par courriel les comptes "
        "sans connexion depuis 2 ans, anonymise ceux restés inactifs 30 jours après l'avis, "
        "supprime les personnes contacts importées jamais confirmées ni informées après 90 "
        "jours. Durées : réglages PRIVACY_* (docs/privacy.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Compter seulement ce qui serait fait, sans rien envoyer ni modifier.",
        )

    def run(self, **options: Any) -> dict[str, Any]:
        return privacy_retention_run(dry_run=options["dry_run"])

    def human_summary(self, result: dict[str, Any]) -> str:
        return (
            f"Avis envoyés : {result['notified']} · comptes anonymisés : {result['erased']} · "
            f"contacts supprimés : {result['contacts_deleted']}"
        )
