"""Forms of the matching pages (parsing only; rules live in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Kind, PartnershipType, Theme
from maillage.matching.engine import CandidateFilters
from maillage.matching.enums import DeclineReason, FollowUpOutcome, FollowUpReason
from maillage.matching.services import MAX_ENDORSEMENT, MAX_MESSAGE
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
from maillage.territories.selectors import territory_get


class SuggestionFilterForm(forms.Form):
    """The suggestions page's filters (GET). Invalid values are dropped, with a notice."""

    kind = forms.MultipleChoiceField(label=_("Type d'acteur"), required=False)
    theme = forms.MultipleChoiceField(label=_("Thématique"), required=False)
    partnership_type = forms.MultipleChoiceField(label=_("Type de partenariat"), required=False)
    territory = forms.CharField(
        label=_("Territoire du siège"),
        required=False,
        max_length=20,
        help_text=_("Code de territoire : com:86194, epci:200069854, dep:86, reg:75."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(Kind.objects.values_list("code", "name"))  # type: ignore[attr-defined]
        self.fields["theme"].choices = list(Theme.objects.values_list("code", "name"))  # type: ignore[attr-defined]
        self.fields["partnership_type"].choices = list(  # type: ignore[attr-defined]
            PartnershipType.objects.values_list("code", "name")
        )

    def clean_territory(self) -> str:
        code = (self.cleaned_data.get("territory") or "").strip()
        if not code:
            return ""
        try:
            parse_territory_code(code)
        except InvalidTerritoryCode as error:
            raise forms.ValidationError(str(error)) from error
        territory = territory_get(code)
        if territory is None:
            raise forms.ValidationError(_("Territoire inconnu : %(code)s.") % {"code": code})
        return territory.code

    def filters(self) -> CandidateFilters:
        """The valid filters (an invalid one is dropped, the others kept)."""
        if not self.is_bound:
            return CandidateFilters()
        self.is_valid()  # cleaned_data then holds the valid fields only
        data = self.cleaned_data
        return CandidateFilters(
            kinds=tuple(data.get("kind") or ()),
            themes=tuple(data.get("theme") or ()),
            territory=data.get("territory") or "",
            partnership_types=tuple(data.get("partnership_type") or ()),
        )


class IntroductionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_MESSAGE,
        help_text=_(
            "Présentez votre structure et ce que vous aimeriez construire ensemble. Vos "
            "coordonnées ne seront transmises que si la demande est acceptée."
        ),
    )


class FacilitateForm(forms.Form):
    message = forms.CharField(
        label=_("Pourquoi les présenter l'un à l'autre ?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_MESSAGE,
        help_text=_(
            "Chaque structure reçoit ce message et accepte ou décline ; les coordonnées ne sont "
            "échangées que si les deux acceptent."
        ),
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Pourquoi ne pas donner suite ?"),
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        help_text=_("Le motif est transmis avec bienveillance au demandeur."),
    )
    note = forms.CharField(
        label=_("Un mot pour le demandeur (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_MESSAGE,
    )


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Cette mise en relation a-t-elle abouti ?"),
        choices=FollowUpOutcome.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Si rien pour l'instant, pourquoi ?"),
        choices=[("", _("—")), *FollowUpReason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Un commentaire (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_MESSAGE,
    )


class EndorsementForm(forms.Form):
    text = forms.CharField(
        label=_("Votre recommandation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_ENDORSEMENT,
        help_text=_(
            "Une ou deux phrases sur ce que vous avez fait ensemble, visibles sur sa fiche."
        ),
    )


class BestPairsForm(forms.Form):
    territory = forms.CharField(
        label=_("Territoire"),
        max_length=20,
        help_text=_("Code de territoire : dep:86, epci:200069854, com:86194."),
    )

    def clean_territory(self) -> str:
        code = (self.cleaned_data.get("territory") or "").strip()
        try:
            level, _value = parse_territory_code(code)
        except InvalidTerritoryCode as error:
            raise forms.ValidationError(str(error)) from error
        if level in {"fr", "reg"}:
            raise forms.ValidationError(
                _("Choisissez un département, une intercommunalité ou une commune.")
            )
        territory = territory_get(code)
        if territory is None:
            raise forms.ValidationError(_("Territoire inconnu : %(code)s.") % {"code": code})
        return territory.code


class ActorSearchForm(forms.Form):
    q = forms.CharField(label=_("Nom de l'acteur"), max_length=100, required=False)
