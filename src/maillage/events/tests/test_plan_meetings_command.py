"""``maillage plan_meetings`` (contracts.md): files in and out, --json, exit statuses."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from maillage.events.scheduling import validate_plan
from maillage.events.scheduling.generate import random_instance


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_plans_a_file_and_prints_the_json_summary(tmp_path: Path) -> None:
    instance = random_instance(side_a=6, side_b=6, rounds=4, must=1, avoid=1, seed=3)
    source, target = tmp_path / "in.json", tmp_path / "out.json"
    source.write_text(json.dumps(instance), encoding="utf-8")
    status, out, _err = run(
        "plan_meetings", "--input", str(source), "--output", str(target), "--json"
    )
    assert status == 0
    summary = json.loads(out)
    assert set(summary) >= {"total_score", "upper_bound", "meetings"}
    plan = json.loads(target.read_text(encoding="utf-8"))
    assert validate_plan(instance, plan) == []
    assert summary["total_score"] == plan["total_score"]
    assert summary["meetings"] == sum(len(r) for r in plan["rounds"])


def test_human_summary_and_time_limit(tmp_path: Path) -> None:
    source, target = tmp_path / "in.json", tmp_path / "out.json"
    source.write_text(json.dumps(random_instance(side_a=3, side_b=3, rounds=2)), "utf-8")
    status, out, _err = run(
        "plan_meetings", "--input", str(source), "--output", str(target), "--time-limit", "5"
    )
    assert status == 0
    assert "rencontres en 2 tours" in out


def test_bad_instance_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    source, target = tmp_path / "in.json", tmp_path / "out.json"
    source.write_text(
        json.dumps(
            {
                "rounds": 2,
                "tables": 1,
                "participants": [{"id": "x"}, {"id": "y"}],
                "scores": [{"a": "x", "b": "inconnu", "score": 1}],
            }
        ),
        "utf-8",
    )
    status, out, err = run(
        "plan_meetings", "--input", str(source), "--output", str(target), "--json"
    )
    assert status == 2
    assert "inconnu" in json.loads(out)["error"]
    assert "inconnu" in err
    assert not target.exists()


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text("{pas du json", "utf-8")
    status, _out, err = run(
        "plan_meetings", "--input", str(source), "--output", str(tmp_path / "o.json")
    )
    assert status == 2
    assert "JSON" in err
    status, _out, err = run(
        "plan_meetings", "--input", str(tmp_path / "absent.json"), "--output", "o.json"
    )
    assert status == 2


def test_negative_time_limit_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(random_instance(side_a=2, side_b=2, rounds=1)), "utf-8")
    status, _out, err = run(
        "plan_meetings",
        "--input",
        str(source),
        "--output",
        str(tmp_path / "o.json"),
        "--time-limit",
        "-1",
    )
    assert status == 2
    assert "--time-limit" in err
