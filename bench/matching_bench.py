"""Benchmark of partner suggestions (issue 5, « Connect them »): speed and memory.

For each database (SQLite, PostgreSQL) and each size (100 000 and 1 000 000 actors by
default), it builds — or reuses — a database holding the territorial referential and a
synthetic population (``maillage generate_synthetic``), builds the matching profiles
(``maillage matching_housekeeping --rebuild --profiles-only``, timed), then, in a fresh
process:

- top-20 suggestions for a fixed random sample of actors that can be matched (a seat and
  at least one current need or offer), end to end through ``matching.selectors
  .suggestions_for`` (profile refresh, candidate generation in SQL, numpy first stage,
  full scores, French reasons, the actors loaded for display): p50/p95/p99, and the
  candidates examined;
- the territory-wide « best pairs not yet in contact » for the département whose
  population is closest to 10 000 actors (``engine.best_pairs``);
- the process's peak memory (``ru_maxrss``) after those;
- the naive baseline, in the same run: for a few of the sampled actors, every actor's
  profile read and fully scored in Python (``scoring.pairs.pair_score``), top 20 kept;
  the ratio of its mean time to the suggestions' mean.

Usage::

    .venv/bin/python bench/matching_bench.py                       # 100 000 and 1 000 000, both
    .venv/bin/python bench/matching_bench.py --sizes 20000 --backends sqlite
    .venv/bin/python bench/matching_bench.py --sizes 1000000 --backends postgresql --samples 300

Databases are kept between runs: SQLite files in ``--workdir`` (``matching-<size>.sqlite3``),
PostgreSQL databases ``bench_matching_<size>`` on the server of ``--pg-url`` (only names
starting with ``bench_matching_`` are ever created or dropped). ``--rebuild`` makes them
again; ``--reprofile`` rebuilds the matching profiles of a reused database (after a change
to ``matching.profiles``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MAILLAGE = [sys.executable, "-m", "maillage"]
DEFAULT_WORKDIR = ROOT / "var" / "bench-matching"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/"
PG_PREFIX = "bench_matching_"
TARGETS = {"top20_p95_ms": 100.0, "best_pairs_s": 30.0, "peak_memory_mb": 1024.0}
PAIRS_DEPARTEMENT_ACTORS = 10_000


def say(message: str) -> None:
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()


# --------------------------------------------------------------------------- building


def _run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, text=True, stdout=subprocess.PIPE)
    return done.stdout


def _env(database_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "MAILLAGE_ENV": "development"}


def _pg_admin(pg_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(pg_url.rstrip("/") + "/postgres", autocommit=True) as conn:
        conn.execute(statement)


def _pg_exists(pg_url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(pg_url.rstrip("/") + "/postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        return found is not None


def _database(backend: str, size: int, args: argparse.Namespace) -> tuple[str, Path, bool]:
    """(DATABASE_URL, metadata file, whether it must be built)."""
    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    meta = workdir / f"matching-{backend}-{size}.json"
    if backend == "sqlite":
        path = workdir / f"matching-{size}.sqlite3"
        fresh = args.rebuild or not path.exists() or not meta.exists()
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}", meta, fresh
    name = f"{PG_PREFIX}{size}"
    assert name.startswith(PG_PREFIX)
    url = args.pg_url.rstrip("/") + "/" + name
    fresh = args.rebuild or not _pg_exists(args.pg_url, name) or not meta.exists()
    if fresh:
        _pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{name}"')
        _pg_admin(args.pg_url, f'CREATE DATABASE "{name}"')
    return url, meta, fresh


def _maintain(backend: str, url: str) -> None:
    """Statistics after a bulk load (the query planners need them)."""
    if backend == "postgresql":
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    else:
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            conn.execute("ANALYZE")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _profiles(backend: str, url: str, meta: Path, data: dict[str, Any]) -> dict[str, Any]:
    say(f"[{backend}] matching_housekeeping --rebuild --profiles-only…")
    started = time.perf_counter()
    summary = json.loads(
        _run(
            [*MAILLAGE, "matching_housekeeping", "--rebuild", "--profiles-only", "--json"],
            _env(url),
        )
    )
    data["profiles_s"] = round(time.perf_counter() - started, 1)
    data["profiles"] = summary
    _maintain(backend, url)
    meta.write_text(json.dumps(data, indent=2))
    return data


def _build(backend: str, size: int, url: str, meta: Path, args: argparse.Namespace) -> dict:
    env = _env(url)
    say(f"[{backend} {size:,}] migrate + referential…")
    _run([*MAILLAGE, "migrate", "-v0"], env)
    _run([*MAILLAGE, "import_territories", "--json"], env)
    say(f"[{backend} {size:,}] generate_synthetic --actors {size} --seed {args.seed}…")
    started = time.perf_counter()
    command = [*MAILLAGE, "generate_synthetic", "--actors", str(size), "--seed", str(args.seed)]
    summary = json.loads(_run([*command, "--json"], env))
    data: dict[str, Any] = {
        "generate_s": round(time.perf_counter() - started, 1),
        "generate": summary,
    }
    return _profiles(backend, url, meta, data)


# --------------------------------------------------------------------------- measuring


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(args: argparse.Namespace) -> None:
    """In a fresh process on DATABASE_URL: the measures, as one JSON object on stdout."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.config.settings")
    django.setup()
    import heapq

    from django.db.models import Count

    from maillage.actors.models import Actor
    from maillage.matching.engine import best_pairs
    from maillage.matching.models import ActorProfile
    from maillage.matching.profiles import PROFILE_COLUMNS, idf_current, profile_from_values
    from maillage.matching.scoring.pairs import ScoringContext, pair_score
    from maillage.matching.selectors import suggestions_for
    from maillage.matching.weights import weights_current

    rng = random.Random(args.seed)
    matchable = list(
        ActorProfile.objects.filter(matchable=True)
        .exclude(commune="")
        .order_by("actor_id")
        .values_list("actor_id", flat=True)
    )
    sample = rng.sample(matchable, min(args.samples, len(matchable)))
    actors = Actor.objects.in_bulk(sample)
    for pk in sample[:5]:  # warm-up: caches, IDF, connections
        suggestions_for(actor=actors[pk], limit=20)
    times: list[float] = []
    cpu: list[float] = []
    examined: list[int] = []
    found: list[int] = []
    load_before = os.getloadavg()[0]
    for pk in sample:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = suggestions_for(actor=actors[pk], limit=20)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        examined.append(result.examined)
        found.append(len(result.items))

    counts = (
        Actor.objects.filter(status="active")
        .exclude(departement__isnull=True)
        .values_list("departement_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    departement, actors_in = min(counts, key=lambda row: abs(row[1] - PAIRS_DEPARTEMENT_ACTORS))
    started = time.perf_counter()
    pairs = best_pairs(territory_code=f"dep:{departement}", limit=100)
    pairs_s = time.perf_counter() - started
    peak_mb = _peak_mb()

    naive_times: list[float] = []
    agreement: list[float] = []
    weights = weights_current()
    for pk in sample[: args.naive_samples]:
        started = time.perf_counter()
        queryset = ActorProfile.objects.filter(actor_id=pk).values_list(
            *PROFILE_COLUMNS, "item_set__items"
        )
        values = queryset.get()
        x = profile_from_values(values[:-1], values[-1])
        context = ScoringContext(weights=weights, idf=idf_current())
        best: list[tuple[float, int]] = []
        for values in (
            ActorProfile.objects.filter(is_active=True)
            .exclude(actor_id=pk)
            .values_list(*PROFILE_COLUMNS, "item_set__items")
            .iterator(chunk_size=5000)
        ):
            y = profile_from_values(values[:-1], values[-1])
            score = pair_score(x, y, context).score
            if len(best) < 20:
                heapq.heappush(best, (score, y.actor_id))
            elif score > best[0][0]:
                heapq.heapreplace(best, (score, y.actor_id))
        naive_times.append((time.perf_counter() - started) * 1000)
        naive_top = {actor_id for _score, actor_id in best}
        ours = {item.actor.pk for item in suggestions_for(actor=actors[pk], limit=20).items}
        agreement.append(len(naive_top & ours) / max(1, len(naive_top)))

    sys.stdout.write(
        json.dumps(
            {
                "matchable": len(matchable),
                "samples": len(sample),
                "p50_ms": _pct(times, 50),
                "p95_ms": _pct(times, 95),
                "p99_ms": _pct(times, 99),
                "mean_ms": statistics.mean(times),
                "cpu_p50_ms": _pct(cpu, 50),
                "cpu_p95_ms": _pct(cpu, 95),
                "load": [round(load_before, 1), round(os.getloadavg()[0], 1)],
                "cpus": os.cpu_count(),
                "examined_mean": statistics.mean(examined),
                "examined_max": max(examined),
                "results_mean": statistics.mean(found),
                "pairs_departement": departement,
                "pairs_actors": actors_in,
                "pairs_matchable": pairs.actors,
                "pairs_examined": pairs.examined_pairs,
                "pairs_s": pairs_s,
                "peak_mb": peak_mb,
                "naive_ms": statistics.mean(naive_times) if naive_times else None,
                "naive_samples": len(naive_times),
                "naive_top20_overlap": statistics.mean(agreement) if agreement else None,
            }
        )
    )


def _measure(url: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        "--samples",
        str(args.samples),
        "--naive-samples",
        str(args.naive_samples),
        "--seed",
        str(args.seed),
    ]
    return json.loads(_run(command, _env(url)))


# --------------------------------------------------------------------------- reporting


def _verdict(ok: bool) -> str:
    return "OK" if ok else "OVER TARGET"


def report(backend: str, size: int, built: dict[str, Any], data: dict[str, Any]) -> list[str]:
    ratio = data["naive_ms"] / data["mean_ms"] if data.get("naive_ms") else None
    lines = [
        f"== {backend} · {size:,} actors "
        f"({data['matchable']:,} with a seat and a current need or offer)",
        f"  profiles built in {built.get('profiles_s', '?')} s",
        f"  top-20 suggestions, {data['samples']} actors: p50 {data['p50_ms']:.1f} ms · "
        f"p95 {data['p95_ms']:.1f} ms · p99 {data['p99_ms']:.1f} ms "
        f"[{_verdict(data['p95_ms'] <= TARGETS['top20_p95_ms'])} "
        f"≤ {TARGETS['top20_p95_ms']:.0f} ms]",
        f"  (this process's CPU time: p50 {data['cpu_p50_ms']:.1f} ms · p95 "
        f"{data['cpu_p95_ms']:.1f} ms; machine load {data['load'][0]}–{data['load'][1]} "
        f"on {data['cpus']} CPUs)",
        f"  candidates examined: mean {data['examined_mean']:.0f}, max {data['examined_max']}; "
        f"suggestions returned: mean {data['results_mean']:.1f}",
        f"  best pairs of dep:{data['pairs_departement']} ({data['pairs_actors']:,} actors, "
        f"{data['pairs_matchable']:,} matchable, {data['pairs_examined']:,} pairs fully scored): "
        f"{data['pairs_s']:.1f} s [{_verdict(data['pairs_s'] <= TARGETS['best_pairs_s'])} ≤ 30 s]",
        f"  peak memory: {data['peak_mb']:.0f} MB "
        f"[{_verdict(data['peak_mb'] <= TARGETS['peak_memory_mb'])} ≤ 1 GB]",
    ]
    if ratio is not None:
        lines.append(
            f"  naive baseline (every actor scored in Python, {data['naive_samples']} actors): "
            f"{data['naive_ms'] / 1000:.1f} s per actor — ×{ratio:,.0f} slower; "
            f"top-20 overlap with ours {100 * data['naive_top20_overlap']:.0f} %"
        )
    return lines


def table_row(backend: str, size: int, data: dict[str, Any]) -> str:
    ratio = data["naive_ms"] / data["mean_ms"] if data.get("naive_ms") else float("nan")
    return (
        f"| {backend} | {size:,} | {data['p50_ms']:.0f} | {data['p95_ms']:.0f} | "
        f"{data['pairs_s']:.1f} ({data['pairs_actors']:,}) | {data['peak_mb']:.0f} | "
        f"×{ratio:,.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--samples", type=int, default=200, help="actors whose top 20 is timed")
    parser.add_argument(
        "--naive-samples", type=int, default=2, help="actors scored by the naive baseline"
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the databases")
    parser.add_argument("--reprofile", action="store_true", help="rebuild the profiles only")
    parser.add_argument("--build-only", action="store_true", help="build, do not measure")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    rows: list[str] = []
    for backend in args.backends:
        for size in args.sizes:
            url, meta, fresh = _database(backend, size, args)
            if fresh:
                built = _build(backend, size, url, meta, args)
            else:
                built = json.loads(meta.read_text())
                if args.reprofile:
                    built = _profiles(backend, url, meta, built)
            if args.build_only:
                continue
            say(f"[{backend} {size:,}] measuring…")
            data = _measure(url, args)
            sys.stdout.write("\n".join(report(backend, size, built, data)) + "\n")
            sys.stdout.flush()
            rows.append(table_row(backend, size, data))
    if rows:
        sys.stdout.write(
            "\n| database | actors | top-20 p50 (ms) | top-20 p95 (ms) | best pairs, "
            "département (s, actors) | peak memory (MB) | naive baseline |\n"
            "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
        )


if __name__ == "__main__":
    main()
