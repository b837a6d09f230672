"""Account forms: sign-up and sign-in by e-mail, organisations, memberships and claims.

They parse; the rules are in ``accounts.services`` (see ``actors.forms.ServiceForm``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maillage.accounts.enums import MembershipRole
from maillage.accounts.lockout import (
    signin_failure_record,
    signin_is_locked,
    signin_success_record,
)
from maillage.accounts.models import ClaimRequest, User
from maillage.accounts.services import (
    claim_request_approve,
    claim_request_create,
    claim_request_reject,
    membership_invite,
    membership_request,
    organisation_create,
    user_create,
    user_update,
)
from maillage.actors.forms import ActorFieldsForm, ServiceForm
from maillage.actors.models import Actor
from maillage.actors.services import ActorInput
from maillage.core.ratelimit import client_ip


class SignupForm(ServiceForm):
    display_name = forms.CharField(
        label=_("Nom et prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Tel que les autres membres de vos organisations le verront."),
    )
    email = forms.CharField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Elle vous servira à vous connecter."),
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 8 caractères, pas uniquement des chiffres, ni trop courant."),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    error_field_map = {"password": "password1"}  # nosec B105: a field name

    def perform(self, data: dict[str, Any]) -> User:
        password = data.get("password1", "")
        if password and data.get("password2") and password != data["password2"]:
            self.add_error("password2", _("Les deux mots de passe ne correspondent pas."))
        return user_create(
            email=data.get("email", ""),
            password=password,
            display_name=data.get("display_name", ""),
        )


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in with the e-mail address (``User.USERNAME_FIELD``), case-insensitive."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. Vérifiez votre saisie (les "
            "majuscules comptent dans le mot de passe)."
        ),
        "inactive": _("Ce compte est désactivé."),
        "locked": _(
            "Trop de tentatives de connexion pour ce compte depuis cette adresse. Patientez "
            "quinze minutes, ou réinitialisez votre mot de passe."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Adresse électronique")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )
        self.fields["password"].label = _("Mot de passe")

    def clean(self) -> dict[str, Any]:
        # Lock-out per (e-mail, address): see accounts/lockout.py.
        email = str(self.data.get("username", "")).strip()
        ip = client_ip(self.request) if self.request is not None else "unknown"
        if email and signin_is_locked(email=email, ip=ip):
            raise ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except ValidationError as error:
            failed = email and any(e.code == "invalid_login" for e in error.error_list)
            if failed and signin_failure_record(email=email, ip=ip):
                raise ValidationError(self.error_messages["locked"], code="locked") from None
            raise
        signin_success_record(email=email, ip=ip)
        return cleaned

    @property
    def is_locked_out(self) -> bool:
        return any(error.code == "locked" for error in self.non_field_errors().as_data())


class ProfileForm(ServiceForm):
    display_name = forms.CharField(
        label=_("Nom et prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        kwargs.setdefault("initial", {"display_name": user.display_name})
        super().__init__(*args, **kwargs)

    def perform(self, data: dict[str, Any]) -> User:
        return user_update(user=self.user, display_name=data.get("display_name", ""))


class OrganisationCreateForm(ActorFieldsForm):
    """The essentials of a new organisation; the rest is on its profile page."""

    kept = (
        "name",
        "acronym",
        "kind",
        "subkind",
        "siret",
        "rna",
        "commune",
        "description",
        "website",
        "email",
        "phone",
        "themes",
    )
    sections = (
        (_("Votre organisation"), ("name", "acronym", "kind", "subkind")),
        (_("Identifiants officiels"), ("siret", "rna")),
        (_("Où vous trouver"), ("commune",)),
        (_("Présentation et coordonnées"), ("description", "website", "email", "phone")),
        (_("Thématiques"), ("themes",)),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in self.kept:
                del self.fields[name]
        self.fields["siret"].help_text = _(
            "14 chiffres. Si votre structure est déjà dans l'annuaire, demandez plutôt à la "
            "gérer depuis sa fiche."
        )

    def perform(self, data: dict[str, Any]) -> Actor:
        values = {name: self.input_value(name, data[name]) for name in self.kept if name in data}
        values.setdefault("name", "")
        values.setdefault("kind", "")
        return organisation_create(user=self.user, data=ActorInput(**values))


class JoinRequestForm(ServiceForm):
    message = forms.CharField(
        label=_("Message aux administrateurs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Facultatif : votre fonction, pourquoi vous souhaitez rejoindre."),
    )

    def __init__(self, *args: Any, user: User, actor: Actor, **kwargs: Any) -> None:
        self.user = user
        self.actor = actor
        super().__init__(*args, **kwargs)

    def perform(self, data: dict[str, Any]) -> Any:
        return membership_request(user=self.user, actor=self.actor, message=data.get("message", ""))


class ClaimForm(ServiceForm):
    message = forms.CharField(
        label=_("Qui êtes-vous dans cette organisation ?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Votre fonction et tout élément qui aidera l'animateur du territoire à "
            "vérifier votre demande (adresse de courriel de la structure, etc.)."
        ),
    )

    def __init__(self, *args: Any, user: User, actor: Actor, **kwargs: Any) -> None:
        self.user = user
        self.actor = actor
        super().__init__(*args, **kwargs)

    def perform(self, data: dict[str, Any]) -> ClaimRequest:
        return claim_request_create(
            user=self.user, actor=self.actor, message=data.get("message", "")
        )


class InviteForm(ServiceForm):
    email = forms.CharField(
        label=_("Adresse électronique de la personne"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Rôle"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        help_text=_("Un administrateur modifie la fiche et gère les membres."),
    )
    message = forms.CharField(
        label=_("Message personnel"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, actor: Actor, by: User, **kwargs: Any) -> None:
        self.actor = actor
        self.by = by
        super().__init__(*args, **kwargs)

    def perform(self, data: dict[str, Any]) -> Any:
        return membership_invite(
            actor=self.actor,
            by=self.by,
            email=data.get("email", ""),
            role=data.get("role") or MembershipRole.MEMBER,
            message=data.get("message", ""),
        )


class ClaimDecisionForm(ServiceForm):
    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Décision"),
        widget=forms.RadioSelect,
        choices=[
            (APPROVE, _("Accepter : la personne devient administratrice de la fiche")),
            (REJECT, _("Refuser")),
        ],
    )
    note = forms.CharField(
        label=_("Note à la personne"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire en cas de refus : elle la recevra par courriel."),
    )

    def __init__(self, *args: Any, claim: ClaimRequest, by: User, **kwargs: Any) -> None:
        self.claim = claim
        self.by = by
        super().__init__(*args, **kwargs)

    def perform(self, data: dict[str, Any]) -> Any:
        decision = data.get("decision")
        if decision == self.APPROVE:
            return claim_request_approve(claim=self.claim, by=self.by, note=data.get("note", ""))
        if decision == self.REJECT:
            return claim_request_reject(claim=self.claim, by=self.by, note=data.get("note", ""))
        return None
