from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "maillage.audit"
    label = "audit"
    verbose_name = _("Journal des modifications")

    def ready(self) -> None:
        from django.contrib.auth.signals import (
            user_logged_in,
            user_logged_out,
            user_login_failed,
        )
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from maillage.audit import (
            checks,  # noqa: F401  (registers the system checks)
            security,
        )
        from maillage.audit.context import audit_command_context, on_connection_created

        connection_created.connect(on_connection_created, dispatch_uid="maillage_audit_connection")
        # sender=self: once per migrate, not once per app.
        pre_migrate.connect(_before_migrate, sender=self, dispatch_uid="maillage_audit_pre")
        post_migrate.connect(_after_migrate, sender=self, dispatch_uid="maillage_audit_post")
        user_logged_in.connect(security.on_user_logged_in, dispatch_uid="maillage_audit_in")
        user_logged_out.connect(security.on_user_logged_out, dispatch_uid="maillage_audit_out")
        user_login_failed.connect(
            security.on_user_login_failed, dispatch_uid="maillage_audit_failed"
        )
        # Commands run in an audit context named after them, once the kernel offers the hook
        # (core knows no domain app, so the audit app registers itself).
        from maillage.core import commands

        contexts = getattr(commands, "COMMAND_CONTEXTS", None)
        if contexts is not None and audit_command_context not in contexts:
            contexts.append(audit_command_context)


def _before_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """SQLite rebuilds a table to alter it: triggers would follow the old definition (or
    break the rebuild). They are dropped for the migration and installed again after it."""
    from django.db import connections

    from maillage.audit.triggers import audit_triggers_drop

    if connections[using].vendor == "sqlite":
        audit_triggers_drop(using=using)


def _after_migrate(sender: Any, using: str = "default", plan: Any = None, **kwargs: Any) -> None:
    """New and changed tables get their triggers as soon as migrations are applied. A
    ``flush`` (tests) sends this signal too, without a plan: it drops no trigger, so there
    is nothing to do unless some are missing."""
    from maillage.audit.triggers import audit_triggers_install, audit_triggers_missing

    if plan is None and not audit_triggers_missing(using=using):
        return
    audit_triggers_install(using=using)
