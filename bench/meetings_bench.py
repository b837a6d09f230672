"""Benchmark of the speed-dating planner (issue 6, « Quality and performance »).

On random instances — 10×10×8, 50×50×12, 100×100×12 and 300×300×15 (people on side A ×
people on side B × rounds), two-sided (only A–B pairs, one table per A participant) and
open (the same people all mixed, one table per two people), each with must-meet and avoid
pairs (5 % of the people each) and uniform scores — it runs the optimiser and the two
baselines (greedy; maximum-weight assignment round by round) and prints, for each: total
score, ratio to the upper bound (the LP relaxation of the degree-constrained matching),
runtime, fairness (min / median meetings per participant), must-meet pairs met, and
whether the plan passes the independent validator.

Targets (issue 6): ≥ 99.5 % of the bound on every two-sided instance up to 100×100×12 in
≤ 2 s; 300×300×15 in ≤ 30 s; never below the round-by-round baseline; fairness no worse
than it; every plan valid. The exit status is 1 when a target is missed.

Usage::

    .venv/bin/python bench/meetings_bench.py                 # every instance
    .venv/bin/python bench/meetings_bench.py --sizes 10x10x8 50x50x12 --seed 7
    .venv/bin/python bench/meetings_bench.py --markdown      # the README table
    .venv/bin/python bench/meetings_bench.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from maillage.events.scheduling import plan_meetings, validate_plan
from maillage.events.scheduling.generate import random_instance

SIZES = ("10x10x8", "50x50x12", "100x100x12", "300x300x15")
METHODS = ("optimiser", "round_by_round", "greedy")
RATIO_TARGET = 0.995
FAST_LIMIT_S = 2.0
LARGE_LIMIT_S = 30.0


def _parse_size(text: str) -> tuple[int, int, int]:
    try:
        a, b, r = (int(part) for part in text.lower().split("x"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"taille {text!r} : attendu AxBxR") from error
    return a, b, r


def run_one(size: str, two_sided: bool, seed: int) -> dict[str, Any]:
    a, b, rounds = _parse_size(size)
    pairs = max(1, (a + b) // 20)
    instance = random_instance(
        side_a=a,
        side_b=b,
        rounds=rounds,
        two_sided=two_sided,
        must=pairs,
        avoid=pairs,
        seed=seed,
    )
    row: dict[str, Any] = {"size": size, "kind": "two-sided" if two_sided else "open"}
    for method in METHODS:
        started = time.perf_counter()
        plan = plan_meetings(instance, method=method)
        elapsed = time.perf_counter() - started
        stats = plan["stats"]
        row[method] = {
            "total": plan["total_score"],
            "ratio": plan["total_score"] / plan["upper_bound"] if plan["upper_bound"] else 1.0,
            "runtime_s": elapsed,
            "min": stats["meetings_per_participant"]["min"],
            "median": stats["meetings_per_participant"]["median"],
            "must_met": stats["must_meet"]["met"],
            "must": stats["must_meet"]["requested"],
            "valid": not validate_plan(instance, plan),
        }
        row["upper_bound"] = plan["upper_bound"]
        row["bound_method"] = stats["bound_method"]
    row["misses"] = _misses(row)
    return row


def _misses(row: dict[str, Any]) -> list[str]:
    best, base = row["optimiser"], row["round_by_round"]
    a, b, _r = _parse_size(row["size"])
    misses = []
    if not all(row[m]["valid"] for m in METHODS):
        misses.append("plan invalide")
    if best["total"] < base["total"] - 1e-9:
        misses.append("sous la référence tour par tour")
    if best["min"] < base["min"]:
        misses.append("équité moins bonne que la référence")
    if row["kind"] == "two-sided" and max(a, b) <= 100:
        if best["ratio"] < RATIO_TARGET:
            misses.append(f"ratio < {RATIO_TARGET:.1%}")
        if best["runtime_s"] > FAST_LIMIT_S:
            misses.append(f"plus de {FAST_LIMIT_S:g} s")
    if best["runtime_s"] > LARGE_LIMIT_S:
        misses.append(f"plus de {LARGE_LIMIT_S:g} s")
    return misses


def _table(rows: list[dict[str, Any]]) -> str:
    header = (
        "| instance | méthode | score total | % de la borne | durée (s) | "
        "rencontres min / médiane | incontournables | valide |\n"
        "|---|---|---:|---:|---:|---:|---:|:-:|"
    )
    labels = {
        "optimiser": "optimiseur",
        "round_by_round": "affectation tour par tour",
        "greedy": "glouton",
    }
    lines = [header]
    for row in rows:
        for method in METHODS:
            r = row[method]
            lines.append(
                f"| {row['size']} {row['kind']} | {labels[method]} | {r['total']:.2f} | "
                f"{100 * r['ratio']:.2f} | {r['runtime_s']:.2f} | {r['min']} / {r['median']:g} | "
                f"{r['must_met']}/{r['must']} | {'oui' if r['valid'] else 'NON'} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), help="AxBxR, e.g. 50x50x12")
    parser.add_argument("--seed", type=int, default=2013, help="random seed (default 2013)")
    parser.add_argument("--kinds", nargs="+", default=["two-sided", "open"])
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--markdown", action="store_true", help="only the Markdown table")
    args = parser.parse_args(argv)
    for size in args.sizes:
        _parse_size(size)
    rows = []
    for size in args.sizes:
        for kind in args.kinds:
            row = run_one(size, kind == "two-sided", args.seed)
            rows.append(row)
            if not args.json:
                best = row["optimiser"]
                sys.stderr.write(
                    f"{size} {kind}: {100 * best['ratio']:.2f} % de la borne en "
                    f"{best['runtime_s']:.2f} s"
                    + (f" — MANQUÉ : {', '.join(row['misses'])}" if row["misses"] else "")
                    + "\n"
                )
    missed = [f"{r['size']} {r['kind']}: {', '.join(r['misses'])}" for r in rows if r["misses"]]
    if args.json:
        sys.stdout.write(json.dumps({"rows": rows, "missed": missed}, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_table(rows) + "\n")
        if not args.markdown:
            sys.stdout.write(
                "\nObjectifs : " + ("tous atteints." if not missed else "; ".join(missed)) + "\n"
            )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
