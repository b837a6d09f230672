"""Quality of partner suggestions (issue 5): do they find the good partners?

Two held-out sets of known good pairs, one run, five scorers compared on the same actors:

- **planted pairs** in a realistic synthetic population (``maillage generate_synthetic``,
  20 000 actors by default): for each pair, an association-side actor A and a company-side
  actor B seated in the same département, where B's offer answers A's need and A's offer
  answers B's need (same categories, texts worded differently but on the same subject,
  a shared theme). Around each of them, ``--decoys`` one-sided actors make the territory
  realistic: they offer what A (or B) needs, in the same words, but need nothing A (B)
  offers — the situation the reciprocal score is for;
- **demo pairs**: the demo territory's real partnerships (the seeds' alliances, loaded by
  ``seed_demo``: parties of a same partnership, accepted introductions). They are removed
  from the database before scoring (held out), endorsements included, so nothing but the
  profiles can reveal them.

Scorers: the **full score** (``matching.engine.rank_for``, what users get), and four
baselines — **random**, **shared themes only** (cosine of the theme sets), **distance
only** (nearest seats), **one-sided** (the same pipeline ranked by what the candidate
brings X only, ``forward``: X's needs only).

Metrics, over every actor of a held-out pair (its partner is the one relevant answer):
precision@10, recall@10, nDCG@10 (binary relevance), **reciprocal success@10** (share of
X's top-10 suggestions Y that also have X in their own top 10, as RECON measured it,
RecSys 2010) and **coverage** (share of a random sample of matchable actors — a seat and a
current need or offer — who receive at least one suggestion with a positive score).

Usage::

    .venv/bin/python bench/matching_quality.py     # builds var/bench-matching/quality.sqlite3
    .venv/bin/python bench/matching_quality.py --pairs 100 --population 5000 --rebuild
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MAILLAGE = [sys.executable, "-m", "maillage"]
DEFAULT_DB = ROOT / "var" / "bench-matching" / "quality.sqlite3"
K = 10

# Subjects a need and an offer can share: (need category, offer category, need wordings,
# offer wordings, theme). The first group is what associations ask companies for, the
# second what companies ask associations for.
ASSOCIATION_NEEDS = [
    (
        "competences",
        "competences",
        [
            "Refaire notre site internet et notre outil de gestion des adhérents",
            "Un développeur pour moderniser notre site internet",
        ],
        [
            "Mécénat de compétences : nos développeurs refont sites internet et outils de gestion",
            "Nos informaticiens accompagnent la refonte de sites internet associatifs",
        ],
        "inclusion_numerique",
    ),
    (
        "locaux",
        "locaux",
        [
            "Une salle pour nos ateliers collectifs deux soirs par semaine",
            "Un local pour accueillir nos ateliers du soir",
        ],
        [
            "Notre salle de réunion est libre le soir pour des ateliers associatifs",
            "Prêt de salles de réunion en soirée aux associations du quartier",
        ],
        "cohesion_territoriale",
    ),
    (
        "materiel",
        "materiel",
        [
            "Des ordinateurs pour équiper notre espace numérique",
            "Équiper en ordinateurs notre atelier d'inclusion numérique",
        ],
        [
            "Don d'ordinateurs portables issus du renouvellement de notre parc",
            "Nos ordinateurs réformés, reconditionnés, pour les associations",
        ],
        "inclusion_numerique",
    ),
    (
        "financement",
        "financement",
        [
            "Financer le lancement de notre épicerie solidaire",
            "Un soutien financier pour ouvrir une épicerie solidaire",
        ],
        [
            "Fonds de dotation : soutien financier au lancement de projets solidaires",
            "Mécénat financier pour les épiceries et commerces solidaires",
        ],
        "precarite",
    ),
    (
        "logistique",
        "logistique",
        [
            "Transporter des denrées alimentaires entre nos antennes",
            "Acheminer nos colis alimentaires vers les villages",
        ],
        [
            "Nos camions de livraison peuvent transporter vos denrées le week-end",
            "Transport de colis alimentaires par nos véhicules de livraison",
        ],
        "precarite",
    ),
    (
        "communication",
        "communication",
        [
            "Faire connaître notre ressourcerie auprès des habitants",
            "Plus de visibilité pour notre ressourcerie",
        ],
        [
            "Accompagnement en communication et visibilité pour les associations locales",
            "Nos équipes de communication font connaître les ressourceries",
        ],
        "transition_ecologique",
    ),
]
COMPANY_NEEDS = [
    (
        "benevolat",
        "benevolat",
        [
            "Proposer à nos salariés des missions solidaires près de leur lieu de travail",
            "Des missions de bénévolat pour engager nos salariés",
        ],
        [
            "Des missions de bénévolat ponctuelles pour les salariés des entreprises",
            "Nous accueillons vos salariés en missions solidaires d'une demi-journée",
        ],
        "engagement_citoyen",
    ),
    (
        "achats",
        "achats",
        [
            "Confier l'entretien de nos espaces verts à une structure d'insertion",
            "Un prestataire d'insertion pour nos espaces verts",
        ],
        [
            "Entretien d'espaces verts par nos équipes en insertion",
            "Nos salariés en insertion entretiennent les espaces verts des entreprises",
        ],
        "insertion_iae",
    ),
    (
        "expertise",
        "expertise",
        [
            "Mieux accompagner nos clients en difficulté financière",
            "Comprendre les difficultés budgétaires de nos clients fragiles",
        ],
        [
            "Expertise de l'accompagnement budgétaire des ménages en difficulté",
            "Nous formons vos conseillers à repérer les difficultés budgétaires",
        ],
        "inclusion_bancaire",
    ),
    (
        "acces_publics",
        "acces_publics",
        [
            "Rencontrer les jeunes des quartiers pour nos offres d'apprentissage",
            "Faire connaître nos apprentissages aux jeunes des quartiers",
        ],
        [
            "Nos permanences dans les quartiers prioritaires accueillent les jeunes",
            "Rencontres avec les jeunes des quartiers dans nos permanences",
        ],
        "insertion_jeunes",
    ),
    (
        "formation",
        "formation",
        [
            "Former nos équipes à l'accueil des personnes en situation de handicap",
            "Sensibiliser nos managers au handicap",
        ],
        [
            "Formation à l'accueil des personnes handicapées pour les équipes",
            "Nous formons les entreprises à l'accueil du handicap",
        ],
        "handicap",
    ),
]
# Needs nobody around answers: what decoys ask for (so they give and take nothing back).
UNRELATED_NEEDS = [
    ("innovation", "Expérimenter une filière de recyclage des textiles"),
    ("reseau", "Rencontrer des élus de la région"),
]


def say(message: str) -> None:
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()


# --------------------------------------------------------------------------- database


def _run(command: list[str], env: dict[str, str]) -> str:
    return subprocess.run(
        command, env=env, cwd=ROOT, check=True, text=True, stdout=subprocess.PIPE
    ).stdout


def build(path: Path, population: int, seed: int) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "MAILLAGE_ENV": "development"}
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    say("migrate, referential, demo territory…")
    _run([*MAILLAGE, "migrate", "-v0"], env)
    _run([*MAILLAGE, "import_territories", "--json"], env)
    _run([*MAILLAGE, "seed_demo", "--json"], env)
    say(f"generate_synthetic --actors {population}…")
    _run(
        [
            *MAILLAGE,
            "generate_synthetic",
            "--actors",
            str(population),
            "--seed",
            str(seed),
            "--json",
        ],
        env,
    )


# --------------------------------------------------------------------------- planting


def plant(rng: random.Random, pairs: int, decoys: int) -> list[tuple[int, int]]:
    """Create the planted pairs and their decoys (ORM, then their profiles)."""
    from maillage.actors.enums import Source
    from maillage.actors.models import Actor, Kind, NeedOffer
    from maillage.territories.models import Commune

    kinds = {kind.code: kind for kind in Kind.objects.all()}
    # Communes of the synthetic population with an EPCI, grouped by département.
    communes = list(
        Commune.objects.filter(epci__isnull=False, actors__source=Source.SYNTHETIC)
        .distinct()
        .order_by("code")
    )
    by_departement: dict[str, list[Commune]] = {}
    for commune in communes:
        by_departement.setdefault(commune.departement_id, []).append(commune)
    departements = sorted(code for code, rows in by_departement.items() if len(rows) >= 5)
    created: list[tuple[int, int]] = []

    def actor(name: str, kind: str, sphere: str, commune: Commune, themes: list[str]) -> Actor:
        row = Actor.objects.create(
            name=name,
            kind=kinds[kind],
            sphere=sphere,
            is_ess=sphere == "ess",
            seat_commune=commune,
            epci_id=commune.epci_id,
            departement_id=commune.departement_id,
            region_id=commune.region_id,
            latitude=commune.latitude,
            longitude=commune.longitude,
            source=Source.SYNTHETIC,
            completeness=rng.choice([50, 67, 75, 83]),
        )
        row.themes.set(themes)
        row.partnership_types.set(
            rng.sample(
                [
                    "mecenat",
                    "pratiques_responsables",
                    "cooperation_economique",
                    "innovation_societale",
                ],
                2,
            )
        )
        return row

    def item(owner: Actor, direction: str, category: str, text: str) -> None:
        NeedOffer.objects.create(actor=owner, direction=direction, category_id=category, text=text)

    themes_pool = [
        "emploi",
        "sante",
        "education",
        "logement",
        "culture_sport_loisirs",
        "developpement_local",
    ]
    for number in range(pairs):
        departement = rng.choice(departements)
        commune_a = rng.choice(by_departement[departement])
        commune_b = rng.choice(by_departement[departement])
        asso_topic = rng.choice(ASSOCIATION_NEEDS)
        company_topic = rng.choice(COMPANY_NEEDS)
        shared = asso_topic[4]
        a = actor(
            f"Association plantée {number}",
            rng.choice(["association", "siae"]),
            "ess",
            commune_a,
            [shared, company_topic[4], rng.choice(themes_pool)],
        )
        b = actor(
            f"Entreprise plantée {number}",
            "entreprise",
            "entreprises",
            commune_b,
            [shared, rng.choice(themes_pool)],
        )
        item(a, "need", asso_topic[0], rng.choice(asso_topic[2]))
        item(b, "offer", asso_topic[1], rng.choice(asso_topic[3]))
        item(b, "need", company_topic[0], rng.choice(company_topic[2]))
        item(a, "offer", company_topic[1], rng.choice(company_topic[3]))
        created.append((a.pk, b.pk))
        # One-sided decoys: they answer one side's need, in its words, and ask for what
        # nobody around offers.
        for side, topic, sphere, kind, label in (
            (a, asso_topic, "entreprises", "entreprise", "Entreprise"),
            (b, company_topic, "ess", "association", "Association"),
        ):
            for index in range(decoys):
                commune = rng.choice(by_departement[departement])
                decoy = actor(
                    f"{label} leurre {number}-{side.pk}-{index}",
                    kind,
                    sphere,
                    commune,
                    [topic[4], rng.choice(themes_pool)],
                )
                item(decoy, "offer", topic[1], rng.choice(topic[3]))
                category, text = rng.choice(UNRELATED_NEEDS)
                item(decoy, "need", category, text)
    return created


def demo_pairs() -> list[tuple[int, int]]:
    """The demo's real partnerships and accepted introductions, then removed (held out)."""
    from django.apps import apps

    from maillage.matching.models import Endorsement, Introduction

    pairs: set[tuple[int, int]] = set()
    try:
        party = apps.get_model("partnerships", "Party")
    except LookupError:
        party = None
    if party is not None:
        members: dict[int, list[int]] = {}
        for partnership_id, actor_id in party.objects.values_list("partnership_id", "actor_id"):
            members.setdefault(partnership_id, []).append(actor_id)
        for actors in members.values():
            for index, a in enumerate(actors):
                for b in actors[index + 1 :]:
                    pairs.add((min(a, b), max(a, b)))
    for low, high in Introduction.objects.filter(status="accepted").values_list(
        "pair_low", "pair_high"
    ):
        pairs.add((low, high))
    # Held out: nothing but the profiles may reveal them. The score reads introductions
    # and endorsements (trust, partners' endorsements); partnerships only through
    # endorsements, all removed here (partnerships themselves are protected rows).
    Endorsement.objects.all().delete()
    Introduction.objects.all().delete()
    return sorted(pairs)


# --------------------------------------------------------------------------- scorers


class Scorers:
    """Each scorer gives an actor's top ``K`` (ids, best first, positive scores only)."""

    def __init__(self, seed: int) -> None:
        import numpy as np

        from maillage.matching.models import ActorProfile
        from maillage.matching.profiles import PROFILE_COLUMNS

        self.np = np
        rows = list(
            ActorProfile.objects.filter(matchable=True)
            .order_by("actor_id")
            .values_list(*PROFILE_COLUMNS)
        )
        self.ids = np.array([row[0] for row in rows])
        self.index = {pk: i for i, pk in enumerate(self.ids.tolist())}
        self.themes = np.array([row[3] for row in rows], dtype=np.int64)
        self.lat = np.array([np.nan if row[10] is None else row[10] for row in rows])
        self.lon = np.array([np.nan if row[11] is None else row[11] for row in rows])
        # Seat territories (commune, EPCI, département, région) as small integers.
        codes: dict[str, int] = {"": -1}
        self.seats = np.array(
            [
                [
                    codes.setdefault(f"{level}{row[6 + level]}", len(codes))
                    if row[6 + level]
                    else -1
                    for level in range(4)
                ]
                for row in rows
            ],
            dtype=np.int64,
        )
        self.seed = seed
        self.cache: dict[tuple[str, int], list[int]] = {}

    def top(self, name: str, pk: int) -> list[int]:
        key = (name, pk)
        if key not in self.cache:
            self.cache[key] = getattr(self, f"_{name}")(pk)
        return self.cache[key]

    def _full(self, pk: int, one_sided: bool = False) -> list[int]:
        from maillage.matching.engine import profile_for, rank_for

        profile = profile_for(pk)
        if profile is None or not profile.has_territory:
            return []
        ranking = rank_for(profile, limit=K, one_sided=one_sided)
        return [pair.y for pair in ranking.pairs if (pair.forward if one_sided else pair.score) > 0]

    def _one_sided(self, pk: int) -> list[int]:
        return self._full(pk, one_sided=True)

    def _random(self, pk: int) -> list[int]:
        rng = random.Random(self.seed * 1_000_003 + pk)
        picks = rng.sample(self.ids.tolist(), K + 1)
        return [other for other in picks if other != pk][:K]

    def _rank(self, pk: int, scores: Any) -> list[int]:
        np = self.np
        i = self.index.get(pk)
        if i is None:
            return []
        scores = scores.copy()
        scores[i] = -np.inf
        # Ties broken at random (a fixed draw per actor), never by id.
        jitter = np.random.default_rng(self.seed + pk).random(len(scores)) * 1e-9
        order = np.argsort(-(scores + jitter))[:K]
        return [int(self.ids[j]) for j in order if scores[j] > 0]

    def _themes(self, pk: int) -> list[int]:
        np = self.np
        i = self.index.get(pk)
        if i is None:
            return []
        shared = np.bitwise_count(self.themes & self.themes[i]).astype(float)
        sizes = np.sqrt(
            np.bitwise_count(self.themes).astype(float) * float(np.bitwise_count(self.themes[i]))
        )
        return self._rank(pk, np.where(sizes > 0, shared / np.where(sizes > 0, sizes, 1), 0.0))

    def _distance(self, pk: int) -> list[int]:
        """Nearest first: kilometres between seats when both have coordinates, else the
        smallest territory the seats share (same commune ≈ 0 km, EPCI ≈ 10 km,
        département ≈ 40 km, région ≈ 120 km)."""
        np = self.np
        i = self.index.get(pk)
        if i is None:
            return []
        km = np.full(len(self.ids), np.inf)
        for level, equivalent in enumerate((0.0, 10.0, 40.0, 120.0)):
            same = (self.seats[:, level] == self.seats[i, level]) & (self.seats[i, level] >= 0)
            km = np.where(same, np.minimum(km, equivalent), km)
        if not np.isnan(self.lat[i]):
            lat1, lat2 = np.radians(self.lat[i]), np.radians(self.lat)
            h = (
                np.sin((lat2 - lat1) / 2) ** 2
                + np.cos(lat1) * np.cos(lat2) * np.sin(np.radians(self.lon - self.lon[i]) / 2) ** 2
            )
            measured = 2 * 6371 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
            km = np.where(np.isnan(measured), km, measured)
        return self._rank(pk, np.where(np.isinf(km), 0.0, 1.0 / (1.0 + km)))


# --------------------------------------------------------------------------- metrics


def evaluate(
    scorers: Scorers, name: str, relevant: dict[int, set[int]], coverage_sample: list[int]
) -> dict[str, float]:
    precision = recall = ndcg = reciprocal = 0.0
    reciprocal_n = 0
    for x, wanted in relevant.items():
        top = scorers.top(name, x)
        hits = [1 if y in wanted else 0 for y in top]
        precision += sum(hits) / K
        recall += sum(hits) / len(wanted)
        dcg = sum(hit / math.log2(rank + 2) for rank, hit in enumerate(hits))
        ideal = sum(1 / math.log2(rank + 2) for rank in range(min(K, len(wanted))))
        ndcg += dcg / ideal
        if top:
            reciprocal += sum(1 for y in top if x in scorers.top(name, y)) / len(top)
            reciprocal_n += 1
    n = len(relevant)
    covered = sum(1 for pk in coverage_sample if scorers.top(name, pk))
    return {
        "precision@10": precision / n,
        "recall@10": recall / n,
        "ndcg@10": ndcg / n,
        "reciprocal_success@10": reciprocal / max(1, reciprocal_n),
        "coverage": covered / max(1, len(coverage_sample)),
    }


SCORERS: list[tuple[str, str]] = [
    ("full", "full score (reciprocal)"),
    ("random", "random"),
    ("themes", "shared themes only"),
    ("distance", "distance only (km, else the smallest shared territory)"),
    ("one_sided", "one-sided (X's needs only)"),
]
METRICS = ["precision@10", "recall@10", "ndcg@10", "reciprocal_success@10", "coverage"]


def table(title: str, results: dict[str, dict[str, float]], queries: int) -> str:
    lines = [
        f"\n{title} ({queries} actors queried)\n",
        "| scorer | precision@10 | recall@10 | nDCG@10 | reciprocal success@10 | coverage |",
        "|---|---|---|---|---|---|",
    ]
    for key, label in SCORERS:
        row = results[key]
        lines.append(
            f"| {label} | "
            + " | ".join(
                f"{row[m]:.3f}" if m in {"precision@10", "ndcg@10"} else f"{100 * row[m]:.1f} %"
                for m in METRICS
            )
            + " |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, default=DEFAULT_DB)
    parser.add_argument("--population", type=int, default=20_000)
    parser.add_argument("--pairs", type=int, default=150)
    parser.add_argument("--decoys", type=int, default=10, help="one-sided decoys per side")
    parser.add_argument("--coverage-sample", type=int, default=400)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    meta = args.database.with_suffix(".json")
    if args.rebuild or not args.database.exists() or not meta.exists():
        build(args.database, args.population, args.seed)
        meta.write_text(json.dumps({"population": args.population, "planted": False}))
    os.environ["DATABASE_URL"] = f"sqlite:///{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.config.settings")
    import django

    django.setup()
    from django.db import transaction

    from maillage.matching.profiles import profiles_rebuild_all, term_statistics_rebuild

    rng = random.Random(args.seed)
    started = time.perf_counter()
    # Everything below is rolled back at the end: the database can be measured again.
    with transaction.atomic():
        held_out = demo_pairs()
        say(f"{len(held_out)} demo pairs held out; planting {args.pairs} pairs…")
        planted = plant(rng, args.pairs, args.decoys)
        say("profiles and term statistics…")
        profiles_rebuild_all()
        term_statistics_rebuild()
        scorers = Scorers(args.seed)
        coverage_sample = random.Random(args.seed).sample(
            scorers.ids.tolist(), min(args.coverage_sample, len(scorers.ids))
        )
        sets: list[tuple[str, list[tuple[int, int]]]] = [
            ("Planted complementary pairs in a synthetic population", planted),
            ("Demo territory's real partnerships (held out)", held_out),
        ]
        outputs: dict[str, Any] = {}
        for title, pairs in sets:
            relevant: dict[int, set[int]] = {}
            for a, b in pairs:
                relevant.setdefault(a, set()).add(b)
                relevant.setdefault(b, set()).add(a)
            relevant = {pk: wanted for pk, wanted in relevant.items() if pk in scorers.index}
            if not relevant:
                continue
            results: dict[str, dict[str, float]] = {}
            for key, _label in SCORERS:
                say(f"  {title[:30]}… {key}")
                results[key] = evaluate(scorers, key, relevant, coverage_sample)
            outputs[title] = results
            sys.stdout.write(table(title, results, len(relevant)) + "\n")
        transaction.set_rollback(True)
    sys.stdout.write(
        f"\nPopulation: {len(scorers.ids):,} matchable actors; {args.pairs} planted pairs, "
        f"{args.decoys} one-sided decoys around each side; coverage on {len(coverage_sample)} "
        f"random matchable actors; {time.perf_counter() - started:.0f} s.\n"
    )
    if args.json:
        sys.stdout.write(json.dumps(outputs, indent=2) + "\n")


if __name__ == "__main__":
    main()
