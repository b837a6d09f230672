"""The canonical file's cell rules: formula neutralisation and multi-value escaping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maillage.exports.canonical import (
    COLUMNS,
    join_values,
    neutralise_formula,
    restore_formula,
    split_values,
    text_cells,
)

# Texts biased towards the characters the rules are about.
tricky_text = st.text(alphabet=st.sampled_from("'=+-@\t\r\n|\\:aé1 ;,\""), max_size=12) | st.text()


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+33 5 49 00 00 00", "'+33 5 49 00 00 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'=1", "''=1"),
        ("'abc", "'abc"),
        ("Association = loi 1901", "Association = loi 1901"),
        ("", ""),
    ],
)
def test_formula_neutralisation_examples(stored: str, written: str) -> None:
    assert neutralise_formula(stored) == written
    assert restore_formula(written) == stored


@given(tricky_text)
def test_restoring_a_neutralised_text_gives_it_back(text: str) -> None:
    assert restore_formula(neutralise_formula(text)) == text


@given(tricky_text)
def test_a_neutralised_text_never_starts_with_a_formula_character(text: str) -> None:
    assert not neutralise_formula(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_numbers_are_never_neutralised_but_text_columns_are() -> None:
    row = dict.fromkeys(COLUMNS, "-1") | {"latitude": 46.3, "longitude": -0.4588, "employees": 3}

    cells = dict(zip(COLUMNS, text_cells(row), strict=True))

    assert (cells["latitude"], cells["longitude"], cells["employees"]) == (46.3, -0.4588, 3)
    assert cells["name"] == "'-1"
    assert cells["phone"] == "'-1"


@given(st.lists(tricky_text.map(str.strip).filter(bool)))
def test_split_values_reverses_join_values(entries: list[str]) -> None:
    assert split_values(join_values(entries)) == entries


def test_join_escapes_only_pipes_and_backslashes() -> None:
    assert join_values(["locaux:salle | bureau", "C:\\dossier", "a"]) == (
        "locaux:salle \\| bureau|C:\\\\dossier|a"
    )


def test_split_is_lenient_with_hand_written_backslashes_and_blanks() -> None:
    assert split_values("competences:C:\\docs | locaux:salle||  ") == [
        "competences:C:\\docs",
        "locaux:salle",
    ]
