"""Reads on the territorial referential: lookups, hierarchy, population, autocomplete.

Territory codes follow contracts.md: ``com:<INSEE>``, ``epci:<SIREN>``, ``dep:<code>``,
``reg:<code>``, ``fr``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Min, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext as _

from maillage.territories.codes import LEVELS, InvalidTerritoryCode, parse_territory_code
from maillage.territories.enums import CommuneType, TerritoryLevel, Zone
from maillage.territories.models import (
    Commune,
    CommuneAlias,
    Departement,
    Epci,
    Region,
)
from maillage.territories.names import fold, query_variants

__all__ = [
    "CommuneHierarchy",
    "Territory",
    "TerritoryDetail",
    "commune_hierarchy",
    "commune_resolve",
    "communes_in_territory",
    "fold",
    "territory_autocomplete",
    "territory_detail",
    "territory_get",
    "territory_parents",
    "territory_population",
]

# When a code is both a delegated commune and a former code (two cases in 2026), the
# delegated commune tells where it is today.
_ALIAS_PRIORITY = (
    CommuneType.DELEGATED,
    CommuneType.ASSOCIATED,
    CommuneType.MUNICIPAL_DISTRICT,
    CommuneType.FORMER_CODE,
)
_LEVEL_ORDER = {"fr": 0, "reg": 1, "dep": 2, "epci": 3, "com": 4}
_CODE_QUERY = re.compile(r"^(?:[0-9]{1,9}|2[ab][0-9]{0,3})$")
_MAX_LIMIT = 50


@dataclass(frozen=True)
class Territory:
    """A territory as lists show it: ``name`` is the official name, ``label`` tells
    homonyms apart (``"Saint-Denis (93)"``, ``"Vienne (86)"``)."""

    code: str
    level: str
    name: str
    label: str = ""
    population: int | None = None

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.name)

    @property
    def level_label(self) -> str:
        return str(TerritoryLevel(self.level).label)


@dataclass(frozen=True)
class TerritoryDetail:
    """A territory with its population and the territories containing it (smallest
    first, ``fr`` last)."""

    territory: Territory
    population: int | None
    parents: list[Territory] = field(default_factory=list)
    siren: str = ""
    postal_codes: list[str] = field(default_factory=list)
    communes: int = 0


@dataclass(frozen=True)
class CommuneHierarchy:
    commune: Commune
    epci: Epci | None
    departement: Departement
    region: Region


# --------------------------------------------------------------------------- lookups


def commune_resolve(code: str) -> Commune | None:
    """The current commune for any code a source may carry: a current commune's code
    (``86194`` or ``com:86194``), a municipal arrondissement (75112 → Paris), a delegated
    or associated commune (→ its chef-lieu) or a former code (→ the commune that
    absorbed it). None when the code is unknown."""
    value = (code or "").strip().upper().removeprefix("COM:")
    if not value:
        return None
    commune = Commune.objects.filter(code=value).first()
    if commune is not None:
        return commune
    aliases = {
        alias.type: alias
        for alias in CommuneAlias.objects.filter(code=value).select_related("commune")
    }
    for kind in _ALIAS_PRIORITY:
        if kind in aliases:
            return aliases[kind].commune
    return None


def commune_hierarchy(*, code: str) -> CommuneHierarchy | None:
    """The EPCI (None for the 98 communes in none), département and région of the
    commune behind any code ``commune_resolve`` accepts."""
    commune = commune_resolve(code)
    if commune is None:
        return None
    commune = Commune.objects.select_related("epci", "departement", "region").get(pk=commune.pk)
    return CommuneHierarchy(
        commune=commune,
        epci=commune.epci,
        departement=commune.departement,
        region=commune.region,
    )


def territory_get(code: str) -> Territory | None:
    """The named territory behind a code, or None when it is malformed or unknown."""
    try:
        level, value = parse_territory_code(code)
    except InvalidTerritoryCode:
        return None
    if level == "fr":
        return _france()
    if level == "com":
        commune = Commune.objects.filter(pk=value).first()
        return _commune_territory(commune) if commune else None
    if level == "epci":
        epci = Epci.objects.filter(pk=value).first()
        return _epci_territory(epci) if epci else None
    if level == "dep":
        departement = Departement.objects.filter(pk=value).first()
        return _departement_territory(departement) if departement else None
    region = Region.objects.filter(pk=value).first()
    return _region_territory(region) if region else None


def communes_in_territory(code: str) -> QuerySet[Commune]:
    """Current communes inside any territory. Raises ``InvalidTerritoryCode`` for a
    malformed code; an unknown one gives an empty queryset."""
    return Commune.objects.in_territory(code)


def territory_parents(*, code: str) -> list[Territory]:
    """The territories containing this one, smallest first, ``fr`` last: a commune's EPCI,
    département and région; an EPCI's départements and régions (an EPCI may straddle
    several); a département's région. Empty for ``fr`` and for unknown codes."""
    try:
        level, value = parse_territory_code(code)
    except InvalidTerritoryCode:
        return []
    if level == "fr":
        return []
    parents: list[Territory] = []
    if level == "com":
        commune = (
            Commune.objects.select_related("epci", "departement", "region").filter(pk=value).first()
        )
        if commune is None:
            return []
        if commune.epci is not None:
            parents.append(_epci_territory(commune.epci))
        parents += [
            _departement_territory(commune.departement),
            _region_territory(commune.region),
        ]
    elif level == "epci":
        if not Epci.objects.filter(pk=value).exists():
            return []
        departement_codes = Commune.objects.filter(epci_id=value).values("departement_id")
        departements = list(
            Departement.objects.filter(code__in=departement_codes).select_related("region")
        )
        parents += [_departement_territory(departement) for departement in departements]
        regions = {departement.region_id: departement.region for departement in departements}
        parents += [_region_territory(region) for _code, region in sorted(regions.items())]
    elif level == "dep":
        departement = Departement.objects.select_related("region").filter(pk=value).first()
        if departement is None:
            return []
        parents.append(_region_territory(departement.region))
    elif not Region.objects.filter(pk=value).exists():
        return []
    return [*parents, _france()]


def territory_population(*, code: str) -> int | None:
    """Population of a territory (INSEE populations légales as shipped with the
    referential): a commune's or EPCI's own figure, the sum of its communes for a
    département or région, of all régions for ``fr``. None for unknown codes."""
    try:
        level, value = parse_territory_code(code)
    except InvalidTerritoryCode:
        return None
    if level == "fr":
        return Region.objects.aggregate(total=Sum("population"))["total"]
    model = {"com": Commune, "epci": Epci, "dep": Departement, "reg": Region}[level]
    row = model._default_manager.filter(pk=value).values_list("population", flat=True).first()
    return row


def territory_detail(*, code: str) -> TerritoryDetail | None:
    """Everything the API shows about a territory. A commune may be asked for with any
    code ``commune_resolve`` accepts (``com:75112`` answers Paris)."""
    territory = territory_get(code)
    if territory is None and code.strip().lower().startswith("com:"):
        commune = commune_resolve(code)
        territory = _commune_territory(commune) if commune else None
    if territory is None:
        return None
    siren, postal_codes = "", []
    level, value = parse_territory_code(territory.code)
    if level == "com":
        commune = Commune.objects.get(pk=value)
        siren, postal_codes = commune.siren, list(commune.postal_codes)
    elif level == "epci":
        siren = value
    return TerritoryDetail(
        territory=territory,
        population=territory_population(code=territory.code),
        parents=territory_parents(code=territory.code),
        siren=siren,
        postal_codes=postal_codes,
        communes=communes_in_territory(territory.code).count(),
    )


# --------------------------------------------------------------------------- autocomplete


@dataclass(order=True, frozen=True)
class _Hit:
    rank: float
    minus_population: int
    level_order: int
    label: str
    territory: Territory = field(compare=False)


def territory_autocomplete(
    *, query: str, limit: int = 10, levels: Iterable[str] | None = None
) -> list[Territory]:
    """Territories matching what a person types, best first.

    Names match accent- and case-insensitively (``"epinal"`` finds Épinal), ``St``/``Ste``
    also match ``Saint``/``Sainte``, and a name may be found from any of its words
    (``"poitiers"`` finds "CU du Grand Poitiers"); delegated communes and municipal
    arrondissements lead to their current commune. Digits match postal codes
    (``"86000"`` finds Poitiers), INSEE codes, département codes and SIREN numbers.
    Order: exact matches, then prefix matches, then word matches; within each, the bigger
    population first. ``levels`` restricts the result to some of ``com``, ``epci``,
    ``dep``, ``reg``, ``fr``.
    """
    text = fold(query)
    if not text:
        return []
    limit = max(1, min(limit, _MAX_LIMIT))
    wanted = set(levels or LEVELS) & set(LEVELS)
    hits: dict[str, _Hit] = {}
    compact = text.replace(" ", "")
    if _CODE_QUERY.match(compact):
        _code_hits(compact.upper(), wanted, limit, hits)
    else:
        _name_hits(text, wanted, limit, hits)
    return [hit.territory for hit in sorted(hits.values())[:limit]]


def _add(hits: dict[str, _Hit], territory: Territory, rank: float) -> None:
    hit = _Hit(
        rank=rank,
        minus_population=-(territory.population or 0),
        level_order=_LEVEL_ORDER[territory.level],
        label=territory.label,
        territory=territory,
    )
    if territory.code not in hits or hit < hits[territory.code]:
        hits[territory.code] = hit


def _name_hits(text: str, wanted: set[str], limit: int, hits: dict[str, _Hit]) -> None:
    variants = query_variants(text)
    exact = Q()
    prefix = Q()
    word = Q()
    for variant in variants:
        exact |= Q(search_name=variant)
        prefix |= Q(search_name__startswith=variant)
        word |= Q(search_name__contains=f" {variant}")
    if len(text) < 2:  # one letter: only the commune named "Y" deserves an answer
        prefix = word = exact
    rank = Case(
        When(exact, then=Value(0)),
        When(prefix, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    by_relevance = ("rank", F("population").desc(nulls_last=True), "name")
    if "fr" in wanted and any(
        candidate.startswith(variant)
        for variant in variants
        for candidate in ("france", "france entiere")
    ):
        _add(hits, _france(), 0 if text in {"france", "france entiere"} else 1)
    if "reg" in wanted:
        regions = Region.objects.filter(exact | prefix | word)
        if "dep" in wanted:  # overseas collectivities: the département stands for both
            regions = regions.exclude(zone=Zone.COM)
        for region in regions.annotate(rank=rank).order_by(*by_relevance)[:limit]:
            _add(hits, _region_territory(region), region.rank)
    if "dep" in wanted:
        departements = Departement.objects.filter(exact | prefix | word)
        for departement in departements.annotate(rank=rank).order_by(*by_relevance)[:limit]:
            _add(hits, _departement_territory(departement), departement.rank)
    if "epci" in wanted:
        epcis = Epci.objects.filter(exact | prefix | word)
        for epci in epcis.annotate(rank=rank).order_by(*by_relevance)[:limit]:
            _add(hits, _epci_territory(epci), epci.rank)
    if "com" in wanted:
        communes = Commune.objects.filter(exact | prefix | word)
        for commune in communes.annotate(rank=rank).order_by(*by_relevance)[:limit]:
            _add(hits, _commune_territory(commune), commune.rank)  # type: ignore[attr-defined]
        aliases = (
            CommuneAlias.objects.filter(exact | prefix)
            .exclude(type=CommuneType.FORMER_CODE)
            .select_related("commune")
            .annotate(rank=rank)
            .order_by("rank", F("commune__population").desc(nulls_last=True), "name")
        )
        for alias in aliases[:limit]:
            # Just after the current communes that match as well as this old name.
            _add(hits, _alias_territory(alias), alias.rank + 0.5)


def _code_hits(code: str, wanted: set[str], limit: int, hits: dict[str, _Hit]) -> None:
    if "dep" in wanted and len(code) <= 3:
        departement = Departement.objects.filter(code=code).first()
        if departement is not None:
            _add(hits, _departement_territory(departement), 0)
    if "epci" in wanted and len(code) == 9:
        for epci in Epci.objects.filter(code=code):
            _add(hits, _epci_territory(epci), 0)
    if "com" not in wanted:
        return
    if len(code) == 9:
        for commune in Commune.objects.filter(siren=code)[:1]:
            _add(hits, _commune_territory(commune), 0)
        return
    if len(code) == 5:
        for commune in Commune.objects.filter(code=code):
            _add(hits, _commune_territory(commune), 0)
        for alias in CommuneAlias.objects.filter(code=code).select_related("commune"):
            _add(hits, _alias_territory(alias, by_code=True), 1)
    if code.isdigit() and len(code) <= 5:
        communes = (
            Commune.objects.filter(postal_code_rows__code__startswith=code)
            .annotate(matched=Min("postal_code_rows__code"))
            .order_by(F("population").desc(nulls_last=True), "name")[:limit]
        )
        for commune in communes:
            territory = _commune_territory(commune, postal_code=commune.matched)  # type: ignore[attr-defined]
            _add(hits, territory, 0 if commune.matched == code else 1)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- builders


def _france() -> Territory:
    population = Region.objects.aggregate(total=Sum("population"))["total"]
    return Territory(code="fr", level="fr", name=_("France entière"), population=population)


def _region_territory(region: Region) -> Territory:
    return Territory(
        code=region.territory_code,
        level="reg",
        name=region.name,
        population=region.population,
    )


def _departement_territory(departement: Departement) -> Territory:
    return Territory(
        code=departement.territory_code,
        level="dep",
        name=departement.name,
        label=f"{departement.name} ({departement.code})",
        population=departement.population,
    )


def _epci_territory(epci: Epci) -> Territory:
    return Territory(
        code=epci.territory_code, level="epci", name=epci.name, population=epci.population
    )


def _commune_territory(commune: Commune, *, postal_code: str = "") -> Territory:
    return Territory(
        code=commune.territory_code,
        level="com",
        name=commune.name,
        label=f"{commune.name} ({postal_code or commune.departement_id})",
        population=commune.population,
    )


def _alias_territory(alias: CommuneAlias, *, by_code: bool = False) -> Territory:
    """The current commune, labelled with the old name or code that led to it:
    "Arboys en Bugey (01) — commune déléguée Arbignieu", "Paris (75) — arrondissement
    municipal 75112"."""
    commune = alias.commune
    label = _("%(commune)s (%(departement)s) — %(kind)s %(alias)s") % {
        "commune": commune.name,
        "departement": commune.departement_id,
        "kind": str(CommuneType(alias.type).label).lower(),
        "alias": alias.code if by_code or not alias.name else alias.name,
    }
    return Territory(
        code=commune.territory_code,
        level="com",
        name=commune.name,
        label=label,
        population=commune.population,
    )
