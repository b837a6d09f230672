"""Staff tune the matching here (« Réglages de la mise en relation », one row) and read
introductions, endorsements, feedback and follow-ups. Introductions change state only
through the services (the pages and the API), so they are read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from maillage.matching.models import (
    ActorProfile,
    BestPairsReport,
    Endorsement,
    FollowUp,
    Introduction,
    IntroductionEvent,
    MatchingSettings,
    SuggestionFeedback,
)
from maillage.matching.weights import POLICY_NAMES


@admin.register(MatchingSettings)
class MatchingSettingsAdmin(admin.ModelAdmin):
    fieldsets = (
        (
            "Composantes du score (poids relatifs)",
            {"fields": ("fit", "territory", "themes", "partnership_types", "spheres", "trust")},
        ),
        (
            "Un besoin face à une offre",
            {"fields": ("item_base", "item_text", "item_themes", "fit_best_share")},
        ),
        (
            "Confiance (poids relatifs)",
            {
                "fields": (
                    "trust_endorsements",
                    "trust_labels",
                    "trust_completeness",
                    "trust_activity",
                    "trust_responsiveness",
                )
            },
        ),
        ("Réciprocité", {"fields": ("reciprocity",)}),
        ("Demandes de mise en relation", {"fields": POLICY_NAMES}),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not MatchingSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        row, _created = MatchingSettings.objects.get_or_create(pk=MatchingSettings.SINGLETON_ID)
        return HttpResponseRedirect(
            reverse("admin:matching_matchingsettings_change", args=[row.pk])
        )


class EventInline(admin.TabularInline):
    model = IntroductionEvent
    extra = 0
    can_delete = False
    readonly_fields = ("created_at", "kind", "user", "actor", "note")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = ("created_at", "from_actor", "to_actor", "origin", "status", "decline_reason")
    list_filter = ("status", "origin", "decline_reason")
    search_fields = ("from_actor__name", "to_actor__name")
    raw_id_fields = ("from_actor", "to_actor")
    inlines = [EventInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in Introduction._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ("created_at", "from_actor", "to_actor", "withdrawn_at")
    list_filter = ("withdrawn_at",)
    search_fields = ("from_actor__name", "to_actor__name", "text")
    raw_id_fields = ("from_actor", "to_actor", "author")


@admin.register(SuggestionFeedback)
class SuggestionFeedbackAdmin(admin.ModelAdmin):
    list_display = ("updated_at", "actor", "candidate", "verdict", "dismissed", "score")
    list_filter = ("verdict", "dismissed")
    raw_id_fields = ("actor", "candidate", "user")


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("asked_at", "introduction", "actor", "outcome", "reason", "answered_at")
    list_filter = ("outcome", "reason")
    raw_id_fields = ("introduction", "actor", "answered_by")


@admin.register(BestPairsReport)
class BestPairsReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "territory_code", "status", "actors_count", "duration_s")
    list_filter = ("status",)
    readonly_fields = ("pairs",)


@admin.register(ActorProfile)
class ActorProfileAdmin(admin.ModelAdmin):
    list_display = ("actor", "departement", "is_active", "dirty", "computed_at")
    list_filter = ("dirty", "is_active")
    raw_id_fields = ("actor",)
    search_fields = ("actor__name",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in ActorProfile._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
