"""The speed-dating optimiser.

1. **Which pairs meet** — the LP of ``bounds`` (each participant at most once a round,
   each pair at most once, at most ``rounds × tables`` meetings, must-meet pairs forced,
   forbidden pairs out). When its solution leaves someone below their fair share of
   meetings, it is solved again with soft floors (``fair_floors``): a missing meeting costs
   more than any score, so nobody gets far fewer meetings than the others. The (almost
   always integral) solution is rounded greedily, must-meet pairs first.
2. **When they meet** — the chosen pairs are spread over the rounds by an equitable edge
   colouring (``colouring``): exact for two-sided plans (König), nearly always for open
   ones (the few pairs left over go to step 3).
3. **Local search** — first-improvement moves over candidate pairs (each participant's
   best-scored partners and the must-meet pairs): insert a pair where both are free and a
   table is left; move a meeting to another round to free a slot (a Kempe step); swap
   partners in a round ((u,u'),(v,v') → (u,v),(u',v')); replace a weaker meeting when it
   keeps the other person at their fair share.
4. **Fill** — people idle in a round with a free table meet someone they have not met
   yet (score 0 included), fewest meetings first: a speed-dating seats everyone it can.

The round-by-round assignment baseline goes through steps 3–4 as well, and the better of
the two plans (must-meet pairs met, then total score) is kept: the optimiser is never below
that baseline.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from maillage.events.scheduling.baselines import plan_round_by_round
from maillage.events.scheduling.bounds import (
    LP_MAX_EDGES,
    quick_bound,
    solve_bmatching,
)
from maillage.events.scheduling.colouring import colour_into_rounds
from maillage.events.scheduling.instance import Instance, seats_per_round
from maillage.events.scheduling.schedule import FREE, Schedule

EPS = 1e-9
COLOURING_ATTEMPTS = 8


@dataclass
class Bound:
    value: float  # over the rounds still to plan
    method: str  # "lp", "lp_without_must_meet" or "quick"


@dataclass
class Result:
    schedule: Schedule
    bound: Bound
    method: str


# --------------------------------------------------------------------------- inputs


def _candidate_edges(
    instance: Instance, *, positive_only: bool
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    mask = np.triu(instance.allowed, 1)
    if positive_only:
        must = np.zeros_like(mask)
        for u, v in instance.must_meet:
            must[u, v] = instance.allowed[u, v]
        mask &= (instance.weight > 0) | must
    us, vs = np.nonzero(mask)
    return us.astype(np.intp), vs.astype(np.intp)


def feasible_must_meet(instance: Instance) -> list[tuple[int, int]]:
    """The must-meet pairs that can all be forced at once (each participant in at most
    ``rounds`` of them, at most ``rounds × tables`` in all), in the order given."""
    rounds = instance.remaining_rounds
    limit = rounds * seats_per_round(instance)
    load = [0] * instance.n
    kept: list[tuple[int, int]] = []
    for u, v in instance.must_meet:
        if not instance.allowed[u, v]:
            continue
        if load[u] < rounds and load[v] < rounds and len(kept) < limit:
            load[u] += 1
            load[v] += 1
            kept.append((u, v))
    return kept


def fair_floors(instance: Instance) -> NDArray[np.float64]:
    """Each participant's fair share of meetings in the rounds to plan: the capacity of the
    rounds shared evenly within their side (two-sided) or among all (open), rounded down,
    and never more than the partners they may still meet."""
    rounds = instance.remaining_rounds
    n = instance.n
    floors = np.zeros(n)
    if rounds == 0 or instance.tables == 0 or n < 2:
        return floors
    capacity = rounds * seats_per_round(instance)
    partners = instance.allowed.sum(axis=1)
    if instance.two_sided:
        for side in (0, 1):
            members = instance.side == side
            size = int(members.sum())
            if size:
                floors[members] = min(rounds, capacity // size)
    else:
        floors[:] = min(rounds, (2 * capacity) // n)
    return np.minimum(floors, partners).astype(np.float64)


def _total_cap(instance: Instance) -> float | None:
    """The tables' limit, when it binds (otherwise left out: keeps the bipartite LP
    totally unimodular)."""
    rounds = instance.remaining_rounds
    if instance.two_sided:
        smaller = min(int((instance.side == 0).sum()), int((instance.side == 1).sum()))
        if instance.tables >= smaller:
            return None
    elif instance.tables >= instance.n // 2:
        return None
    return float(rounds * instance.tables)


# --------------------------------------------------------------------------- step 1


def upper_bound(
    instance: Instance, *, time_limit: float | None = None, force_must_meet: bool = True
) -> tuple[Bound, NDArray[np.float64] | None, tuple[NDArray[np.intp], NDArray[np.intp]]]:
    """The LP bound over the rounds still to plan, with its solution (or None)."""
    rounds = instance.remaining_rounds
    edges = _candidate_edges(instance, positive_only=True)
    us, vs = edges
    if rounds == 0 or instance.tables == 0 or len(us) == 0:
        return Bound(0.0, "lp"), np.zeros(len(us)), edges
    caps = np.full(instance.n, float(rounds))
    total_cap = _total_cap(instance)
    w = instance.weight[us, vs]
    if len(us) <= LP_MAX_EDGES:
        # Forcing is a valid bound only when every must-meet pair fits at once: otherwise
        # which ones to force is a choice, and the bound must cover every choice.
        must = feasible_must_meet(instance) if force_must_meet else []
        wanted = [pair for pair in instance.must_meet if instance.allowed[pair]]
        if len(must) < len(wanted):
            must, force_must_meet = [], False
        forced = _forced_mask(instance, us, vs, must)
        result = solve_bmatching(
            n=instance.n,
            us=us,
            vs=vs,
            w=w,
            caps=caps,
            total_cap=total_cap,
            forced=forced,
            time_limit=time_limit,
        )
        if result.ok:
            method = "lp" if force_must_meet or not instance.must_meet else "lp_without_must_meet"
            return Bound(result.value, method), result.x, edges
        if forced.any():
            result = solve_bmatching(
                n=instance.n,
                us=us,
                vs=vs,
                w=w,
                caps=caps,
                total_cap=total_cap,
                forced=np.zeros(len(us), dtype=np.bool_),
                time_limit=time_limit,
            )
            if result.ok:
                return Bound(result.value, "lp_without_must_meet"), result.x, edges
    value = quick_bound(
        instance.weight,
        instance.allowed,
        rounds,
        rounds * seats_per_round(instance),
    )
    return Bound(value, "quick"), None, edges


def _forced_mask(
    instance: Instance,
    us: NDArray[np.intp],
    vs: NDArray[np.intp],
    must: list[tuple[int, int]],
) -> NDArray[np.bool_]:
    wanted = {u * instance.n + v for u, v in must}
    keys = us.astype(np.int64) * instance.n + vs
    return np.isin(keys, np.fromiter(wanted, dtype=np.int64, count=len(wanted)))


def _choose_pairs(
    instance: Instance,
    us: NDArray[np.intp],
    vs: NDArray[np.intp],
    x: NDArray[np.float64],
) -> list[tuple[int, int]]:
    """Round the LP solution: must-meet pairs, then by decreasing x and score, keeping
    each participant within the rounds and the total within the tables."""
    rounds = instance.remaining_rounds
    limit = rounds * seats_per_round(instance)
    load = [0] * instance.n
    chosen: list[tuple[int, int]] = []
    for u, v in feasible_must_meet(instance):
        load[u] += 1
        load[v] += 1
        chosen.append((u, v))
    taken = {u * instance.n + v for u, v in chosen}
    w = instance.weight[us, vs]
    order = np.lexsort((-w, -np.round(x, 6)))
    for position in order.tolist():
        if x[position] <= 1e-6 or len(chosen) >= limit:
            break
        u, v = int(us[position]), int(vs[position])
        if u * instance.n + v in taken or load[u] >= rounds or load[v] >= rounds:
            continue
        load[u] += 1
        load[v] += 1
        chosen.append((u, v))
    return chosen


# --------------------------------------------------------------------------- step 2


def _colour(
    instance: Instance, chosen: list[tuple[int, int]], rounds: int, tables: int
) -> list[list[tuple[int, int]]]:
    must = len(feasible_must_meet(instance))
    head, tail = chosen[:must], chosen[must:]
    best: tuple[float, list[list[tuple[int, int]]]] | None = None
    attempts = 1 if instance.two_sided else COLOURING_ATTEMPTS
    shuffler = random.Random(len(chosen))  # nosec B311: deterministic search order
    for attempt in range(attempts):
        order = tail if attempt == 0 else shuffler.sample(tail, len(tail))
        result, leftover = colour_into_rounds(instance.n, head + order, rounds, tables)
        loss = sum(float(instance.weight[u, v]) + 1e-6 for u, v in leftover)
        if best is None or loss < best[0]:
            best = (loss, result)
        if not leftover:
            break
    assert best is not None
    return best[1]


# --------------------------------------------------------------------------- step 3


class LocalSearch:
    def __init__(
        self,
        schedule: Schedule,
        *,
        floors: NDArray[np.float64],
        per_participant: int,
        deadline: float,
    ) -> None:
        self.s = schedule
        self.floors = [int(f) for f in floors.tolist()]
        self.deadline = deadline
        instance = schedule.instance
        n = instance.n
        self.must = {u * n + v for u, v in instance.must_meet}
        self.bonus = 1.0 + 2.0 * float(instance.weight.max(initial=0.0)) * max(schedule.rounds, 1)
        self.candidates = self._candidates(per_participant)

    def gain(self, u: int, v: int) -> float:
        value = self.s.weight[u][v]
        if self.s.key(u, v) in self.must:
            value += self.bonus
        return value

    def _candidates(self, per_participant: int) -> list[tuple[int, int]]:
        instance = self.s.instance
        n = instance.n
        masked = np.where(instance.allowed, instance.weight, -1.0)
        k = min(per_participant, n - 1)
        pairs: set[tuple[int, int]] = set()
        if k > 0 and n > 1:
            best = np.argpartition(-masked, k - 1, axis=1)[:, :k] if k < n else None
            for u in range(n):
                row = best[u] if best is not None else range(n)
                for v in row:
                    v = int(v)
                    if masked[u, v] > 0:
                        pairs.add((min(u, v), max(u, v)))
        pairs.update(instance.must_meet)
        return sorted(pairs, key=lambda p: (-self.gain(*p), p))

    def run(self) -> None:
        improved = True
        while improved and time.perf_counter() < self.deadline:
            improved = False
            for u, v in self.candidates:
                if not self.s.may_meet(u, v):
                    continue
                if (
                    self._insert(u, v)
                    or self._kempe(u, v)
                    or self._swap(u, v)
                    or self._replace(u, v)
                ):
                    improved = True
                if time.perf_counter() >= self.deadline:
                    return

    def _insert(self, u: int, v: int) -> bool:
        s = self.s
        for r in range(s.rounds):
            if s.can_add(r, u, v):
                s.add(r, u, v)
                return True
        return False

    def _kempe(self, u: int, v: int) -> bool:
        """Free ``v`` in a round where ``u`` is free by moving v's meeting elsewhere."""
        s = self.s
        for a, b in ((u, v), (v, u)):
            for r in range(s.rounds):
                row = s.partner[r]
                if row[a] != FREE or row[b] == FREE:
                    continue
                other = row[b]
                for t in range(s.rounds):
                    if t == r or s.count[t] >= s.tables:
                        continue
                    trow = s.partner[t]
                    if trow[b] == FREE and trow[other] == FREE:
                        s.remove(r, b, other)
                        s.add(t, b, other)
                        s.add(r, a, b)
                        return True
        return False

    def _swap(self, u: int, v: int) -> bool:
        s = self.s
        base = self.gain(u, v)
        for r in range(s.rounds):
            row = s.partner[r]
            pu, pv = row[u], row[v]
            if pu in (FREE, v) or pv == FREE:
                continue
            if not s.may_meet(pu, pv):
                continue
            delta = base + self.gain(pu, pv) - self.gain(u, pu) - self.gain(v, pv)
            if delta > EPS:
                s.remove(r, u, pu)
                s.remove(r, v, pv)
                s.add(r, u, v)
                s.add(r, pu, pv)
                return True
        return False

    def _replace(self, u: int, v: int) -> bool:
        """Put (u, v) in place of a meeting of one of them, and place the ejected meeting
        in another round if it fits (an ejection chain of depth two); without a place for
        it, keep the exchange only if it gains and the ejected person keeps a fair share."""
        s = self.s
        base = self.gain(u, v)
        for a, b in ((u, v), (v, u)):
            for r in range(s.rounds):
                row = s.partner[r]
                if row[a] != FREE or row[b] == FREE:
                    continue
                other = row[b]
                lost = self.gain(b, other)
                s.remove(r, b, other)
                s.add(r, a, b)
                if self._insert(b, other) or self._kempe(b, other):
                    return True
                if base - lost > EPS and s.degree[other] >= self.floors[other]:
                    return True
                s.remove(r, a, b)
                s.add(r, b, other)
        return False


def fill(schedule: Schedule) -> None:
    """Seat idle people with a free table, fewest meetings first."""
    instance = schedule.instance
    allowed = instance.allowed
    weight = instance.weight
    for r in range(schedule.rounds):
        if schedule.count[r] >= schedule.tables:
            continue
        row = schedule.partner[r]
        idle = [v for v in range(schedule.n) if row[v] == FREE]
        idle.sort(key=lambda v: (schedule.degree[v], v))
        for u in idle:
            if schedule.count[r] >= schedule.tables:
                break
            if row[u] != FREE:
                continue
            best, best_key = -1, None
            for v in idle:
                if v == u or row[v] != FREE or not allowed[u, v] or schedule.is_met(u, v):
                    continue
                key = (float(weight[u, v]), -schedule.degree[v])
                if best_key is None or key > best_key:
                    best, best_key = v, key
            if best >= 0:
                schedule.add(r, u, best)


# --------------------------------------------------------------------------- the plan


def _polish(
    schedule: Schedule,
    *,
    floors: NDArray[np.float64],
    deadline: float,
    skip_search: bool = False,
) -> Schedule:
    if not skip_search:
        per_participant = 2 * schedule.rounds + 4
        LocalSearch(
            schedule, floors=floors, per_participant=per_participant, deadline=deadline
        ).run()
    fill(schedule)
    return schedule


def fairness_deficit(schedule: Schedule, floors: NDArray[np.float64]) -> int:
    """How many meetings are missing to bring everyone up to their fair share."""
    return int(
        sum(max(0, int(f) - d) for f, d in zip(floors.tolist(), schedule.degree, strict=True))
    )


def _quality(schedule: Schedule, floors: NDArray[np.float64]) -> tuple[int, int, float]:
    """Must-meet pairs met, then fairness, then the total score."""
    return schedule.must_met(), -fairness_deficit(schedule, floors), round(schedule.total(), 9)


def optimise(instance: Instance, *, time_limit: float | None = None) -> Result:
    """Plan the rounds still to hold (see the module docstring)."""
    started = time.perf_counter()
    budget = time_limit if time_limit is not None else 120.0
    deadline = started + budget
    bound, x, (us, vs) = upper_bound(instance, time_limit=budget * 0.5)
    empty = Schedule(instance)
    if empty.rounds == 0 or empty.tables == 0 or instance.n < 2:
        return Result(empty, bound, "empty")

    floors = fair_floors(instance)
    candidates: list[tuple[str, Schedule]] = []

    # Step 1: which pairs. The bound's solution, unless it leaves someone below the floor.
    if x is not None:
        chosen = _choose_pairs(instance, us, vs, x)
        load = np.zeros(instance.n)
        for u, v in chosen:
            load[u] += 1
            load[v] += 1
        if (load < floors).any() and len(us) <= LP_MAX_EDGES:
            all_us, all_vs = _candidate_edges(instance, positive_only=False)
            if len(all_us) <= LP_MAX_EDGES:
                w = instance.weight[all_us, all_vs]
                fair = solve_bmatching(
                    n=instance.n,
                    us=all_us,
                    vs=all_vs,
                    w=w,
                    caps=np.full(instance.n, float(empty.rounds)),
                    total_cap=_total_cap(instance),
                    forced=_forced_mask(instance, all_us, all_vs, feasible_must_meet(instance)),
                    floors=floors,
                    floor_penalty=1.0 + 2.0 * float(w.max(initial=0.0)),
                    time_limit=max(0.1, deadline - time.perf_counter()) * 0.5,
                )
                if fair.ok:
                    chosen = _choose_pairs(instance, all_us, all_vs, fair.x)
        # Step 2: when they meet. Open plans may leave a few pairs uncoloured: a few
        # orders are tried (must-meet pairs always first), the least loss kept.
        rounds = _colour(instance, chosen, empty.rounds, empty.tables)
        lp_plan = Schedule.from_rounds(instance, rounds)
        optimal = abs(lp_plan.total() - bound.value) <= 1e-7 * max(1.0, bound.value) and len(
            chosen
        ) == sum(lp_plan.count)
        _polish(lp_plan, floors=floors, deadline=deadline, skip_search=optimal)
        candidates.append(("lp_colouring_local_search", lp_plan))

        if (
            optimal
            and bound.method == "lp"
            and fairness_deficit(lp_plan, floors) == 0
            and lp_plan.must_met() == len(feasible_must_meet(instance))
        ):
            # At the bound, fair, every feasible must-meet pair placed: nothing can beat it.
            return Result(lp_plan, bound, "lp_colouring_local_search")

    # The round-by-round assignment, polished the same way: a floor under the result.
    baseline = plan_round_by_round(instance)
    _polish(baseline, floors=floors, deadline=max(deadline, time.perf_counter() + 0.5))
    candidates.append(("round_by_round_local_search", baseline))

    method, best = max(candidates, key=lambda item: _quality(item[1], floors))
    if bound.method == "lp" and best.must_met() < len(feasible_must_meet(instance)):
        # The bound forced every feasible must-meet pair; this plan misses one, so only
        # the bound without them covers it.
        bound = upper_bound(instance, time_limit=budget * 0.5, force_must_meet=False)[0]
    return Result(best, bound, method)
