"""Whatever is typed, search answers normally (possibly with nothing), never with an error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.search.backends.base import SearchQuery
from maillage.search.selectors import actors_search, actors_suggest, search_query_errors

HOSTILE = [
    "",
    " ",
    '"',
    "'",
    "''",
    '"épicerie',
    'épicerie"',
    "*",
    "**",
    "-",
    "- -",
    "NEAR(",
    "NEAR(a b, 3)",
    "a OR",
    "AND",
    "NOT",
    "épicerie AND NOT",
    "^épicerie",
    "{name}: x",
    "name:épicerie",
    "col : x",
    "(",
    ")",
    "((((",
    "a:*",
    "'x':*A",
    "!",
    "&",
    "|",
    "<->",
    "x & | y",
    "1=1; DROP TABLE actors_actor; --",
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    "\\'",
    "\x00",
    "\x1b[31m",
    "\u200b",
    "🙂🙂",
    "épicerie 🙂",
    "ﬁ",
    "x" * 10_000,
    "é" * 5000,
    "mot " * 3000,
    "\n\t\r",
    "Ω≈ç√∫",
    "中文",
    "العربية",
]


@pytest.fixture
def directory(publish):
    publish("Épicerie solidaire", commune="86194", description="Ouverte à tous.")


@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_give_a_normal_answer(text):
    result, actors = actors_search(query=SearchQuery(text=text, with_facets=True))
    assert result.total >= len(actors) >= 0
    assert isinstance(actors_suggest(prefix=text), list)


@pytest.mark.usefixtures("directory")
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_text_gives_a_normal_answer(text):
    result, actors = actors_search(query=SearchQuery(text=text, place="86194"))
    assert result.total >= len(actors)
    actors_suggest(prefix=text)


@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize("code", ["\x00", "dep:\x00", "com:86194\x00", "🙂", "x" * 500, "' OR 1=1"])
def test_hostile_filter_codes_are_reported_not_raised(code):
    query = SearchQuery(
        kinds=(code,),
        themes=(code,),
        needs=(code,),
        offers=(code,),
        spheres=(code,),
        territory=code,
        place=code,
    )
    errors = search_query_errors(query=query)
    assert set(errors) == {"kind", "theme", "need", "offer", "sphere", "territory", "place"}
