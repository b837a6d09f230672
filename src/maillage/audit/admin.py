"""The trail in the admin: read-only (no add, change or delete, no actions)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from maillage.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = [
        "occurred_at",
        "action",
        "table_name",
        "row_id",
        "subject_id",
        "user_id",
        "context",
    ]
    list_filter = ["action", "table_name", "subject_type"]
    search_fields = ["=row_id", "context"]
    ordering = ["-id"]
    actions = None
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
