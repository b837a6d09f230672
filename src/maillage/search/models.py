"""The search index's own tables (written only by ``search.services`` through a backend).

- ``ActorDocument``: one row per indexed actor. On SQLite its three text columns hold the
  *analysed* text (folded stems, ``search.analysis.analysed``) and are the external content
  of the FTS5 table ``search_actordocument_fts`` (migration 0002), kept in step by
  triggers — so deleting an actor (Django cascades to its document) also removes it from
  the full-text index. On PostgreSQL the text columns stay empty: migration 0002 adds a
  weighted ``vector tsvector`` column (GIN-indexed) computed from the raw text at write
  time with the ``maillage_fr`` configuration (``unaccent`` then ``french_stem``).
  ``tags`` holds the document's filter tags (``search.tags``) on both databases: a fourth
  FTS5 column on SQLite, weight D of the vector on PostgreSQL.
- ``SearchTerm``: the lexicon of distinct folded words seen in documents, with their
  stem and whether they occur in a name. It serves prefix completion (a typed prefix
  longer than the stem of the word being typed), "is this word known?" and, for name
  words, typo tolerance: a trigram GIN index on PostgreSQL (pg_trgm), the
  ``SearchNameVariant`` table on SQLite. Growing only between rebuilds: a word whose
  last document disappeared stays until ``rebuild_search_index``, which costs nothing
  but a useless query alternative.
- ``SearchNameVariant`` (SQLite): every name word and its one-deletion variants.
"""

from __future__ import annotations

from django.db import models

from maillage.actors.models import Actor


class ActorDocument(models.Model):
    actor = models.OneToOneField(
        Actor, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    # SQLite only (analysed text, the FTS5 external content); empty on PostgreSQL.
    name = models.TextField(blank=True, default="")
    keywords = models.TextField(blank=True, default="")
    body = models.TextField(blank=True, default="")
    # Both databases: the filter tags (search.tags), read back for facet counts.
    tags = models.TextField(blank=True, default="")
    # SQLite only: the FTS5 rowid, in quality order (``search.tags.document_key``), so that
    # the first matches read are those of the most complete profiles; 0 on PostgreSQL.
    doc_key = models.BigIntegerField(default=0, db_index=True)

    class Meta:
        ordering = ["actor_id"]

    def __str__(self) -> str:
        return f"document {self.actor_id}"


class SearchTerm(models.Model):
    word = models.CharField(max_length=100, unique=True)
    stem = models.CharField(max_length=100, db_index=True)
    in_name = models.BooleanField(default=False)

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class SearchNameVariant(models.Model):
    variant = models.CharField(max_length=100)
    word = models.CharField(max_length=100)

    class Meta:
        ordering = ["variant", "word"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "word"], name="search_name_variant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.variant} → {self.word}"
