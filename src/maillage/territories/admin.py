"""Staff browse the referential; its content comes from ``import_territories`` only.

Rows are neither added nor deleted here (the next import would undo it, or an actor's
seat would be lost) and official fields are read-only; only the commune coordinates,
which the referential does not carry, can be set by hand.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from maillage.territories.models import (
    Commune,
    CommuneAlias,
    Departement,
    Epci,
    PostalCode,
    ReferentialVersion,
    Region,
)
from maillage.territories.names import fold


class ReferentialAdmin(admin.ModelAdmin):
    """Browse-only: every field read-only unless listed in ``editable_fields``. Any staff
    member may browse (the referential is public data); changing the few editable fields
    needs the model's change permission."""

    editable_fields: tuple[str, ...] = ()
    show_full_result_count = False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [
            field.name
            for field in self.model._meta.concrete_fields
            if field.name not in self.editable_fields
        ]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        # Names are searched through their folded form: "epinal" finds Épinal.
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(Region)
class RegionAdmin(ReferentialAdmin):
    list_display = ("code", "name", "zone", "population")
    list_filter = ("zone",)
    search_fields = ("=code", "search_name")


@admin.register(Departement)
class DepartementAdmin(ReferentialAdmin):
    list_display = ("code", "name", "region", "zone", "population")
    list_filter = ("zone", "region")
    list_select_related = ("region",)
    search_fields = ("=code", "search_name")


@admin.register(Epci)
class EpciAdmin(ReferentialAdmin):
    list_display = ("name", "code", "type", "financing", "population")
    list_filter = ("type", "financing")
    search_fields = ("=code", "search_name")


class CommuneAliasInline(admin.TabularInline):
    model = CommuneAlias
    fields = ("code", "type", "name")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Commune)
class CommuneAdmin(ReferentialAdmin):
    editable_fields = ("latitude", "longitude")
    list_display = ("name", "code", "main_postal_code", "departement", "epci", "population")
    list_filter = ("zone", "region")
    list_select_related = ("departement", "epci")
    search_fields = ("=code", "search_name", "=main_postal_code", "=siren")
    inlines = (CommuneAliasInline,)


@admin.register(CommuneAlias)
class CommuneAliasAdmin(ReferentialAdmin):
    list_display = ("code", "type", "name", "commune")
    list_filter = ("type",)
    list_select_related = ("commune",)
    search_fields = ("=code", "search_name")


@admin.register(PostalCode)
class PostalCodeAdmin(ReferentialAdmin):
    list_display = ("code", "commune")
    list_select_related = ("commune",)
    search_fields = ("=code",)


@admin.register(ReferentialVersion)
class ReferentialVersionAdmin(ReferentialAdmin):
    list_display = ("package", "version", "scope", "loaded_at", "digest")
