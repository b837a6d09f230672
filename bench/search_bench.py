"""Benchmark of the directory search (issue 4, "Search that stays instant at national scale").

For each database (SQLite, PostgreSQL) and each size (100 000 and 1 000 000 actors by
default), it builds — or reuses — a database holding the whole territorial referential
and a synthetic population (``maillage generate_synthetic``), then, in a fresh process:

- runs a fixed, varied query mix through the search service (``search.selectors``,
  end to end: the page's actors are loaded as the directory loads them): single words,
  phrases, rare and common terms (the hit counts are printed, broad ones match 40 000+
  actors at 1 M), a prefix being typed, typos, filters (kind, theme, territory, need),
  the searcher's place, browsing without text;
- the same queries with every facet count;
- name suggestions while typing (autocomplete, typo-tolerant through the lexicon);
- the naive ORM baseline (``icontains`` on name and description, ``OrmSearchBackend``) on
  the ranked queries, in the same run;
- queries per second with 2 worker processes running the ranked mix side by side;
- the process's peak memory, the database size and the search index build time.

It prints p50/p95/p99 per backend and size, the ratios to the baseline, a verdict against
the targets, and a Markdown table.

Usage::

    .venv/bin/python bench/search_bench.py                       # 100 000 and 1 000 000, both
    .venv/bin/python bench/search_bench.py --sizes 20000 --backends sqlite
    .venv/bin/python bench/search_bench.py --sizes 1000000 --reindex

Databases are kept between runs: SQLite files in ``--workdir`` (``search-<size>.sqlite3``),
PostgreSQL databases ``bench_search_<size>`` on the server of ``--pg-url`` (only names
starting with ``bench_search_`` are ever created or dropped). ``--rebuild`` makes them
again; ``--reindex`` rebuilds the search index of a reused database to time it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MAILLAGE = [sys.executable, "-m", "maillage"]
DEFAULT_WORKDIR = ROOT / "var" / "bench-search"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/"
PG_PREFIX = "bench_search_"
TARGETS = {
    "ranked_p95_ms": 50.0,
    "facets_p95_ms": 150.0,
    "suggest_p95_ms": 5.0,
    "index_build_s": 300.0,
    "baseline_ratio": 20.0,
    "generate_s": 600.0,
}

# The query mix: (label, text, options). Fixed, so that runs compare.
QUERIES: list[tuple[str, str, dict[str, Any]]] = [
    ("common word", "solidaire", {}),
    ("common word", "association", {}),
    ("common word", "insertion", {}),
    ("common word", "emploi", {}),
    ("common word", "bénévoles", {}),
    ("common word", "jardin", {}),
    ("phrase", "épicerie solidaire", {}),
    ("phrase", "chantier d'insertion", {}),
    ("phrase", "aide à domicile", {}),
    ("phrase", "transition écologique", {}),
    ("phrase", "comité des fêtes", {}),
    ("plural", "épiceries solidaires", {}),
    ("rare word", "ludothèque", {}),
    ("rare word", "Aubineau", {}),
    ("rare word", "Châtellerault", {}),
    ("rare word", "ressourcerie", {}),
    ("prefix typed", "épic", {}),
    ("prefix typed", "boulang", {}),
    ("typo", "epicreie", {}),
    ("typo", "solidiare", {}),
    ("filters", "solidaire", {"kinds": ("association",)}),
    ("filters", "insertion", {"territory": "dep:86"}),
    ("filters", "emploi", {"themes": ("insertion_jeunes",)}),
    ("filters", "jardin", {"territory": "reg:75", "needs": ("locaux",)}),
    ("filters", "association", {"kinds": ("association",), "territory": "dep:33"}),
    ("place", "boulangerie", {"place": "86194"}),
    ("place", "association", {"place": "75056"}),
    ("place", "épicerie solidaire", {"place": "69123"}),
    ("browse", "", {"territory": "dep:13"}),
    ("browse", "", {"kinds": ("siae",)}),
]
SUGGESTIONS = [
    "épi",
    "epicer",
    "boulangerie dup",
    "chantie",
    "jardins fam",
    "ressourceri",
    "epicreie",
    "solidiare",
    "mairie de",
    "club",
    "assoc",
    "restos",
]


# --------------------------------------------------------------------------- building


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str], env: dict[str, str], *, capture: bool = True) -> str:
    done = subprocess.run(
        command,
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.PIPE if capture else None,
    )
    return done.stdout if capture else ""


def _env(database_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "MAILLAGE_ENV": "development"}


def _pg_admin(pg_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(pg_url.rstrip("/") + "/postgres", autocommit=True) as conn:
        conn.execute(statement)


def _pg_exists(pg_url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(pg_url.rstrip("/") + "/postgres", autocommit=True) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


def _database(backend: str, size: int, args: argparse.Namespace) -> tuple[str, Path, bool]:
    """(DATABASE_URL, metadata file, whether it must be built)."""
    workdir: Path = args.workdir
    meta = workdir / f"search-{backend}-{size}.json"
    if backend == "sqlite":
        path = workdir / f"search-{size}.sqlite3"
        url = f"sqlite:///{path}"
        fresh = args.rebuild or not path.exists() or not meta.exists()
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return url, meta, fresh
    name = f"{PG_PREFIX}{size}"
    url = args.pg_url.rstrip("/") + "/" + name
    fresh = args.rebuild or not _pg_exists(args.pg_url, name) or not meta.exists()
    if fresh:
        _pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{name}"')
        _pg_admin(args.pg_url, f'CREATE DATABASE "{name}"')
    return url, meta, fresh


def _build(backend: str, size: int, url: str, meta: Path, args: argparse.Namespace) -> dict:
    env = _env(url)
    say(f"[{backend} {size:,}] migrate + referential…")
    started = time.perf_counter()
    _run([*MAILLAGE, "migrate", "-v0"], env)
    _run([*MAILLAGE, "import_territories", "--json"], env)
    referential_s = time.perf_counter() - started
    say(f"[{backend} {size:,}] generate_synthetic --actors {size} --seed {args.seed}…")
    started, started_cpu = time.perf_counter(), _children_cpu()
    summary = json.loads(
        _run(
            [
                *MAILLAGE,
                "generate_synthetic",
                "--actors",
                str(size),
                "--seed",
                str(args.seed),
                "--json",
            ],
            env,
        )
    )
    generate_s = time.perf_counter() - started
    generate_cpu_s = _children_cpu() - started_cpu
    data = {
        "generate_cpu_s": round(generate_cpu_s, 1),
        "referential_s": round(referential_s, 1),
        "generate_s": round(generate_s, 1),
        "generate": summary,
        "index_s": summary.get("index_s"),
        "index_measured": "generate_synthetic",
    }
    _maintain(backend, url)
    meta.write_text(json.dumps(data, indent=2))
    return data


def _reindex(backend: str, url: str, meta: Path, data: dict) -> dict:
    say(f"[{backend}] rebuild_search_index…")
    started, started_cpu = time.perf_counter(), _children_cpu()
    _run([*MAILLAGE, "rebuild_search_index", "--json"], _env(url))
    data["index_s"] = round(time.perf_counter() - started, 1)
    data["index_cpu_s"] = round(_children_cpu() - started_cpu, 1)
    data["index_measured"] = "rebuild_search_index"
    _maintain(backend, url)
    meta.write_text(json.dumps(data, indent=2))
    return data


def _maintain(backend: str, url: str) -> None:
    """What a production database gets after a bulk load: statistics and, on PostgreSQL,
    the visibility map (autovacuum would do it within minutes)."""
    if backend == "postgresql":
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    else:
        import sqlite3

        path = url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as conn:
            conn.execute("ANALYZE")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _size_mb(backend: str, url: str) -> float:
    if backend == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        return (
            sum(
                Path(f"{path}{suffix}").stat().st_size
                for suffix in ("", "-wal")
                if Path(f"{path}{suffix}").exists()
            )
            / 1e6
        )
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6


# --------------------------------------------------------------------------- measuring


def worker(args: argparse.Namespace) -> None:
    """In a fresh process on DATABASE_URL: the measures, as one JSON object on stdout."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.config.settings")
    django.setup()
    from maillage.search.backends.base import SearchQuery
    from maillage.search.backends.orm import OrmSearchBackend
    from maillage.search.selectors import actors_search, actors_suggest

    def query(text: str, options: dict[str, Any], *, facets: bool = False) -> SearchQuery:
        return SearchQuery(text=text, with_facets=facets, **options)

    from django.db import connection

    # CPU time of this process and, on PostgreSQL, of its server process (from
    # /proc/<pid>/schedstat, in nanoseconds): what a query costs whatever else the machine
    # runs — on a loaded machine wall-clock latency mostly measures the wait for a core.
    server_stat: Path | None = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            candidate = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
            server_stat = candidate if candidate.exists() else None

    def cpu_now() -> float:
        seconds = time.process_time()
        if server_stat is not None:
            seconds += int(server_stat.read_text().split()[0]) / 1e9
        return seconds

    cpu: dict[str, list[float]] = {"ranked": [], "facets": [], "suggest": []}

    def timed(call: Any, kind: str | None = None) -> tuple[float, Any]:
        started, started_cpu = time.perf_counter(), cpu_now()
        value = call()
        if kind:
            cpu[kind].append((cpu_now() - started_cpu) * 1000)
        return (time.perf_counter() - started) * 1000, value

    result: dict[str, Any] = {"queries": [], "ranked": [], "facets": [], "suggest": []}
    if args.mode == "throughput":
        deadline = time.perf_counter() + args.seconds
        count = 0
        while time.perf_counter() < deadline:
            for _label, text, options in QUERIES:
                actors_search(query=query(text, options))
                count += 1
        result["count"] = count
        sys.stdout.write(json.dumps(result))
        return
    for _label, text, options in QUERIES:  # warm-up: caches, prepared plans
        actors_search(query=query(text, options, facets=True))
    for label, text, options in QUERIES:
        ranked, facets = [], []
        total = 0
        for _ in range(args.repeat):
            ms, (res, _actors) = timed(
                lambda t=text, o=options: actors_search(query=query(t, o)), "ranked"
            )
            ranked.append(ms)
            total = res.total
            ms, _ = timed(
                lambda t=text, o=options: actors_search(query=query(t, o, facets=True)), "facets"
            )
            facets.append(ms)
        result["ranked"] += ranked
        result["facets"] += facets
        result["queries"].append(
            {
                "label": label,
                "text": text,
                "options": {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()},
                "total": total,
                "ranked_ms": statistics.median(ranked),
                "facets_ms": statistics.median(facets),
            }
        )
    for _ in range(args.repeat):
        for prefix in SUGGESTIONS:
            ms, _ = timed(lambda p=prefix: actors_suggest(prefix=p), "suggest")
            result["suggest"].append(ms)
    if not args.skip_baseline:
        baseline = OrmSearchBackend()
        result["baseline"] = []
        for _label, text, options in QUERIES:
            if not text:
                continue
            ms, _ = timed(lambda t=text, o=options: baseline.search(query(t, o)))
            result["baseline"].append(ms)
    result["cpu"] = cpu
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(json.dumps(result))


def _measure(url: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--mode",
        "latency",
        "--repeat",
        str(args.repeat),
    ]
    if args.skip_baseline:
        command.append("--skip-baseline")
    data = json.loads(_run(command, _env(url)))
    # Throughput: two processes side by side, each running the ranked mix.
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--mode",
        "throughput",
        "--seconds",
        str(args.seconds),
    ]
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        counts = list(
            pool.map(lambda _: json.loads(_run(command, _env(url)))["count"], range(args.workers))
        )
    data["qps"] = sum(counts) / args.seconds
    return data


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(backend: str, size: int, built: dict, data: dict, size_mb: float) -> list[str]:
    ranked, facets, suggest = data["ranked"], data["facets"], data["suggest"]
    baseline = data.get("baseline") or []
    text_ranked = [
        ms
        for q, chunk in zip(data["queries"], _chunks(ranked, len(data["queries"])), strict=False)
        if q["text"]
        for ms in chunk
    ]
    ratio = _pct(baseline, 95) / _pct(text_ranked, 95) if baseline else float("nan")
    lines = [f"\n{backend} — {size:,} actors (database {size_mb:,.0f} MB)"]
    lines.append(f"  {'query':<34}{'matches':>10}{'ranked ms':>11}{'+facets ms':>12}")
    for q in data["queries"]:
        options = " ".join(
            f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in q["options"].items()
        )
        label = f"{q['text'] or '(browse)'} {options}".strip()[:33]
        lines.append(
            f"  {label:<34}{q['total']:>10,}{q['ranked_ms']:>11.1f}{q['facets_ms']:>12.1f}"
        )
    broad = [q for q in data["queries"] if q["total"] >= 40_000 and q["text"]]
    lines += [
        f"  ranked top-20      p50 {_pct(ranked, 50):7.1f}  p95 {_pct(ranked, 95):7.1f}  "
        f"p99 {_pct(ranked, 99):7.1f} ms  (target p95 ≤ {TARGETS['ranked_p95_ms']:.0f}: "
        f"{_verdict(_pct(ranked, 95) <= TARGETS['ranked_p95_ms'])}; "
        f"{len(broad)} queries match 40 000+)",
        f"  with all facets    p50 {_pct(facets, 50):7.1f}  p95 {_pct(facets, 95):7.1f}  "
        f"p99 {_pct(facets, 99):7.1f} ms  (target p95 ≤ {TARGETS['facets_p95_ms']:.0f}: "
        f"{_verdict(_pct(facets, 95) <= TARGETS['facets_p95_ms'])})",
        f"  suggestions        p50 {_pct(suggest, 50):7.1f}  p95 {_pct(suggest, 95):7.1f}  "
        f"p99 {_pct(suggest, 99):7.1f} ms  (target p95 ≤ {TARGETS['suggest_p95_ms']:.0f}: "
        f"{_verdict(_pct(suggest, 95) <= TARGETS['suggest_p95_ms'])})",
    ]
    cpu = data.get("cpu") or {}
    if cpu.get("ranked"):
        lines += [
            "  CPU time per query (this process + its PostgreSQL server process): the latency "
            "of an idle machine",
            f"    ranked top-20    p50 {_pct(cpu['ranked'], 50):7.1f}  p95 "
            f"{_pct(cpu['ranked'], 95):7.1f}  p99 {_pct(cpu['ranked'], 99):7.1f} ms",
            f"    with all facets  p50 {_pct(cpu['facets'], 50):7.1f}  p95 "
            f"{_pct(cpu['facets'], 95):7.1f}  p99 {_pct(cpu['facets'], 99):7.1f} ms",
            f"    suggestions      p50 {_pct(cpu['suggest'], 50):7.1f}  p95 "
            f"{_pct(cpu['suggest'], 95):7.1f}  p99 {_pct(cpu['suggest'], 99):7.1f} ms",
        ]
    try:
        load = os.getloadavg()[0]
        lines.append(f"  load average while measuring: {load:.1f} on {os.cpu_count()} cores")
    except OSError:  # pragma: no cover - platforms without getloadavg
        pass
    if baseline:
        lines.append(
            f"  naive ORM baseline p50 {_pct(baseline, 50):7.1f}  p95 {_pct(baseline, 95):7.1f}  "
            f"ms; ratio at p95 {ratio:,.0f}× (target ≥ {TARGETS['baseline_ratio']:.0f}×: "
            f"{_verdict(ratio >= TARGETS['baseline_ratio'])})"
        )
    index_s = built.get("index_s")
    index_ok = (index_s or 1e9) <= TARGETS["index_build_s"]
    lines += [
        f"  queries/s on 2 workers: {data['qps']:.0f}; peak memory {data['peak_mb']:.0f} MB",
        f"  search index build: {index_s} s ({built.get('index_measured')}; target ≤ "
        f"{TARGETS['index_build_s']:.0f} s: {_verdict(index_ok)}; CPU of the command: "
        f"{built.get('index_cpu_s', '—')} s)",
        f"  synthetic population: {built.get('generate_s')} s for {size:,} actors "
        f"(generate_synthetic, index included; its process used "
        f"{built.get('generate_cpu_s')} s of CPU — on SQLite the whole work)",
    ]
    return lines


def _chunks(values: list[float], count: int) -> list[list[float]]:
    size = len(values) // max(count, 1)
    return [values[i * size : (i + 1) * size] for i in range(count)]


def table_row(backend: str, size: int, built: dict, data: dict, size_mb: float) -> str:
    ranked, facets, suggest = data["ranked"], data["facets"], data["suggest"]
    cpu = data.get("cpu") or {"ranked": [], "facets": [], "suggest": []}
    baseline = data.get("baseline") or []
    ratio = f"{_pct(baseline, 95) / _pct(ranked, 95):,.0f}×" if baseline else "—"
    return (
        f"| {backend} | {size:,} | {_pct(ranked, 50):.1f} / {_pct(ranked, 95):.1f} / "
        f"{_pct(ranked, 99):.1f} | {_pct(cpu['ranked'], 50):.1f} / "
        f"{_pct(cpu['ranked'], 95):.1f} | {_pct(facets, 95):.1f} ({_pct(cpu['facets'], 95):.1f})"
        f" | {_pct(suggest, 95):.1f} ({_pct(cpu['suggest'], 95):.1f}) | "
        f"{_pct(baseline, 95) if baseline else float('nan'):,.0f} | {ratio} | "
        f"{data['qps']:.0f} | {data['peak_mb']:.0f} | {size_mb:,.0f} | {built.get('index_s')} | "
        f"{built.get('generate_s')} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Search benchmark (issue 4): latency percentiles of the directory search "
        "on SQLite and PostgreSQL, with facets, suggestions, throughput on 2 workers, "
        "memory, database size, index build time and the ratio to a naive ORM baseline.",
    )
    parser.add_argument(
        "--sizes",
        default="100000,1000000",
        help="Comma-separated numbers of synthetic actors, one database each "
        "(default: 100000,1000000; e.g. 20000 for a quick run).",
    )
    parser.add_argument(
        "--backends",
        default="sqlite,postgresql",
        help="Comma-separated databases to measure: sqlite, postgresql (default: both).",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=DEFAULT_WORKDIR,
        help=f"Where the SQLite databases and the build timings are kept between runs "
        f"(default: {DEFAULT_WORKDIR.relative_to(ROOT)}).",
    )
    parser.add_argument(
        "--pg-url",
        default=DEFAULT_PG_URL,
        help="PostgreSQL server URL without database name (default: "
        f"{DEFAULT_PG_URL}); databases bench_search_<size> are created there.",
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="Seed of the synthetic population (default: 1)."
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="Build the databases again even when they exist."
    )
    parser.add_argument(
        "--reindex",
        action="store_true",
        help="Rebuild the search index of reused databases, to time it.",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="Times each query of the mix is timed (default: 5; percentiles "
        "are over every timing).",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="Processes running the mix side by side for queries/s (default: 2).",
    )
    parser.add_argument(
        "--seconds",
        type=float,
        default=15.0,
        help="Duration of the throughput measure (default: 15 s).",
    )
    parser.add_argument(
        "--skip-baseline",
        action="store_true",
        help="Do not run the naive ORM baseline (it is slow on large databases).",
    )
    parser.add_argument(
        "--output", type=Path, help="Also write every measure as JSON to this file."
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="latency", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    sizes = [int(value) for value in args.sizes.split(",") if value.strip()]
    backends = [value.strip() for value in args.backends.split(",") if value.strip()]
    unknown = set(backends) - {"sqlite", "postgresql"}
    if unknown or not sizes or min(sizes) < 1:
        parser.error(f"unknown backend(s) {sorted(unknown)} or bad sizes {args.sizes}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    say("Note: figures are measured on this machine as it is, possibly under other load.")
    lines: list[str] = []
    rows: list[str] = []
    everything: list[dict[str, Any]] = []
    for backend in backends:
        for size in sizes:
            url, meta, fresh = _database(backend, size, args)
            if fresh:
                built = _build(backend, size, url, meta, args)
            else:
                built = json.loads(meta.read_text())
                say(f"[{backend} {size:,}] reusing the existing database")
                if args.reindex:
                    built = _reindex(backend, url, meta, built)
            say(f"[{backend} {size:,}] measuring…")
            data = _measure(url, args)
            size_mb = _size_mb(backend, url)
            block = report(backend, size, built, data, size_mb)
            sys.stdout.write("\n".join(block) + "\n")
            sys.stdout.flush()
            lines += block
            rows.append(table_row(backend, size, built, data, size_mb))
            everything.append(
                {
                    "backend": backend,
                    "size": size,
                    "built": built,
                    "measures": data,
                    "database_mb": size_mb,
                }
            )
    sys.stdout.write(
        "\n| database | actors | ranked top-20 p50 / p95 / p99 (ms) | CPU p50 / p95 (ms) | "
        "+ facets p95 (CPU) (ms) | suggestions p95 (CPU) (ms) | naive baseline p95 (ms) | "
        "ratio at p95 | queries/s (2 workers) | peak memory (MB) | database (MB) | "
        "index build (s) | synthetic population (s) |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    if args.output:
        args.output.write_text(json.dumps(everything, indent=2))


if __name__ == "__main__":
    main()
