"""Territory codes (contracts.md): ``com:<INSEE>``, ``epci:<SIREN>``, ``dep:<code>``,
``reg:<code>``, ``fr``. Pure parsing; existence is checked by selectors."""

from __future__ import annotations

import re

LEVELS = ("com", "epci", "dep", "reg", "fr")
_PATTERNS = {
    "com": re.compile(r"^[0-9][0-9AB][0-9]{3}$"),
    "epci": re.compile(r"^[0-9]{9}$"),
    "dep": re.compile(r"^(?:[0-9]{2}|2A|2B|9[78][0-9])$"),
    "reg": re.compile(r"^[0-9]{2,3}$"),
}


class InvalidTerritoryCode(ValueError):  # noqa: N818 - public name, used by other apps
    pass


def parse_territory_code(code: str) -> tuple[str, str]:
    """Split ``"dep:86"`` into ``("dep", "86")``; ``"fr"`` gives ``("fr", "")``."""
    text = (code or "").strip()
    if text.lower() == "fr":
        return "fr", ""
    level, sep, value = text.partition(":")
    level = level.lower()
    value = value.upper()
    if not sep or level not in _PATTERNS or not _PATTERNS[level].match(value):
        raise InvalidTerritoryCode(
            f"Code de territoire invalide : {code!r} (attendu com:86194, epci:248600413, "
            "dep:86, reg:75 ou fr)."
        )
    return level, value


def format_territory_code(level: str, value: str = "") -> str:
    return "fr" if level == "fr" else f"{level}:{value}"
