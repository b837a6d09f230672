"""Reads on the territorial referential: lookups, hierarchy, autocomplete."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
from maillage.territories.models import Commune, CommuneAlias, Departement, Epci, Region


def fold(text: str) -> str:
    """Lower-case, accent-free, hyphens and apostrophes as spaces: the autocomplete key."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    for char in "-'’":
        plain = plain.replace(char, " ")
    return " ".join(plain.split())


def commune_resolve(code: str) -> Commune | None:
    """The current commune for any code a source may carry: a current commune's code, a
    municipal district (75112 → Paris), a delegated/associated commune or a former code."""
    value = (code or "").strip().upper()
    if not value:
        return None
    commune = Commune.objects.filter(code=value).first()
    if commune is not None:
        return commune
    alias = (
        CommuneAlias.objects.filter(code=value).select_related("commune").order_by("type").first()
    )
    return alias.commune if alias else None


@dataclass(frozen=True)
class Territory:
    code: str
    level: str
    name: str


def territory_get(code: str) -> Territory | None:
    """The named territory behind a code, or None when it is malformed or unknown."""
    try:
        level, value = parse_territory_code(code)
    except InvalidTerritoryCode:
        return None
    if level == "fr":
        return Territory(code="fr", level="fr", name="France entière")
    model = {"com": Commune, "epci": Epci, "dep": Departement, "reg": Region}[level]
    row = model.objects.filter(pk=value).first()  # type: ignore[attr-defined]
    if row is None:
        return None
    label = str(row) if level in {"com", "dep"} else row.name
    return Territory(code=f"{level}:{value}", level=level, name=label)


def communes_in_territory(code: str) -> QuerySet[Commune]:
    level, value = parse_territory_code(code)
    communes = Commune.objects.all()
    if level == "fr":
        return communes
    field = {"com": "code", "epci": "epci_id", "dep": "departement_id", "reg": "region_id"}
    return communes.filter(**{field[level]: value})


def territory_autocomplete(*, query: str, limit: int = 10) -> list[Territory]:
    """Communes (by name or postal code), EPCI, départements and régions matching a prefix,
    accent- and case-insensitively; larger territories and bigger communes first."""
    text = fold(query)
    if not text:
        return []
    results: list[Territory] = []
    if text.isdigit() or (len(text) <= 3 and text[:2] in {"2a", "2b"}):
        departement = Departement.objects.filter(code=text.upper()).first()
        if departement:
            results.append(Territory(departement.territory_code, "dep", str(departement)))
        communes = Commune.objects.filter(
            Q(main_postal_code__startswith=text) | Q(code=text)
        ).order_by("-population", "name")[:limit]
        results += [Territory(c.territory_code, "com", f"{c.name} ({c.main_postal_code})")
                    for c in communes]
        return results[:limit]
    for region in Region.objects.all():
        if fold(region.name).startswith(text):
            results.append(Territory(region.territory_code, "reg", region.name))
    for departement in Departement.objects.all():
        if fold(departement.name).startswith(text):
            results.append(Territory(departement.territory_code, "dep", str(departement)))
    communes = Commune.objects.filter(search_name__startswith=text).order_by(
        "-population", "name"
    )[:limit]
    results += [
        Territory(c.territory_code, "com", f"{c.name} ({c.departement_id})") for c in communes
    ]
    epcis = Epci.objects.filter(name__icontains=query.strip()).order_by("-population")[:3]
    results += [Territory(e.territory_code, "epci", e.name) for e in epcis]
    return results[:limit]
