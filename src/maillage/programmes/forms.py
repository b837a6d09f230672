"""Forms of the programme pages: they parse and validate input; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.accounts.models import User
from maillage.actors.models import Actor, Category, Contact, Theme
from maillage.programmes.enums import PhaseKind, ProgrammeStatus, SelectionMethod
from maillage.programmes.models import GroupMember, WorkingGroup


def _theme_choices() -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in Theme.objects.order_by("position", "code")]


def _category_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(c.code, c.name) for c in Category.objects.order_by("position", "code")]


class ActorReferenceField(forms.CharField):
    """An organisation named by its number on the site, SIRET, SIREN or RNA number."""

    default_help = gettext_lazy("Numéro de la fiche sur Maillage (dans son adresse), SIRET ou RNA.")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", self.default_help)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Actor | None:  # type: ignore[override]
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        actor = Actor.objects.with_identifier(text).order_by("id").first()
        if actor is None:
            raise forms.ValidationError(_("Aucune structure ne correspond à « %s ».") % text)
        return actor


class ActorListField(forms.CharField):
    """Several organisations, separated by spaces or commas."""

    def to_python(self, value: Any) -> list[Actor]:  # type: ignore[override]
        text = super().to_python(value) or ""
        actors: list[Actor] = []
        for token in text.replace(",", " ").split():
            actor = Actor.objects.with_identifier(token).order_by("id").first()
            if actor is None:
                raise forms.ValidationError(_("Aucune structure ne correspond à « %s ».") % token)
            if actor not in actors:
                actors.append(actor)
        return actors


class ProgrammeForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Intitulé"), max_length=200)
    summary = forms.CharField(
        label=gettext_lazy("Présentation"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    territory_codes = forms.CharField(
        label=gettext_lazy("Territoires"),
        required=False,
        help_text=gettext_lazy("Codes séparés par des espaces : com:94018 com:94069, dep:86…"),
    )
    lead_actor = ActorReferenceField(label=gettext_lazy("Structure porteuse"), required=False)
    co_pilots = ActorListField(
        label=gettext_lazy("Co-pilotes et partenaires"),
        required=False,
        help_text=gettext_lazy("Numéros des fiches, séparés par des espaces."),
    )
    themes = forms.MultipleChoiceField(
        label=gettext_lazy("Thématiques"), required=False, widget=forms.CheckboxSelectMultiple
    )
    starts_on = forms.DateField(
        label=gettext_lazy("Début"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Fin"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=gettext_lazy("Statut"), choices=ProgrammeStatus.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = _theme_choices()  # type: ignore[attr-defined]

    def cleaned_territories(self) -> list[str]:
        return self.cleaned_data["territory_codes"].replace(",", " ").split()


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Étape"), choices=PhaseKind.choices)
    title = forms.CharField(label=gettext_lazy("Intitulé"), max_length=200, required=False)
    starts_on = forms.DateField(
        label=gettext_lazy("Début"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Fin"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class GroupForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Intitulé"), max_length=200)
    theme = forms.ChoiceField(label=gettext_lazy("Thématique"), required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    co_lead_association = ActorReferenceField(
        label=gettext_lazy("Binôme : l'association"), required=False
    )
    co_lead_company = ActorReferenceField(
        label=gettext_lazy("Binôme : l'entreprise"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "—"), *_theme_choices()]  # type: ignore[attr-defined]


class MemberForm(forms.Form):
    actor = ActorReferenceField(label=gettext_lazy("Structure"))


class MeetingForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Intitulé"), max_length=200)
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Date et heure"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    location = forms.CharField(label=gettext_lazy("Lieu"), max_length=200, required=False)
    agenda = forms.CharField(
        label=gettext_lazy("Ordre du jour"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=gettext_lazy("Compte rendu"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    attendees = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Présents"),
        queryset=GroupMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, group: WorkingGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attendees"]
        field.queryset = (  # type: ignore[attr-defined]
            GroupMember.objects.filter(group=group).select_related("actor").order_by("actor__name")
        )
        field.label_from_instance = lambda member: member.actor.name  # type: ignore[attr-defined]


class ProposalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Intitulé de l'action"), max_length=250)
    summary = forms.CharField(
        label=gettext_lazy("L'action en quelques mots"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Groupes de travail"),
        queryset=WorkingGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = programme.working_groups.order_by("position", "id")  # type: ignore[attr-defined]


class SelectionForm(forms.Form):
    selected = forms.TypedChoiceField(
        label=gettext_lazy("Décision"),
        choices=[("1", gettext_lazy("Retenue")), ("0", gettext_lazy("Non retenue"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label=gettext_lazy("Mode de sélection"), choices=SelectionMethod.choices
    )
    note = forms.CharField(
        label=gettext_lazy("Motif"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Obligatoire pour un choix de l'animateur."),
    )


class ActionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Intitulé"), max_length=250)
    summary = forms.CharField(
        label=gettext_lazy("L'action en quelques mots"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    referent_actor = ActorReferenceField(label=gettext_lazy("Structure référente"), required=False)
    referent_contact = forms.ModelChoiceField(
        label=gettext_lazy("Personne référente (contact de la structure)"),
        queryset=Contact.objects.none(),
        required=False,
    )
    referent_email = forms.EmailField(
        label=gettext_lazy("Compte référent (adresse de connexion)"),
        required=False,
        help_text=gettext_lazy(
            "La personne pourra suivre l'action : besoins, jalons, contributions."
        ),
    )

    def __init__(self, *args: Any, referent: Actor | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if referent is not None:
            self.fields["referent_contact"].queryset = Contact.objects.filter(actor=referent)  # type: ignore[attr-defined]

    def clean_referent_email(self) -> User | None:
        email = self.cleaned_data.get("referent_email") or ""
        if not email:
            return None
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Aucun compte actif n'a cette adresse."))
        return user


class NeedForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Besoin"), widget=forms.Textarea(attrs={"rows": 2}))
    category = forms.ChoiceField(label=gettext_lazy("Catégorie"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices()  # type: ignore[attr-defined]


class MilestoneForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Jalon"), max_length=200)
    due_on = forms.DateField(
        label=gettext_lazy("Échéance"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class UpdateForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Point d'avancement"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ContributeForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Ce que je peux apporter"), widget=forms.Textarea(attrs={"rows": 4})
    )
    actor = forms.ModelChoiceField(
        label=gettext_lazy("Au nom de"), queryset=Actor.objects.none(), required=False
    )
    need = forms.ModelChoiceField(
        label=gettext_lazy("Pour le besoin"), queryset=Actor.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, action: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user.is_authenticated:
            self.fields["actor"].queryset = Actor.objects.filter(  # type: ignore[attr-defined]
                memberships__user=user, memberships__status="active"
            ).order_by("name")
        self.fields["need"].queryset = action.needs.order_by("position", "id")  # type: ignore[attr-defined]
        self.fields["need"].label_from_instance = lambda need: need.text[:90]  # type: ignore[attr-defined]
