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


# Fragments users (or scripts) type: FTS5 and tsquery operators, quotes, SQL, emoji,
# control characters, very long words. Hypothesis composes them with ordinary words.
FRAGMENTS = st.sampled_from(
    [
        "NEAR(",
        "NEAR(a b, 3)",
        "*",
        '"',
        "'",
        "-",
        "^",
        "{name}:",
        "tags:",
        "{tags} : zkassociation",
        "zkassociation",
        "zqa",
        "AND",
        "OR",
        "NOT",
        "(",
        ")",
        ":*",
        "!!",
        "<->",
        "' OR 1=1 --",
        "; DROP TABLE actors_actor; --",
        "%",
        "\\",
        "\x00",
        "\x1b[2J",
        "\u202e",
        "🙂",
        "👩‍👩‍👧",
        "épicerie",
        "solidaire",
        "é" * 300,
    ]
)
HOSTILE_TEXT = st.one_of(
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=8).map(" ".join),
    st.lists(FRAGMENTS, max_size=6).map("".join),
    st.just("x" * 10_000),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
)


@pytest.mark.usefixtures("directory")
@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=HOSTILE_TEXT, facets=st.booleans(), page=st.integers(min_value=-3, max_value=50))
def test_composed_hostile_text_gives_a_normal_answer(text, facets, page):
    result, actors = actors_search(
        query=SearchQuery(text=text, with_facets=facets, page=page, place="86194")
    )
    assert result.total >= len(actors) >= 0
    assert all(actor.name for actor in actors)
    assert isinstance(actors_suggest(prefix=text), list)


def test_tag_words_typed_by_a_user_find_no_tagged_actor(publish):
    publish("Épicerie solidaire", commune="86194")
    for text in ("zkassociation", "zc86194", "za", "zqa", "zd86"):
        result, _ = actors_search(query=SearchQuery(text=text))
        assert result.total == 0, text


@pytest.mark.usefixtures("directory")
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=HOSTILE_TEXT, kind=st.sampled_from(["", "association", "inconnu", "\x00", "' --"]))
def test_the_directory_page_and_the_api_answer_hostile_queries(client, text, kind):
    params = {"q": text.replace("\x00", "")[:2000], **({"kind": kind} if kind else {})}
    page = client.get("/acteurs/", params)
    assert page.status_code == 200
    api = client.get("/api/v1/actors", params)
    assert api.status_code in {200, 400}
    if kind in {"inconnu", "\x00", "' --"}:
        assert api.status_code == 400 or "inconnu" in page.content.decode()
