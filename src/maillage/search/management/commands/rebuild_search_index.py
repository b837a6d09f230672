"""``maillage rebuild_search_index``: rebuild the directory's full-text index."""

from __future__ import annotations

import time
from typing import Any

from maillage.core.commands import MaillageCommand
from maillage.search.services import search_index_rebuild


class Command(MaillageCommand):
    help = (
        "Reconstruit l'index de recherche de l'annuaire depuis la base (après un import "
        "massif, un changement des libellés de thématiques ou de communes, ou une "
        "restauration). Les écritures ordinaires le tiennent déjà à jour."
    )

    def run(self, **options: Any) -> dict[str, Any]:
        started = time.perf_counter()
        self.log("Reconstruction de l'index de recherche…")
        count = search_index_rebuild()
        return {"actors": count, "took_s": round(time.perf_counter() - started, 2)}

    def human_summary(self, result: dict[str, Any]) -> str:
        return f"{result['actors']} acteurs indexés en {result['took_s']} s."
