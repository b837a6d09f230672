"""French text similarity of a need and an offer: TF-IDF over Snowball stems.

The texts go through the search's French analysis (``search.analysis``: folding, stop
words, Snowball French stems), so that « bénévoles », « bénévolat » and « Bénévole » meet.
Term weights are ``(1 + log tf) · idf`` with the smoothed ``idf = 1 + log((1 + N) / (1 +
df))`` over every current need and offer (``TermStatistic``, rebuilt by
``maillage matching_housekeeping``); with no statistics every idf is 1. Vectors are
L2-normalised, so the similarity is their cosine, in [0, 1].
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from maillage.search.analysis import index_words, stem

MAX_WORDS = 120  # words of a text looked at
MIN_STEM_LENGTH = 2
# Function words the search's stop list keeps (it mirrors PostgreSQL's) but that say
# nothing about what a need or an offer is about.
EXTRA_STOPWORDS = frozenset(
    {
        "les",
        "aupres",
        "chez",
        "dont",
        "entre",
        "leurs",
        "plus",
        "tres",
        "tout",
        "tous",
        "toute",
        "toutes",
        "sans",
        "sous",
        "vers",
        "afin",
        "ainsi",
        "aussi",
        "bien",
        "comme",
        "donc",
        "lors",
        "etc",
        "cette",
        "cet",
        "ceux",
        "celle",
        "celles",
    }
)

Vector = dict[str, float]
Idf = Callable[[str], float]


def text_stems(*texts: str) -> list[str]:
    """Stems of the indexable words of the texts, in order, repeats kept (for tf)."""
    stems: list[str] = []
    for text in texts:
        for word in index_words(text or "")[:MAX_WORDS]:
            if word.isdigit() or word in EXTRA_STOPWORDS:
                continue
            root = stem(word)
            if len(root) >= MIN_STEM_LENGTH:
                stems.append(root)
    return stems


def idf_from(frequencies: Mapping[str, int], documents: int) -> Idf:
    def idf(term: str) -> float:
        return 1.0 + math.log((1 + documents) / (1 + frequencies.get(term, 0)))

    return idf


def uniform_idf(term: str) -> float:
    return 1.0


def vector(stems: Iterable[str], idf: Idf) -> Vector:
    counts = Counter(stems)
    weights = {term: (1.0 + math.log(count)) * idf(term) for term, count in counts.items()}
    norm = math.sqrt(sum(value * value for value in weights.values()))
    if not norm:
        return {}
    return {term: value / norm for term, value in weights.items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    total = sum(value * b[term] for term, value in a.items() if term in b)
    return min(1.0, max(0.0, total))


def shared_terms(a: Vector, b: Vector, *, limit: int = 3) -> list[str]:
    """The stems weighing most in the similarity (for explanations and tests)."""
    common = [(a[term] * b[term], term) for term in a if term in b]
    return [term for _weight, term in sorted(common, reverse=True)[:limit]]
