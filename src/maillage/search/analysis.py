"""French text analysis shared by the search backends: folding, tokens, stems, typos.

Pure functions, no database. The same analysis runs at indexing time (SQLite: the FTS5
table stores the analysed text) and at query time (both backends), so that a word and its
forms meet whatever the accents, case and number:

- ``fold``: lower case (casefold), accents removed (NFKD), ligatures expanded (œ → oe);
- ``words``: runs of letters and digits of the folded text; everything else separates;
- ``STOPWORDS``: PostgreSQL's French stop list (Snowball), folded, plus ``a`` (from « à »).
  It is a superset of what PostgreSQL's ``maillage_fr`` configuration drops after
  ``unaccent`` — on the query side, dropping more words than the index did is harmless,
  the reverse would make every query containing such a word fail;
- ``stem``: the Snowball French stemmer applied to the *folded* word, as PostgreSQL's
  ``unaccent, french_stem`` chain does, so « Épiceries » and « epicerie » both give
  ``epicer``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

# Longest query text looked at, and most words kept: beyond this a query is not a search.
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 12
# A typo is looked for only in words at least this long (shorter words have too many
# neighbours at one edit to be corrected usefully).
MIN_TYPO_LENGTH = 4
# Shortest last word completed as a prefix (« ép » → épicerie); one letter matches too much.
MIN_PREFIX_LENGTH = 2

_WORD = re.compile(r"[^\W_]+")
# Combining marks left by NFKD decomposition (diacritics of Latin, Greek, Cyrillic… scripts).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# PostgreSQL 15 tsearch_data/french.stop (Snowball's list), folded; plus « a » (« à »).
_FRENCH_STOP = """
au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes
moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
tu un une vos votre vous c d j l à m n s t y été étée étées étés étant étante étants
étantes suis es est sommes êtes sont serai seras sera serons serez seront serais serait
serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois
soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes
ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais
aurait aurions auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie
aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent
"""


def fold(text: str) -> str:
    """Lower case, without accents or ligatures: « Œuvre Épicerie » → "oeuvre epicerie"."""
    text = text or ""
    if text.isascii():
        return text.lower()
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()
    # Ligatures NFKD keeps (casefold already turned ß into ss and Œ into œ).
    return folded.replace("œ", "oe").replace("æ", "ae")


STOPWORDS: frozenset[str] = frozenset(fold(_FRENCH_STOP).split()) | {"a"}

_stemmer = snowballstemmer.stemmer("french")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball French stem of a folded word (cached: rebuilds stem millions of words)."""
    if word.isdigit():
        return word
    return _stemmer.stemWord(word) or word


def words(text: str) -> list[str]:
    """Folded words of a text, in order, stop words included."""
    return _WORD.findall(fold(text))


def index_words(text: str) -> list[str]:
    """Folded words worth indexing: stop words dropped."""
    return [word for word in words(text) if word not in STOPWORDS]


def analysed(text: str) -> str:
    """The text as the SQLite FTS5 table indexes it: stems of the indexable words."""
    return stems_text(index_words(text))


def stems_text(indexable: list[str]) -> str:
    """Stems of already folded, indexable words, as the FTS5 table stores them."""
    return " ".join(map(stem, indexable))


# --------------------------------------------------------------------------- queries


@dataclass
class QueryTerm:
    """One word of a query and everything that may stand for it in a document.

    A document matches the term when it holds ``word`` (through its stem), one of the
    ``alternatives`` (whole words: typo corrections, completions of a prefix whose stem is
    shorter than the prefix), or — for the last word while typing — a token starting
    with ``word``.
    """

    word: str
    prefix: bool = False
    alternatives: list[str] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return stem(self.word)

    def all_words(self) -> list[str]:
        return list(dict.fromkeys([self.word, *self.alternatives]))

    def all_stems(self) -> list[str]:
        return list(dict.fromkeys(stem(word) for word in self.all_words()))


def parse_query(text: str, *, prefix_last: bool = True) -> list[QueryTerm]:
    """The terms of a user's query; any string is accepted (operators are just separators).

    The last word is a prefix (autocomplete) unless the text ends with a separator.
    Stop words are dropped, repeated words kept once, at most ``MAX_QUERY_WORDS`` words.
    """
    text = (text or "")[:MAX_QUERY_CHARS]
    found = words(text)
    if not found:
        return []
    typing_last = prefix_last and bool(_WORD.fullmatch(fold(text[-1:]) or "_"))
    terms: list[QueryTerm] = []
    seen: set[str] = set()
    for position, word in enumerate(found):
        is_last = position == len(found) - 1
        if word in STOPWORDS or word in seen:
            continue
        seen.add(word)
        terms.append(
            QueryTerm(word=word, prefix=is_last and typing_last and len(word) >= MIN_PREFIX_LENGTH)
        )
    return terms[:MAX_QUERY_WORDS]


# --------------------------------------------------------------------------- typos


def max_typos(word: str) -> int:
    """Edits tolerated in a word: none under 4 letters, one up to 7, two beyond."""
    if len(word) < MIN_TYPO_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2


def deletion_variants(word: str) -> set[str]:
    """The word and every string one deletion away (symmetric-delete typo lookup: two words
    within one edit — insertion, deletion, substitution, transposition — share a variant)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str, *, limit: int = 2) -> int:
    """Optimal-string-alignment (Damerau–Levenshtein) distance, capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def closest_words(word: str, candidates: list[str], *, limit: int = 5) -> list[str]:
    """Candidates within the tolerated number of edits of ``word``, closest first."""
    allowed = max_typos(word)
    if not allowed:
        return []
    scored = sorted(
        (distance, len(candidate), candidate)
        for candidate in set(candidates)
        if candidate != word
        and (distance := edit_distance(word, candidate, limit=allowed)) <= allowed
    )
    return [candidate for _, _, candidate in scored[:limit]]


# --------------------------------------------------------------------------- scoring

# Column weights (name, keywords, body) and typical lengths in analysed tokens, for
# ``text_score``: a BM25-like term-frequency score without inverse document frequency.
SCORE_WEIGHTS = (10.0, 4.0, 1.0)
TYPICAL_LENGTHS = (4.0, 15.0, 60.0)
_K1, _B = 1.2, 0.75


def score_patterns(terms: list[QueryTerm]) -> list[tuple[list[str], str | None]]:
    """What ``text_score`` looks for, per term, computed once per query: the padded stems
    that are whole tokens and, for the word being typed, the padded prefix."""
    patterns = []
    for term in terms:
        prefix = term.word if term.prefix else None
        stems = [
            f" {stem_} "
            for stem_ in term.all_stems()
            if prefix is None or not stem_.startswith(prefix)
        ]
        patterns.append((stems, f" {prefix}" if prefix else None))
    return patterns


def text_score(
    patterns: list[tuple[list[str], str | None]], columns: tuple[str, str, str]
) -> tuple[int, float]:
    """(tier, score) of one document, from its analysed columns (name, keywords, body:
    space-separated stems, as the SQLite index holds them) and ``score_patterns``.

    A term is found in a column when one of its stems is a token of it, or, for the word
    being typed, when a token starts with it — exactly what the FTS5 query matches. Tier 2:
    every term in the name; 1: every term in the name or the keywords; 0: otherwise. The
    score is BM25-like (column weights, length normalisation) without inverse document
    frequency. Only string counting: a few microseconds a document."""
    in_name = [False] * len(patterns)
    in_keywords = [False] * len(patterns)
    score = 0.0
    for position, column in enumerate(columns):
        if not column:
            continue
        padded = f" {column} "
        norm = _K1 * (1 - _B + _B * (column.count(" ") + 1) / TYPICAL_LENGTHS[position])
        for index, (stems, prefix) in enumerate(patterns):
            frequency = sum(padded.count(stem_) for stem_ in stems)
            if prefix is not None:
                frequency += padded.count(prefix)
            if frequency:
                if position == 0:
                    in_name[index] = True
                elif position == 1:
                    in_keywords[index] = True
                score += SCORE_WEIGHTS[position] * frequency * (_K1 + 1) / (frequency + norm)
    if all(in_name):
        return 2, score
    if all(a or b for a, b in zip(in_name, in_keywords, strict=True)):
        return 1, score
    return 0, score
