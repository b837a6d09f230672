"""``ActorProfile``: what the score reads about each actor, in one row, rebuilt from the
actors' tables. The matching's index, as the FTS table is the search's.

Contract:
- every change to an actor, its needs/offers, themes, partnership types, labels or
  intervention areas MUST mark its profile dirty (``signals.py`` does it for saves made
  through the ORM; the bulk importers set ``Actor.updated_at``, which
  ``profiles_refresh_stale`` compares with ``computed_at``);
- readers MUST call ``profiles_refresh_dirty`` first (suggestions do), so that what users
  just changed is what they are matched on;
- rebuilding MUST be idempotent and never touch the actors' tables.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from maillage.actors.enums import ActorStatus, Source
from maillage.actors.models import Actor, InterventionArea, NeedOffer
from maillage.matching.compatibility import (
    CATEGORY_BIT,
    SPHERE_INDEX,
    THEME_BIT,
    TYPE_BIT,
)
from maillage.matching.enums import IntroductionStatus
from maillage.matching.models import (
    ActorProfile,
    ActorProfileItems,
    Endorsement,
    Introduction,
    TermStatistic,
)
from maillage.matching.scoring.features import Item, Profile, items_from_json, items_to_json
from maillage.matching.scoring.text import Idf, idf_from, text_stems, uniform_idf

BATCH = 500
DIRTY_REFRESH_LIMIT = 2000  # profiles refreshed inline before a suggestion at most
MIN_ANSWERS_FOR_RESPONSIVENESS = 2
IDF_CACHE_SECONDS = 600
# Imports are not the organisation's own activity.
_ACTIVE_SOURCES = {Source.MANUAL, Source.DEMO}

PROFILE_COLUMNS = (
    "actor_id",
    "need_mask",
    "offer_mask",
    "theme_mask",
    "type_mask",
    "sphere",
    "commune",
    "epci",
    "departement",
    "region",
    "latitude",
    "longitude",
    "coverage",
    "endorsements",
    "labels",
    "completeness",
    "last_activity_day",
    "responsiveness",
)
_UPDATE_FIELDS = [
    "dirty",
    "is_active",
    "matchable",
    "need_mask",
    "offer_mask",
    "theme_mask",
    "type_mask",
    "sphere",
    "kind",
    "commune",
    "epci",
    "departement",
    "region",
    "latitude",
    "longitude",
    "coverage",
    "is_national",
    "endorsements",
    "labels",
    "completeness",
    "last_activity_day",
    "responsiveness",
    "computed_at",
]


# --------------------------------------------------------------------------- dirty marks


def profiles_mark_dirty(*, actor_ids: Iterable[int]) -> None:
    """Flag profiles for a rebuild (creating the row if the actor has none yet)."""
    ids = sorted({int(pk) for pk in actor_ids if pk})
    if not ids:
        return
    ActorProfile.objects.bulk_create(
        [ActorProfile(actor_id=pk, dirty=True) for pk in ids],
        update_conflicts=True,
        unique_fields=["actor"],
        update_fields=["dirty"],
    )


# --------------------------------------------------------------------------- building


def _date(value: dt.datetime | dt.date | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _mask(codes: Iterable[str], bits: Any) -> int:
    mask = 0
    for code in codes:
        bit = bits.get(code)
        if bit is not None:
            mask |= 1 << bit
    return mask


def profiles_build(
    actor_ids: Sequence[int], *, today: dt.date | None = None, contiguous: bool = False
) -> list[dict[str, Any]]:
    """Compute (without saving) the profiles of these actors from the actors' tables: one
    dict per actor, the ``ActorProfile`` columns and ``items`` (JSON text).
    ``contiguous``: the ids are every actor id from the first to the last (a range filter
    then replaces long ``IN`` lists)."""
    today = today or timezone.localdate()
    ids = sorted(actor_ids)

    def among(field: str) -> dict[str, Any]:
        if contiguous and ids:
            return {f"{field}__gte": ids[0], f"{field}__lte": ids[-1]}
        return {f"{field}__in": ids}

    actors = list(
        Actor.objects.filter(**among("pk"))
        .order_by()
        .values_list(
            "id",
            "status",
            "sphere",
            "kind_id",
            "seat_commune_id",
            "epci_id",
            "departement_id",
            "region_id",
            "latitude",
            "longitude",
            "completeness",
            "updated_at",
            "profile_confirmed_at",
            "source",
        )
    )
    items_by_actor: dict[int, list[Item]] = defaultdict(list)
    item_activity: dict[int, dt.date] = {}
    rows = list(
        NeedOffer.objects.filter(**among("actor_id"), is_active=True)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by("actor_id", "id")
        .values_list(
            "id",
            "actor_id",
            "direction",
            "category_id",
            "title",
            "text",
            "valid_until",
            "updated_at",
        )
    )
    item_themes: dict[int, list[str]] = defaultdict(list)
    if rows:
        for item_id, theme in NeedOffer.themes.through.objects.filter(
            **among("needoffer__actor_id")
        ).values_list("needoffer_id", "theme_id"):
            item_themes[item_id].append(theme)
    for item_id, actor_id, direction, category, title, text, valid_until, updated in rows:
        items_by_actor[actor_id].append(
            Item(
                id=item_id,
                direction=direction,
                category=category,
                stems=tuple(text_stems(title, text)),
                theme_mask=_mask(item_themes.get(item_id, ()), THEME_BIT),
                valid_until=valid_until,
            )
        )
        day = _date(updated)
        if day and (actor_id not in item_activity or day > item_activity[actor_id]):
            item_activity[actor_id] = day

    def grouped(through: Any, column: str) -> dict[int, list[str]]:
        result: dict[int, list[str]] = defaultdict(list)
        for actor_id, code in through.objects.filter(**among("actor_id")).values_list(
            "actor_id", column
        ):
            result[actor_id].append(code)
        return result

    themes = grouped(Actor.themes.through, "theme_id")
    types = grouped(Actor.partnership_types.through, "partnershiptype_id")
    labels = grouped(Actor.labels.through, "label_id")
    coverage: dict[int, list[str]] = defaultdict(list)
    for actor_id, code in (
        InterventionArea.objects.filter(**among("actor_id"))
        .exclude(territory_code="")
        .order_by("actor_id", "territory_code")
        .values_list("actor_id", "territory_code")
    ):
        coverage[actor_id].append(code)
    endorsements = dict(
        Endorsement.objects.active()
        .filter(**among("to_actor_id"))
        .order_by()
        .values_list("to_actor_id")
        .annotate(n=Count("id"))
        .values_list("to_actor_id", "n")
    )
    responsiveness = _responsiveness(ids)
    introduction_activity = dict(
        Introduction.objects.filter(**among("from_actor_id"))
        .order_by()
        .values_list("from_actor_id")
        .annotate(last=Max("created_at"))
        .values_list("from_actor_id", "last")
    )

    now = timezone.now()
    profiles: list[dict[str, Any]] = []
    for (
        actor_id,
        status,
        sphere,
        kind,
        commune,
        epci,
        departement,
        region,
        latitude,
        longitude,
        completeness,
        updated_at,
        confirmed_at,
        source,
    ) in actors:
        items = items_by_actor.get(actor_id, [])
        activity = [
            _date(confirmed_at),
            item_activity.get(actor_id),
            _date(introduction_activity.get(actor_id)),
        ]
        if source in _ACTIVE_SOURCES:
            activity.append(_date(updated_at))
        known = [day for day in activity if day is not None]
        codes = coverage.get(actor_id, [])
        profile = {
            "actor_id": actor_id,
            "dirty": False,
            "is_active": status == ActorStatus.ACTIVE,
            "matchable": status == ActorStatus.ACTIVE and bool(items),
            "need_mask": _mask((i.category for i in items if i.direction == "need"), CATEGORY_BIT),
            "offer_mask": _mask(
                (i.category for i in items if i.direction == "offer"), CATEGORY_BIT
            ),
            "theme_mask": _mask(themes.get(actor_id, ()), THEME_BIT),
            "type_mask": _mask(types.get(actor_id, ()), TYPE_BIT),
            "sphere": SPHERE_INDEX.get(sphere, -1),
            "kind": kind or "",
            "commune": commune or "",
            "epci": epci or "",
            "departement": departement or "",
            "region": region or "",
            "latitude": latitude,
            "longitude": longitude,
            "coverage": " ".join(codes),
            "is_national": "fr" in codes,
            "endorsements": endorsements.get(actor_id, 0),
            "labels": len(labels.get(actor_id, ())),
            "completeness": completeness or 0,
            "last_activity_day": max(known).toordinal() if known else None,
            "responsiveness": responsiveness.get(actor_id),
            "computed_at": now,
        }
        profile["items"] = json.dumps(items_to_json(tuple(items)), ensure_ascii=False)
        profiles.append(profile)
    return profiles


def _responsiveness(ids: Sequence[int]) -> dict[int, float]:
    """Share of the concluded requests an actor received that it answered (at least
    ``MIN_ANSWERS_FOR_RESPONSIVENESS`` of them, else unknown)."""
    concluded = [
        IntroductionStatus.ACCEPTED,
        IntroductionStatus.DECLINED,
        IntroductionStatus.EXPIRED,
    ]
    rows = (
        Introduction.objects.filter(to_actor_id__in=list(ids), status__in=concluded)
        .order_by()
        .values_list("to_actor_id")
        .annotate(
            total=Count("id"),
            answered=Count("id", filter=Q(answered_at__isnull=False)),
        )
        .values_list("to_actor_id", "total", "answered")
    )
    return {
        actor_id: answered / total
        for actor_id, total, answered in rows
        if total >= MIN_ANSWERS_FOR_RESPONSIVENESS
    }


def _upsert(table: str, key: str, columns: list[str], rows: list[list[Any]]) -> None:
    """``INSERT … ON CONFLICT (key) DO UPDATE``, one statement run for every row (SQLite
    and PostgreSQL share the syntax): no ORM instances on a path that writes millions."""
    updated = [column for column in columns if column != key]
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - constant names
        f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT ({key}) DO UPDATE SET "
        + ", ".join(f"{column} = excluded.{column}" for column in updated)
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _save(profiles: list[dict[str, Any]]) -> None:
    if not profiles:
        return
    columns = ["actor_id", *_UPDATE_FIELDS]
    adapt = connection.ops.adapt_datetimefield_value
    _upsert(
        ActorProfile._meta.db_table,
        "actor_id",
        columns,
        [[adapt(row[c]) if c == "computed_at" else row[c] for c in columns] for row in profiles],
    )
    _upsert(
        ActorProfileItems._meta.db_table,
        "profile_id",
        ["profile_id", "items"],
        [[row["actor_id"], row["items"]] for row in profiles],
    )


def profiles_refresh(*, actor_ids: Iterable[int]) -> int:
    """Rebuild these actors' profiles now; returns how many were written."""
    ids = sorted({int(pk) for pk in actor_ids})
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with transaction.atomic():
            profiles = profiles_build(chunk)
            _save(profiles)
            # Actors deleted meanwhile: their rows went with them (cascade).
        written += len(profiles)
    return written


def profiles_refresh_dirty(*, limit: int = DIRTY_REFRESH_LIMIT) -> int:
    """Rebuild the profiles flagged dirty (at most ``limit`` of them)."""
    # No ORDER BY: it would make SQLite scan the primary key instead of the partial index.
    ids = list(
        ActorProfile.objects.filter(dirty=True)
        .order_by()
        .values_list("actor_id", flat=True)[:limit]
    )
    return profiles_refresh(actor_ids=ids) if ids else 0


def profiles_refresh_stale(*, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild every profile missing, dirty, or older than its actor (after a bulk import)."""
    written = profiles_refresh_dirty(limit=10**9)
    missing = Actor.objects.filter(matching_profile__isnull=True).values_list("pk", flat=True)
    stale = Actor.objects.filter(updated_at__gt=F("matching_profile__computed_at")).values_list(
        "pk", flat=True
    )
    for queryset in (missing, stale):
        batch: list[int] = []
        for pk in queryset.order_by().iterator(chunk_size=BATCH * 4):
            batch.append(pk)
            if len(batch) >= BATCH * 4:
                written += profiles_refresh(actor_ids=batch)
                batch = []
                if progress:
                    progress(written)
        written += profiles_refresh(actor_ids=batch) if batch else 0
    return written


def profiles_rebuild_all(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild every actor's profile, by ranges of ids (no long IN lists)."""
    total = Actor.objects.count()
    bounds = Actor.objects.order_by("pk").values_list("pk", flat=True)
    written = 0
    last = 0
    while True:
        ids = list(bounds.filter(pk__gt=last)[: BATCH * 4])
        if not ids:
            break
        last = ids[-1]
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            with transaction.atomic():
                profiles = profiles_build(chunk, contiguous=True)
                _save(profiles)
            written += len(profiles)
        if progress:
            progress(written, total)
    return written


# --------------------------------------------------------------------------- reading


def profile_from_values(values: Sequence[Any], items: list[list[Any]] | None) -> Profile:
    """A ``Profile`` from ``PROFILE_COLUMNS`` values (and the items' JSON)."""
    (
        actor_id,
        _need,
        _offer,
        theme_mask,
        type_mask,
        sphere,
        commune,
        epci,
        departement,
        region,
        latitude,
        longitude,
        coverage,
        endorsements,
        labels,
        completeness,
        last_activity,
        responsiveness,
    ) = values
    from maillage.matching.compatibility import SPHERES

    return Profile(
        actor_id=actor_id,
        sphere=SPHERES[sphere] if 0 <= sphere < len(SPHERES) else "",
        commune=commune,
        epci=epci,
        departement=departement,
        region=region,
        latitude=latitude,
        longitude=longitude,
        coverage=frozenset(coverage.split()),
        theme_mask=theme_mask,
        type_mask=type_mask,
        endorsements=endorsements,
        labels=labels,
        completeness=completeness,
        last_activity=dt.date.fromordinal(last_activity) if last_activity else None,
        responsiveness=responsiveness,
        items=items_from_json(items or []),
    )


def profiles_load(actor_ids: Iterable[int]) -> dict[int, Profile]:
    """Full profiles (items included) of these actors, rebuilding missing or dirty ones."""
    ids = sorted({int(pk) for pk in actor_ids})
    found: dict[int, Profile] = {}
    stale: set[int] = set(ids)
    for attempt in range(2):
        wanted = sorted(stale) if attempt else ids
        stale = set(wanted)
        for start in range(0, len(wanted), BATCH):
            chunk = wanted[start : start + BATCH]
            items = items_of(chunk)
            for *values, dirty in ActorProfile.objects.filter(actor_id__in=chunk).values_list(
                *PROFILE_COLUMNS, "dirty"
            ):
                if dirty and not attempt:
                    continue
                found[values[0]] = profile_from_values(values, items.get(values[0]))
                stale.discard(values[0])
        if not stale or attempt:
            break
        profiles_refresh(actor_ids=stale)
    return found


def items_of(actor_ids: Sequence[int]) -> dict[int, list[list[Any]]]:
    """The items' JSON of these profiles (at most ``BATCH`` ids per query)."""
    ids = list(actor_ids)
    found: dict[int, list[list[Any]]] = {}
    for start in range(0, len(ids), BATCH):
        found.update(
            ActorProfileItems.objects.filter(profile_id__in=ids[start : start + BATCH]).values_list(
                "profile_id", "items"
            )
        )
    return found


# --------------------------------------------------------------------------- IDF


_idf_cache: dict[str, Any] = {}
_idf_lock = threading.Lock()


def term_statistics_rebuild() -> int:
    """Document frequencies of stems over every current need and offer (the IDF)."""
    counts: Counter[str] = Counter()
    documents = 0
    for items in (
        ActorProfileItems.objects.filter(profile__is_active=True)
        .values_list("items", flat=True)
        .iterator(chunk_size=2000)
    ):
        for item in items or ():
            documents += 1
            counts.update(set(item[3].split()))
    with transaction.atomic():
        TermStatistic.objects.all().delete()
        TermStatistic.objects.bulk_create(
            [TermStatistic(stem="", documents=documents)]
            + [TermStatistic(stem=stem[:60], documents=n) for stem, n in counts.items() if n > 1],
            batch_size=2000,
            ignore_conflicts=True,
        )
    idf_cache_clear()
    return len(counts)


def idf_cache_clear() -> None:
    with _idf_lock:
        _idf_cache.clear()


def idf_current() -> Idf:
    """The IDF of the current statistics: reloaded when the number of documents changed
    (one primary-key read per call), else cached for ``IDF_CACHE_SECONDS``."""
    documents = (
        TermStatistic.objects.filter(stem="").values_list("documents", flat=True).first() or 0
    )
    if not documents:
        return uniform_idf
    with _idf_lock:
        cached = _idf_cache.get("idf")
        fresh = time.monotonic() - _idf_cache.get("at", 0.0) < IDF_CACHE_SECONDS
        if cached is not None and fresh and _idf_cache.get("documents") == documents:
            return cached
    frequencies = dict(TermStatistic.objects.exclude(stem="").values_list("stem", "documents"))
    idf = idf_from(frequencies, documents)
    with _idf_lock:
        _idf_cache.update(idf=idf, at=time.monotonic(), documents=documents)
    return idf
