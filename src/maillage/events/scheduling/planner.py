"""``plan_meetings``: JSON instance in, JSON plan out (contracts.md), the one entry point of
the planner for the command line, the events app and the benchmark."""

from __future__ import annotations

import statistics
import time
from typing import Any

from maillage.events.scheduling.baselines import plan_greedy, plan_round_by_round
from maillage.events.scheduling.instance import Instance, parse_instance
from maillage.events.scheduling.optimiser import (
    Bound,
    fair_floors,
    fairness_deficit,
    optimise,
    upper_bound,
)
from maillage.events.scheduling.schedule import Schedule

METHODS = ("optimiser", "round_by_round", "greedy")


def plan_meetings(
    raw: dict[str, Any], *, time_limit: float | None = None, method: str = "optimiser"
) -> dict[str, Any]:
    """Plan a speed-dating; raise ``PlanningError`` for bad input.

    ``method`` selects the optimiser (default) or one of the baselines (for comparisons).
    """
    started = time.perf_counter()
    instance = parse_instance(raw)
    if method == "optimiser":
        result = optimise(instance, time_limit=time_limit)
        schedule, bound, used = result.schedule, result.bound, result.method
    elif method in ("round_by_round", "greedy"):
        schedule = (plan_round_by_round if method == "round_by_round" else plan_greedy)(instance)
        used = method
        # The baselines' runtime is their own: the bound is computed after.
        planned = time.perf_counter()
        bound = upper_bound(instance, time_limit=time_limit)[0]
        started += time.perf_counter() - planned
    else:
        raise ValueError(f"unknown method {method!r}")
    return render_plan(
        instance, schedule, bound=bound, method=used, runtime=time.perf_counter() - started
    )


def _home_tables(instance: Instance) -> dict[int, int]:
    """Two-sided: each A participant keeps a table (the B side moves), as in the room."""
    if not instance.two_sided:
        return {}
    side_a = [i for i in range(instance.n) if instance.side[i] == 0]
    return {person: position + 1 for position, person in enumerate(side_a[: instance.tables])}


def render_plan(
    instance: Instance,
    schedule: Schedule,
    *,
    bound: Bound,
    method: str,
    runtime: float,
) -> dict[str, Any]:
    ids = instance.ids
    index = {pid: i for i, pid in enumerate(ids)}
    counts = dict.fromkeys(ids, 0)
    rounds_out: list[list[dict[str, Any]]] = []
    past_total = 0.0

    def known_score(a: str, b: str) -> float:
        if a in index and b in index:
            return float(instance.weight[index[a], index[b]])
        # Someone who has left: the score given with the past meeting, if any.
        return instance.past_scores.get(frozenset((a, b)), 0.0)

    # Rounds already held, as they were (A side first when known).
    for held in instance.past_rounds:
        meetings = []
        for table, (a, b) in enumerate(held, start=1):
            if instance.two_sided and b in index and instance.side[index[b]] == 0:
                a, b = b, a
            score = known_score(a, b)
            past_total += score
            meetings.append({"table": table, "a": a, "b": b, "score": round(score, 9)})
            for person in (a, b):
                if person in counts:
                    counts[person] += 1
        rounds_out.append(meetings)

    home = _home_tables(instance)
    tables_of: dict[int, int] = dict(home)
    planned_total = 0.0
    for r in range(schedule.rounds):
        pairs = schedule.meetings(r)
        ordered = []
        for u, v in pairs:
            if instance.two_sided and instance.side[u] == 1:
                u, v = v, u
            ordered.append((u, v))
        used: set[int] = set()
        placed: list[tuple[int, int, int]] = []
        waiting: list[tuple[int, int]] = []
        for u, v in ordered:
            home_table = tables_of.get(u) or tables_of.get(v)
            if home_table is not None and home_table not in used:
                used.add(home_table)
                placed.append((home_table, u, v))
            else:
                waiting.append((u, v))
        free = (t for t in range(1, instance.tables + 1) if t not in used)
        for u, v in waiting:
            table = next(free)
            used.add(table)
            tables_of.setdefault(u, table)
            placed.append((table, u, v))
        placed.sort()
        meetings = []
        for table, u, v in placed:
            score = float(instance.weight[u, v])
            planned_total += score
            counts[ids[u]] += 1
            counts[ids[v]] += 1
            meetings.append({"table": table, "a": ids[u], "b": ids[v], "score": round(score, 9)})
        rounds_out.append(meetings)

    met = {frozenset((m["a"], m["b"])) for meetings in rounds_out for m in meetings}
    unmet = [[a, b] for a, b in instance.must_meet_ids if frozenset((a, b)) not in met]
    total = round(sum(m["score"] for meetings in rounds_out for m in meetings), 9)
    # Rounding to 9 decimals must not put the total above the bound by noise.
    upper = max(round(past_total + bound.value, 9), total)
    values = list(counts.values())
    return {
        "rounds": rounds_out,
        "total_score": total,
        "upper_bound": upper,
        "unmet_must_meet": unmet,
        "stats": {
            "participants": instance.n,
            "two_sided": instance.two_sided,
            "rounds": instance.rounds,
            "past_rounds": len(instance.past_rounds),
            "planned_rounds": schedule.rounds,
            "tables": instance.tables,
            "meetings": sum(len(meetings) for meetings in rounds_out),
            "ratio_to_upper_bound": round(total / upper, 6) if upper > 0 else 1.0,
            "meetings_per_participant": {
                "min": min(values, default=0),
                "median": statistics.median(values) if values else 0,
                "max": max(values, default=0),
                "mean": round(statistics.fmean(values), 3) if values else 0,
            },
            "per_participant": counts,
            # Meetings missing, over the planned rounds, to bring everyone up to their fair
            # share (the rounds' capacity shared evenly within their side).
            "missing_to_fair_share": fairness_deficit(schedule, fair_floors(instance)),
            "must_meet": {
                "requested": len(instance.must_meet_ids),
                "met": len(instance.must_meet_ids) - len(unmet),
            },
            "method": method,
            "bound_method": bound.method,
            "runtime_s": round(runtime, 3),
            "warnings": instance.warnings,
        },
    }
