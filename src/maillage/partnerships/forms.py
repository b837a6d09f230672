"""Forms of the partnership pages. They parse what people type; the rules live in the
services (``ServiceForm.clean`` calls the service and maps its errors onto the fields)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from maillage.accounts.models import User
from maillage.actors.forms import (
    FrenchDecimalField,
    FrenchIntegerField,
    ServiceForm,
    _set_picker_label,
    _territory_picker,
    vocabulary_choices,
)
from maillage.actors.models import Actor, PartnershipType, Theme
from maillage.core.errors import DomainError
from maillage.partnerships import services
from maillage.partnerships.enums import (
    ALLOWED_TRANSITIONS,
    DIRECTION_BY_TYPE,
    ContributionKind,
    ContributionStatus,
    DocumentKind,
    HelpDirection,
    LegalForm,
    MethodStep,
    Objective,
    PartnershipOrigin,
    PartnershipStatus,
    PartyRole,
    RiskKind,
    RiskLevel,
)
from maillage.partnerships.models import (
    Contribution,
    Milestone,
    Partnership,
    Party,
    Risk,
)
from maillage.partnerships.selectors import actor_find


def _date(label: Any, *, required: bool = False, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _actor_input(list_id: str, suggest_url: str) -> forms.TextInput:
    """A text box with suggestions (a ``<datalist>`` refreshed by htmx as one types);
    without JavaScript, an id, a SIRET, an RNA number or the exact name works too."""
    return forms.TextInput(
        attrs={
            "list": list_id,
            "autocomplete": "off",
            "hx-get": suggest_url,
            "hx-trigger": "input changed delay:250ms",
            "hx-target": f"#{list_id}",
            "hx-swap": "innerHTML",
        }
    )


ACTOR_HELP = _lazy(
    "Commencez à taper son nom et choisissez dans la liste, ou indiquez son SIRET ou son "
    "numéro RNA."
)


def _resolve_actor(form: ServiceForm, field: str, text: str) -> Actor | None:
    actor = actor_find(text=text)
    if actor is None and text.strip():
        form.add_error(
            field,
            _(
                "Aucun acteur ne correspond à « %(text)s » : choisissez dans la liste proposée, "
                "ou indiquez son SIRET ou son numéro RNA."
            )
            % {"text": text.strip()},
        )
    return actor


class PartnershipCreateForm(ServiceForm):
    """« Proposer un partenariat »: your organisation, one partner (and optionally a
    facilitating third party), a title and a type. More parties can be added later."""

    porteur = forms.ChoiceField(label=_lazy("Votre structure (porteuse du projet)"))
    porteur_text = forms.CharField(
        label=_lazy("Structure porteuse"), required=False, help_text=ACTOR_HELP
    )
    partner = forms.CharField(label=_lazy("Partenaire"), help_text=ACTOR_HELP)
    third = forms.CharField(
        label=_lazy("Tiers facilitateur (facultatif)"),
        required=False,
        help_text=_lazy("Par exemple la collectivité qui accompagne le projet."),
    )
    title = forms.CharField(
        label=_lazy("Intitulé"),
        required=False,
        max_length=200,
        help_text=_lazy("Laissez vide : « Partenariat A – B »."),
    )
    partnership_type = forms.ChoiceField(label=_lazy("Type de partenariat"), required=False)

    def __init__(self, *args: Any, user: User, suggest_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        own = list(
            Actor.objects.filter(memberships__user=user, memberships__status="active")
            .order_by("name", "id")
            .values_list("pk", "name")
        )
        self.own_ids = {pk for pk, _name in own}
        if own:
            self._set_choices("porteur", [(str(pk), name) for pk, name in own])
            del self.fields["porteur_text"]
        else:
            # A facilitator (or staff) proposes a partnership between two other actors.
            del self.fields["porteur"]
            self.fields["porteur_text"].required = True
            self.fields["porteur_text"].widget = _actor_input("porteur-options", suggest_url)
        self.fields["partner"].widget = _actor_input("partner-options", suggest_url)
        self.fields["third"].widget = _actor_input("third-options", suggest_url)
        self._set_choices(
            "partnership_type",
            [("", _("— à choisir plus tard —")), *vocabulary_choices(PartnershipType)],
        )

    def perform(self, data: dict[str, Any]) -> Partnership | None:
        if "porteur" in self.fields:
            porteur = Actor.objects.filter(pk=int(data.get("porteur") or 0)).first()
        else:
            porteur = _resolve_actor(self, "porteur_text", data.get("porteur_text", ""))
        partner = _resolve_actor(self, "partner", data.get("partner", ""))
        third = _resolve_actor(self, "third", data.get("third", ""))
        if porteur is None or partner is None or (data.get("third") and third is None):
            return None
        actors = [porteur, partner, *([third] if third else [])]
        from maillage.partnerships.permissions import can_create_partnership_for

        if not can_create_partnership_for(self.user, actors):
            raise DomainError(
                _(
                    "Vous pouvez proposer un partenariat pour une structure dont vous êtes "
                    "membre, ou, animateur, pour des acteurs de votre territoire."
                ),
                field="partner",
            )
        partnership = services.partnership_create_draft(
            created_by=self.user,
            parties=actors,
            origin=PartnershipOrigin.DIRECT,
            title=data.get("title", ""),
        )
        if data.get("partnership_type"):
            services.partnership_update(
                partnership=partnership,
                user=self.user,
                changes={"partnership_type": data["partnership_type"]},
                expected_version=partnership.version,
            )
        return partnership

    error_field_map = {"parties": "partner"}


class VersionedForm(ServiceForm):
    """A form on a versioned record: the version the page was built on travels with it,
    and a stale save is reported at the top of the form (not on the hidden field)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def add_domain_error(self, field: str | None, message: str) -> None:
        super().add_domain_error(None if field == "version" else field, message)


class PartnershipForm(VersionedForm):
    title = forms.CharField(label=_lazy("Intitulé"), max_length=200)
    summary = forms.CharField(
        label=_lazy("Le projet en quelques lignes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    partnership_type = forms.ChoiceField(label=_lazy("Type de partenariat"), required=False)
    help_direction = forms.ChoiceField(
        label=_lazy("Sens de l'appui"),
        required=False,
        help_text=_lazy("Laissez vide pour reprendre celui du type de partenariat."),
    )
    themes = forms.MultipleChoiceField(
        label=_lazy("Thématiques"), required=False, widget=forms.CheckboxSelectMultiple
    )
    territory_code = forms.CharField(
        label=_lazy("Territoire du partenariat"),
        required=False,
        help_text=_lazy("Commune, intercommunalité, département ou région où il agit."),
    )
    starts_on = _date(_lazy("Début"))
    ends_on = _date(_lazy("Fin"))
    lessons = forms.CharField(
        label=_lazy("Enseignements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_lazy("Ce qui a marché, ce qui a coincé, ce que vous referiez autrement."),
    )

    def __init__(self, *args: Any, partnership: Partnership, user: User, **kwargs: Any) -> None:
        self.partnership, self.user = partnership, user
        kwargs.setdefault(
            "initial",
            {
                "title": partnership.title,
                "summary": partnership.summary,
                "partnership_type": partnership.partnership_type_id or "",
                # Blank when it is the type's own: changing the type then changes it too.
                "help_direction": ""
                if partnership.help_direction
                == DIRECTION_BY_TYPE.get(partnership.partnership_type_id or "")
                else partnership.help_direction,
                "themes": list(partnership.themes.values_list("code", flat=True)),
                "territory_code": partnership.territory_code,
                "starts_on": partnership.starts_on,
                "ends_on": partnership.ends_on,
                "lessons": partnership.lessons,
                "version": partnership.version,
            },
        )
        super().__init__(*args, **kwargs)
        self._set_choices(
            "partnership_type", [("", _("— à choisir —")), *vocabulary_choices(PartnershipType)]
        )
        self._set_choices("help_direction", [("", _("— selon le type —")), *HelpDirection.choices])
        self._set_choices("themes", vocabulary_choices(Theme))
        self.fields["territory_code"].widget = _territory_picker()
        _set_picker_label(self.fields["territory_code"], partnership.territory_code)

    def perform(self, data: dict[str, Any]) -> Partnership:
        names = (
            "title",
            "summary",
            "partnership_type",
            "help_direction",
            "themes",
            "territory_code",
            "starts_on",
            "ends_on",
            "lessons",
        )
        changes = {name: data.get(name) for name in names}
        changes["themes"] = changes["themes"] or []
        changes["help_direction"] = changes["help_direction"] or ""
        return services.partnership_update(
            partnership=self.partnership,
            user=self.user,
            changes=changes,
            expected_version=data.get("version") or 0,
        )


class StatusForm(VersionedForm):
    to_status = forms.ChoiceField(label=_lazy("Nouveau statut"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_lazy("Commentaire"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_lazy("Obligatoire pour un abandon : pourquoi ?"),
    )

    def __init__(self, *args: Any, partnership: Partnership, user: User, **kwargs: Any) -> None:
        self.partnership, self.user = partnership, user
        kwargs.setdefault("initial", {"version": partnership.version})
        super().__init__(*args, **kwargs)
        self._set_choices(
            "to_status",
            [
                (code, PartnershipStatus(code).label)
                for code in ALLOWED_TRANSITIONS.get(partnership.status, ())
            ],
        )

    def perform(self, data: dict[str, Any]) -> Partnership:
        return services.partnership_transition(
            partnership=self.partnership,
            to_status=data.get("to_status") or "",
            user=self.user,
            note=data.get("note", ""),
            expected_version=data.get("version") or 0,
        )

    error_field_map = {
        "status": "to_status",
        "partnership_type": "to_status",
        "starts_on": "to_status",
    }


OBJECTIVE_RANKS = 4


class PartyForm(VersionedForm):
    """A party's own « carré magique »: its objectives ranked, its expectations, what it
    brings."""

    role = forms.ChoiceField(label=_lazy("Rôle"), choices=PartyRole.choices)
    objective_1 = forms.ChoiceField(label=_lazy("Objectif principal"), required=False)
    objective_2 = forms.ChoiceField(label=_lazy("Deuxième objectif"), required=False)
    objective_3 = forms.ChoiceField(label=_lazy("Troisième objectif"), required=False)
    objective_4 = forms.ChoiceField(label=_lazy("Quatrième objectif"), required=False)
    expectations = forms.CharField(
        label=_lazy("Attentes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    brings = forms.CharField(
        label=_lazy("Ce que la structure apporte"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, party: Party, user: User, **kwargs: Any) -> None:
        self.party, self.user = party, user
        ranked = list(party.objectives) + [""] * OBJECTIVE_RANKS
        initial = {f"objective_{rank + 1}": ranked[rank] for rank in range(OBJECTIVE_RANKS)}
        initial.update(
            role=party.role,
            expectations=party.expectations,
            brings=party.brings,
            version=party.version,
        )
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for rank in range(OBJECTIVE_RANKS):
            self._set_choices(f"objective_{rank + 1}", [("", "—"), *Objective.choices])

    def perform(self, data: dict[str, Any]) -> Party:
        ranked = [data.get(f"objective_{rank + 1}") or "" for rank in range(OBJECTIVE_RANKS)]
        chosen = [code for code in ranked if code]
        if len(set(chosen)) != len(chosen):
            raise DomainError(
                _("Chaque objectif n'apparaît qu'une fois dans le classement."),
                field="objective_1",
            )
        return services.party_update(
            party=self.party,
            user=self.user,
            expected_version=data.get("version") or 0,
            objectives=chosen,
            expectations=data.get("expectations", ""),
            brings=data.get("brings", ""),
            role=data.get("role") or self.party.role,
        )

    error_field_map = {"objectives": "objective_1"}


class PartyAddForm(ServiceForm):
    actor = forms.CharField(label=_lazy("Acteur"), help_text=ACTOR_HELP)
    role = forms.ChoiceField(
        label=_lazy("Rôle"), choices=PartyRole.choices, initial=PartyRole.PARTENAIRE
    )

    def __init__(
        self, *args: Any, partnership: Partnership, user: User, suggest_url: str, **kwargs: Any
    ) -> None:
        self.partnership, self.user = partnership, user
        super().__init__(*args, **kwargs)
        self.fields["actor"].widget = _actor_input("actor-options", suggest_url)

    def perform(self, data: dict[str, Any]) -> Party | None:
        actor = _resolve_actor(self, "actor", data.get("actor", ""))
        if actor is None:
            return None
        return services.party_add(
            partnership=self.partnership, actor=actor, role=data.get("role") or "", user=self.user
        )


# --------------------------------------------------------------------------- method


class ChecklistItemAddForm(ServiceForm):
    step = forms.ChoiceField(label=_lazy("Étape"), choices=MethodStep.choices)
    label = forms.CharField(label=_lazy("Action"), max_length=250)

    def __init__(self, *args: Any, partnership: Partnership, user: User, **kwargs: Any) -> None:
        self.partnership, self.user = partnership, user
        kwargs.setdefault("initial", {"step": partnership.current_step})
        super().__init__(*args, **kwargs)

    def perform(self, data: dict[str, Any]) -> Any:
        return services.checklist_item_add(
            partnership=self.partnership,
            step=data.get("step") or "",
            label=data.get("label") or "",
            user=self.user,
        )


class AdvanceStepForm(ServiceForm):
    force = forms.BooleanField(
        label=_lazy("Passer à l'étape suivante même s'il reste des actions à cocher"),
        required=False,
    )

    def __init__(self, *args: Any, partnership: Partnership, user: User, **kwargs: Any) -> None:
        self.partnership, self.user = partnership, user
        super().__init__(*args, **kwargs)

    def perform(self, data: dict[str, Any]) -> Partnership:
        return services.partnership_advance_step(
            partnership=self.partnership, user=self.user, force=bool(data.get("force"))
        )

    error_field_map = {"step": "force"}


class RiskForm(ServiceForm):
    party = forms.ChoiceField(label=_lazy("Pour quelle partie"))
    kind = forms.ChoiceField(label=_lazy("Nature du risque"), choices=RiskKind.choices)
    level = forms.ChoiceField(
        label=_lazy("Niveau"), choices=RiskLevel.choices, initial=RiskLevel.MOYEN
    )
    description = forms.CharField(
        label=_lazy("Description"), widget=forms.Textarea(attrs={"rows": 3})
    )
    mitigation = forms.CharField(
        label=_lazy("Comment le maîtriser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        partnership: Partnership,
        parties: list[Party],
        user: User,
        risk: Risk | None = None,
        **kwargs: Any,
    ) -> None:
        self.partnership, self.user, self.risk = partnership, user, risk
        self.parties = {str(party.pk): party for party in parties}
        if risk is not None:
            kwargs.setdefault(
                "initial",
                {
                    "party": str(risk.party_id),
                    "kind": risk.kind,
                    "level": risk.level,
                    "description": risk.description,
                    "mitigation": risk.mitigation,
                },
            )
        super().__init__(*args, **kwargs)
        self._set_choices("party", [(pk, party.actor.name) for pk, party in self.parties.items()])

    def perform(self, data: dict[str, Any]) -> Risk | None:
        party = self.parties.get(data.get("party") or "")
        if party is None:
            return None
        kind, level = data.get("kind") or "", data.get("level") or ""
        description, mitigation = data.get("description") or "", data.get("mitigation") or ""
        if self.risk is None:
            return services.risk_create(
                partnership=self.partnership,
                party=party,
                kind=kind,
                level=level,
                description=description,
                mitigation=mitigation,
                user=self.user,
            )
        return services.risk_update(
            risk=self.risk,
            party=party,
            kind=kind,
            level=level,
            description=description,
            mitigation=mitigation,
            user=self.user,
        )


class LegalFormForm(VersionedForm):
    legal_form = forms.ChoiceField(
        label=_lazy("Forme juridique retenue"), required=False, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_lazy("Pourquoi cette forme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, partnership: Partnership, user: User, **kwargs: Any) -> None:
        self.partnership, self.user = partnership, user
        kwargs.setdefault(
            "initial",
            {
                "legal_form": partnership.legal_form,
                "note": partnership.legal_form_note,
                "version": partnership.version,
            },
        )
        super().__init__(*args, **kwargs)
        self._set_choices("legal_form", [("", _("Pas encore choisie")), *LegalForm.choices])

    def perform(self, data: dict[str, Any]) -> Partnership:
        return services.partnership_set_legal_form(
            partnership=self.partnership,
            legal_form=data.get("legal_form") or "",
            note=data.get("note") or "",
            user=self.user,
            expected_version=data.get("version") or 0,
        )


# --------------------------------------------------------------------------- commitments


class ContributionForm(ServiceForm):
    party = forms.ChoiceField(label=_lazy("Apportée par"))
    kind = forms.ChoiceField(label=_lazy("Nature"), choices=ContributionKind.choices)
    status = forms.ChoiceField(
        label=_lazy("État"), choices=ContributionStatus.choices, initial=ContributionStatus.ENGAGEE
    )
    description = forms.CharField(label=_lazy("Description"), max_length=300)
    amount_eur = FrenchDecimalField(
        label=_lazy("Montant ou valorisation (€)"),
        required=False,
        decimal_places=2,
        max_digits=12,
        localize=True,
        help_text=_lazy("Le montant versé ; pour un apport en nature, sa valeur estimée."),
    )
    hours = FrenchDecimalField(
        label=_lazy("Heures"), required=False, decimal_places=1, max_digits=9, localize=True
    )
    people = FrenchIntegerField(label=_lazy("Personnes mobilisées"), required=False, localize=True)
    starts_on = _date(_lazy("Date ou début"), required=True)
    ends_on = _date(_lazy("Fin (facultatif)"))

    def __init__(
        self,
        *args: Any,
        partnership: Partnership,
        parties: list[Party],
        user: User,
        contribution: Contribution | None = None,
        **kwargs: Any,
    ) -> None:
        self.partnership, self.user, self.contribution = partnership, user, contribution
        self.parties = {str(party.pk): party for party in parties}
        if contribution is not None:
            kwargs.setdefault(
                "initial",
                {
                    "party": str(contribution.party_id),
                    "kind": contribution.kind,
                    "status": contribution.status,
                    "description": contribution.description,
                    "amount_eur": contribution.amount_eur,
                    "hours": contribution.hours,
                    "people": contribution.people,
                    "starts_on": contribution.starts_on,
                    "ends_on": contribution.ends_on,
                },
            )
        super().__init__(*args, **kwargs)
        self._set_choices("party", [(pk, party.actor.name) for pk, party in self.parties.items()])
        for name in ("amount_eur", "hours", "people"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal"})

    def perform(self, data: dict[str, Any]) -> Contribution | None:
        party = self.parties.get(data.get("party") or "")
        if party is None:
            return None
        payload = services.ContributionInput(
            party=party,
            kind=data.get("kind") or "",
            status=data.get("status") or ContributionStatus.ENGAGEE,
            description=data.get("description") or "",
            amount_eur=data.get("amount_eur"),
            hours=data.get("hours"),
            people=data.get("people"),
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
        )
        if self.contribution is None:
            return services.contribution_create(
                partnership=self.partnership, data=payload, user=self.user
            )
        return services.contribution_update(
            contribution=self.contribution, data=payload, user=self.user
        )


class DocumentForm(forms.Form):
    """Parsed here, checked by ``services.document_upload`` (by content) in the view:
    the file is stored only when every other field is valid."""

    required_css_class = "required"
    error_css_class = "has-error"

    file = forms.FileField(
        label=_lazy("Fichier"),
        help_text=_lazy("PDF, ODT ou DOCX, 10 Mo au plus."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.odt,.docx,application/pdf,"
                "application/vnd.oasis.opendocument.text,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )
    title = forms.CharField(label=_lazy("Titre"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_lazy("Nature"), choices=DocumentKind.choices, initial=DocumentKind.CONVENTION
    )
    signed_on = _date(_lazy("Signé le"))


class MilestoneForm(ServiceForm):
    title = forms.CharField(label=_lazy("Jalon"), max_length=200)
    due_on = _date(_lazy("Prévu le"), required=True)
    done_on = _date(_lazy("Atteint le"))
    description = forms.CharField(
        label=_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        partnership: Partnership,
        user: User,
        milestone: Milestone | None = None,
        **kwargs: Any,
    ) -> None:
        self.partnership, self.user, self.milestone = partnership, user, milestone
        if milestone is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": milestone.title,
                    "due_on": milestone.due_on,
                    "done_on": milestone.done_on,
                    "description": milestone.description,
                },
            )
        super().__init__(*args, **kwargs)
        if milestone is None:
            del self.fields["done_on"]

    def perform(self, data: dict[str, Any]) -> Milestone:
        if self.milestone is None:
            return services.milestone_create(
                partnership=self.partnership,
                title=data.get("title") or "",
                due_on=data.get("due_on"),
                description=data.get("description") or "",
                user=self.user,
            )
        return services.milestone_update(
            milestone=self.milestone,
            title=data.get("title") or "",
            due_on=data.get("due_on"),
            done_on=data.get("done_on"),
            description=data.get("description") or "",
            user=self.user,
        )
