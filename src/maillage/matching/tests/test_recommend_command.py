"""``maillage recommend ACTOR [--limit N] [--json]`` (contracts.md)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from maillage.matching.tests.factories import actor_with

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("recommend", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def pair():  # type: ignore[no-untyped-def]
    asso = actor_with(
        name="Atelier Numérique",
        rna="W862001234",
        needs=(("competences", "Un développeur web pour notre site"),),
        offers=(("benevolat", "Missions de bénévolat"),),
    )
    company = actor_with(
        entreprise=True,
        imported=True,
        name="Dev Conseil",
        needs=(("benevolat", "Engager nos salariés"),),
        offers=(("competences", "Mécénat de compétences en développement web"),),
    )
    return asso, company


def test_json_output_follows_the_contract(pair) -> None:  # type: ignore[no-untyped-def]
    asso, company = pair
    code, out, _err = run(str(asso.pk), "--json")
    assert code == 0
    body = json.loads(out)
    assert body["actor"]["id"] == asso.pk and body["actor"]["name"] == "Atelier Numérique"
    first = body["results"][0]
    assert {"id", "name", "score", "score_forward", "score_backward", "reasons"} <= set(first)
    assert first["id"] == company.pk
    assert 0 < first["score"] <= 1
    assert all(isinstance(reason, str) for reason in first["reasons"]) and first["reasons"]


@pytest.mark.parametrize("identifier", ["siret", "siren", "rna", "pk"])
def test_the_actor_is_found_by_id_siret_siren_or_rna(pair, identifier: str) -> None:  # type: ignore[no-untyped-def]
    asso, company = pair
    actor = asso if identifier in {"rna", "pk"} else company
    code, out, _err = run(str(getattr(actor, identifier)), "--json")
    assert code == 0
    assert json.loads(out)["actor"]["id"] == actor.pk


def test_limit_caps_the_results(pair) -> None:  # type: ignore[no-untyped-def]
    asso, _company = pair
    actor_with(entreprise=True, offers=(("competences", "Développement web"),))
    code, out, _err = run(str(asso.pk), "--limit", "1", "--json")
    assert code == 0 and len(json.loads(out)["results"]) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999999"], "Aucun acteur"),
        (["W000000000"], "Aucun acteur"),
        (["pas-un-identifiant"], "Aucun acteur"),
        (["{asso}", "--limit", "0"], "--limit"),
        (["{asso}", "--kind", "licorne"], "licorne"),
        (["{asso}", "--territory", "dep:999"], "territoire"),
        (["{asso}", "--territory", "dep:13"], "Territoire inconnu"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(pair, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    asso, _company = pair
    code, out, err = run(*[arg.format(asso=asso.pk) for arg in args], "--json")
    assert code == 2
    assert message in err and message in json.loads(out)["error"]


def test_an_empty_profile_gets_advice_and_no_results() -> None:
    empty = actor_with()
    code, out, _err = run(str(empty.pk), "--json")
    assert code == 0
    body = json.loads(out)
    assert body["results"] == [] and body["advice"]


def test_human_output_lists_partners_and_reasons(pair) -> None:  # type: ignore[no-untyped-def]
    asso, company = pair
    code, out, _err = run(str(asso.pk))
    assert code == 0
    assert "Partenaires suggérés pour Atelier Numérique" in out
    assert company.name in out and "Vous cherchez des compétences" in out
