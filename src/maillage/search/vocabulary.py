"""The lexicon of indexed words (``SearchTerm``), shared by the native backends.

It answers three questions cheaply, whatever the number of actors (a lexicon of distinct
words stays in the hundreds of thousands when documents reach the millions):

- is a query word known (as a word or through its stem)? Unknown words are the only ones
  for which typo corrections are looked for;
- which indexed words start with a prefix being typed, when the prefix runs past their
  stem (« insertio » must find « insertion », indexed under ``insert``);
- which name words are one edit away from a word (SQLite, ``SearchNameVariant``;
  PostgreSQL uses a trigram index on ``SearchTerm.word`` instead, see its backend).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import Q

from maillage.search.analysis import deletion_variants, stem
from maillage.search.models import SearchNameVariant, SearchTerm

MAX_WORD_LENGTH = 100
# Lexicon rows read to complete one prefix; words are read in alphabetical order, so a
# short prefix sees its first words only — it matches plenty through FTS prefix queries.
PREFIX_SCAN = 200
MAX_COMPLETIONS = 20


def _keep(word: str) -> bool:
    # Words with digits (numbers, references) are neither stemmed nor worth correcting.
    return 1 < len(word) <= MAX_WORD_LENGTH and word.isalpha()


def vocabulary_add(
    *, name_words: Iterable[str], other_words: Iterable[str], with_variants: bool
) -> None:
    """Record words (idempotent; a word once seen in a name stays flagged as a name word).

    Raw ``executemany`` upserts: a rebuild writes hundreds of thousands of rows."""
    names = sorted({word for word in name_words if _keep(word)})
    others = sorted({word for word in other_words if _keep(word)} - set(names))
    terms = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        if names:
            cursor.executemany(
                f"INSERT INTO {terms} (word, stem, in_name) VALUES (%s, %s, %s) "  # noqa: S608
                "ON CONFLICT (word) DO UPDATE SET in_name = EXCLUDED.in_name",
                [(word, stem(word)[:MAX_WORD_LENGTH], True) for word in names],
            )
        if with_variants and names:
            cursor.executemany(
                f"INSERT INTO {SearchNameVariant._meta.db_table} (variant, word) "  # noqa: S608
                "VALUES (%s, %s) ON CONFLICT (variant, word) DO NOTHING",
                [
                    (variant, word)
                    for word in names
                    if len(word) >= 3
                    for variant in sorted(deletion_variants(word))
                ],
            )
        if others:
            cursor.executemany(
                f"INSERT INTO {terms} (word, stem, in_name) VALUES (%s, %s, %s) "  # noqa: S608
                "ON CONFLICT (word) DO NOTHING",
                [(word, stem(word)[:MAX_WORD_LENGTH], False) for word in others],
            )


def vocabulary_clear() -> None:
    SearchNameVariant.objects.all().delete()
    SearchTerm.objects.all().delete()


def known_words(words: Iterable[str]) -> set[str]:
    """The words found in the lexicon, as such or through their stem."""
    wanted = {word for word in words if _keep(word)}
    if not wanted:
        return set()
    stems = {stem(word): word for word in wanted}
    rows = SearchTerm.objects.filter(Q(word__in=wanted) | Q(stem__in=stems)).values_list(
        "word", "stem"
    )
    known: set[str] = set()
    for word, word_stem in rows:
        if word in wanted:
            known.add(word)
        if word_stem in stems:
            known.add(stems[word_stem])
    return known


# A prefix of at least this many letters whose words all fit in ``PREFIX_SCAN`` lexicon
# rows (and in ``MAX_PREFIX_STEMS`` stems) is searched as those words, not as a prefix.
EXPANDED_PREFIX_MIN = 4
MAX_PREFIX_STEMS = 40


def prefix_words(prefix: str) -> list[str] | None:
    """Every indexed word starting with ``prefix``, one per stem — or None when there are
    too many to list (or the prefix is short, or not only letters): an index prefix query
    is then needed. Searching these words is the same as searching the prefix (an index
    token is the stem of a lexicon word, and a stem starts like its word), without the
    index merging every posting list of the prefix's range, which over a word such as
    « assoc » costs more than the rest of the search."""
    if len(prefix) < EXPANDED_PREFIX_MIN or not _keep(prefix):
        return None
    rows = SearchTerm.objects.all()
    if connection.vendor == "sqlite":
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = rows.filter(word__gte=prefix, word__lt=upper)
    else:
        rows = rows.filter(word__startswith=prefix)
    found = list(rows.order_by("word").values_list("word", "stem")[: PREFIX_SCAN + 1])
    if len(found) > PREFIX_SCAN:
        return None
    by_stem: dict[str, str] = {}
    for word, word_stem in found:
        if word.startswith(prefix):
            by_stem.setdefault(word_stem, word)
    if len(by_stem) > MAX_PREFIX_STEMS:
        return None
    return list(by_stem.values())


def prefix_completions(prefix: str) -> tuple[bool, list[str]]:
    """(whether any indexed word starts with ``prefix``, the words starting with it whose
    stem is shorter than the prefix — those a token-prefix query would miss)."""
    if not _keep(prefix):
        return False, []
    rows = SearchTerm.objects.all()
    if connection.vendor == "sqlite":
        # LIKE is case-insensitive on SQLite and cannot use the index: a range can.
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = rows.filter(word__gte=prefix, word__lt=upper)
    else:
        rows = rows.filter(word__startswith=prefix)
    found = list(rows.order_by("word").values_list("word", "stem")[:PREFIX_SCAN])
    completions = [
        word
        for word, word_stem in found
        if word.startswith(prefix) and len(word_stem) < len(prefix)
    ]
    return bool(found), completions[:MAX_COMPLETIONS]


def name_words_near_by_variants(word: str) -> list[str]:
    """Name words sharing a one-deletion variant with ``word`` (candidates, unverified)."""
    return list(
        SearchNameVariant.objects.filter(variant__in=sorted(deletion_variants(word)))
        .order_by("word")
        .values_list("word", flat=True)
        .distinct()[:200]
    )
