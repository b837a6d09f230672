"""Fixed code sets of the audit trail."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    INSERT = "insert", _("ajout")
    UPDATE = "update", _("modification")
    DELETE = "delete", _("suppression")
    # One explicit record for a whole batch of a bulk import (``audit_bulk_summary``).
    BULK = "bulk", _("import groupé")


class AuditMode(models.TextChoices):
    """How the triggers behave on the current connection (``context.audit_bulk_summary``)."""

    ROW = "row", _("une entrée par ligne modifiée")
    SUMMARY = "summary", _("une entrée par lot")
