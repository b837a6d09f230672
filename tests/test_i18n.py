"""Translations: the catalogues compile, are complete, match the source, and are used.

The interface is written in French (the source strings) and translated into English. The
compiled ``.mo`` files are committed, so a fresh clone needs no gettext tools; these tests
fail when a catalogue is stale (a string added, changed or removed in the code without
``make messages``), incomplete (an English entry left empty or fuzzy, a French plural without
its forms) or out of step with its compiled file.

Refresh the catalogues with::

    cd src/maillage && ../../.venv/bin/maillage makemessages -l fr -l en \\
        --ignore 'static/vendor/*' --ignore '*/tests/*'
    # translate the new English entries, fill the French plural forms, then
    ../../.venv/bin/maillage compilemessages
"""

from __future__ import annotations

import ast
import gettext
import html
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from maillage.actors.tests.factories import ActorFactory

SRC = Path(__file__).resolve().parent.parent / "src" / "maillage"
LOCALE = SRC / "locale"
LANGUAGES = ("fr", "en")
IGNORE_PATTERNS = ["static/vendor/*", "*/tests/*"]
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);", "en": "nplurals=2; plural=(n != 1);"}
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


# --------------------------------------------------------------------------- a small PO reader


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.msgstr_plural.get(index, "") for index in range(2)]


def read_po(path: Path) -> tuple[Entry, list[Entry]]:
    """The header entry and the active entries (obsolete ``#~`` entries are skipped)."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None

    def append(value: str) -> None:
        assert current is not None and target is not None
        name, index = target
        if name == "msgstr_plural":
            assert index is not None
            current.msgstr_plural[index] = current.msgstr_plural.get(index, "") + value
        else:
            setattr(current, name, (getattr(current, name) or "") + value)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if current is not None and not line:
                entries.append(current)
                current, target = None, None
            continue
        if current is None:
            current = Entry(line=number)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if match:
            keyword, index, literal = match.groups()
            if keyword == "msgstr" and index is not None:
                target = ("msgstr_plural", int(index))
            else:
                target = (keyword, None)
            append(ast.literal_eval(literal))
        else:
            assert line.startswith('"'), f"{path}:{number}: cannot read {raw!r}"
            append(ast.literal_eval(line))
    if current is not None:
        entries.append(current)
    header = entries[0]
    assert header.msgid == "", f"{path}: the header entry must come first"
    return header, entries[1:]


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


# --------------------------------------------------------------------------- the files


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_header_names_language_plural_forms_and_charset(language):
    header, _ = read_po(catalogue(language))
    fields = dict(line.split(": ", 1) for line in header.msgstr.splitlines() if ": " in line)
    assert fields["Language"] == language
    assert fields["Plural-Forms"] == PLURAL_FORMS[language]
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert "fuzzy" not in header.flags


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_passes_msgfmt_check(language):
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is not installed; the other tests still parse the files")
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(catalogue(language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_fuzzy_entry(language):
    _, entries = read_po(catalogue(language))
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert fuzzy == []


def test_every_english_entry_is_translated():
    _, entries = read_po(catalogue("en"))
    untranslated = [entry.msgid for entry in entries if not all(entry.translations)]
    assert untranslated == []


def test_french_plural_entries_give_both_forms():
    """French source strings need no singular translation, but plurals need their forms."""
    _, entries = read_po(catalogue("fr"))
    plurals = [entry for entry in entries if entry.msgid_plural is not None]
    assert plurals, "the French catalogue should hold the directory's plural count"
    incomplete = [entry.msgid for entry in plurals if not all(entry.translations)]
    assert incomplete == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    _, entries = read_po(catalogue(language))
    broken = []
    for entry in entries:
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid_plural] * 2
        for source, translated in zip(sources, entry.translations, strict=True):
            if not translated:
                continue
            expected = placeholders(source)
            if entry.msgid_plural is not None:
                # A singular form may spell the number out ("Le formulaire contient une erreur").
                found = set(placeholders(translated))
                if not found <= set(expected):
                    broken.append((entry.msgid, translated))
            elif placeholders(translated) != expected:
                broken.append((entry.msgid, translated))
    assert broken == []


def test_french_and_english_catalogues_hold_the_same_messages():
    _, french = read_po(catalogue("fr"))
    _, english = read_po(catalogue("en"))
    assert {entry.key for entry in french} == {entry.key for entry in english}


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    """The committed .mo is what compilemessages makes of the committed .po."""
    compiled = catalogue(language).with_suffix(".mo")
    assert compiled.exists(), f"run compilemessages: {compiled} is missing"
    with compiled.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    _, entries = read_po(catalogue(language))
    stale = []
    for entry in entries:
        if entry.msgid_plural is not None:
            if not all(entry.translations):
                continue
            for count, form in ((1, 0), (2, 1)):
                got = (
                    translations.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, count)
                    if entry.msgctxt
                    else translations.ngettext(entry.msgid, entry.msgid_plural, count)
                )
                if got != entry.msgstr_plural[form]:
                    stale.append(entry.msgid)
        elif entry.msgstr:
            got = (
                translations.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else translations.gettext(entry.msgid)
            )
            if got != entry.msgstr:
                stale.append(entry.msgid)
    assert stale == [], f"run compilemessages: {len(stale)} entries differ, e.g. {stale[:3]}"


def test_catalogues_list_every_translatable_string_of_the_source(tmp_path, monkeypatch):
    """Run makemessages on a copy of the code: the committed catalogues must match it."""
    for program in ("xgettext", "msguniq", "msgmerge"):
        if shutil.which(program) is None:
            pytest.skip(f"GNU gettext ({program}) is not installed")
    copy = tmp_path / "maillage"
    shutil.copytree(
        SRC,
        copy,
        ignore=shutil.ignore_patterns("locale", "vendor", "tests", "__pycache__", "*.pyc"),
    )
    (copy / "locale").mkdir()
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["fr"], ignore_patterns=IGNORE_PATTERNS, verbosity=0)
    _, fresh = read_po(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    _, committed = read_po(catalogue("fr"))
    fresh_keys = {entry.key for entry in fresh}
    committed_keys = {entry.key for entry in committed}
    missing = sorted(str(key) for key in fresh_keys - committed_keys)
    obsolete = sorted(str(key) for key in committed_keys - fresh_keys)
    assert (missing, obsolete) == ([], []), "run makemessages, translate, compilemessages"


# --------------------------------------------------------------------------- the pages


def results_heading(response) -> str:
    match = re.search(r'id="results-heading"[^>]*>(.*?)</h2>', response.content.decode(), re.S)
    assert match, "the directory shows its result count in #results-heading"
    return " ".join(html.unescape(match.group(1)).split())


@pytest.mark.django_db
def test_french_directory_counts_actors_with_french_plurals(client):
    """French puts 0 and 1 in the singular: « 0 acteur », « 1 acteur », « 2 acteurs »."""
    assert results_heading(client.get("/acteurs/")) == "0 acteur"
    ActorFactory()
    assert results_heading(client.get("/acteurs/")) == "1 acteur"
    ActorFactory()
    assert results_heading(client.get("/acteurs/")) == "2 acteurs"


@pytest.mark.django_db
def test_english_directory_counts_with_english_plurals(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/acteurs/"})
    assert results_heading(client.get("/acteurs/")) == "0 organisations"
    ActorFactory()
    assert results_heading(client.get("/acteurs/")) == "1 organisation"
    ActorFactory()
    assert results_heading(client.get("/acteurs/")) == "2 organisations"


@pytest.mark.django_db
def test_choosing_english_with_the_language_switcher_shows_the_home_page_in_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert '<html lang="en">' in page
    assert "Associations, companies and public bodies: find each other, join forces." in page
    assert "Browse the directory" in page
    assert "Parcourir l'annuaire" not in page
    # The switcher keeps each language in its own name.
    assert ">Français</option>" in page
    assert ">English</option>" in page


@pytest.mark.django_db
def test_browser_asking_for_english_gets_the_english_interface(client):
    page = html.unescape(client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").content.decode())
    assert "Territorial alliances for the common good" in page
    assert "Skip to content" in page


@pytest.mark.django_db
def test_french_remains_the_default_interface(client):
    page = html.unescape(client.get("/").content.decode())
    assert '<html lang="fr">' in page
    assert "Alliances territoriales pour le bien commun" in page


def test_every_configured_language_has_a_catalogue():
    for code, _name in settings.LANGUAGES:
        assert catalogue(code).exists(), code
    with translation.override("en"):
        assert translation.gettext("Annuaire") == "Directory"
