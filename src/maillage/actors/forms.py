"""Forms of the editing pages. They parse what people type; the rules live in the services.

``ServiceForm.clean`` calls the service and maps its ``DomainError``s onto the fields, so a
form is valid exactly when the write succeeded, and an invalid SIRET checksum, an unknown
commune or a duplicate RNA number shows next to its field with nothing half-saved.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.db import transaction
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from maillage.actors.enums import CompanySize, Direction, Sphere
from maillage.actors.models import (
    Actor,
    Category,
    Contact,
    Kind,
    Label,
    NeedOffer,
    PartnershipType,
    SubKind,
    Theme,
)
from maillage.actors.services import (
    actor_input_from,
    actor_update,
    contact_create,
    contact_update,
    need_offer_create,
    need_offer_update,
)
from maillage.core.errors import DomainError, DomainValidationError
from maillage.territories.selectors import territory_get

_CODE_SEPARATORS = re.compile(r"[\s,;|]+")
_COMMUNE_CODE = re.compile(r"^(?:com:)?[0-9][0-9AB][0-9]{3}$", re.IGNORECASE)


def split_codes(text: str) -> list[str]:
    """``"dep:86, reg:75 | com:86194"`` → ``["dep:86", "reg:75", "com:86194"]``."""
    return [code for code in _CODE_SEPARATORS.split(text or "") if code]


def commune_code(text: str) -> str:
    """Accept ``86194`` as well as ``com:86194``."""
    value = (text or "").strip()
    return value[4:].strip() if value.lower().startswith("com:") else value


def vocabulary_choices(model: Any) -> list[tuple[str, str]]:
    return [(row.code, row.name) for row in model.objects.order_by("position", "code")]


def subkind_choices() -> list[tuple[str, Any]]:
    """Sub-kinds grouped by kind (``<optgroup>``)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for subkind in SubKind.objects.select_related("kind").order_by(
        "kind__position", "kind__code", "position", "code"
    ):
        groups.setdefault(subkind.kind.name, []).append((subkind.code, subkind.name))
    return [("", _("— aucun —")), *groups.items()]


class _DryRunRollbackError(Exception):
    """Roll back a service call made only to collect its errors."""


class ServiceForm(forms.Form):
    """A form whose ``clean`` ends by calling a service (``perform``).

    The service runs in a savepoint. When a field could not even be parsed (a date, a
    number), it still runs, to report its own errors at the same time, and its writes are
    rolled back. ``is_valid()`` is therefore True exactly when the service succeeded, and
    ``result`` holds what it returned. Service errors on a field that already failed to
    parse are not repeated; errors on unknown fields become form-wide errors.
    """

    required_css_class = "required"
    error_css_class = "has-error"
    # Service field name → form field name, where they differ.
    error_field_map: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.result: Any = None

    def perform(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _set_choices(self, name: str, choices: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def add_domain_error(self, field: str | None, message: str) -> None:
        field = self.error_field_map.get(field or "", field)
        if field is not None and field in self.errors:
            return
        self.add_error(field if field in self.fields else None, message)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parse_failed = bool(self.errors)
        try:
            with transaction.atomic():
                result = self.perform(cleaned)
                if parse_failed or self.errors:
                    raise _DryRunRollbackError
        except _DryRunRollbackError:
            return cleaned
        except DomainValidationError as error:
            for field, messages in error.errors.items():
                for message in messages:
                    self.add_domain_error(field, message)
        except DomainError as error:
            self.add_domain_error(error.field, error.message)
        else:
            self.result = result
        return cleaned


def _text(
    label: Any,
    *,
    required: bool = False,
    max_length: int | None = None,
    help_text: Any = "",
    widget: forms.Widget | None = None,
) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=max_length, help_text=help_text, widget=widget
    )


def _territory_picker() -> forms.TextInput:
    """A code field the territory picker script (static/js/territory-picker.js) turns into
    a combobox fed by /territoires/autocomplete; without JavaScript, a plain code input."""
    return forms.TextInput(
        attrs={
            "data-territory-picker": "",
            "data-autocomplete-url": reverse_lazy("territories:autocomplete"),
            "data-label-no-result": _("Aucun territoire trouvé"),
            "data-label-results": _("territoires proposés, flèches haut et bas pour choisir"),
            "autocomplete": "off",
        }
    )


def _set_picker_label(field: forms.Field, code: str) -> None:
    territory = territory_get(code) if code else None
    if territory is not None:
        field.widget.attrs["data-territory-label"] = territory.label or territory.name


def _decimal_input(mode: str = "decimal") -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": mode})


_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class SpacedNumberMixin:
    """Accept « 1 500,50 » as people write it in French (spaces between thousands)."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = _SPACES.sub("", value)
        return super().to_python(value)  # type: ignore[misc]


class FrenchDecimalField(SpacedNumberMixin, forms.DecimalField):
    pass


class FrenchIntegerField(SpacedNumberMixin, forms.IntegerField):
    pass


# --------------------------------------------------------------------------- actor profile


class ActorFieldsForm(ServiceForm):
    """Every field of an actor profile, named as ``actors.services.ActorInput``."""

    name = _text(_("Nom de la structure"), required=True, max_length=250)
    acronym = _text(_("Sigle"), max_length=50)
    kind = forms.ChoiceField(label=_("Type de structure"))
    subkind = forms.ChoiceField(label=_("Sous-type"), required=False)
    sphere = forms.ChoiceField(
        label=_("Sphère"),
        choices=Sphere.choices,
        help_text=_(
            "Une mutuelle ou une coopérative relève de l'ESS par son statut mais "
            "peut se lire dans la sphère des entreprises."
        ),
    )
    is_ess = forms.BooleanField(label=_("Relève de l'ESS par son statut"), required=False)
    company_size = forms.ChoiceField(
        label=_("Taille d'entreprise"),
        required=False,
        choices=[("", _("— sans objet —")), *CompanySize.choices],
    )
    employees = FrenchIntegerField(
        label=_("Nombre de salariés"),
        required=False,
        min_value=0,
        localize=True,
        widget=_decimal_input("numeric"),
    )
    is_mission_company = forms.BooleanField(label=_("Société à mission"), required=False)
    public_service_mission = forms.BooleanField(
        label=_(
            "Mission de service public (eau, énergie, télécoms, poste, banque, transport, logement)"
        ),
        required=False,
    )
    siret = _text(
        _("SIRET"),
        max_length=20,
        help_text=_("14 chiffres, sans ou avec espaces (établissement du siège)."),
        widget=_decimal_input("numeric"),
    )
    siren = _text(
        _("SIREN"), max_length=15, help_text=_("9 chiffres."), widget=_decimal_input("numeric")
    )
    rna = _text(
        _("Numéro RNA"),
        max_length=15,
        help_text=_("Pour une association : W suivi de 9 caractères."),
    )
    commune = _text(
        _("Commune du siège"),
        max_length=120,
        widget=_territory_picker(),
        help_text=_(
            "Tapez son nom et choisissez-la, ou indiquez son code officiel INSEE (5 "
            "caractères : 86194 pour Poitiers), et non le code postal."
        ),
    )
    address = _text(_("Adresse"), max_length=250)
    postal_code = _text(_("Code postal"), max_length=5, widget=_decimal_input("numeric"))
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        localize=True,
        widget=_decimal_input(),
        help_text=_(
            "Par exemple 46,5802. Laissez vide pour placer la structure au centre de sa commune."
        ),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        localize=True,
        widget=_decimal_input(),
        help_text=_("Par exemple 0,3404."),
    )
    description = _text(
        _("Présentation"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Votre projet, vos publics, ce que vous savez faire."),
    )
    website = _text(
        _("Site web"), max_length=200, widget=forms.TextInput(attrs={"inputmode": "url"})
    )
    email = _text(_("Courriel de la structure"), max_length=254, widget=forms.EmailInput())
    phone = _text(
        _("Téléphone de la structure"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    themes = forms.MultipleChoiceField(
        label=_("Thématiques"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partnership_types = forms.MultipleChoiceField(
        label=_("Types de partenariat recherchés"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    labels = forms.MultipleChoiceField(
        label=_("Labels et agréments"), required=False, widget=forms.CheckboxSelectMultiple
    )
    intervention = _text(
        _("Territoires d'intervention"),
        max_length=1000,
        help_text=_(
            "Codes séparés par des espaces : com:86194 (commune), epci:200069854 "
            "(intercommunalité), dep:86 (département), reg:75 (région) ou fr."
        ),
    )

    sections: tuple[tuple[Any, tuple[str, ...]], ...] = (
        (
            _("Identité"),
            (
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
            ),
        ),
        (_("Identifiants officiels"), ("siret", "siren", "rna")),
        (
            _("Où vous trouver"),
            ("commune", "address", "postal_code", "latitude", "longitude", "intervention"),
        ),
        (_("Présentation et coordonnées"), ("description", "website", "email", "phone")),
        (_("Thématiques et partenariats"), ("themes", "partnership_types", "labels")),
    )
    list_fields = ("themes", "partnership_types", "labels")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("kind", vocabulary_choices(Kind))
        self._set_choices("subkind", subkind_choices())
        self._set_choices("themes", vocabulary_choices(Theme))
        self._set_choices("partnership_types", vocabulary_choices(PartnershipType))
        self._set_choices("labels", vocabulary_choices(Label))

    def clean_commune(self) -> str:
        value = (self.cleaned_data.get("commune") or "").strip()
        if value and not _COMMUNE_CODE.match(value):
            raise forms.ValidationError(
                _(
                    "Choisissez la commune dans la liste proposée, ou indiquez son code INSEE "
                    "(5 caractères, par exemple 86194)."
                ),
                code="commune",
            )
        return value

    def field_sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in self.sections
        ]

    @staticmethod
    def input_value(name: str, value: Any) -> Any:
        """A parsed form value as ``ActorInput`` wants it."""
        if name == "intervention":
            return split_codes(value)
        if name == "commune":
            return commune_code(value)
        if name in ("subkind", "company_size", "sphere") and value is None:
            return ""
        return value


class ActorProfileForm(ActorFieldsForm):
    """An organisation's admin edits its profile (``actor_update``). Only the fields that
    changed are sent, so that they alone become the organisation's own
    (``field_origins``) and a later import keeps updating the others."""

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        self.actor = actor
        current = actor_input_from(actor)
        initial = {name: getattr(current, name) for name in self.base_fields}
        initial["intervention"] = " ".join(current.intervention)
        kwargs.setdefault("initial", initial)
        self._current = current
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            _set_picker_label(
                self.fields["commune"], f"com:{current.commune}" if current.commune else ""
            )

    def changes(self, data: dict[str, Any]) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for name in self.fields:
            if name not in data:
                continue
            new = self.input_value(name, data[name])
            old = getattr(self._current, name)
            if name in self.list_fields or name == "intervention":
                changed = set(new) != set(old)
            elif isinstance(old, bool) or isinstance(new, bool):
                changed = bool(new) != bool(old)
            elif name in ("employees", "latitude", "longitude"):
                changed = new != old
            else:
                changed = (new or "") != (old or "")
            if changed:
                changes[name] = new
        if "siret" in changes and "siren" not in changes and not self._current.siren:
            # Sent along so that the service fills the SIREN from the new SIRET.
            changes["siren"] = ""
        return changes

    def perform(self, data: dict[str, Any]) -> Actor:
        changes = self.changes(data)
        if not changes:
            return self.actor
        return actor_update(actor=self.actor, changes=changes)


# --------------------------------------------------------------------------- needs, offers


class NeedOfferForm(ServiceForm):
    direction = forms.ChoiceField(
        label=_("Vous publiez"), choices=Direction.choices, widget=forms.RadioSelect
    )
    category = forms.ChoiceField(label=_("Catégorie"))
    title = _text(
        _("Intitulé court"),
        max_length=200,
        help_text=_("Facultatif, par exemple « Refonte du site web »."),
    )
    text = _text(
        _("Description"),
        required=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce dont il s'agit, pour qui, quand."),
    )
    themes = forms.MultipleChoiceField(
        label=_("Thématiques"), required=False, widget=forms.CheckboxSelectMultiple
    )
    territory_code = _text(
        _("Territoire concerné"),
        max_length=120,
        widget=_territory_picker(),
        help_text=_(
            "Facultatif. Tapez un nom de commune, d'intercommunalité, de département ou de "
            "région, ou un code : com:86194, epci:200069854, dep:86, reg:75, fr."
        ),
    )
    quantity = _text(
        _("Quantité"),
        max_length=100,
        help_text=_("Facultatif, par exemple « 3 bénévoles » ou « 20 m² »."),
    )
    value_eur = FrenchDecimalField(
        label=_("Valeur estimée (€)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=_decimal_input(),
    )
    valid_from = forms.DateField(
        label=_("Valable à partir du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    valid_until = forms.DateField(
        label=_("Valable jusqu'au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    is_active = forms.BooleanField(
        label=_("Publiée"),
        required=False,
        help_text=_("Décochez pour la retirer de votre fiche sans la supprimer."),
    )

    def __init__(
        self,
        *args: Any,
        actor: Actor,
        item: NeedOffer | None = None,
        direction: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.actor = actor
        self.item = item
        if item is not None:
            kwargs.setdefault(
                "initial",
                {
                    "category": item.category_id,
                    "title": item.title,
                    "text": item.text,
                    "themes": list(item.themes.values_list("code", flat=True)),
                    "territory_code": item.territory_code,
                    "quantity": item.quantity,
                    "value_eur": item.value_eur,
                    "valid_from": item.valid_from,
                    "valid_until": item.valid_until,
                    "is_active": item.is_active,
                },
            )
        elif direction in Direction.values:
            kwargs.setdefault("initial", {"direction": direction})
        super().__init__(*args, **kwargs)
        self._set_choices("category", vocabulary_choices(Category))
        self._set_choices("themes", vocabulary_choices(Theme))
        if item is None:
            del self.fields["is_active"]
        else:
            del self.fields["direction"]
            if not self.is_bound:
                _set_picker_label(self.fields["territory_code"], item.territory_code)

    def perform(self, data: dict[str, Any]) -> NeedOffer:
        values = {
            key: data[key]
            for key in (
                "category",
                "title",
                "text",
                "themes",
                "territory_code",
                "quantity",
                "value_eur",
                "valid_from",
                "valid_until",
                "is_active",
            )
            if key in data and key in self.fields
        }
        if "territory_code" in values:
            values["territory_code"] = values["territory_code"].strip()
        if self.item is not None:
            return need_offer_update(item=self.item, changes=values)
        values.setdefault("text", "")
        values.setdefault("category", "")
        return need_offer_create(actor=self.actor, direction=data.get("direction", ""), **values)


# --------------------------------------------------------------------------- contacts


CONSENT_REQUIRED = _("Le consentement de la personne est requis (RGPD).")


class ContactForm(ServiceForm):
    first_name = _text(
        _("Prénom"),
        required=True,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    last_name = _text(
        _("Nom"),
        required=True,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    role = _text(_("Fonction"), max_length=150)
    email = _text(
        _("Courriel"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    phone = _text(
        _("Téléphone"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    is_primary = forms.BooleanField(label=_("Contact principal"), required=False)
    consent_given = forms.BooleanField(
        label=_("Cette personne a accepté que ses coordonnées figurent sur Maillage"),
        required=False,
        help_text=_(
            "Obligatoire (RGPD). Ses coordonnées ne sont montrées qu'aux personnes "
            "habilitées ; elle peut demander à tout moment leur effacement."
        ),
    )

    def __init__(
        self, *args: Any, actor: Actor, contact: Contact | None = None, **kwargs: Any
    ) -> None:
        self.actor = actor
        self.contact = contact
        if contact is not None:
            kwargs.setdefault(
                "initial",
                {
                    "first_name": contact.first_name,
                    "last_name": contact.last_name,
                    "role": contact.role,
                    "email": contact.email,
                    "phone": contact.phone,
                    "is_primary": contact.is_primary,
                },
            )
        super().__init__(*args, **kwargs)
        if contact is not None:
            del self.fields["consent_given"]

    def perform(self, data: dict[str, Any]) -> Contact:
        values = {
            key: data[key]
            for key in (
                "first_name",
                "last_name",
                "role",
                "email",
                "phone",
                "is_primary",
            )
            if key in data
        }
        if self.contact is not None:
            return contact_update(contact=self.contact, changes=values)
        consent = bool(data.get("consent_given"))
        try:
            return contact_create(
                actor=self.actor,
                first_name=values.get("first_name", ""),
                last_name=values.get("last_name", ""),
                role=values.get("role", ""),
                email=values.get("email", ""),
                phone=values.get("phone", ""),
                is_primary=values.get("is_primary", False),
                consent_given=consent,
            )
        except DomainValidationError as error:
            # The service checks consent after the other fields: report everything at once.
            if not consent and "consent_given" not in error.errors:
                error.errors["consent_given"] = [str(CONSENT_REQUIRED)]
            raise
