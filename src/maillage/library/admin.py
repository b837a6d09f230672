"""Staff views of the library (the pages are the usual path; consents are read-only here:
they are given by the parties)."""

from __future__ import annotations

from django.contrib import admin

from maillage.library.models import CaseConsent, CaseFigure, CaseStudy, GoodPractice


class CaseFigureInline(admin.TabularInline):
    model = CaseFigure
    extra = 0


class CaseConsentInline(admin.TabularInline):
    model = CaseConsent
    extra = 0
    can_delete = False
    readonly_fields = ("actor", "status", "decided_at", "decided_by", "on_behalf", "note")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "partnership_type", "territory_code", "published_at")
    list_filter = ("status", "partnership_type")
    search_fields = ("title", "summary")
    raw_id_fields = ("partnership", "created_by")
    readonly_fields = ("status", "published_at", "search_text", "territory_keys", "version")
    inlines = [CaseFigureInline, CaseConsentInline]


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "step", "published_at")
    list_filter = ("status", "step")
    search_fields = ("title", "summary")
    raw_id_fields = ("created_by",)
    readonly_fields = ("search_text", "territory_keys")
