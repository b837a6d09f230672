"""Random speed-dating instances in the contracts.md format, for the planner's tests and
bench/meetings_bench.py (pure Python, seeded: the same arguments give the same instance)."""

from __future__ import annotations

import random
from typing import Any


def random_instance(
    *,
    side_a: int,
    side_b: int,
    rounds: int,
    tables: int | None = None,
    two_sided: bool = True,
    must: int = 0,
    avoid: int = 0,
    density: float = 1.0,
    seed: int = 0,
) -> dict[str, Any]:
    """``side_a`` × ``side_b`` people (all mixed together when ``two_sided`` is false),
    uniform scores on a ``density`` share of the allowed pairs, ``must`` must-meet and
    ``avoid`` avoid pairs drawn without overlap."""
    rng = random.Random(seed)  # nosec B311: reproducible test instances
    if two_sided:
        participants = [{"id": f"a{i}", "side": "A"} for i in range(side_a)] + [
            {"id": f"b{i}", "side": "B"} for i in range(side_b)
        ]
        pairs = [(f"a{i}", f"b{j}") for i in range(side_a) for j in range(side_b)]
    else:
        people = side_a + side_b
        participants = [{"id": f"p{i}"} for i in range(people)]
        pairs = [(f"p{i}", f"p{j}") for i in range(people) for j in range(i + 1, people)]
    scores = [
        {"a": a, "b": b, "score": round(rng.random(), 4)}
        for a, b in pairs
        if rng.random() < density
    ]
    drawn = rng.sample(pairs, min(len(pairs), must + avoid))
    if tables is None:
        tables = min(side_a, side_b) if two_sided else (side_a + side_b) // 2
    return {
        "rounds": rounds,
        "tables": tables,
        "two_sided": two_sided,
        "participants": participants,
        "scores": scores,
        "must_meet": [list(pair) for pair in drawn[:must]],
        "avoid": [list(pair) for pair in drawn[must:]],
    }
