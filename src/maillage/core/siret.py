"""French official identifiers: SIREN, SIRET (Luhn checksum) and RNA numbers."""

from __future__ import annotations

import re

RNA_PATTERN = re.compile(r"^W[0-9A-Z]{9}$")  # overseas ids carry letters (W9T1002867)
# La Poste's establishments are the documented exception to the Luhn rule on SIRET.
LA_POSTE_SIREN = "356000000"


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalize_identifier(value: str | None) -> str:
    """Strip spaces, dots and dashes people type inside identifiers."""
    return re.sub(r"[\s.\-]", "", value or "").upper()


def is_valid_siren(value: str) -> bool:
    return len(value) == 9 and value.isdigit() and (_luhn_ok(value) or value == LA_POSTE_SIREN)


def is_valid_siret(value: str) -> bool:
    if len(value) != 14 or not value.isdigit():
        return False
    if value.startswith(LA_POSTE_SIREN):
        # La Poste's establishments follow a sum-of-digits rule; its head office also
        # satisfies Luhn. Either is valid.
        return sum(int(c) for c in value) % 5 == 0 or _luhn_ok(value)
    return _luhn_ok(value)


def is_valid_rna(value: str) -> bool:
    return bool(RNA_PATTERN.match(value))
