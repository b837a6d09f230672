"""Filter tags: the structured part of a search document, as words of the full-text index.

Every document carries, besides its text, one *tag* per structured value the directory
filters and counts on. Because tags are words of the same index, a text query and its
filters are answered by one index lookup (an intersection of posting lists), and a
"first k matches" read stays a "first k matches" with filters (see backends/native.py):

- ``zk<kind>``, ``zp<sphere>``, ``zt<theme>`` (each), ``zn<category>`` (each active need),
  ``zo<category>`` (each active offer) — filters and facets;
- ``zc<commune>``, ``ze<epci>``, ``zd<département>``, ``zr<région>`` of the seat — the
  territory filter, proximity pools and the département facet; written first, in this
  order, so that ``search.services.search_index_refresh_territories`` can compare them
  with the actor's columns in SQL;
- ``za`` (active) or ``zx`` (closed);
- ``zq<a|b|c|d>``: the quality bucket of the profile's completeness (≥ 75, ≥ 50, ≥ 25, less):
  candidate reads take the best profiles first;
- ``zh<id % 4>``, ``zi<id % 16>``, ``zj<id % 64>``, ``zl<id % 256>``: sample shards —
  facet counts of a large result are estimated from one shard (a uniform sample: ids
  are interleaved across shards).

Tags live in their own column (SQLite: the ``tags`` FTS5 column; PostgreSQL: weight D, while
text is A–C and text queries are restricted to A–C), so a user typing ``zkassociation``
finds nothing more. Codes are folded to ``[a-z0-9]``: lower case, ``_`` → ``0``, ``-`` → ``1``
(territory codes are letters and digits only, kept as they are).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ACTIVE = "za"
CLOSED = "zx"
QUALITY_BUCKETS = ("zqa", "zqb", "zqc", "zqd")  # best first
# Sample shards: (prefix, modulus), coarsest first.
SHARD_LEVELS: tuple[tuple[str, int], ...] = (("zh", 4), ("zi", 16), ("zj", 64), ("zl", 256))

PREFIX_BY_FACET = {
    "kind": "zk",
    "sphere": "zp",
    "theme": "zt",
    "need": "zn",
    "offer": "zo",
    "departement": "zd",
}
TERRITORY_PREFIX = {"com": "zc", "epci": "ze", "dep": "zd", "reg": "zr"}


def code_token(code: str) -> str:
    """A vocabulary code as letters and digits (injective for slug codes)."""
    return (code or "").lower().replace("_", "0").replace("-", "1")


def tag(prefix: str, code: str) -> str:
    return prefix + code_token(code)


# Document keys (SQLite rowids): completeness first (best first), then the actor id.
KEY_SHIFT = 32
KEY_MASK = (1 << KEY_SHIFT) - 1


def document_key(actor_id: int, completeness: int) -> int:
    """``(100 - completeness) << 32 | actor_id``: ascending keys list the most complete
    profiles first; ``key & KEY_MASK`` is the actor id."""
    return ((100 - max(0, min(100, completeness))) << KEY_SHIFT) | actor_id


def quality_bucket(completeness: int) -> str:
    if completeness >= 75:
        return QUALITY_BUCKETS[0]
    if completeness >= 50:
        return QUALITY_BUCKETS[1]
    if completeness >= 25:
        return QUALITY_BUCKETS[2]
    return QUALITY_BUCKETS[3]


@dataclass(frozen=True)
class DocumentFacts:
    """What an actor's tags are made of."""

    actor_id: int
    kind: str
    sphere: str
    active: bool
    completeness: int
    commune: str | None = None
    epci: str | None = None
    departement: str | None = None
    region: str | None = None
    themes: Sequence[str] = ()
    needs: Sequence[str] = ()
    offers: Sequence[str] = ()


def document_tags(facts: DocumentFacts) -> str:
    """The tags of one document, space-separated, territory first (see the module)."""
    parts: list[str] = []
    for prefix, value in (
        ("zc", facts.commune),
        ("ze", facts.epci),
        ("zd", facts.departement),
        ("zr", facts.region),
    ):
        if value:
            parts.append(prefix + value.lower())
    parts.append(tag("zk", facts.kind))
    if facts.sphere:
        parts.append(tag("zp", facts.sphere))
    parts += [tag("zt", theme) for theme in dict.fromkeys(facts.themes)]
    # Categories sorted by tag (byte order), as PostgreSQL's set-based rebuild writes them.
    parts += sorted({tag("zn", category) for category in facts.needs})
    parts += sorted({tag("zo", category) for category in facts.offers})
    parts.append(ACTIVE if facts.active else CLOSED)
    parts.append(quality_bucket(facts.completeness))
    parts += [f"{prefix}{facts.actor_id % modulus}" for prefix, modulus in SHARD_LEVELS]
    return " ".join(parts)


# A conjunction of disjunctions: every group must have one of its tags present.
TagGroups = list[list[str]]


def any_of(prefix: str, codes: Iterable[str]) -> list[str]:
    return [tag(prefix, code) for code in dict.fromkeys(codes)]


def territory_tag(level: str, value: str) -> str | None:
    """The tag of a parsed territory code (None for ``fr``: no constraint)."""
    prefix = TERRITORY_PREFIX.get(level)
    return prefix + value.lower() if prefix else None
