"""System check: every audited table that exists has its triggers."""

from __future__ import annotations

from typing import Any

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.database)
def check_audit_triggers(
    app_configs: Any = None, databases: Any = None, **kwargs: Any
) -> list[Warning]:
    from maillage.audit.triggers import audit_triggers_missing

    warnings: list[Warning] = []
    for alias in databases or []:
        try:
            missing = audit_triggers_missing(using=alias)
        except DatabaseError:  # the database is not there yet: nothing to say
            continue
        if missing:
            warnings.append(
                Warning(
                    f"Audit triggers are missing on: {', '.join(missing)}.",
                    hint="Run `maillage audit_install_triggers` (migrate does it too).",
                    id="maillage.W101",
                )
            )
    return warnings
