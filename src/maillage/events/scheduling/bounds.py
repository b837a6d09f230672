"""The linear relaxation of the degree-constrained matching, solved with HiGHS.

    maximise   Σ w_e x_e
    subject to Σ_{e ∋ v} x_e ≤ R_v            (each participant meets at most once a round)
               Σ_e x_e ≤ R × T                (at most T tables a round)
               0 ≤ x_e ≤ 1, x_e = 1 for must-meet pairs (when they fit), x_e = 0 for
               forbidden pairs (avoid, other side, already met)

Every plan is a feasible integral point of it (a pair meets once, a participant at most
once per round), so its optimum bounds every plan's total from above: it is the
``upper_bound`` of the output. On bipartite graphs without a binding table limit its
constraint matrix is totally unimodular: a vertex solution is integral and the bound is
attained (König then spreads it over the rounds, see ``colouring``).

The same LP, with soft lower bounds on each participant's number of meetings (a penalty
per missing meeting larger than any score), gives the optimiser a fair starting point.

Above ``LP_MAX_EDGES`` candidate pairs, or when HiGHS fails or runs out of time, a cheaper
bound stands in: min(½ Σ_v the sum of v's R best scores, the sum of the R × T best pair
scores) — also valid, less tight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csr_matrix, hstack, spmatrix, vstack

LP_MAX_EDGES = 600_000


@dataclass
class LpResult:
    x: NDArray[np.float64]  # one value per edge, in [0, 1]
    value: float  # Σ w x (the penalty for unmet floors excluded)
    ok: bool


def solve_bmatching(
    *,
    n: int,
    us: NDArray[np.intp],
    vs: NDArray[np.intp],
    w: NDArray[np.float64],
    caps: NDArray[np.float64],
    total_cap: float | None,
    forced: NDArray[np.bool_],
    floors: NDArray[np.float64] | None = None,
    floor_penalty: float = 0.0,
    time_limit: float | None = None,
) -> LpResult:
    """Solve the LP above (with optional soft floors) by HiGHS's dual simplex, which returns
    a vertex of the polytope (integral whenever the polytope is)."""
    m = len(w)
    if m == 0:
        return LpResult(x=np.zeros(0), value=0.0, ok=True)
    cols = np.arange(m)
    incidence = coo_matrix(
        (np.ones(2 * m), (np.concatenate([us, vs]), np.concatenate([cols, cols]))),
        shape=(n, m),
    ).tocsr()
    blocks = [incidence]
    rhs = [caps]
    cost = -w
    bounds_lo = forced.astype(np.float64)
    bounds_hi = np.ones(m)
    n_slack = 0
    if floors is not None and floors.any():
        with_floor = np.flatnonzero(floors > 0)
        n_slack = len(with_floor)
        slack = coo_matrix(
            (-np.ones(n_slack), (np.arange(n_slack), np.arange(n_slack))),
            shape=(n_slack, n_slack),
        )
        floor_rows = -incidence[with_floor]
        blocks = [_pad(incidence, n_slack)]
        blocks.append(_hstack(floor_rows, slack))
        rhs.append(-floors[with_floor])
        cost = np.concatenate([-w, np.full(n_slack, floor_penalty)])
        bounds_lo = np.concatenate([bounds_lo, np.zeros(n_slack)])
        bounds_hi = np.concatenate([bounds_hi, floors[with_floor]])
    if total_cap is not None:
        row = np.concatenate([np.ones(m), np.zeros(n_slack)])
        blocks.append(coo_matrix(row.reshape(1, -1)).tocsr())
        rhs.append(np.array([total_cap]))
    options: dict[str, float | bool] = {"presolve": True}
    if time_limit is not None:
        options["time_limit"] = max(0.1, float(time_limit))
    result = linprog(
        cost,
        A_ub=vstack(blocks).tocsr(),
        b_ub=np.concatenate(rhs),
        bounds=np.column_stack([bounds_lo, bounds_hi]),
        method="highs-ds",
        options=options,
    )
    if result.status != 0 or result.x is None:
        return LpResult(x=np.zeros(m), value=0.0, ok=False)
    x = np.clip(result.x[:m], 0.0, 1.0)
    return LpResult(x=x, value=float(w @ result.x[:m]), ok=True)


def _pad(matrix: spmatrix, extra: int) -> spmatrix:
    return hstack([matrix, csr_matrix((matrix.shape[0], extra))]).tocsr()


def _hstack(left: spmatrix, right: spmatrix) -> spmatrix:
    return hstack([left, right]).tocsr()


def quick_bound(
    weight: NDArray[np.float64], allowed: NDArray[np.bool_], caps: int, total_cap: int
) -> float:
    """A valid, cheap upper bound: each meeting counted from both ends, each participant's
    ``caps`` best allowed scores; and the ``total_cap`` best allowed pair scores."""
    if caps <= 0 or total_cap <= 0:
        return 0.0
    masked = np.where(allowed, weight, 0.0)
    n = masked.shape[0]
    k = min(caps, max(n - 1, 1))
    if k >= n:
        per_row = masked.sum(axis=1)
    else:
        per_row = np.partition(masked, n - k, axis=1)[:, n - k :].sum(axis=1)
    by_people = float(per_row.sum()) / 2.0
    upper = masked[np.triu_indices(n, 1)]
    if total_cap < len(upper):
        best = float(np.partition(upper, len(upper) - total_cap)[len(upper) - total_cap :].sum())
    else:
        best = float(upper.sum())
    return min(by_people, best)
