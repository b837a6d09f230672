"""The shipped vocabularies (data/naf, data/joafe, data/sirene) and the pure mappings."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from django.conf import settings

from maillage.actors.reference_data import KINDS, THEMES
from maillage.importers.vocabularies import (
    company_size,
    headcount,
    legal_category,
    naf_mapping,
    social_object_code,
    social_object_themes,
)

DATA = Path(settings.DATA_DIR)
THEME_CODES = {code for code, _label, _odds in THEMES}
SUBKINDS = {kind: {sub for sub, _label, _di in subs} for kind, _l, _s, _d, subs in KINDS}


def _rows(relative: str) -> list[dict[str, str]]:
    with (DATA / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _themes(text: str) -> set[str]:
    return {code for code in text.split("|") if code}


def test_joafe_nomenclature_is_well_formed() -> None:
    rows = _rows("joafe/objets_sociaux.csv")
    codes = [row["code"] for row in rows]

    assert len(codes) == len(set(codes)), "duplicate codes"
    assert all(re.fullmatch(r"\d{6}", code) for code in codes)
    families = {code for code in codes if code.endswith("000")}
    assert len(families) == 29
    for row in rows:
        assert row["family"] == row["code"][:3] + "000"
        assert row["family"] in families
        assert row["label"].strip() == row["label"] and row["label"]
    labels = {row["code"]: row["label"] for row in rows}
    assert labels["019016"] == "aide à l'insertion des jeunes"
    assert labels["024026"] == "protection des animaux"
    assert labels["018005"] == "accueil et protection de la petite enfance"


def test_joafe_theme_mapping_uses_known_codes_and_themes() -> None:
    codes = {row["code"] for row in _rows("joafe/objets_sociaux.csv")}
    mapping = _rows("joafe/objets_sociaux_themes.csv")
    mapped = [row["code"] for row in mapping]

    assert len(mapped) == len(set(mapped))
    assert set(mapped) <= codes
    families = {code for code in codes if code.endswith("000")}
    assert families <= set(mapped), "every family says what it maps to"
    for row in mapping:
        assert _themes(row["themes"]) <= THEME_CODES, row


def test_naf_mapping_uses_known_themes_kinds_and_code_shapes() -> None:
    for row in _rows("naf/naf_themes.csv"):
        assert re.fullmatch(r"\d{2}(\.\d(\d([A-Z])?)?)?", row["naf"]), row["naf"]
        assert _themes(row["themes"]) <= THEME_CODES
        if row["kind"]:
            assert row["subkind"] in SUBKINDS[row["kind"]]


def test_legal_categories_cover_every_code_with_known_kinds() -> None:
    rows = _rows("sirene/categories_juridiques.csv")
    codes = [row["code"] for row in rows]

    assert len(codes) == len(set(codes)) == 260
    for row in rows:
        assert re.fullmatch(r"\d{4}", row["code"])
        assert row["kind"] in SUBKINDS, row
        assert not row["subkind"] or row["subkind"] in SUBKINDS[row["kind"]], row
        assert row["ess_by_status"] in {"0", "1"}


@pytest.mark.parametrize(
    ("code", "kind", "subkind", "ess"),
    [
        ("9220", "association", "association_declaree", True),
        ("9230", "association", "association_rup", True),
        ("9222", "siae", "ai", True),
        ("9300", "fondation", "fondation", True),
        ("5458", "cooperative", "scop", True),
        ("8210", "mutuelle", "mutuelle_mutualite", True),
        ("7210", "collectivite", "commune", False),
        ("7346", "collectivite", "communaute_communes", False),
        ("7361", "etablissement_public", "ccas", False),
        ("5710", "entreprise", "entreprise_privee", False),
        ("0001", "entreprise", "", False),  # unknown code
    ],
)
def test_legal_category_classification(code: str, kind: str, subkind: str, ess: bool) -> None:
    category = legal_category(code)
    assert (category.kind, category.subkind, category.ess_by_status) == (kind, subkind, ess)


def test_naf_mapping_takes_the_most_precise_row() -> None:
    assert naf_mapping("88.10C").kind == "secteur_adapte"
    assert set(naf_mapping("88.10C").themes) == {"handicap", "emploi"}
    assert naf_mapping("86.21Z").themes == ("sante",)  # division 86
    assert naf_mapping("87.10A").themes == ("vieillissement", "sante")  # not division 87
    assert naf_mapping("94.99Z").themes == ()  # listed without theme on purpose
    assert naf_mapping("62.01Z").themes == ()


def test_social_object_codes_and_themes() -> None:
    assert social_object_code("24026") == "024026"  # leading zero restored
    assert social_object_code("000000") == ""
    assert social_object_code("n/a") == ""
    assert social_object_themes("050000", "024026") == ("transition_ecologique",)
    assert social_object_themes("000000") == ()
    assert social_object_themes("019016") == ("insertion_jeunes",)
    assert social_object_themes("019099") == ("precarite",)  # unknown sub-theme: family
    assert social_object_themes("011075", "011018") == ("culture_sport_loisirs", "handicap")


def test_headcount_and_company_size() -> None:
    assert headcount("03") == 6
    assert headcount("NN") == 0
    assert headcount("") is None
    assert company_size(kind="entreprise", bracket="02", category="PME") == "tpe"
    assert company_size(kind="entreprise", bracket="12", category="PME") == "pme"
    assert company_size(kind="entreprise", bracket="12", category="ETI") == "eti"
    assert company_size(kind="entreprise", bracket="52", category="") == "ge"
    assert company_size(kind="entreprise", bracket="", category="PME") == "pme"
    assert company_size(kind="association", bracket="52", category="GE") == ""
