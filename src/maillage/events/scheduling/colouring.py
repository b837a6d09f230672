"""Decompose a set of meetings into rounds: an edge colouring with ``rounds`` colours, each
colour class holding at most ``tables`` edges.

- Bipartite graphs (two-sided plans): a graph of maximum degree Δ is Δ-edge-colourable
  (König); the Kempe-chain algorithm below finds such a colouring, so every meeting of a
  degree-feasible set gets a round. Then, while a round holds more than ``tables``
  meetings, an alternating path of that round and of a round with fewer meetings is
  swapped (the union of two matchings is paths and even cycles; a path with one more edge
  of the larger class exists when it is larger): an equitable colouring (de Werra), so any
  set with at most ``rounds × tables`` meetings fits.
- General graphs (open plans) may need Δ + 1 colours (Vizing): the same algorithm tries
  every pair of colours before giving up on an edge, which it returns as left over (the
  local search then tries to place it).

Edges are coloured in the order given: callers put must-meet pairs first.
"""

from __future__ import annotations

FREE = -1


class _Colouring:
    def __init__(self, n: int, colours: int) -> None:
        self.colours = colours
        # at[v][c]: the neighbour of v along its edge of colour c, or FREE.
        self.at: list[list[int]] = [[FREE] * colours for _ in range(n)]
        self.size = [0] * colours

    def free_colours(self, v: int) -> list[int]:
        return [c for c, w in enumerate(self.at[v]) if w == FREE]

    def set(self, u: int, v: int, c: int) -> None:
        self.at[u][c] = v
        self.at[v][c] = u
        self.size[c] += 1

    def unset(self, u: int, v: int, c: int) -> None:
        self.at[u][c] = FREE
        self.at[v][c] = FREE
        self.size[c] -= 1

    def path(self, start: int, first: int, second: int) -> list[tuple[int, int, int]]:
        """The alternating path leaving ``start`` by its ``first``-coloured edge."""
        edges: list[tuple[int, int, int]] = []
        node, colour, other = start, first, second
        seen = {start}
        while True:
            nxt = self.at[node][colour]
            if nxt == FREE:
                return edges
            edges.append((node, nxt, colour))
            if nxt in seen:  # a cycle: callers start from a path's end, so never
                return edges
            seen.add(nxt)
            node, colour, other = nxt, other, colour

    def swap(self, edges: list[tuple[int, int, int]], first: int, second: int) -> None:
        for u, v, c in edges:
            self.unset(u, v, c)
        for u, v, c in edges:
            self.set(u, v, second if c == first else first)

    def colour(self, u: int, v: int) -> int:
        """Give the edge a colour, recolouring one alternating path if needed; FREE when
        impossible (general graphs only)."""
        free_u = self.free_colours(u)
        if not free_u:
            return FREE
        at_v = self.at[v]
        common = [c for c in free_u if at_v[c] == FREE]
        if common:
            best = min(common, key=lambda c: self.size[c])
            self.set(u, v, best)
            return best
        free_v = self.free_colours(v)
        if not free_v:
            return FREE
        for alpha in free_u:
            for beta in free_v:
                # alpha is free at u, used at v; beta free at v, used at u.
                path = self.path(v, alpha, beta)
                if path and path[-1][1] == u:
                    continue  # would close on u (odd cycle): try another pair
                self.swap(path, alpha, beta)
                self.set(u, v, alpha)
                return alpha
        return FREE

    def rebalance(self, cap: int) -> bool:
        """Swap alternating paths until no colour class exceeds ``cap``; False if some
        class still does (only when there are more edges than colours × cap)."""
        while True:
            big = max(range(self.colours), key=lambda c: self.size[c])
            if self.size[big] <= cap:
                return True
            small = min(range(self.colours), key=lambda c: self.size[c])
            if self.size[small] >= cap:
                return False
            if not self._shift(big, small):
                return False

    def _shift(self, big: int, small: int) -> bool:
        """Swap one path of the union of classes ``big`` and ``small`` that starts and ends
        with a ``big`` edge (there is one while ``big`` is the larger class)."""
        for start in range(len(self.at)):
            row = self.at[start]
            if row[big] == FREE or row[small] != FREE:
                continue
            path = self.path(start, big, small)
            if len(path) % 2 == 1:
                self.swap(path, big, small)
                return True
        return False


def colour_into_rounds(
    n: int, edges: list[tuple[int, int]], rounds: int, tables: int
) -> tuple[list[list[tuple[int, int]]], list[tuple[int, int]]]:
    """Place ``edges`` (each vertex in at most ``rounds`` of them) into ``rounds`` matchings
    of at most ``tables`` edges; return the rounds and the edges left over."""
    if rounds <= 0:
        return [], list(edges)
    colouring = _Colouring(n, rounds)
    leftover: list[tuple[int, int]] = []
    for u, v in edges:
        if colouring.colour(u, v) == FREE:
            leftover.append((u, v))
    colouring.rebalance(tables)
    result: list[list[tuple[int, int]]] = [[] for _ in range(rounds)]
    for u, row in enumerate(colouring.at):
        for c, v in enumerate(row):
            if v > u:
                result[c].append((u, v))
    # A class may still exceed the cap (more edges than rounds × tables): cut the excess.
    for c in range(rounds):
        if len(result[c]) > tables:
            leftover.extend(result[c][tables:])
            result[c] = result[c][:tables]
    return result, leftover
