"""Name folding for accent-insensitive search of territories (pure text, no database)."""

from __future__ import annotations

import itertools
import unicodedata

# Abbreviations people type for the words official names spell out.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_MAX_VARIANTS = 4


def fold(text: str) -> str:
    """Lower-case, accent-free, hyphens and apostrophes as spaces: the autocomplete key.

    ``fold("L'Haÿ-les-Roses") == "l hay les roses"``; ``fold("Œuilly") == "oeuilly"``.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    plain = plain.replace("œ", "oe").replace("æ", "ae")
    for char in "-'’.,/()":
        plain = plain.replace(char, " ")
    return " ".join(plain.split())


def query_variants(text: str) -> list[str]:
    """The folded query, then the same with ``st``/``ste`` spelled ``saint``/``sainte``.

    ``query_variants("St-Étienne") == ["st etienne", "saint etienne"]``. The literal form
    stays first so that "st" still finds "Strasbourg" and "Stains".
    """
    words = fold(text).split()
    if not words:
        return []
    choices = [[word, _ABBREVIATIONS[word]] if word in _ABBREVIATIONS else [word] for word in words]
    variants = [" ".join(combination) for combination in itertools.product(*choices)]
    return list(dict.fromkeys(variants))[:_MAX_VARIANTS]
