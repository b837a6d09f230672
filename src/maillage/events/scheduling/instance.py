"""A speed-dating planning instance: parsed, checked, and held as dense numpy arrays.

The input format is contracts.md, « Speed-dating planning format », plus two optional keys
for re-planning during the event:

- ``past_rounds``: the rounds already held (same shape as the output's ``rounds``); they are
  kept as they are, their pairs never meet again, and only ``rounds - len(past_rounds)``
  rounds are planned. Ids in past rounds may be people who have left (absent from
  ``participants``).
- participants may carry any other key (``name``…): ignored.

Bad input raises ``PlanningError`` with a stable ``code`` and a ``field``; it never yields
a plan that breaks a hard constraint. Documented behaviours (not errors), reported in
``warnings``:

- zero rounds (or zero tables): an empty plan, every must-meet pair unmet;
- more participants than the tables seat, or an odd count: some sit out each round, in
  turns (the fairness rule spreads the pauses);
- a must-meet pair that cannot meet (two participants of the same side in a two-sided
  plan, or a pair already met in a past round): reported in ``unmet_must_meet`` (or simply
  counted as met, for a past meeting);
- a pair scored twice (in either order) with different values: the mean is kept.

Errors: a missing or malformed key, negative rounds or tables, duplicate or empty ids, a
side other than ``A``/``B`` when two-sided, an unknown id in scores, must-meet or avoid, a
pair of one participant with itself, a negative, infinite or non-numeric score, a pair both
in must-meet and in avoid, past rounds that break a hard constraint themselves or outnumber
``rounds``.

This module imports nothing from Django (import-linter contract).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

SIDES = ("A", "B")


class PlanningError(ValueError):
    """Bad input: ``code`` is stable (API, CLI), ``message`` is French, for people."""

    def __init__(self, message: str, *, code: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def __str__(self) -> str:
        return f"{self.field} : {self.message}" if self.field else self.message


@dataclass
class Instance:
    ids: list[str]
    two_sided: bool
    rounds: int  # rounds of the whole event, held ones included
    tables: int
    side: NDArray[np.int8]  # 0 = A, 1 = B (0 everywhere when open)
    weight: NDArray[np.float64]  # symmetric n × n, zero diagonal
    allowed: NDArray[np.bool_]  # symmetric: may meet in a future round
    must_meet: list[tuple[int, int]]  # indices, (i < j), not yet met
    must_meet_ids: list[tuple[str, str]]  # every must-meet pair as given (deduplicated)
    avoid: set[tuple[int, int]]
    past_rounds: list[list[tuple[str, str]]]  # as given, ids (the first is the A side)
    past_pairs: set[frozenset[str]]
    past_scores: dict[frozenset[str], float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def remaining_rounds(self) -> int:
        return self.rounds - len(self.past_rounds)

    def pair_score(self, i: int, j: int) -> float:
        return float(self.weight[i, j])


def _integer(raw: dict[str, Any], key: str) -> int:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise PlanningError(
            f"« {key} » doit être un nombre entier (reçu : {value!r}).", code="invalid", field=key
        )
    if value < 0:
        raise PlanningError(
            f"« {key} » ne peut pas être négatif (reçu : {value}).", code="negative", field=key
        )
    return int(value)


def _pair(entry: Any, key: str, index: int) -> tuple[str, str]:
    """A pair as ``["a1", "b7"]`` or ``{"a": "a1", "b": "b7"}``."""
    if isinstance(entry, dict):
        a, b = entry.get("a"), entry.get("b")
    elif isinstance(entry, list | tuple) and len(entry) == 2:
        a, b = entry
    else:
        raise PlanningError(
            f"l'entrée n° {index + 1} doit être une paire [id, id].", code="invalid", field=key
        )
    if not isinstance(a, str | int) or not isinstance(b, str | int):
        raise PlanningError(
            f"l'entrée n° {index + 1} doit désigner deux identifiants.", code="invalid", field=key
        )
    return str(a), str(b)


def parse_instance(raw: Any) -> Instance:
    """Check ``raw`` (the decoded JSON object) and build the instance, or raise."""
    if not isinstance(raw, dict):
        raise PlanningError("L'instance doit être un objet JSON.", code="invalid")
    for key in ("rounds", "tables", "participants"):
        if key not in raw:
            raise PlanningError(f"La clé « {key} » est obligatoire.", code="required", field=key)
    rounds = _integer(raw, "rounds")
    tables = _integer(raw, "tables")
    two_sided = raw.get("two_sided", False)
    if not isinstance(two_sided, bool):
        raise PlanningError("« two_sided » doit valoir true ou false.", code="invalid")
    warnings: list[str] = []

    participants = raw["participants"]
    if not isinstance(participants, list):
        raise PlanningError(
            "« participants » doit être une liste.", code="invalid", field="participants"
        )
    ids: list[str] = []
    sides: list[int] = []
    for number, entry in enumerate(participants, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str | int):
            raise PlanningError(
                f"le participant n° {number} doit être un objet avec un « id ».",
                code="invalid",
                field="participants",
            )
        pid = str(entry["id"]).strip()
        if not pid:
            raise PlanningError(
                f"le participant n° {number} a un identifiant vide.",
                code="invalid",
                field="participants",
            )
        side = str(entry.get("side", "")).strip().upper()
        if two_sided and side not in SIDES:
            raise PlanningError(
                f"le participant « {pid} » doit avoir un côté « A » ou « B » "
                "(planning à deux côtés).",
                code="side",
                field="participants",
            )
        ids.append(pid)
        sides.append(1 if side == "B" else 0)
    index = {pid: position for position, pid in enumerate(ids)}
    if len(index) != len(ids):
        duplicates = sorted({pid for pid in ids if ids.count(pid) > 1})
        raise PlanningError(
            f"identifiant(s) en double : {', '.join(duplicates)}.",
            code="duplicate",
            field="participants",
        )
    n = len(ids)
    side_array = np.array(sides, dtype=np.int8)

    def known(pid: str, key: str) -> int:
        if pid not in index:
            raise PlanningError(
                f"identifiant inconnu « {pid} » (absent de « participants »).",
                code="unknown_id",
                field=key,
            )
        return index[pid]

    # ----------------------------------------------------------------- scores
    weight = np.zeros((n, n), dtype=np.float64)
    seen: dict[tuple[int, int], list[float]] = {}
    scores = raw.get("scores") or []
    if not isinstance(scores, list):
        raise PlanningError("« scores » doit être une liste.", code="invalid", field="scores")
    for number, entry in enumerate(scores, start=1):
        if not isinstance(entry, dict):
            raise PlanningError(
                f"le score n° {number} doit être un objet {{a, b, score}}.",
                code="invalid",
                field="scores",
            )
        a, b = _pair(entry, "scores", number - 1)
        i, j = known(a, "scores"), known(b, "scores")
        if i == j:
            raise PlanningError(
                f"le score n° {number} associe « {a} » à lui-même.", code="self", field="scores"
            )
        value = entry.get("score", 0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise PlanningError(
                f"le score n° {number} ({a}–{b}) n'est pas un nombre.",
                code="invalid",
                field="scores",
            )
        if not math.isfinite(value):
            raise PlanningError(
                f"le score n° {number} ({a}–{b}) n'est pas un nombre fini.",
                code="invalid",
                field="scores",
            )
        if value < 0:
            raise PlanningError(
                f"le score n° {number} ({a}–{b}) est négatif ({value}) : les scores "
                "expriment un intérêt, de 0 (aucun) à plus.",
                code="negative",
                field="scores",
            )
        seen.setdefault((min(i, j), max(i, j)), []).append(float(value))
    conflicting = 0
    for (i, j), values in seen.items():
        value = sum(values) / len(values)
        if len(values) > 1 and max(values) - min(values) > 1e-12:
            conflicting += 1
        weight[i, j] = weight[j, i] = value
    if conflicting:
        warnings.append(
            f"{conflicting} paire(s) notée(s) deux fois avec des valeurs différentes : "
            "la moyenne est retenue."
        )

    # ----------------------------------------------------------------- pairs
    def pairs(key: str) -> list[tuple[str, str]]:
        value = raw.get(key) or []
        if not isinstance(value, list):
            raise PlanningError(f"« {key} » doit être une liste de paires.", code="invalid")
        result: list[tuple[str, str]] = []
        seen_pairs: set[frozenset[str]] = set()
        for position, entry in enumerate(value):
            a, b = _pair(entry, key, position)
            known(a, key)
            known(b, key)
            if a == b:
                raise PlanningError(
                    f"la paire n° {position + 1} associe « {a} » à lui-même.",
                    code="self",
                    field=key,
                )
            if frozenset((a, b)) not in seen_pairs:
                seen_pairs.add(frozenset((a, b)))
                result.append((a, b))
        return result

    must_pairs = pairs("must_meet")
    avoid_pairs = pairs("avoid")
    both = {frozenset(p) for p in must_pairs} & {frozenset(p) for p in avoid_pairs}
    if both:
        listed = ", ".join("–".join(sorted(p)) for p in sorted(both, key=sorted))
        raise PlanningError(
            f"paire(s) à la fois à faire se rencontrer et à éviter : {listed}.",
            code="must_meet_avoided",
            field="must_meet",
        )

    # ----------------------------------------------------------------- past rounds
    past_raw = raw.get("past_rounds") or []
    if not isinstance(past_raw, list):
        raise PlanningError(
            "« past_rounds » doit être une liste de tours.", code="invalid", field="past_rounds"
        )
    if len(past_raw) > rounds:
        raise PlanningError(
            f"{len(past_raw)} tours déjà tenus pour {rounds} tours prévus.",
            code="too_many_past_rounds",
            field="past_rounds",
        )
    past_rounds: list[list[tuple[str, str]]] = []
    past_pairs: set[frozenset[str]] = set()
    past_scores: dict[frozenset[str], float] = {}
    for number, meetings in enumerate(past_raw, start=1):
        if not isinstance(meetings, list):
            raise PlanningError(
                f"le tour passé n° {number} doit être une liste de rencontres.",
                code="invalid",
                field="past_rounds",
            )
        busy: set[str] = set()
        kept: list[tuple[str, str]] = []
        for position, meeting in enumerate(meetings):
            a, b = _pair(meeting, "past_rounds", position)
            if a == b or a in busy or b in busy:
                raise PlanningError(
                    f"le tour passé n° {number} place deux fois « {a if a in busy else b} ».",
                    code="past_round_invalid",
                    field="past_rounds",
                )
            if frozenset((a, b)) in past_pairs:
                raise PlanningError(
                    f"la paire {a}–{b} se rencontre deux fois dans les tours passés.",
                    code="past_round_invalid",
                    field="past_rounds",
                )
            if two_sided and a in index and b in index and sides[index[a]] == sides[index[b]]:
                raise PlanningError(
                    f"le tour passé n° {number} réunit {a} et {b}, du même côté.",
                    code="past_round_invalid",
                    field="past_rounds",
                )
            if frozenset((a, b)) in {frozenset(p) for p in avoid_pairs}:
                raise PlanningError(
                    f"le tour passé n° {number} réunit {a} et {b}, une paire à éviter.",
                    code="past_round_invalid",
                    field="past_rounds",
                )
            busy.update((a, b))
            past_pairs.add(frozenset((a, b)))
            given = meeting.get("score") if isinstance(meeting, dict) else None
            if (
                isinstance(given, int | float)
                and not isinstance(given, bool)
                and math.isfinite(given)
            ):
                past_scores[frozenset((a, b))] = float(given)
            kept.append((a, b))
        if len(kept) > tables:
            raise PlanningError(
                f"le tour passé n° {number} compte {len(kept)} rencontres pour {tables} tables.",
                code="past_round_invalid",
                field="past_rounds",
            )
        past_rounds.append(kept)

    # ----------------------------------------------------------------- allowed pairs
    allowed = np.ones((n, n), dtype=np.bool_)
    np.fill_diagonal(allowed, False)
    if two_sided:
        allowed &= side_array[:, None] != side_array[None, :]
    avoid: set[tuple[int, int]] = set()
    for a, b in avoid_pairs:
        i, j = index[a], index[b]
        allowed[i, j] = allowed[j, i] = False
        avoid.add((min(i, j), max(i, j)))
    for pair in past_pairs:
        a, b = tuple(pair)
        if a in index and b in index:
            i, j = index[a], index[b]
            allowed[i, j] = allowed[j, i] = False

    must_meet: list[tuple[int, int]] = []
    impossible = []
    for a, b in must_pairs:
        i, j = index[a], index[b]
        if frozenset((a, b)) in past_pairs:
            continue
        if two_sided and side_array[i] == side_array[j]:
            impossible.append(f"{a}–{b}")
            continue
        must_meet.append((min(i, j), max(i, j)))
    if impossible:
        warnings.append(
            "paire(s) à faire se rencontrer du même côté, impossible dans un planning à deux "
            f"côtés : {', '.join(impossible)}."
        )

    instance = Instance(
        ids=ids,
        two_sided=two_sided,
        rounds=rounds,
        tables=tables,
        side=side_array,
        weight=weight,
        allowed=allowed,
        must_meet=must_meet,
        must_meet_ids=must_pairs,
        avoid=avoid,
        past_rounds=past_rounds,
        past_pairs=past_pairs,
        past_scores=past_scores,
        warnings=warnings,
    )
    _capacity_warnings(instance)
    return instance


def seats_per_round(instance: Instance) -> int:
    """How many meetings a round can hold at most, tables and people considered."""
    if instance.two_sided:
        a = int((instance.side == 0).sum())
        people = min(a, instance.n - a)
    else:
        people = instance.n // 2
    return min(instance.tables, people)


def _capacity_warnings(instance: Instance) -> None:
    if instance.rounds == 0 or instance.tables == 0:
        instance.warnings.append("aucun tour ou aucune table : le planning est vide.")
        return
    seated = 2 * seats_per_round(instance)
    if instance.n > seated:
        instance.warnings.append(
            f"{instance.n} participants pour {seated} places par tour : "
            f"{instance.n - seated} en pause à chaque tour, à tour de rôle."
        )
