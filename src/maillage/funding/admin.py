"""Staff views of funding envelopes (read and correct; the pages are the usual path)."""

from __future__ import annotations

from django.contrib import admin

from maillage.funding.models import Allocation, Envelope, Expense


class AllocationInline(admin.TabularInline):
    model = Allocation
    extra = 0
    raw_id_fields = ("partnership", "created_by")


@admin.register(Envelope)
class EnvelopeAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "funder",
        "programme",
        "budget_eur",
        "territory_code",
        "starts_on",
        "status",
    )
    list_filter = ("status",)
    search_fields = ("title",)
    raw_id_fields = ("funder", "programme", "created_by")
    readonly_fields = ("territory_keys",)
    inlines = [AllocationInline]


@admin.register(Expense)
class ExpenseAdmin(admin.ModelAdmin):
    list_display = ("description", "allocation", "amount_eur", "spent_on")
    raw_id_fields = ("allocation", "recorded_by")
