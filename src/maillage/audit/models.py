"""The audit trail's one table, written by database triggers (``audit.triggers``).

Rows are never changed by the application: the admin is read-only, and on PostgreSQL a
trigger refuses ``UPDATE`` and ``DELETE`` (on SQLite, ``UPDATE``) unless a maintenance
context is open (``services.audit_values_erase`` for RGPD erasure). There is deliberately no
foreign key: an event outlives the user who acted and the row it describes, and a cascade
must never rewrite history.
"""

from __future__ import annotations

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.audit.enums import AuditAction


class TrailJSONField(models.JSONField):
    """JSON without SQLite's ``JSON_VALID`` check: the triggers write ``json_object()``
    results, valid by construction, and the check would parse each entry again on every
    insert of a bulk import."""

    def db_check(self, connection: BaseDatabaseWrapper) -> str | None:
        if connection.vendor == "sqlite":
            return None
        return super().db_check(connection)


class AuditEvent(models.Model):
    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("date"), default=timezone.now)
    table_name = models.CharField(_("table"), max_length=63)
    # The changed row's primary key, as text (empty for a batch record).
    row_id = models.CharField(_("ligne"), max_length=64, blank=True)
    action = models.CharField(_("action"), max_length=8, choices=AuditAction.choices)
    # Whose history the row belongs to (``actors.actor`` and its id for a contact…).
    subject_type = models.CharField(_("objet suivi"), max_length=63, blank=True)
    subject_id = models.BigIntegerField(_("identifiant de l'objet suivi"), null=True, blank=True)
    # Who acted (``accounts.User`` id; none for a command or the system).
    user_id = models.BigIntegerField(_("utilisateur"), null=True, blank=True)
    # Where from: "POST /acteurs/12/modifier/", "maillage import_sirene"…
    context = models.CharField(_("contexte"), max_length=255, blank=True)
    # Column values: the whole row for an insert (new) or a delete (old); only the changed
    # columns for an update. A batch record keeps its ids in ``new_values``.
    old_values = TrailJSONField(_("valeurs avant"), null=True, blank=True)
    new_values = TrailJSONField(_("valeurs après"), null=True, blank=True)

    class Meta:
        db_table = "audit_event"
        ordering = ["-id"]
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("journal des modifications")
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "id"], name="audit_event_subject")
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.table_name}:{self.row_id}"
