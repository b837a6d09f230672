"""Static security rules kept in the repository (what a semgrep rule set would hold).

Semgrep itself is not installed: its wheel pulls a large native toolchain and a rules
registry reached over the network. These rules are plain Python over the source tree, run
in every test pass, offline. Each rule names what it forbids and why; an exception is added
to its allow-list with a reason, in review.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "maillage"


def _python_sources() -> list[Path]:
    return [
        path
        for path in SRC.rglob("*.py")
        if "/tests/" not in path.as_posix() and "/migrations/" not in path.as_posix()
    ]


def _templates() -> list[Path]:
    return list(SRC.rglob("templates/**/*.html"))


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


# Files allowed to build SQL text from identifiers (table and column names that are module
# constants or come from Model._meta); values always go through bound parameters.
RAW_SQL_ALLOWED = {
    "actors/bulk.py",
    "importers/stores.py",
    "importers/sirene.py",
    "importers/runs.py",
    "matching/engine.py",
    "matching/profiles.py",
    "matching/scoring/batch.py",
    "audit/triggers.py",
    "audit/services.py",
    "audit/selectors.py",
    "search/backends/native.py",
    "search/backends/postgresql.py",
    "search/backends/sqlite.py",
    "search/vocabulary.py",
    "search/services.py",
    "core/backup.py",
    "territories/services.py",
}


def _relative(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def test_no_csrf_exempt_view():
    """Every state-changing view keeps Django's CSRF protection."""
    offenders = [
        _relative(path)
        for path in _python_sources()
        if re.search(r"\bcsrf_exempt\b", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_queryset_extra():
    """``QuerySet.extra()`` takes raw SQL fragments; use expressions instead."""
    offenders = [
        f"{_relative(path)}:{call.lineno}"
        for path in _python_sources()
        for call in _calls(ast.parse(path.read_text(encoding="utf-8")))
        if _name(call) == "extra" and isinstance(call.func, ast.Attribute)
    ]
    assert offenders == []


def test_no_mark_safe_or_format_html_bypass_in_python():
    """HTML is built in templates, escaped by default; ``mark_safe`` on any string that may
    hold user text is an XSS."""
    offenders = [
        f"{_relative(path)}:{call.lineno}"
        for path in _python_sources()
        for call in _calls(ast.parse(path.read_text(encoding="utf-8")))
        if _name(call) in {"mark_safe", "SafeString"}
    ]
    assert offenders == []


# Templates allowed to use |safe, each on values that the code built and escaped itself.
SAFE_FILTER_ALLOWED: dict[str, str] = {}


def test_no_safe_filter_or_autoescape_off_in_templates():
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        if re.search(r"\|\s*safe\b|{%\s*autoescape\s+off", text) and (
            _relative(path) not in SAFE_FILTER_ALLOWED
        ):
            offenders.append(_relative(path))
    assert offenders == []


def _is_sql_text(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        head = "".join(
            part.value for part in node.values if isinstance(part, ast.Constant)
        ).lstrip()
        return bool(re.match(r"(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP)\b", head, re.I))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _is_sql_text(node.left) or (
            isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
            and bool(re.match(r"\s*(SELECT|INSERT|UPDATE|DELETE)\b", node.left.value, re.I))
        )
    return False


def test_sql_text_is_built_only_in_reviewed_modules():
    """f-strings or %-formatting of SQL text are allowed only where identifiers (never
    values) are interpolated, in the reviewed modules above."""
    offenders = []
    for path in _python_sources():
        if _relative(path) in RAW_SQL_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _is_sql_text(node):
                offenders.append(f"{_relative(path)}:{getattr(node, 'lineno', '?')}")
    assert offenders == []


@pytest.mark.parametrize("method", ["raw", "RawSQL"])
def test_raw_querysets_only_in_reviewed_modules(method):
    offenders = [
        f"{_relative(path)}:{call.lineno}"
        for path in _python_sources()
        if _relative(path) not in RAW_SQL_ALLOWED
        for call in _calls(ast.parse(path.read_text(encoding="utf-8")))
        if _name(call) == method
    ]
    assert offenders == []


def test_the_rules_catch_what_they_forbid(tmp_path):
    """The detectors themselves work (a rule that cannot fail is no rule)."""
    sample = ast.parse(
        "q = f\"SELECT * FROM t WHERE name = '{name}'\"\n"
        "Actor.objects.extra(where=['1=1'])\n"
        "mark_safe(user_text)\n"
    )
    assert any(_is_sql_text(node) for node in ast.walk(sample))
    assert {_name(call) for call in _calls(sample)} >= {"extra", "mark_safe"}


def test_every_transactional_test_restores_the_database_it_found() -> None:
    """``transaction=True`` without ``serialized_rollback=True`` lets the flush recreate the
    content types under new ids; the next serialized test then fails to restore them."""
    offenders = []
    for path in [*SRC.rglob("test_*.py"), *(SRC.parent.parent / "tests").rglob("test_*.py")]:
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "transaction=True" in line and "serialized_rollback=True" not in line:
                offenders.append(f"{path.name}: {line.strip()}")
    assert offenders == []
