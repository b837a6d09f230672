"""What is searchable about an actor: its search document, read in batches.

Three fields, weighted from most to least telling:

- ``name``: name and acronym;
- ``keywords``: kind and sub-kind labels, themes' labels, labels and approvals, the
  categories and titles of its active needs and offers;
- ``body``: description, texts of its active needs and offers, seat commune's name;

and its filter tags (``search.tags``): kind, sphere, themes, need/offer categories, seat
territories, status, quality bucket and sample shards.

Reference labels (themes, categories, communes) are copied into documents: after renaming
one in bulk, run ``maillage rebuild_search_index``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from maillage.actors.enums import ActorStatus, Direction
from maillage.actors.models import Actor, NeedOffer
from maillage.search.analysis import index_words
from maillage.search.tags import DocumentFacts, document_tags


@dataclass(frozen=True)
class ActorText:
    actor_id: int
    name: str
    keywords: str
    body: str
    tags: str = ""
    completeness: int = 0

    @cached_property
    def words(self) -> tuple[list[str], list[str], list[str]]:
        """Indexable folded words of the name, the keywords and the body (computed once)."""
        return index_words(self.name), index_words(self.keywords), index_words(self.body)

    def vocabulary(self) -> tuple[set[str], set[str]]:
        """(words of the name, every other indexable word)."""
        name, keywords, body = self.words
        name_words = set(name)
        return name_words, set(keywords).union(body) - name_words


def _join(parts: Sequence[str | None]) -> str:
    return "\n".join(part for part in parts if part)


def actor_texts(actor_ids: Sequence[int]) -> list[ActorText]:
    """Search documents of the existing actors among ``actor_ids`` (4 queries a batch)."""
    if not actor_ids:
        return []
    rows = list(
        Actor.objects.filter(pk__in=actor_ids)
        .order_by("pk")
        .values_list(
            "pk",
            "name",
            "acronym",
            "description",
            "kind__name",
            "subkind__name",
            "seat_commune__name",
            "kind_id",
            "sphere",
            "status",
            "completeness",
            "seat_commune_id",
            "epci_id",
            "departement_id",
            "region_id",
        )
    )
    if not rows:
        return []
    ids = [row[0] for row in rows]
    keywords: dict[int, list[str]] = defaultdict(list)
    body: dict[int, list[str]] = defaultdict(list)
    themes: dict[int, list[str]] = defaultdict(list)
    categories: dict[tuple[int, str], list[str]] = defaultdict(list)
    for actor_id, theme, theme_code in (
        Actor.themes.through.objects.filter(actor_id__in=ids)
        .order_by("actor_id", "theme__position", "theme_id")
        .values_list("actor_id", "theme__name", "theme_id")
    ):
        keywords[actor_id].append(theme)
        themes[actor_id].append(theme_code)
    for actor_id, label in (
        Actor.labels.through.objects.filter(actor_id__in=ids)
        .order_by("actor_id", "label_id")
        .values_list("actor_id", "label__name")
    ):
        keywords[actor_id].append(label)
    for actor_id, category, title, text, direction, category_code in (
        NeedOffer.objects.filter(actor_id__in=ids, is_active=True)
        .order_by("actor_id", "id")
        .values_list("actor_id", "category__name", "title", "text", "direction", "category_id")
    ):
        keywords[actor_id] += [category, title]
        body[actor_id].append(text)
        categories[(actor_id, direction)].append(category_code)
    return [
        ActorText(
            actor_id=actor_id,
            name=_join([name, acronym]),
            keywords=_join([kind, subkind, *keywords[actor_id]]),
            body=_join([description, *body[actor_id], commune]),
            tags=document_tags(
                DocumentFacts(
                    actor_id=actor_id,
                    kind=kind_code,
                    sphere=sphere,
                    active=status == ActorStatus.ACTIVE,
                    completeness=completeness,
                    commune=commune_code,
                    epci=epci,
                    departement=departement,
                    region=region,
                    themes=themes[actor_id],
                    needs=categories[(actor_id, Direction.NEED)],
                    offers=categories[(actor_id, Direction.OFFER)],
                )
            ),
            completeness=completeness,
        )
        for (
            actor_id,
            name,
            acronym,
            description,
            kind,
            subkind,
            commune,
            kind_code,
            sphere,
            status,
            completeness,
            commune_code,
            epci,
            departement,
            region,
        ) in rows
    ]


def actor_id_batches(*, batch_size: int = 2000) -> Iterator[list[int]]:
    """Every actor id, in ascending batches (keyset pagination: constant cost per batch)."""
    last = 0
    while True:
        batch = list(
            Actor.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            return
        yield batch
        last = batch[-1]
