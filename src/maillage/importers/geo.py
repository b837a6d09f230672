"""Geography for the importers: commune codes and addresses → current communes, territory
filters, and SIRENE Lambert coordinates → WGS84.

The referential is loaded once per run into a ``CommuneIndex`` (≈ 40 000 codes, a few MB):
resolving millions of rows against the database one by one would be far too slow. It
resolves exactly as ``territories.selectors.commune_resolve`` does (current code, then
delegated, associated, municipal district, former code).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.utils.translation import gettext as _

from maillage.core.commands import UsageError
from maillage.territories.enums import CommuneType
from maillage.territories.models import Commune, CommuneAlias, Departement, PostalCode
from maillage.territories.names import fold

_ALIAS_RANK: dict[str, int] = {
    CommuneType.DELEGATED: 0,
    CommuneType.ASSOCIATED: 1,
    CommuneType.MUNICIPAL_DISTRICT: 2,
    CommuneType.FORMER_CODE: 3,
}
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_CEDEX = re.compile(r"\bcedex\b.*$")
_ARRONDISSEMENT = re.compile(r"\s+\d{1,2}\s*(e|er|eme)?(\s+arrondissement)?$")


def city_key(name: str) -> str:
    """A commune label as written on an address, folded for comparison: accents, case and
    punctuation ignored, ``ST``/``STE`` spelled out, ``CEDEX 9`` and ``12E ARRONDISSEMENT``
    dropped. ``city_key("ST JEAN D'ANGELY CEDEX") == "saint jean d angely"``."""
    text = _CEDEX.sub("", fold(name)).strip()
    text = _ARRONDISSEMENT.sub("", text)
    return " ".join(_ABBREVIATIONS.get(word, word) for word in text.split())


def departement_of(code: str) -> str:
    """The département code a commune code starts with (3 characters overseas)."""
    return code[:3] if code[:2] in {"97", "98"} else code[:2]


@dataclass
class CommuneIndex:
    """Every code and name a source may use for a commune, in memory."""

    resolve_map: dict[str, str] = field(default_factory=dict)
    departement: dict[str, str] = field(default_factory=dict)
    region: dict[str, str] = field(default_factory=dict)
    by_postal: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_name: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    _addresses_loaded: bool = False

    @classmethod
    def load(cls) -> CommuneIndex:
        index = cls()
        for code, departement, region in Commune.objects.order_by().values_list(
            "code", "departement_id", "region_id"
        ):
            index.resolve_map[code] = code
            index.departement[code] = departement
            index.region[code] = region
        ranks: dict[str, int] = {}
        for code, kind, commune in CommuneAlias.objects.order_by().values_list(
            "code", "type", "commune_id"
        ):
            if commune not in index.departement or code in index.departement:
                continue  # a current commune's own code wins
            rank = _ALIAS_RANK.get(kind, 9)
            if rank < ranks.get(code, 99):
                ranks[code] = rank
                index.resolve_map[code] = commune
        return index

    def _load_addresses(self) -> None:
        """Postal codes and names, for ``from_address`` only (built on first use)."""
        self._addresses_loaded = True
        for code, name in Commune.objects.order_by().values_list("code", "name"):
            self.by_name[(self.departement[code], city_key(name))].add(code)
        for name, commune in (
            CommuneAlias.objects.exclude(name="").order_by().values_list("name", "commune_id")
        ):
            if commune in self.departement:
                self.by_name[(self.departement[commune], city_key(name))].add(commune)
        for postal_code, commune in PostalCode.objects.order_by().values_list("code", "commune_id"):
            self.by_postal[postal_code].add(commune)
        if not self.by_postal:  # referential loaded without the postal-code table
            for code, postal_codes in Commune.objects.order_by().values_list(
                "code", "postal_codes"
            ):
                for postal_code in postal_codes or []:
                    self.by_postal[postal_code].add(code)

    def __bool__(self) -> bool:
        return bool(self.departement)

    def resolve(self, code: str) -> str | None:
        return self.resolve_map.get(code.strip().upper()) if code else None

    def from_address(self, postal_code: str, city: str) -> str | None:
        """The commune of an address without INSEE code (``rna_import``): the postal code's
        commune when it has one, else the one whose name matches, within the postal code
        or — for CEDEX and special codes — within its département."""
        if not self._addresses_loaded:
            self._load_addresses()
        postal = (postal_code or "").strip()
        if len(postal) == 4 and postal.isdigit():
            postal = "0" + postal  # a spreadsheet ate the leading zero
        key = city_key(city)
        candidates = self.by_postal.get(postal, set())
        if len(candidates) == 1:
            return next(iter(candidates))
        if candidates and key:
            named = {
                code
                for code in candidates
                if code in self.by_name.get((self.departement[code], key), ())
            }
            if len(named) == 1:
                return next(iter(named))
        if not key or len(postal) != 5 or not postal.isdigit():
            return None
        departements = (
            {"2A", "2B"}
            if postal.startswith("20")
            else {postal[:3]}
            if postal[:2] == "97"
            else {postal[:2]}
        )
        found: set[str] = set()
        for departement in departements:
            found |= self.by_name.get((departement, key), set())
        return next(iter(found)) if len(found) == 1 else None


def departements_selection(*, departements: Iterable[str], regions: Iterable[str]) -> set[str]:
    """The département codes a ``--departement``/``--region`` selection stands for;
    an empty set means the whole of France. Unknown codes are a usage error."""
    wanted_deps = {d.strip().upper() for d in departements if d.strip()}
    wanted_regs = {r.strip() for r in regions if r.strip()}
    selected: set[str] = set()
    if wanted_deps:
        known = set(Departement.objects.filter(code__in=wanted_deps).values_list("code", flat=True))
        unknown = sorted(wanted_deps - known)
        if unknown:
            raise UsageError(
                _("Département(s) inconnu(s) : %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        selected |= known
    if wanted_regs:
        rows = list(
            Departement.objects.filter(region_id__in=wanted_regs).values_list("code", "region_id")
        )
        unknown = sorted(wanted_regs - {region for _code, region in rows})
        if unknown:
            raise UsageError(
                _("Région(s) inconnue(s) : %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        selected |= {code for code, _region in rows}
    return selected


# --------------------------------------------------------------------------- coordinates

# data-standards.md §1.3: the projection of SIRENE's Lambert columns by territory.
EPSG_BY_PREFIX = {
    "971": 5490,
    "972": 5490,
    "973": 2972,
    "974": 2975,
    "975": 4467,
    "976": 4471,
    "977": 5490,
    "978": 5490,
}
METROPOLITAN_EPSG = 2154
# Plausible (lon_min, lon_max, lat_min, lat_max) per territory; points outside are dropped.
BOUNDING_BOXES = {
    "metro": (-5.9, 10.0, 41.2, 51.3),
    "971": (-61.9, -60.9, 15.8, 16.6),
    "972": (-61.3, -60.7, 14.3, 15.0),
    "973": (-54.7, -51.5, 2.0, 6.0),
    "974": (55.1, 56.0, -21.5, -20.8),
    "975": (-56.6, -56.0, 46.7, 47.2),
    "976": (44.9, 45.4, -13.1, -12.5),
    "977": (-63.0, -62.7, 17.8, 18.1),
    "978": (-63.2, -62.9, 18.0, 18.2),
}


def _territory(commune_code: str) -> str:
    prefix = commune_code[:3]
    return prefix if prefix in BOUNDING_BOXES else "metro"


@cache
def _transformer(epsg: int) -> Any:
    from pyproj import Transformer  # deferred: only imports with coordinates need it

    return Transformer.from_crs(epsg, 4326, always_xy=True)


def _number(text: str) -> float | None:
    if not text or text == "[ND]":
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value else None  # NaN


def inside(commune_code: str, longitude: float, latitude: float) -> bool:
    lon_min, lon_max, lat_min, lat_max = BOUNDING_BOXES[_territory(commune_code)]
    return lon_min <= longitude <= lon_max and lat_min <= latitude <= lat_max


def lambert_to_wgs84(commune_code: str, x: str, y: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a SIRENE Lambert point, or None when masked (``[ND]``),
    empty, unparsable or outside the commune's territory."""
    easting, northing = _number(x), _number(y)
    if easting is None or northing is None or not commune_code:
        return None
    epsg = EPSG_BY_PREFIX.get(commune_code[:3], METROPOLITAN_EPSG)
    longitude, latitude = _transformer(epsg).transform(easting, northing)
    if not inside(commune_code, longitude, latitude):
        return None
    return round(longitude, 6), round(latitude, 6)


def lambert_points_to_wgs84(
    points: Sequence[tuple[str, str, str]],
) -> list[tuple[float, float] | None]:
    """``lambert_to_wgs84`` of many (commune code, x, y) points at once: one projection call
    per territory instead of one per point (several times faster)."""
    found: list[tuple[float, float] | None] = [None] * len(points)
    by_epsg: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for position, (commune_code, x, y) in enumerate(points):
        easting, northing = _number(x), _number(y)
        if easting is None or northing is None or not commune_code:
            continue
        epsg = EPSG_BY_PREFIX.get(commune_code[:3], METROPOLITAN_EPSG)
        by_epsg[epsg].append((position, easting, northing))
    for epsg, wanted in by_epsg.items():
        longitudes, latitudes = _transformer(epsg).transform(
            [point[1] for point in wanted], [point[2] for point in wanted]
        )
        for (position, _x, _y), longitude, latitude in zip(
            wanted, longitudes, latitudes, strict=True
        ):
            if inside(points[position][0], longitude, latitude):
                found[position] = (round(longitude, 6), round(latitude, 6))
    return found


def wgs84(commune_code: str, longitude: str, latitude: str) -> tuple[float, float] | None:
    """A WGS84 point from text (geolocation file), checked against the territory."""
    lon, lat = _number(longitude), _number(latitude)
    if lon is None or lat is None or not commune_code or not inside(commune_code, lon, lat):
        return None
    return round(lon, 6), round(lat, 6)
