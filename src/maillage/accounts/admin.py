"""Staff manage users, memberships, facilitators' territories and claims here.

Membership and claim decisions go through ``accounts.services`` (admin actions), so the
rules hold here too: a membership is never deleted and an organisation keeps an active
admin. Facilitator scopes are validated against the territorial referential.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from maillage.accounts import services
from maillage.accounts.enums import MembershipRole
from maillage.accounts.models import ClaimRequest, FacilitatorScope, Membership, User
from maillage.core.errors import DomainError
from maillage.territories.selectors import territory_get


def _staff(request: HttpRequest) -> User:
    """The admin site only lets signed-in staff in."""
    return cast(User, request.user)


def _run_on_each(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    action: Callable[[Any], Any],
    done: str,
) -> None:
    """Apply a service to each selected row; report successes and refusals."""
    succeeded = 0
    for row in queryset:
        try:
            action(row)
        except DomainError as error:
            modeladmin.message_user(request, f"{row} : {error.message}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, f"{done} ({succeeded})", messages.SUCCESS)


# --------------------------------------------------------------------------- users


class EmailUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name")

    def clean_email(self) -> str:
        email = services.email_normalize(self.cleaned_data.get("email", ""))
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Un compte existe déjà avec cette adresse."))
        return email


class EmailUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = (
            "email",
            "display_name",
            "first_name",
            "last_name",
            "is_active",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
        )

    def clean_email(self) -> str:
        email = services.email_normalize(self.cleaned_data.get("email", ""))
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Un compte existe déjà avec cette adresse."))
        return email


class UserMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ("actor", "role", "status", "created_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("organisations")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class FacilitatorScopeForm(forms.ModelForm):
    class Meta:
        model = FacilitatorScope
        fields = ("user", "territory_code", "organisation")

    def clean_territory_code(self) -> str:
        code = self.cleaned_data.get("territory_code", "")
        territory = territory_get(code)
        if territory is None:
            raise forms.ValidationError(
                _(
                    "Territoire inconnu : %(code)s (attendu com:86194, epci:200069854, dep:86, "
                    "reg:75 ou fr)."
                ),
                params={"code": code},
            )
        return territory.code


class FacilitatorScopeInline(admin.TabularInline):
    model = FacilitatorScope
    form = FacilitatorScopeForm
    extra = 0
    autocomplete_fields = ("organisation",)
    verbose_name_plural = _("territoires animés (animateur)")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    ordering = ("email",)
    list_display = ("email", "display_name", "is_staff", "is_active", "date_joined", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active")
    search_fields = ("email", "display_name", "first_name", "last_name")
    inlines = (UserMembershipInline, FacilitatorScopeInline)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profil"), {"fields": ("display_name", "first_name", "last_name")}),
        (
            _("Droits"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        # ``username`` only mirrors the address (sign-in is by e-mail).
        obj.username = services.username_for(obj.email)
        super().save_model(request, obj, form, change)


# --------------------------------------------------------------------------- memberships


class MembershipAddForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ("user", "actor", "role")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("user") is None:
            self.add_error("user", _("Choisissez une personne."))
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Rows are created as active members here (staff), decided with the actions below,
    and never deleted."""

    list_display = ("__str__", "actor", "role", "status", "updated_at")
    list_filter = ("role", "status")
    search_fields = ("user__email", "user__display_name", "invited_email", "actor__name")
    autocomplete_fields = ("user", "actor")
    list_select_related = ("user", "actor")
    readonly_fields = (
        "user",
        "actor",
        "role",
        "status",
        "invited_email",
        "message",
        "invited_by",
        "invitation_expires_at",
        "decided_by",
        "decided_at",
        "decision_note",
        "created_at",
        "updated_at",
    )
    actions = ("approve", "make_admin", "make_member", "deactivate", "reactivate")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = MembershipAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("user", "actor", "role")
        return self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        if change or obj.user is None:  # MembershipAddForm requires a user
            return
        created = services.membership_add(
            actor=obj.actor, user=obj.user, role=obj.role, by=_staff(request)
        )
        obj.pk = created.pk
        obj._state.adding = False

    @admin.action(description=_("Valider les demandes d'adhésion sélectionnées"))
    def approve(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        _run_on_each(
            self,
            request,
            queryset,
            lambda m: services.membership_approve(membership=m, by=_staff(request)),
            str(_("Demandes validées")),
        )

    @admin.action(description=_("Nommer administrateurs"))
    def make_admin(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        _run_on_each(
            self,
            request,
            queryset,
            lambda m: services.membership_set_role(
                membership=m, by=_staff(request), role=MembershipRole.ADMIN
            ),
            str(_("Rôles modifiés")),
        )

    @admin.action(description=_("Passer en simples membres"))
    def make_member(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        _run_on_each(
            self,
            request,
            queryset,
            lambda m: services.membership_set_role(
                membership=m, by=_staff(request), role=MembershipRole.MEMBER
            ),
            str(_("Rôles modifiés")),
        )

    @admin.action(description=_("Désactiver"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        _run_on_each(
            self,
            request,
            queryset,
            lambda m: services.membership_deactivate(membership=m, by=_staff(request)),
            str(_("Membres désactivés")),
        )

    @admin.action(description=_("Réactiver"))
    def reactivate(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        _run_on_each(
            self,
            request,
            queryset,
            lambda m: services.membership_reactivate(membership=m, by=_staff(request)),
            str(_("Membres réactivés")),
        )


# --------------------------------------------------------------------------- facilitators


@admin.register(FacilitatorScope)
class FacilitatorScopeAdmin(admin.ModelAdmin):
    form = FacilitatorScopeForm
    list_display = ("user", "territory_code", "organisation")
    search_fields = ("user__email", "user__display_name", "territory_code")
    autocomplete_fields = ("user", "organisation")
    list_select_related = ("user", "organisation")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Another territory is another scope: add it, and delete this one if need be.
        return ("user", "territory_code") if obj is not None else ()

    def save_model(
        self, request: HttpRequest, obj: FacilitatorScope, form: Any, change: bool
    ) -> None:
        if change:
            obj.save(update_fields=["organisation", "updated_at"])
            return
        scope = services.facilitator_scope_add(
            user=obj.user, territory_code=obj.territory_code, organisation=obj.organisation
        )
        obj.pk = scope.pk
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: FacilitatorScope) -> None:
        services.facilitator_scope_remove(scope=obj)


# --------------------------------------------------------------------------- claims


@admin.register(ClaimRequest)
class ClaimRequestAdmin(admin.ModelAdmin):
    """Claims are decided on their page (link below) by a facilitator or staff; the action
    approves several at once."""

    list_display = ("actor", "user", "status", "created_at", "decided_by")
    list_filter = ("status",)
    search_fields = ("actor__name", "user__email", "user__display_name")
    list_select_related = ("actor", "user", "decided_by")
    fields = (
        "actor",
        "user",
        "message",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
        "created_at",
        "decision_page",
    )
    readonly_fields = fields
    actions = ("approve",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("Décider"))
    def decision_page(self, obj: ClaimRequest) -> str:
        url = reverse("accounts:claim_detail", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Ouvrir la page de décision"))

    @admin.action(description=_("Accepter les demandes sélectionnées"))
    def approve(self, request: HttpRequest, queryset: QuerySet[ClaimRequest]) -> None:
        _run_on_each(
            self,
            request,
            queryset,
            lambda c: services.claim_request_approve(claim=c, by=_staff(request)),
            str(_("Demandes acceptées")),
        )
