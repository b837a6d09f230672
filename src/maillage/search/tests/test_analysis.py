"""The French analysis shared by both backends (pure functions)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from maillage.search.analysis import (
    MAX_QUERY_WORDS,
    analysed,
    deletion_variants,
    edit_distance,
    fold,
    parse_query,
    stem,
)


def test_fold_removes_accents_case_and_ligatures():
    assert fold("Œuvre ÉPICERIE Ça Naïve") == "oeuvre epicerie ca naive"


def test_accented_and_plain_spellings_share_a_stem():
    assert stem(fold("Épiceries")) == stem("epicerie") == "epicer"
    assert analysed("Épiceries SOLIDAIRES") == analysed("épicerie solidaire")


def test_analysed_text_drops_stop_words():
    assert analysed("Maison des lycéens du lycée") == "maison lyceen lyce"


def test_last_word_is_a_prefix_while_typing():
    terms = parse_query("épicerie sol")
    assert [(term.word, term.prefix) for term in terms] == [("epicerie", False), ("sol", True)]


def test_a_finished_last_word_is_not_a_prefix():
    assert [term.prefix for term in parse_query("épicerie ")] == [False]


def test_one_letter_last_word_is_not_completed():
    assert [term.prefix for term in parse_query("petit p")] == [False, False]


def test_query_operators_are_plain_separators():
    terms = parse_query('NEAR("épicerie" -solidaire*) OR x:z')
    assert [term.word for term in terms] == ["near", "epicerie", "solidaire", "or", "x", "z"]


def test_stop_words_and_repeated_words_are_dropped():
    assert [t.word for t in parse_query("la maison de la maison")] == ["maison"]


def test_query_keeps_a_bounded_number_of_words():
    assert len(parse_query(" ".join(f"mot{n}" for n in range(100)))) == MAX_QUERY_WORDS


def test_edit_distance_counts_a_transposition_as_one_edit():
    assert edit_distance("natixis", "natixsi") == 1
    assert edit_distance("rouge", "rouje") == 1
    assert edit_distance("bocage", "bocagge") == 1
    assert edit_distance("bocage", "vocaux") == 3  # capped at limit + 1


@given(st.text(alphabet="abcdefgh", min_size=3, max_size=10), st.data())
def test_words_one_edit_apart_share_a_deletion_variant(word, data):
    position = data.draw(st.integers(min_value=0, max_value=len(word) - 1))
    edit = data.draw(st.sampled_from(["insert", "delete", "substitute", "transpose"]))
    letter = data.draw(st.sampled_from("abcdefgh"))
    if edit == "insert":
        typo = word[:position] + letter + word[position:]
    elif edit == "delete":
        typo = word[:position] + word[position + 1 :]
    elif edit == "substitute":
        typo = word[:position] + letter + word[position + 1 :]
    else:
        chars = list(word)
        other = min(position + 1, len(word) - 1)
        chars[position], chars[other] = chars[other], chars[position]
        typo = "".join(chars)
    assert deletion_variants(word) & deletion_variants(typo)
    assert edit_distance(word, typo) <= 1
