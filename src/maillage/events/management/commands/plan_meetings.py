"""``maillage plan_meetings``: plan a speed-dating from a JSON instance (contracts.md,
« Speed-dating planning format »), with the optimiser the event pages use.

The plan is checked by the independent validator before it is written; the output file is
written whole or not at all (a temporary file renamed into place).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from maillage.core.commands import MaillageCommand, UsageError
from maillage.events.scheduling import PlanningError, plan_meetings, validate_plan
from maillage.events.scheduling.planner import METHODS


class Command(MaillageCommand):
    help = (
        "Planifie un speed-dating : lit une instance JSON (participants, tours, tables, "
        "scores, paires à faire se rencontrer ou à éviter, tours déjà tenus), écrit le "
        "planning JSON (tours et tables, score total, borne supérieure, paires non placées, "
        "statistiques). Le format est décrit dans docs/contracts et docs/cli.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--input", required=True, metavar="FILE", help="Instance JSON à planifier."
        )
        parser.add_argument(
            "--output",
            required=True,
            metavar="FILE",
            help="Fichier JSON du planning (remplacé s'il existe, seulement une fois le "
            "planning complet et vérifié).",
        )
        parser.add_argument(
            "--time-limit",
            type=float,
            default=None,
            metavar="S",
            help="Durée maximale de calcul en secondes (par défaut : 120). À l'échéance, le "
            "meilleur planning trouvé est rendu ; il respecte toujours les contraintes.",
        )
        parser.add_argument(
            "--method",
            choices=METHODS,
            default="optimiser",
            help="optimiser (par défaut) ; round_by_round ou greedy : les planificateurs de "
            "référence, pour comparer.",
        )

    def run(self, **options: Any) -> dict[str, Any]:
        time_limit = options["time_limit"]
        if time_limit is not None and time_limit <= 0:
            raise UsageError("--time-limit doit être un nombre de secondes positif.")
        source = Path(options["input"])
        try:
            raw = json.loads(source.read_text(encoding="utf-8-sig"))
        except FileNotFoundError as error:
            raise UsageError(f"fichier introuvable : {source}") from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise UsageError(f"{source} n'est pas un fichier JSON valide : {error}") from error
        try:
            plan = plan_meetings(raw, time_limit=time_limit, method=options["method"])
        except PlanningError as error:
            raise UsageError(str(error)) from error
        problems = validate_plan(raw, plan)
        if problems:  # a bug: never write a plan that breaks a hard constraint
            raise UsageError("planning invalide, non écrit : " + " ; ".join(problems[:5]))
        target = Path(options["output"])
        _write_atomically(target, plan)
        for warning in plan["stats"]["warnings"]:
            self.log(f"Attention : {warning}")
        stats = plan["stats"]
        return {
            "total_score": plan["total_score"],
            "upper_bound": plan["upper_bound"],
            "ratio_to_upper_bound": stats["ratio_to_upper_bound"],
            "meetings": stats["meetings"],
            "rounds": stats["rounds"],
            "participants": stats["participants"],
            "meetings_per_participant": stats["meetings_per_participant"],
            "unmet_must_meet": len(plan["unmet_must_meet"]),
            "method": stats["method"],
            "runtime_s": stats["runtime_s"],
            "warnings": stats["warnings"],
            "output": str(target),
        }

    def human_summary(self, result: dict[str, Any]) -> str:
        per = result["meetings_per_participant"]
        lines = [
            f"{result['meetings']} rencontres en {result['rounds']} tours pour "
            f"{result['participants']} participants → {result['output']}",
            f"Score total {result['total_score']:.4f} / borne {result['upper_bound']:.4f} "
            f"({100 * result['ratio_to_upper_bound']:.2f} %), en {result['runtime_s']} s.",
            f"Rencontres par personne : min {per['min']}, médiane {per['median']}, "
            f"max {per['max']}.",
        ]
        if result["unmet_must_meet"]:
            lines.append(
                f"{result['unmet_must_meet']} paire(s) à faire se rencontrer non placée(s)."
            )
        return "\n".join(lines)


def _write_atomically(target: Path, plan: dict[str, Any]) -> None:
    directory = target.parent if str(target.parent) else Path()
    if not directory.is_dir():
        raise UsageError(f"dossier introuvable : {directory}")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".plan-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(plan, stream, ensure_ascii=False, indent=1)
            stream.write("\n")
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
