"""An independent check of a plan against the hard constraints of contracts.md.

Deliberately shares nothing with the planner but the JSON formats: it reads the raw input
object and the raw output object and lists every broken rule, in French. An empty list
means the plan is valid. Used by the tests on every planner output, by the benchmark and
by ``maillage plan_meetings`` before it writes a file.
"""

from __future__ import annotations

import math
from typing import Any


def _pair_key(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


def validate_plan(instance: dict[str, Any], plan: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    rounds = plan.get("rounds")
    if not isinstance(rounds, list):
        return ["« rounds » manque ou n'est pas une liste."]
    expected_rounds = int(instance.get("rounds", 0))
    if len(rounds) != expected_rounds:
        problems.append(f"{len(rounds)} tours au lieu de {expected_rounds}.")
    tables = int(instance.get("tables", 0))
    two_sided = bool(instance.get("two_sided", False))
    sides = {
        str(p["id"]): str(p.get("side", "")).strip().upper()
        for p in instance.get("participants", [])
    }
    present = set(sides)
    past_ids: set[str] = set()
    for held in instance.get("past_rounds") or []:
        for meeting in held:
            if isinstance(meeting, dict):
                past_ids.update((str(meeting.get("a")), str(meeting.get("b"))))
            else:
                past_ids.update(str(x) for x in meeting)
    scores: dict[frozenset[str], list[float]] = {}
    for entry in instance.get("scores") or []:
        scores.setdefault(_pair_key(str(entry["a"]), str(entry["b"])), []).append(
            float(entry.get("score", 0))
        )
    avoid = {_pair_key(str(a), str(b)) for a, b in _pairs(instance.get("avoid"))}
    past_count = len(instance.get("past_rounds") or [])

    met: set[frozenset[str]] = set()
    total = 0.0
    for number, meetings in enumerate(rounds, start=1):
        if not isinstance(meetings, list):
            problems.append(f"tour {number} : ce n'est pas une liste.")
            continue
        if len(meetings) > tables:
            problems.append(f"tour {number} : {len(meetings)} rencontres pour {tables} tables.")
        seated: set[str] = set()
        used_tables: set[int] = set()
        for meeting in meetings:
            a, b = str(meeting.get("a")), str(meeting.get("b"))
            table = meeting.get("table")
            if not isinstance(table, int) or not 1 <= table <= max(tables, 0):
                problems.append(f"tour {number} : table {table!r} hors de 1…{tables}.")
            elif table in used_tables:
                problems.append(f"tour {number} : table {table} occupée deux fois.")
            else:
                used_tables.add(table)
            for person in (a, b):
                known = person in present or (number <= past_count and person in past_ids)
                if not known:
                    problems.append(f"tour {number} : participant inconnu « {person} ».")
                if person in seated:
                    problems.append(f"tour {number} : « {person} » à deux tables.")
                seated.add(person)
            if a == b:
                problems.append(f"tour {number} : « {a} » face à lui-même.")
            key = _pair_key(a, b)
            if key in met:
                problems.append(f"tour {number} : {a} et {b} se sont déjà rencontrés.")
            met.add(key)
            if key in avoid:
                problems.append(f"tour {number} : {a} et {b} devaient s'éviter.")
            if two_sided and a in sides and b in sides:
                if {sides[a], sides[b]} != {"A", "B"}:
                    problems.append(f"tour {number} : {a} et {b} sont du même côté.")
                elif sides[a] != "A":
                    problems.append(f"tour {number} : « a » doit être du côté A ({a}).")
            score = meeting.get("score")
            if not isinstance(score, int | float) or not math.isfinite(score):
                problems.append(f"tour {number} : score manquant pour {a}–{b}.")
                continue
            if number > past_count:
                values = scores.get(key, [0.0])
                expected = sum(values) / len(values)
                if abs(score - expected) > 1e-6:
                    problems.append(
                        f"tour {number} : score {score} pour {a}–{b}, attendu {expected}."
                    )
            total += score
    declared = plan.get("total_score")
    if not isinstance(declared, int | float) or abs(declared - total) > 1e-6 * max(1, total):
        problems.append(f"total annoncé {declared}, somme des rencontres {total}.")
    bound = plan.get("upper_bound")
    if isinstance(bound, int | float) and total > bound + 1e-6 * max(1.0, bound):
        problems.append(f"total {total} au-dessus de la borne annoncée {bound}.")
    unmet_declared = {_pair_key(str(a), str(b)) for a, b in _pairs(plan.get("unmet_must_meet"))}
    for a, b in _pairs(instance.get("must_meet")):
        key = _pair_key(str(a), str(b))
        if key not in met and key not in unmet_declared:
            problems.append(f"la paire {a}–{b} à faire se rencontrer n'est ni placée ni signalée.")
        if key in met and key in unmet_declared:
            problems.append(f"la paire {a}–{b} est placée mais signalée non placée.")
    return problems


def _pairs(value: Any) -> list[tuple[Any, Any]]:
    result = []
    for entry in value or []:
        if isinstance(entry, dict):
            result.append((entry.get("a"), entry.get("b")))
        else:
            result.append((entry[0], entry[1]))
    return result
