"""The shipped vocabularies that turn official codes into Maillage's own (pure functions).

- ``data/sirene/categories_juridiques.csv``: legal category → kind, sub-kind, ESS by status;
- ``data/naf/naf_themes.csv``: NAF rév. 2 → themes (and the ESAT kind override);
- ``data/joafe/objets_sociaux.csv`` and ``objets_sociaux_themes.csv``: the JOAFE social-object
  nomenclature and its themes;
- the INSEE headcount brackets (``tranche d'effectifs``), below.

Files are read once per process. ``vocabularies_digest`` changes when any of them does, and
enters every row hash, so that an edited mapping re-imports the actors it concerns.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

# INSEE headcount bracket → lower bound of the bracket (employees, "at least").
HEADCOUNT_LOWER_BOUND: dict[str, int] = {
    "NN": 0,
    "00": 0,
    "01": 1,
    "02": 3,
    "03": 6,
    "11": 10,
    "12": 20,
    "21": 50,
    "22": 100,
    "31": 200,
    "32": 250,
    "41": 500,
    "42": 1000,
    "51": 2000,
    "52": 5000,
    "53": 10000,
}
# SIRENE and RNA street-type abbreviations, spelled out for display.
STREET_TYPES = {
    "ALL": "ALLÉE",
    "AV": "AVENUE",
    "BD": "BOULEVARD",
    "CAR": "CARREFOUR",
    "CHE": "CHEMIN",
    "CHS": "CHAUSSÉE",
    "CITE": "CITÉ",
    "COR": "CORNICHE",
    "CRS": "COURS",
    "DOM": "DOMAINE",
    "DSC": "DESCENTE",
    "ECA": "ÉCART",
    "ESP": "ESPLANADE",
    "FG": "FAUBOURG",
    "GR": "GRANDE RUE",
    "HAM": "HAMEAU",
    "HLE": "HALLE",
    "IMP": "IMPASSE",
    "LD": "LIEU-DIT",
    "LOT": "LOTISSEMENT",
    "MAR": "MARCHÉ",
    "MTE": "MONTÉE",
    "PARC": "PARC",
    "PAS": "PASSAGE",
    "PL": "PLACE",
    "PLN": "PLAINE",
    "PLT": "PLATEAU",
    "PRO": "PROMENADE",
    "PRV": "PARVIS",
    "QUA": "QUARTIER",
    "QUAI": "QUAI",
    "RES": "RÉSIDENCE",
    "RLE": "RUELLE",
    "ROC": "ROCADE",
    "RPT": "ROND-POINT",
    "RTE": "ROUTE",
    "RUE": "RUE",
    "SEN": "SENTIER",
    "SQ": "SQUARE",
    "TPL": "TERRE-PLEIN",
    "TRA": "TRAVERSE",
    "VLA": "VILLA",
    "VLGE": "VILLAGE",
}

# Kinds that are companies in the economic sense: they get a company size.
SIZED_KINDS = frozenset({"entreprise", "cooperative", "mutuelle", "siae", "secteur_adapte"})


def data_dir() -> Path:
    return Path(settings.DATA_DIR)


def _read(relative: str) -> list[dict[str, str]]:
    with (data_dir() / relative).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split("|") if code.strip())


@dataclass(frozen=True, slots=True)
class LegalCategory:
    code: str
    label: str
    kind: str
    subkind: str
    ess_by_status: bool


@cache
def legal_categories() -> dict[str, LegalCategory]:
    return {
        row["code"]: LegalCategory(
            row["code"], row["label"], row["kind"], row["subkind"], row["ess_by_status"] == "1"
        )
        for row in _read("sirene/categories_juridiques.csv")
    }


UNKNOWN_CATEGORY = LegalCategory("", "", "entreprise", "", False)


def legal_category(code: str) -> LegalCategory:
    return legal_categories().get(code, UNKNOWN_CATEGORY)


@dataclass(frozen=True, slots=True)
class NafMapping:
    themes: tuple[str, ...]
    kind: str = ""
    subkind: str = ""


@cache
def naf_table() -> dict[str, NafMapping]:
    return {
        row["naf"]: NafMapping(_codes(row["themes"]), row["kind"], row["subkind"])
        for row in _read("naf/naf_themes.csv")
    }


NO_NAF = NafMapping(())


@cache
def naf_mapping(code: str) -> NafMapping:
    """The most precise row for a NAF rév. 2 code: sous-classe, classe, groupe, division."""
    table = naf_table()
    for prefix in (code, code[:5], code[:4], code[:2]):
        if prefix and prefix in table:
            return table[prefix]
    return NO_NAF


@cache
def social_objects() -> dict[str, str]:
    """Code → label of the JOAFE nomenclature."""
    return {row["code"]: row["label"] for row in _read("joafe/objets_sociaux.csv")}


@cache
def social_object_table() -> dict[str, tuple[str, ...]]:
    return {row["code"]: _codes(row["themes"]) for row in _read("joafe/objets_sociaux_themes.csv")}


RECLASSIFY = "050000"
NO_CODE = "000000"


def social_object_code(value: str) -> str:
    """A 6-digit code (leading zeros restored), or "" for none/invalid."""
    text = (value or "").strip()
    if text.isdigit() and 1 <= len(text) <= 6:
        text = text.zfill(6)
        return "" if text == NO_CODE else text
    return ""


def social_object_themes(first: str, second: str = "") -> tuple[str, ...]:
    """Themes of an association from its two social-object codes; ``050000`` ("à
    reclasser") gives way to the second code."""
    table = social_object_table()
    codes = [social_object_code(first), social_object_code(second)]
    if codes[0] == RECLASSIFY:
        codes[0] = ""
    themes: list[str] = []
    for code in codes:
        if not code:
            continue
        mapped = table.get(code)
        if mapped is None:
            mapped = table.get(code[:3] + "000", ())
        themes += mapped
    return tuple(dict.fromkeys(themes))


def headcount(bracket: str) -> int | None:
    return HEADCOUNT_LOWER_BOUND.get(bracket)


def company_size(*, kind: str, bracket: str, category: str) -> str:
    """TPE/PME/ETI/GE (domain.md §2) from INSEE's ``categorieEntreprise`` when it says ETI
    or GE, else from the headcount bracket; only for companies in the economic sense."""
    if kind not in SIZED_KINDS:
        return ""
    if category in {"ETI", "GE"}:
        return category.lower()
    employees = headcount(bracket)
    if employees is None:
        return "pme" if category == "PME" else ""
    if employees < 10:
        return "tpe"
    if employees < 250:
        return "pme"
    return "eti" if employees < 5000 else "ge"


@cache
def vocabularies_digest() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for relative in (
        "sirene/categories_juridiques.csv",
        "naf/naf_themes.csv",
        "joafe/objets_sociaux_themes.csv",
    ):
        digest.update((data_dir() / relative).read_bytes())
    return digest.hexdigest()
