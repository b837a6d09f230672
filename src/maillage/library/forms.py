"""Forms of the library pages. They parse what people type; the rules live in
``library.services`` (``ServiceForm.clean`` calls the service and maps its errors)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from maillage.accounts.models import User
from maillage.actors.forms import (
    ServiceForm,
    _set_picker_label,
    _territory_picker,
    vocabulary_choices,
)
from maillage.actors.models import PartnershipType, Theme
from maillage.library import services
from maillage.library.models import CaseStudy, GoodPractice
from maillage.partnerships.enums import MethodStep


def _text(
    label: Any, *, rows: int = 4, required: bool = False, help_text: Any = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def figures_to_text(figures: list[tuple[str, str]]) -> str:
    return "\n".join(f"{label} : {value}" for label, value in figures)


def figures_from_text(text: str) -> list[services.FigureInput]:
    """One figure per line, « Libellé : valeur » (the first colon separates them); a line
    without a colon is kept whole as a label, which the service reports."""
    figures = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        label, sep, value = line.partition(":")
        figures.append(
            services.FigureInput(label=label.strip(), value=value.strip() if sep else "")
        )
    return figures


class CaseStudyForm(ServiceForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_lazy("Titre"), max_length=200)
    summary = _text(
        _lazy("En bref"),
        rows=3,
        required=True,
        help_text=_lazy("Deux ou trois phrases, pour la liste."),
    )
    what = _text(
        _lazy("Le projet"),
        rows=6,
        help_text=_lazy("Le besoin de départ, ce qui a été fait, comment."),
    )
    who = _text(
        _lazy("Les acteurs et leurs rôles"),
        help_text=_lazy(
            "Les structures, ce que chacune a apporté. Aucun nom de personne : la "
            "bibliothèque est publique."
        ),
    )
    partnership_type = forms.ChoiceField(label=_lazy("Type de partenariat"), required=False)
    themes = forms.MultipleChoiceField(
        label=_lazy("Thématiques"), required=False, widget=forms.CheckboxSelectMultiple
    )
    territory_code = forms.CharField(
        label=_lazy("Territoire"), required=False, max_length=20, widget=_territory_picker()
    )
    results = _text(_lazy("Résultats"), rows=5)
    lessons = _text(
        _lazy("Enseignements"),
        rows=5,
        help_text=_lazy("Ce qui a marché, ce qu'il faudrait refaire autrement."),
    )
    figures = _text(
        _lazy("Chiffres clés"),
        rows=5,
        help_text=_lazy(
            "Un chiffre par ligne : « Libellé : valeur » (par exemple « Personnes reçues : 340 »)."
        ),
    )

    error_field_map = {"version": "title"}

    def __init__(self, *args: Any, case_study: CaseStudy, user: User, **kwargs: Any) -> None:
        self.case_study, self.user = case_study, user
        kwargs.setdefault(
            "initial",
            {
                "version": case_study.version,
                "title": case_study.title,
                "summary": case_study.summary,
                "what": case_study.what,
                "who": case_study.who,
                "partnership_type": case_study.partnership_type_id or "",
                "themes": list(case_study.themes.values_list("code", flat=True)),
                "territory_code": case_study.territory_code,
                "results": case_study.results,
                "lessons": case_study.lessons,
                "figures": figures_to_text(
                    [(f.label, f.value) for f in case_study.figures.order_by("position", "id")]
                ),
            },
        )
        super().__init__(*args, **kwargs)
        self._set_choices(
            "partnership_type", [("", _("— non précisé —")), *vocabulary_choices(PartnershipType)]
        )
        self._set_choices("themes", vocabulary_choices(Theme))
        _set_picker_label(
            self.fields["territory_code"],
            self.data.get("territory_code") or case_study.territory_code,
        )

    def perform(self, data: dict[str, Any]) -> CaseStudy:
        return services.case_study_update(
            case_study=self.case_study,
            user=self.user,
            expected_version=data.get("version") or 0,
            changes={
                "title": data.get("title") or "",
                "summary": data.get("summary") or "",
                "what": data.get("what") or "",
                "who": data.get("who") or "",
                "results": data.get("results") or "",
                "lessons": data.get("lessons") or "",
                "partnership_type": data.get("partnership_type") or "",
                "themes": data.get("themes") or [],
                "territory_code": data.get("territory_code") or "",
                "figures": figures_from_text(data.get("figures") or ""),
            },
        )


class PracticeForm(ServiceForm):
    title = forms.CharField(label=_lazy("Titre"), max_length=200)
    summary = _text(_lazy("En bref"), rows=3, required=True)
    body = _text(
        _lazy("Contenu"),
        rows=10,
        help_text=_lazy(
            "Paragraphes séparés par une ligne vide ; « - » en début de ligne : liste."
        ),
    )
    step = forms.ChoiceField(label=_lazy("Étape de la méthode"), required=False)
    themes = forms.MultipleChoiceField(
        label=_lazy("Thématiques"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partnership_types = forms.MultipleChoiceField(
        label=_lazy("Types de partenariat"), required=False, widget=forms.CheckboxSelectMultiple
    )
    territory_code = forms.CharField(
        label=_lazy("Territoire"),
        required=False,
        max_length=20,
        help_text=_lazy("Laissez vide pour une pratique valable partout."),
        widget=_territory_picker(),
    )
    source = forms.CharField(label=_lazy("Source"), required=False, max_length=250)

    def __init__(
        self, *args: Any, user: User, practice: GoodPractice | None = None, **kwargs: Any
    ) -> None:
        self.user, self.practice = user, practice
        if practice is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": practice.title,
                    "summary": practice.summary,
                    "body": practice.body,
                    "step": practice.step,
                    "themes": list(practice.themes.values_list("code", flat=True)),
                    "partnership_types": list(
                        practice.partnership_types.values_list("code", flat=True)
                    ),
                    "territory_code": practice.territory_code,
                    "source": practice.source,
                },
            )
        super().__init__(*args, **kwargs)
        self._set_choices("step", [("", _("— toutes —")), *MethodStep.choices])
        self._set_choices("themes", vocabulary_choices(Theme))
        self._set_choices("partnership_types", vocabulary_choices(PartnershipType))
        _set_picker_label(
            self.fields["territory_code"],
            self.data.get("territory_code") or (practice.territory_code if practice else ""),
        )

    def perform(self, data: dict[str, Any]) -> GoodPractice:
        payload = services.PracticeInput(
            title=data.get("title") or "",
            summary=data.get("summary") or "",
            body=data.get("body") or "",
            step=data.get("step") or "",
            themes=data.get("themes") or [],
            partnership_types=data.get("partnership_types") or [],
            territory_code=data.get("territory_code") or "",
            source=data.get("source") or "",
        )
        if self.practice is None:
            return services.good_practice_create(data=payload, user=self.user)
        return services.good_practice_update(practice=self.practice, data=payload, user=self.user)
