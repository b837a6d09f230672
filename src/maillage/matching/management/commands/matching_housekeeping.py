"""``maillage matching_housekeeping``: the matching's periodic work, in one command."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandParser

from maillage.core.commands import MaillageCommand
from maillage.matching.profiles import (
    profiles_rebuild_all,
    profiles_refresh_stale,
    term_statistics_rebuild,
)
from maillage.matching.services import followups_ask, introductions_expire, introductions_remind


class Command(MaillageCommand):
    help = (
        "Travaux périodiques de la mise en relation, à lancer chaque jour (cron ou minuteur "
        "systemd) : expire les demandes restées sans réponse, relance les destinataires, "
        "demande aux deux parties, quelques semaines après une mise en relation acceptée, si "
        "elle a abouti ; met à jour les profils de mise en relation des acteurs modifiés ou "
        "importés et les statistiques de vocabulaire (TF-IDF). Relancer ne refait rien "
        "deux fois."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Reconstruire les profils de tous les acteurs (après un gros import ou une "
            "population synthétique), pas seulement ceux qui ont changé.",
        )
        parser.add_argument(
            "--profiles-only",
            action="store_true",
            help="Seulement les profils et les statistiques (ni expirations, ni relances, "
            "ni suivis).",
        )

    def run(self, **options: Any) -> dict[str, Any]:
        started = time.perf_counter()
        result: dict[str, Any] = {"expired": 0, "reminded": 0, "followups": 0}
        if not options["profiles_only"]:
            result["expired"] = introductions_expire()
            result["reminded"] = introductions_remind()
            result["followups"] = followups_ask()

        def progress(done: int, total: int | None = None) -> None:
            self.log(f"Profils : {done}" + (f"/{total}" if total else ""))

        if options["rebuild"]:
            result["profiles"] = profiles_rebuild_all(progress=progress)
        else:
            result["profiles"] = profiles_refresh_stale(progress=progress)
        result["terms"] = term_statistics_rebuild()
        result["duration_s"] = round(time.perf_counter() - started, 2)
        return result

    def human_summary(self, result: dict[str, Any]) -> str:
        return (
            f"{result['expired']} demande(s) expirée(s), {result['reminded']} relance(s), "
            f"{result['followups']} suivi(s) demandé(s) ; {result['profiles']} profil(s) mis "
            f"à jour, {result['terms']} termes ({result['duration_s']} s)."
        )
