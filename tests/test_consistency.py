"""Meta-tests: the documentation and the code cannot drift apart, and a few project-wide
rules hold (no ``print``, migrations in sync, vendored assets with their licence…).

When one fails, its message says what to do (usually: document the new thing, or run
``make docs``).
"""

from __future__ import annotations

import ast
import importlib.util
import re
from io import StringIO
from pathlib import Path
from types import ModuleType

import pytest
from django.apps import apps
from django.core.management import call_command, find_commands, load_command_class

from maillage.api.errors import ErrorCode
from maillage.core.commands import MaillageCommand

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "maillage"
DOCS = ROOT / "docs"
ENV_MODULE = SRC / "config" / "env.py"


def _python_files(folder: Path, *, skip_tests: bool = False) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(folder).parts
        if "__pycache__" in parts:
            continue
        if skip_tests and ("tests" in parts or path.name.startswith("test_")):
            continue
        files.append(path)
    return files


def _maillage_commands() -> list[tuple[str, str]]:
    found = []
    for app_config in apps.get_app_configs():
        if app_config.name.startswith("maillage."):
            for name in find_commands(str(Path(app_config.path) / "management")):
                found.append((app_config.name, name))
    return sorted(found, key=lambda item: item[1])


def _load_cli_docs_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_cli_docs", ROOT / "scripts" / "generate_cli_docs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- settings


def _environment_variables_read(path: Path) -> set[str]:
    """Names read through ``os.environ.get("X")``, ``os.environ["X"]`` or ``os.getenv("X")``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        target = None
        if isinstance(node, ast.Call) and node.args:
            func = ast.unparse(node.func)
            if func in {"os.environ.get", "os.getenv", "environ.get", "getenv"}:
                target = node.args[0]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) in {
            "os.environ",
            "environ",
        }:
            target = node.slice
        if isinstance(target, ast.Constant) and isinstance(target.value, str):
            names.add(target.value)
    return names


def test_env_module_reads_the_environment_variables_we_expect() -> None:
    # Guards the parser below: if it finds nothing, the next test proves nothing.
    assert {"DATABASE_URL", "SECRET_KEY", "MAILLAGE_ENV"} <= _environment_variables_read(ENV_MODULE)


def test_every_environment_variable_is_documented_in_settings_md() -> None:
    documented = (DOCS / "settings.md").read_text(encoding="utf-8")
    missing = sorted(
        name for name in _environment_variables_read(ENV_MODULE) if f"`{name}`" not in documented
    )
    assert not missing, (
        f"Environment variables read in config/env.py but not documented in docs/settings.md "
        f"(write them as `NAME` with their meaning and default): {', '.join(missing)}"
    )


def test_only_config_env_reads_the_environment_in_application_code() -> None:
    offenders = []
    for path in _python_files(SRC, skip_tests=True):
        if path == ENV_MODULE:
            continue
        if _environment_variables_read(path):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, (
        "config/env.py is the only reader of os.environ (style.md); read the variable "
        f"there and pass a setting instead: {', '.join(offenders)}"
    )


# --------------------------------------------------------------------------- commands


def test_every_maillage_command_is_in_cli_md() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [name for _, name in _maillage_commands() if f"## maillage {name}\n" not in page]
    assert not missing, f"Commands missing from docs/cli.md (run `make docs`): {missing}"


def test_cli_md_is_up_to_date_with_the_generator() -> None:
    generated = _load_cli_docs_generator().render_cli_docs()
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")

    def words(text: str) -> list[str]:
        # Line wrapping may differ with the checkout's path length; the words may not.
        return text.split()

    assert words(committed) == words(generated), (
        "docs/cli.md is out of date with the commands' --help: run `make docs` "
        "(.venv/bin/python scripts/generate_cli_docs.py) and commit the result."
    )


@pytest.mark.parametrize(("app_name", "name"), _maillage_commands() or [("", "")])
def test_every_maillage_command_supports_json_and_help(
    app_name: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not name:
        pytest.skip("no Maillage command defined yet")
    command = load_command_class(app_name, name)
    assert isinstance(command, MaillageCommand), (
        f"{name} must inherit maillage.core.commands.MaillageCommand (--json, exit codes)"
    )
    parser = command.create_parser("maillage", name)
    options = {option for action in parser._actions for option in action.option_strings}
    assert {"--json", "--help"} <= options, f"{name}: missing --json or --help"
    undocumented = [
        "/".join(action.option_strings) or action.dest
        for action in parser._actions
        if not (action.help or "").strip()
    ]
    assert not undocumented, f"{name}: options without help text: {undocumented}"
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(["--help"])
    assert exit_info.value.code == 0
    assert f"maillage {name}" in capsys.readouterr().out


def test_models_and_migrations_are_in_sync(db: None) -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(
            "Models changed without a migration (run `maillage makemigrations`):\n"
            + out.getvalue(),
            pytrace=False,
        )


# --------------------------------------------------------------------------- API


def test_every_api_error_code_is_documented_in_api_md() -> None:
    page = (DOCS / "api.md").read_text(encoding="utf-8")
    missing = [code.value for code in ErrorCode if f"`{code.value}`" not in page]
    assert not missing, f"API error codes missing from docs/api.md: {missing}"


# --------------------------------------------------------------------------- code rules


def test_there_is_no_print_call_in_src() -> None:
    offenders = []
    for path in _python_files(SRC):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "print"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, (
        "print() found; commands write through self.stdout / self.stderr, code logs: "
        + ", ".join(offenders)
    )


def _vendored_folders() -> list[Path]:
    folders = []
    for vendor in sorted(SRC.glob("**/static/vendor")):
        folders += [path for path in sorted(vendor.iterdir()) if path.is_dir()]
    return folders


LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING)", re.IGNORECASE)


def test_every_vendored_static_asset_has_a_licence_file() -> None:
    folders = _vendored_folders()
    assert folders, "no vendored static assets found (static/vendor/*)"
    missing = [
        str(folder.relative_to(ROOT))
        for folder in folders
        if not any(LICENCE_FILE.search(path.name) for path in folder.iterdir())
    ]
    assert not missing, f"Vendored assets without a licence file: {missing}"


SOURCE_MAP = re.compile(r"sourceMappingURL=(\S+?)\s*(?:\*/)?\s*$", re.MULTILINE)


def test_static_files_reference_no_missing_source_map() -> None:
    """Production's manifest storage (collectstatic) fails on a reference to a missing
    file: drop the ``sourceMappingURL`` comment of a vendored file whose map is not kept."""
    missing = []
    for path in sorted(SRC.glob("**/static/**/*")):
        if path.suffix not in {".js", ".css"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for reference in SOURCE_MAP.findall(text):
            if not reference.startswith("data:") and not (path.parent / reference).exists():
                missing.append(f"{path.relative_to(ROOT)} → {reference}")
    assert not missing, (
        "Static files referencing a missing source map (collectstatic fails in production): "
        + ", ".join(missing)
    )


def test_shipped_open_data_carries_its_licence_and_version() -> None:
    folders = [path for path in sorted((ROOT / "data").iterdir()) if path.is_dir()]
    missing = [
        str(folder.relative_to(ROOT))
        for folder in folders
        if not (
            any(LICENCE_FILE.search(path.name) for path in folder.iterdir())
            and (folder / "VERSION").exists()
        )
    ]
    assert not missing, f"data/ folders without LICENCE and VERSION files: {missing}"


def test_architecture_md_maps_every_application_package() -> None:
    page = (DOCS / "architecture.md").read_text(encoding="utf-8")
    packages = [
        path.name
        for path in sorted(SRC.iterdir())
        if path.is_dir() and (path / "__init__.py").exists()
    ]
    missing = [name for name in packages if f"{name}/" not in page]
    assert not missing, f"docs/architecture.md does not say what these packages hold: {missing}"
