"""The territories an import is restricted to (a facilitator's), checked against a seat.

Contract: a seat is covered when its commune, EPCI, département or région is one of the
codes (``fr`` covers everything) — the rule of ``actors.permissions.facilitator_covers``,
applied to a seat that may not be saved yet. A seat with no commune is never covered.
"""

from __future__ import annotations

from collections.abc import Iterable

from maillage.territories.codes import parse_territory_code


class TerritoryScope:
    def __init__(self, codes: Iterable[str]) -> None:
        self.codes = sorted(set(codes))
        self._terms = {parse_territory_code(code) for code in self.codes}
        self.everywhere = ("fr", "") in self._terms

    def covers(
        self,
        *,
        commune: str | None,
        epci: str | None,
        departement: str | None,
        region: str | None,
    ) -> bool:
        if self.everywhere:
            return True
        if not commune:
            return False
        seat = {("com", commune), ("epci", epci), ("dep", departement), ("reg", region)}
        return bool(self._terms & seat)
