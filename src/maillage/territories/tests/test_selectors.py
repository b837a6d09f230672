"""Hierarchy, resolution, population and autocomplete on the hand-made referential."""

from __future__ import annotations

import pytest

from maillage.territories.codes import InvalidTerritoryCode
from maillage.territories.names import fold, query_variants
from maillage.territories.selectors import (
    commune_hierarchy,
    commune_resolve,
    communes_in_territory,
    territory_autocomplete,
    territory_detail,
    territory_get,
    territory_parents,
    territory_population,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mini_referential")]


def _codes(query: str, **kwargs: object) -> list[str]:
    return [territory.code for territory in territory_autocomplete(query=query, **kwargs)]


# --------------------------------------------------------------------------- hierarchy


def test_commune_hierarchy_gives_its_epci_departement_and_region() -> None:
    hierarchy = commune_hierarchy(code="86194")

    assert hierarchy is not None
    assert hierarchy.commune.name == "Poitiers"
    assert hierarchy.epci is not None and hierarchy.epci.name == "CU du Grand Poitiers"
    assert hierarchy.departement.code == "86"
    assert hierarchy.region.code == "75"


def test_commune_in_no_epci_has_none_as_epci() -> None:
    hierarchy = commune_hierarchy(code="22016")

    assert hierarchy is not None
    assert hierarchy.epci is None
    assert hierarchy.region.name == "Bretagne"


def test_hierarchy_of_an_arrondissement_is_its_commune_s() -> None:
    hierarchy = commune_hierarchy(code="75112")

    assert hierarchy is not None
    assert hierarchy.commune.code == "75056"
    assert hierarchy.epci is not None and hierarchy.epci.code == "200054781"


def test_communes_of_each_level() -> None:
    def codes(code: str) -> set[str]:
        return set(communes_in_territory(code).values_list("code", flat=True))

    assert codes("epci:200069854") == {"86194", "86041", "86115", "86214"}
    assert codes("dep:86") == {"86194", "86041", "86115", "86214", "86066"}
    assert codes("reg:975") == {"97501", "97502"}
    assert codes("com:86194") == {"86194"}
    assert len(codes("fr")) == 11
    assert codes("dep:33") == set()


def test_communes_of_a_malformed_code_raise() -> None:
    with pytest.raises(InvalidTerritoryCode):
        communes_in_territory("departement:86")


def test_parents_of_a_commune_go_from_epci_to_france() -> None:
    assert [parent.code for parent in territory_parents(code="com:86194")] == [
        "epci:200069854",
        "dep:86",
        "reg:75",
        "fr",
    ]
    assert [parent.code for parent in territory_parents(code="com:97502")] == [
        "dep:975",
        "reg:975",
        "fr",
    ]
    assert [parent.code for parent in territory_parents(code="epci:200069854")] == [
        "dep:86",
        "reg:75",
        "fr",
    ]
    assert [parent.code for parent in territory_parents(code="dep:88")] == ["reg:44", "fr"]
    assert territory_parents(code="fr") == []
    assert territory_parents(code="com:00000") == []


# --------------------------------------------------------------------------- resolve


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("86194", "86194"),  # a current commune
        ("com:86194", "86194"),
        ("75112", "75056"),  # a municipal arrondissement → Paris
        ("01015", "01015"),  # shared by a current and a delegated commune: the current one
        ("01340", "01015"),  # a delegated commune (and former code) → its commune nouvelle
        ("86146", "86115"),  # a former code → the commune that absorbed it
        ("86115", "86115"),
    ],
)
def test_resolve_any_code_to_the_current_commune(code: str, expected: str) -> None:
    commune = commune_resolve(code)

    assert commune is not None
    assert commune.code == expected


@pytest.mark.parametrize("code", ["", "99999", "com:", "pas un code"])
def test_resolve_unknown_code_gives_none(code: str) -> None:
    assert commune_resolve(code) is None


# --------------------------------------------------------------------------- get, population


def test_territory_get_names_each_level() -> None:
    vienne = territory_get("dep:86")
    poitiers = territory_get("com:86194")

    assert vienne is not None and (vienne.name, vienne.label) == ("Vienne", "Vienne (86)")
    assert poitiers is not None and (poitiers.name, poitiers.label) == ("Poitiers", "Poitiers (86)")
    assert poitiers.level_label == "Commune"
    assert territory_get("fr") is not None
    assert territory_get("dep:33") is None
    assert territory_get("n'importe quoi") is None


def test_population_of_each_level() -> None:
    assert territory_population(code="com:86194") == 89916
    assert territory_population(code="epci:200069854") == 196849
    assert territory_population(code="dep:975") == 596 + 5194
    assert territory_population(code="reg:44") == 32251
    assert territory_population(code="fr") == (
        710 + 429 + 2103778 + 10289 + 31003 + 7528 + 89916 + 7375 + 32251 + 596 + 5194
    )
    assert territory_population(code="dep:33") is None


def test_detail_of_an_arrondissement_code_answers_its_commune() -> None:
    detail = territory_detail(code="com:75112")

    assert detail is not None
    assert detail.territory.code == "com:75056"
    assert detail.siren == "217500016"
    assert "75012" in detail.postal_codes
    assert detail.communes == 1


# --------------------------------------------------------------------------- autocomplete


def test_autocomplete_ignores_accents_and_case() -> None:
    assert _codes("epinal")[0] == "com:88160"
    assert _codes("ÉPINAL")[0] == "com:88160"
    assert _codes("chatel")[0] == "com:86066"


def test_autocomplete_finds_a_commune_by_postal_code() -> None:
    results = territory_autocomplete(query="86000")

    assert [territory.code for territory in results] == ["com:86194"]
    assert results[0].label == "Poitiers (86000)"


def test_autocomplete_postal_code_shared_by_two_communes_puts_the_bigger_first() -> None:
    assert _codes("97500") == ["com:97502", "com:97501"]


def test_autocomplete_finds_every_postal_code_not_only_the_first() -> None:
    assert _codes("86380") == ["com:86115"]
    assert _codes("75012")[0] == "com:75056"


def test_autocomplete_departement_number_comes_before_its_communes() -> None:
    codes = _codes("86")

    assert codes[0] == "dep:86"
    assert codes[1] == "com:86194"  # the biggest commune of the 86xxx postal codes


def test_autocomplete_exact_name_before_prefix_and_bigger_population_first() -> None:
    codes = _codes("saint")

    # All prefix matches: Saint-Benoît (7 375 inhabitants) before Saint-Pierre (5 194).
    assert codes.index("com:86214") < codes.index("com:97502")
    assert _codes("vienne")[0] == "dep:86"


def test_autocomplete_finds_a_name_by_one_of_its_words() -> None:
    codes = _codes("poitiers")

    assert codes == ["com:86194", "epci:200069854"]


def test_autocomplete_reads_st_as_saint() -> None:
    assert _codes("st benoit") == ["com:86214"]
    assert _codes("St-Pierre")[0] == "com:97502"


def test_autocomplete_finds_a_commune_by_a_delegated_commune_s_name() -> None:
    results = territory_autocomplete(query="arbignieu")

    assert [territory.code for territory in results] == ["com:01015"]
    assert results[0].label == "Arboys en Bugey (01) — commune déléguée Arbignieu"


def test_autocomplete_finds_paris_by_an_arrondissement_code() -> None:
    results = territory_autocomplete(query="75112")

    assert results[0].code == "com:75056"
    assert "75112" in results[0].label


def test_autocomplete_finds_an_epci_by_siren() -> None:
    assert _codes("200069854") == ["epci:200069854"]


def test_autocomplete_restricted_to_some_levels() -> None:
    assert _codes("poitiers", levels=["epci"]) == ["epci:200069854"]
    assert _codes("vienne", levels=["com"]) == []


def test_autocomplete_overseas_collectivity_appears_once() -> None:
    assert _codes("saint pierre et miquelon") == ["dep:975"]


def test_autocomplete_respects_the_limit_and_ignores_empty_queries() -> None:
    assert len(_codes("saint", limit=1)) == 1
    assert _codes("   ") == []
    assert _codes("zzzz") == []


# --------------------------------------------------------------------------- names


def test_fold_removes_accents_ligatures_and_punctuation() -> None:
    assert fold("L'Haÿ-les-Roses") == "l hay les roses"
    assert fold("Œuilly") == "oeuilly"
    assert fold("  Saint-Étienne ") == "saint etienne"


def test_query_variants_spell_out_saint() -> None:
    assert query_variants("St-Étienne") == ["st etienne", "saint etienne"]
    assert query_variants("Ste Foy") == ["ste foy", "sainte foy"]
    assert query_variants("") == []
