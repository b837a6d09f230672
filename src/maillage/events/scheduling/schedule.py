"""A plan of the rounds still to hold, as mutable Python lists (fast scalar access).

``Schedule`` keeps, for each round, who sits with whom, how many tables are used, and for
each person how many meetings they have; it never lets a move break a hard constraint
(``can_add`` is the one gate). Pure Python; no Django.
"""

from __future__ import annotations

from collections.abc import Iterable

from maillage.events.scheduling.instance import Instance

FREE = -1


class Schedule:
    def __init__(self, instance: Instance, rounds: int | None = None) -> None:
        self.instance = instance
        self.n = instance.n
        self.rounds = instance.remaining_rounds if rounds is None else rounds
        self.tables = instance.tables
        self.weight: list[list[float]] = instance.weight.tolist()
        self.allowed: list[list[bool]] = instance.allowed.tolist()
        self.partner: list[list[int]] = [[FREE] * self.n for _ in range(self.rounds)]
        self.count = [0] * self.rounds
        self.degree = [0] * self.n
        self.met: set[int] = set()

    # ----------------------------------------------------------------- primitives
    def key(self, u: int, v: int) -> int:
        return u * self.n + v if u < v else v * self.n + u

    def is_met(self, u: int, v: int) -> bool:
        return self.key(u, v) in self.met

    def may_meet(self, u: int, v: int) -> bool:
        """Allowed (sides, avoid, past rounds) and not yet met in this plan."""
        return u != v and self.allowed[u][v] and self.key(u, v) not in self.met

    def can_add(self, r: int, u: int, v: int) -> bool:
        row = self.partner[r]
        return (
            row[u] == FREE
            and row[v] == FREE
            and self.count[r] < self.tables
            and self.may_meet(u, v)
        )

    def add(self, r: int, u: int, v: int) -> None:
        row = self.partner[r]
        row[u] = v
        row[v] = u
        self.count[r] += 1
        self.degree[u] += 1
        self.degree[v] += 1
        self.met.add(self.key(u, v))

    def remove(self, r: int, u: int, v: int) -> None:
        row = self.partner[r]
        row[u] = FREE
        row[v] = FREE
        self.count[r] -= 1
        self.degree[u] -= 1
        self.degree[v] -= 1
        self.met.discard(self.key(u, v))

    # ----------------------------------------------------------------- reading
    def meetings(self, r: int) -> list[tuple[int, int]]:
        row = self.partner[r]
        return [(u, v) for u, v in enumerate(row) if v > u]

    def all_meetings(self) -> Iterable[tuple[int, int, int]]:
        for r in range(self.rounds):
            for u, v in self.meetings(r):
                yield r, u, v

    def total(self) -> float:
        return sum(self.weight[u][v] for _r, u, v in self.all_meetings())

    def copy(self) -> Schedule:
        clone = Schedule.__new__(Schedule)
        clone.instance = self.instance
        clone.n = self.n
        clone.rounds = self.rounds
        clone.tables = self.tables
        clone.weight = self.weight
        clone.allowed = self.allowed
        clone.partner = [row[:] for row in self.partner]
        clone.count = self.count[:]
        clone.degree = self.degree[:]
        clone.met = set(self.met)
        return clone

    def must_met(self) -> int:
        return sum(1 for u, v in self.instance.must_meet if self.key(u, v) in self.met)

    @classmethod
    def from_rounds(cls, instance: Instance, rounds: list[list[tuple[int, int]]]) -> Schedule:
        schedule = cls(instance, rounds=len(rounds))
        for r, meetings in enumerate(rounds):
            for u, v in meetings:
                if schedule.can_add(r, u, v):
                    schedule.add(r, u, v)
        return schedule
