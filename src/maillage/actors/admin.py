"""Staff edit actors and the reference vocabularies here.

An actor's own fields, its needs/offers and its contacts are saved through
``actors.services`` (the one write path), so the admin validates exactly as the editing
pages, the importers and the API do: the form runs the service in a savepoint first to show
its errors on the fields. Intervention areas have no service of their own and are saved
directly (staff only); the territory code is checked against the referential.
Vocabulary codes are stable identifiers (domain.md §9): they cannot be changed once
created, only their labels.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import Membership
from maillage.actors import services
from maillage.actors.models import (
    Actor,
    Category,
    Contact,
    InterventionArea,
    Kind,
    Label,
    NeedOffer,
    Odd,
    PartnershipType,
    SubKind,
    Theme,
)
from maillage.core.errors import DomainError, DomainValidationError
from maillage.search.services import search_index_refresh
from maillage.territories.selectors import territory_get

# ActorInput field → model form field, where they differ.
_MODEL_FIELD = {"commune": "seat_commune"}
_INPUT_FIELD = {model: name for name, model in _MODEL_FIELD.items()}
_INPUT_NAMES = [f.name for f in dataclass_fields(services.ActorInput) if f.name != "intervention"]


def _input_value(name: str, value: Any) -> Any:
    if name == "commune":
        return value.code if value is not None else ""
    if name in services.M2M_FIELDS:
        return [row.code for row in value] if value is not None else []
    if value is None and name in ("subkind", "company_size", "sphere", "acronym"):
        return ""
    if name in ("kind", "subkind") and value is not None and not isinstance(value, str):
        return value.code
    return value


class _RollbackError(Exception):
    pass


class ActorAdminForm(forms.ModelForm):
    website = forms.URLField(label=_("site web"), required=False, assume_scheme="https")

    class Meta:
        model = Actor
        fields = (
            "name",
            "acronym",
            "kind",
            "subkind",
            "sphere",
            "is_ess",
            "company_size",
            "employees",
            "is_mission_company",
            "public_service_mission",
            "siren",
            "siret",
            "rna",
            "seat_commune",
            "address",
            "postal_code",
            "latitude",
            "longitude",
            "coordinates_approximate",
            "description",
            "website",
            "email",
            "phone",
            "themes",
            "partnership_types",
            "labels",
            "status",
            "closed_on",
            "created_on",
            "profile_confirmed_at",
            "source",
            "source_date",
        )

    def _input_changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = (
            _INPUT_NAMES
            if self.instance.pk is None
            else [_INPUT_FIELD.get(name, name) for name in self.changed_data]
        )
        return {
            name: _input_value(name, data.get(_MODEL_FIELD.get(name, name)))
            for name in names
            if name in _INPUT_NAMES and _MODEL_FIELD.get(name, name) in data
        }

    def run_service(self) -> Actor:
        changes = self._input_changes()
        if self.instance.pk is None:
            changes.setdefault("name", "")
            changes.setdefault("kind", "")
            return services.actor_create(data=services.ActorInput(**changes))
        if not changes:
            return self.instance
        return services.actor_update(actor=self.instance, changes=changes)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            with transaction.atomic():
                self.run_service()
                raise _RollbackError
        except _RollbackError:
            pass
        except DomainValidationError as error:
            for name, messages in error.errors.items():
                field = _MODEL_FIELD.get(name, name)
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        except DomainError as error:
            target = _MODEL_FIELD.get(error.field or "", error.field)
            self.add_error(target if target in self.fields else None, error.message)
        return cleaned


class NeedOfferInlineForm(forms.ModelForm):
    class Meta:
        model = NeedOffer
        fields = (
            "direction",
            "category",
            "title",
            "text",
            "territory_code",
            "quantity",
            "value_eur",
            "valid_from",
            "valid_until",
            "is_active",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # A need does not turn into an offer: delete it and add the other.
            self.fields["direction"].disabled = True

    def clean_territory_code(self) -> str:
        code = (self.cleaned_data.get("territory_code") or "").strip()
        if code and territory_get(code) is None:
            raise forms.ValidationError(_("Territoire inconnu : %(code)s."), params={"code": code})
        return code

    def clean_value_eur(self) -> Any:
        value = self.cleaned_data.get("value_eur")
        if value is not None and value < 0:
            raise forms.ValidationError(_("La valeur ne peut être négative."))
        return value


class NeedOfferInline(admin.StackedInline):
    model = NeedOffer
    form = NeedOfferInlineForm
    extra = 0
    classes = ("collapse",)
    verbose_name = _("besoin ou offre")


class ContactInlineForm(forms.ModelForm):
    consent_given = forms.BooleanField(
        label=_("Consentement recueilli"),
        required=False,
        help_text=_("Obligatoire pour ajouter une personne (RGPD)."),
    )

    class Meta:
        model = Contact
        fields = ("first_name", "last_name", "role", "email", "phone", "is_primary")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error("email", _("Indiquez au moins un courriel ou un téléphone."))
        if self.instance.pk is None and not cleaned.get("consent_given"):
            self.add_error("consent_given", _("Le consentement de la personne est requis (RGPD)."))
        return cleaned


class ContactInline(admin.TabularInline):
    model = Contact
    form = ContactInlineForm
    extra = 0
    readonly_fields = ("consent_at",)
    fields = (
        "first_name",
        "last_name",
        "role",
        "email",
        "phone",
        "is_primary",
        "consent_given",
        "consent_at",
    )


class InterventionAreaInlineForm(forms.ModelForm):
    class Meta:
        model = InterventionArea
        fields = ("level", "territory_code", "label")

    def clean_territory_code(self) -> str:
        code = (self.cleaned_data.get("territory_code") or "").strip()
        if code:
            territory = territory_get(code)
            if territory is None:
                raise forms.ValidationError(
                    _("Territoire inconnu : %(code)s."), params={"code": code}
                )
            return territory.code
        return code


class InterventionAreaInline(admin.TabularInline):
    model = InterventionArea
    form = InterventionAreaInlineForm
    extra = 0


class MembershipInline(admin.TabularInline):
    """Who belongs to the organisation (read-only here: see « Adhésions »)."""

    model = Membership
    fk_name = "actor"
    extra = 0
    fields = ("user", "invited_email", "role", "status", "created_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    form = ActorAdminForm
    list_display = (
        "name",
        "kind",
        "sphere",
        "departement",
        "source",
        "completeness",
        "profile_confirmed_at",
        "status",
    )
    list_filter = ("kind", "sphere", "is_ess", "status", "source", "region")
    search_fields = ("name", "acronym", "=siret", "=siren", "=rna")
    autocomplete_fields = ("seat_commune",)
    filter_horizontal = ("themes", "partnership_types", "labels")
    readonly_fields = (
        "epci",
        "departement",
        "region",
        "completeness",
        "field_origins",
        "created_at",
        "updated_at",
    )
    list_select_related = ("kind", "departement")
    show_full_result_count = False
    inlines = (NeedOfferInline, ContactInline, InterventionAreaInline, MembershipInline)
    fieldsets = (
        (
            _("Identité"),
            {
                "fields": (
                    "name",
                    "acronym",
                    "kind",
                    "subkind",
                    "sphere",
                    "is_ess",
                    "company_size",
                    "employees",
                    "is_mission_company",
                    "public_service_mission",
                )
            },
        ),
        (_("Identifiants"), {"fields": ("siren", "siret", "rna")}),
        (
            _("Localisation"),
            {
                "fields": (
                    "seat_commune",
                    "address",
                    "postal_code",
                    "latitude",
                    "longitude",
                    "coordinates_approximate",
                    "epci",
                    "departement",
                    "region",
                )
            },
        ),
        (
            _("Présentation"),
            {
                "fields": (
                    "description",
                    "website",
                    "email",
                    "phone",
                    "themes",
                    "partnership_types",
                    "labels",
                )
            },
        ),
        (
            _("Vie de la fiche"),
            {
                "fields": (
                    "status",
                    "closed_on",
                    "created_on",
                    "profile_confirmed_at",
                    "source",
                    "source_date",
                    "completeness",
                    "field_origins",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    def save_model(self, request: HttpRequest, obj: Actor, form: Any, change: bool) -> None:
        actor = form.run_service()
        # What no service covers (life of the record) is saved as typed by staff.
        Actor.objects.filter(pk=actor.pk).update(
            **{
                name: getattr(obj, name)
                for name in (
                    "status",
                    "closed_on",
                    "created_on",
                    "profile_confirmed_at",
                    "source",
                    "source_date",
                )
            }
        )
        obj.pk = actor.pk
        obj._state.adding = False
        obj._state.db = actor._state.db

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The service already set the many-to-many fields; only the inlines remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        search_index_refresh(actor_ids=[form.instance.pk])

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        actor = form.instance
        if formset.model is NeedOffer:
            formset.save(commit=False)
            for item in formset.deleted_objects:
                services.need_offer_delete(item=item)
            for item in formset.new_objects:
                created = services.need_offer_create(
                    actor=actor,
                    direction=item.direction,
                    category=item.category_id,
                    text=item.text,
                    title=item.title,
                    territory_code=item.territory_code,
                    quantity=item.quantity,
                    value_eur=item.value_eur,
                    valid_from=item.valid_from,
                    valid_until=item.valid_until,
                )
                if not item.is_active:
                    services.need_offer_update(item=created, changes={"is_active": False})
            for item, changed in formset.changed_objects:
                services.need_offer_update(
                    item=item,
                    changes={
                        name: item.category_id if name == "category" else getattr(item, name)
                        for name in changed
                        if name != "direction"
                    },
                )
        elif formset.model is Contact:
            formset.save(commit=False)
            for contact in formset.deleted_objects:
                services.contact_delete(contact=contact)
            for subform in formset.forms:
                contact = subform.instance
                if subform in formset.deleted_forms or not subform.has_changed():
                    continue
                if contact.pk is None:
                    services.contact_create(
                        actor=actor,
                        first_name=contact.first_name,
                        last_name=contact.last_name,
                        role=contact.role,
                        email=contact.email,
                        phone=contact.phone,
                        is_primary=contact.is_primary,
                        consent_given=bool(subform.cleaned_data.get("consent_given")),
                    )
                else:
                    services.contact_update(
                        contact=contact,
                        changes={
                            name: getattr(contact, name)
                            for name in subform.changed_data
                            if name != "consent_given"
                        },
                    )
        else:
            super().save_formset(request, form, formset, change)

    def delete_model(self, request: HttpRequest, obj: Actor) -> None:
        pk = obj.pk
        super().delete_model(request, obj)
        search_index_refresh(actor_ids=[pk])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Actor]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        search_index_refresh(actor_ids=ids)


# --------------------------------------------------------------------------- vocabularies


class ReferenceAdmin(admin.ModelAdmin):
    """Labels and order are editable; the code (a stable identifier) only on creation."""

    list_display: tuple[str, ...] = ("code", "name", "position")
    list_editable = ("name", "position")
    search_fields = ("code", "name")
    ordering = ("position", "code")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()


class SubKindInline(admin.TabularInline):
    """Listed here; added and edited in « Sous-types d'acteurs » (codes are fixed)."""

    model = SubKind
    extra = 0
    fields = ("code", "name", "di_typology", "position")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Kind)
class KindAdmin(ReferenceAdmin):
    list_display = ("code", "name", "default_sphere", "di_typology", "position")
    inlines = (SubKindInline,)


@admin.register(SubKind)
class SubKindAdmin(ReferenceAdmin):
    list_display = ("code", "name", "kind", "di_typology", "position")
    list_filter = ("kind",)


@admin.register(Theme)
class ThemeAdmin(ReferenceAdmin):
    filter_horizontal = ("odds",)


@admin.register(Category)
class CategoryAdmin(ReferenceAdmin):
    pass


@admin.register(PartnershipType)
class PartnershipTypeAdmin(ReferenceAdmin):
    pass


@admin.register(Label)
class LabelAdmin(ReferenceAdmin):
    pass


@admin.register(Odd)
class OddAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "colour")
    list_editable = ("name", "colour")
    ordering = ("number",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("number",) if obj is not None else ()
