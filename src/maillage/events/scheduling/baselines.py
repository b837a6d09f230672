"""Two simple planners the optimiser is measured against (bench/meetings_bench.py), and one
of its starting points.

- ``plan_greedy``: pairs by decreasing score (must-meet first), each put in the first round
  where both are free and a table is left.
- ``plan_round_by_round``: each round in turn, a maximum-weight assignment of the pairs
  that have not met yet (``scipy.optimize.linear_sum_assignment``), must-meet pairs with a
  bonus so that they go first. Two-sided: A × B, limited to ``tables`` meetings by dummy
  rows and columns (a k-cardinality assignment). Open: the assignment on all × all gives a
  cycle cover; the best matching of each cycle is kept, then the ``tables`` best pairs.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

from maillage.events.scheduling.instance import Instance
from maillage.events.scheduling.schedule import Schedule

FORBIDDEN = -1e9


def _must_bonus(instance: Instance) -> float:
    return 1.0 + 2.0 * float(instance.weight.max(initial=0.0)) * max(instance.remaining_rounds, 1)


def plan_greedy(instance: Instance) -> Schedule:
    schedule = Schedule(instance)
    n = instance.n
    if schedule.rounds == 0 or schedule.tables == 0:
        return schedule
    must = {u * n + v for u, v in instance.must_meet}
    us, vs = np.nonzero(np.triu(instance.allowed, 1))
    scores = instance.weight[us, vs]
    is_must = np.array([u * n + v in must for u, v in zip(us.tolist(), vs.tolist(), strict=True)])
    order = np.lexsort((-scores, ~is_must)) if len(us) else np.array([], dtype=np.intp)
    for position in order.tolist():
        u, v = int(us[position]), int(vs[position])
        for r in range(schedule.rounds):
            if schedule.can_add(r, u, v):
                schedule.add(r, u, v)
                break
    return schedule


def _weights_for_round(instance: Instance, schedule: Schedule) -> NDArray[np.float64]:
    weights = np.where(instance.allowed, instance.weight, FORBIDDEN)
    n = instance.n
    if schedule.met:
        keys = np.fromiter(schedule.met, dtype=np.int64)
        rows, cols = keys // n, keys % n
        weights[rows, cols] = FORBIDDEN
        weights[cols, rows] = FORBIDDEN
    bonus = _must_bonus(instance)
    for u, v in instance.must_meet:
        if not schedule.is_met(u, v) and instance.allowed[u, v]:
            weights[u, v] += bonus
            weights[v, u] += bonus
    return weights


def _k_assignment(weights: NDArray[np.float64], k: int) -> list[tuple[int, int]]:
    """A maximum-weight matching of exactly min(k, rows, cols) pairs of a rectangular
    matrix: rows for sides "stay out" are added as dummies (rows × cols square)."""
    rows, cols = weights.shape
    k = min(k, rows, cols)
    if k <= 0:
        return []
    extra_rows, extra_cols = cols - k, rows - k
    size = rows + extra_rows
    big = np.full((size, cols + extra_cols), 0.0)
    big[:rows, :cols] = weights
    # Dummy row × dummy column must not pair: the dummies then seat exactly cols − k
    # columns and rows − k rows out.
    big[rows:, cols:] = FORBIDDEN
    r_idx, c_idx = linear_sum_assignment(big, maximize=True)
    return [
        (int(r), int(c))
        for r, c in zip(r_idx.tolist(), c_idx.tolist(), strict=True)
        if r < rows and c < cols
    ]


def _best_cycle_matching(cycle: list[int], weights: NDArray[np.float64]) -> list[tuple[int, int]]:
    """The maximum-weight matching of a cycle's edges (a path DP, twice)."""
    length = len(cycle)
    if length == 2:
        return [(cycle[0], cycle[1])]
    edges = [(cycle[i], cycle[(i + 1) % length]) for i in range(length)]
    gains = [float(weights[u, v]) for u, v in edges]

    def path_best(indices: list[int]) -> tuple[float, list[int]]:
        # Classic DP on a path of edges: no two consecutive edges.
        take: list[tuple[float, list[int]]] = [(0.0, []), (0.0, [])]
        for idx in indices:
            skip_best = take[-1]
            with_best = (take[-2][0] + gains[idx], [*take[-2][1], idx])
            take.append(with_best if with_best[0] > skip_best[0] else skip_best)
        return take[-1]

    first = path_best(list(range(length - 1)))  # without the closing edge
    second = path_best(list(range(1, length)))  # without the first edge
    chosen = first if first[0] >= second[0] else second
    return [edges[idx] for idx in chosen[1]]


def _round_open(weights: NDArray[np.float64], k: int) -> list[tuple[int, int]]:
    n = weights.shape[0]
    square = weights.copy()
    np.fill_diagonal(square, FORBIDDEN)
    _rows, perm = linear_sum_assignment(square, maximize=True)
    seen = [False] * n
    pairs: list[tuple[int, int]] = []
    for start in range(n):
        if seen[start]:
            continue
        cycle = []
        node = start
        while not seen[node]:
            seen[node] = True
            cycle.append(node)
            node = int(perm[node])
        if len(cycle) >= 2:
            pairs.extend(_best_cycle_matching(cycle, weights))
    pairs.sort(key=lambda pair: -weights[pair[0], pair[1]])
    return pairs[:k]


def plan_round_by_round(instance: Instance) -> Schedule:
    schedule = Schedule(instance)
    if schedule.rounds == 0 or schedule.tables == 0 or instance.n < 2:
        return schedule
    side_a = np.flatnonzero(instance.side == 0)
    side_b = np.flatnonzero(instance.side == 1)
    for r in range(schedule.rounds):
        weights = _weights_for_round(instance, schedule)
        if instance.two_sided:
            sub = weights[np.ix_(side_a, side_b)]
            pairs = [
                (int(side_a[i]), int(side_b[j])) for i, j in _k_assignment(sub, schedule.tables)
            ]
        else:
            pairs = _round_open(weights, schedule.tables)
        for u, v in pairs:
            if weights[u, v] > FORBIDDEN / 2 and schedule.can_add(r, u, v):
                schedule.add(r, u, v)
    return schedule
