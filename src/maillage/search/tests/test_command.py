"""``maillage search`` and ``maillage rebuild_search_index`` (contracts.md)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from maillage.search.models import ActorDocument


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def directory(publish):
    return {
        "poitiers": publish(
            "Épicerie solidaire de Poitiers", commune="86194", themes=["precarite"]
        ),
        "charenton": publish("Épicerie solidaire Au Petit Plus", commune="94018"),
        "natixis": publish("Natixis", kind="entreprise", commune="94018"),
    }


def test_json_output_shape(directory):
    status, out, _ = run("search", "épiceries solidaires", "--json")
    payload = json.loads(out)
    assert status == 0
    assert set(payload) >= {"total", "took_ms", "results"}
    assert payload["total"] == 2
    assert isinstance(payload["took_ms"], float)
    first = payload["results"][0]
    assert set(first) >= {"id", "name", "kind", "commune", "score"}
    assert {row["name"] for row in payload["results"]} == {
        "Épicerie solidaire de Poitiers",
        "Épicerie solidaire Au Petit Plus",
    }
    assert {row["commune"] for row in payload["results"]} == {"86194", "94018"}
    assert all(row["kind"] == "association" and row["score"] > 0 for row in payload["results"])


def test_filters_limit_and_place(directory):
    _, out, _ = run("search", "épicerie", "--territory", "dep:94", "--json")
    assert [row["name"] for row in json.loads(out)["results"]] == [
        "Épicerie solidaire Au Petit Plus"
    ]
    _, out, _ = run(
        "search", "--kind", "entreprise", "--kind", "association", "--theme", "precarite", "--json"
    )
    assert [row["id"] for row in json.loads(out)["results"]] == [directory["poitiers"].pk]
    _, out, _ = run("search", "épicerie", "--place", "94018", "--limit", "1", "--json")
    payload = json.loads(out)
    assert payload["total"] == 2
    assert [row["id"] for row in payload["results"]] == [directory["charenton"].pk]


def test_no_result_is_a_success(directory):
    status, out, _ = run("search", "introuvable", "--json")
    assert status == 0
    assert json.loads(out) == {
        "total": 0,
        "total_estimated": False,
        "took_ms": json.loads(out)["took_ms"],
        "results": [],
        "corrections": {},
    }


def test_human_output_lists_the_results(directory):
    status, out, _ = run("search", "natixsi")
    assert status == 0
    assert "1 acteur trouvé" in out
    assert "Natixis — Charenton-le-Pont [entreprise]" in out
    assert "natixsi" in out  # the correction is shown


@pytest.mark.parametrize("territory", ["dep:XX", "86", "département:86", "com:1234"])
def test_an_invalid_territory_code_exits_2_with_a_clear_message(directory, territory):
    status, out, err = run("search", "épicerie", "--territory", territory, "--json")
    assert status == 2
    assert "Code de territoire invalide" in err
    assert territory in err
    assert "error" in json.loads(out)


def test_an_unknown_territory_exits_2(directory):
    status, _, err = run("search", "épicerie", "--territory", "dep:13")
    assert status == 2
    assert "Territoire inconnu" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "licorne"], "Type d'acteur inconnu : licorne"),
        (["--theme", "bonheur"], "Thématique inconnue : bonheur"),
        (["--place", "99999"], "Commune inconnue"),
        (["--limit", "0"], "--limit"),
        (["--page", "0"], "--page"),
    ],
)
def test_other_bad_options_exit_2(directory, args, message):
    status, _, err = run("search", "épicerie", *args)
    assert status == 2
    assert message in err


def test_rebuild_command_reports_the_indexed_actors(directory):
    ActorDocument.objects.all().delete()
    status, out, _ = run("rebuild_search_index", "--json")
    assert status == 0
    assert json.loads(out)["actors"] == 3
    _, out, _ = run("search", "natixis", "--json")
    assert json.loads(out)["total"] == 1


def test_json_says_whether_the_total_is_estimated(publish, monkeypatch):
    from maillage.search.backends import get_backend, native

    for number in range(6):
        publish(f"Jardin {number}", commune="86194")
    exact = json.loads(run("search", "jardin", "--json")[1])
    assert exact["total"] == 6 and exact["total_estimated"] is False
    monkeypatch.setattr(native, "COUNT_EXACT_LIMIT", 2)
    monkeypatch.setattr(native, "COUNT_SAMPLE_MIN", 1)
    monkeypatch.setattr(type(get_backend()), "cheap_count", True)
    estimated = json.loads(run("search", "jardin", "--json")[1])
    assert estimated["total_estimated"] is True and estimated["total"] >= 3
