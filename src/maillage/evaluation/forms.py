"""Forms of the evaluation pages (parsing only; the rules live in ``evaluation.services``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _lazy

from maillage.accounts.models import User
from maillage.actors.forms import FrenchDecimalField, ServiceForm
from maillage.evaluation import services
from maillage.evaluation.enums import (
    IMPACT_CRITERIA,
    IMPACT_HELP,
    REQUIRED_CRITERIA,
    Criterion,
    Dimension,
    ImpactFamily,
    Rating,
)
from maillage.evaluation.models import (
    AssessmentAnswer,
    AssessmentPeriod,
    Indicator,
    Measurement,
)
from maillage.partnerships.models import Partnership, Party


def _date(label: Any, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _number(label: Any, *, required: bool = True, help_text: Any = "") -> FrenchDecimalField:
    return FrenchDecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=14,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class IndicatorForm(ServiceForm):
    name = forms.CharField(label=_lazy("Indicateur"), max_length=200)
    dimension = forms.ChoiceField(label=_lazy("Dimension évaluée"))
    impact_family = forms.ChoiceField(label=_lazy("Famille d'impact"), required=False)
    unit = forms.CharField(
        label=_lazy("Unité"), max_length=40, help_text=_lazy("personnes, €, %, heures…")
    )
    baseline = _number(_lazy("Situation de départ"), help_text=_lazy("0 si rien n'existait avant."))
    target = _number(_lazy("Cible"))
    description = forms.CharField(
        label=_lazy("Comment il se mesure"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        partnership: Partnership,
        user: User,
        indicator: Indicator | None = None,
        **kwargs: Any,
    ) -> None:
        self.partnership, self.user, self.indicator = partnership, user, indicator
        if indicator is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": indicator.name,
                    "dimension": indicator.dimension,
                    "impact_family": indicator.impact_family,
                    "unit": indicator.unit,
                    "baseline": indicator.baseline,
                    "target": indicator.target,
                    "description": indicator.description,
                },
            )
        super().__init__(*args, **kwargs)
        self._set_choices("dimension", [("", "—"), *Dimension.choices])
        self._set_choices("impact_family", [("", "—"), *ImpactFamily.choices])

    def perform(self, data: dict[str, Any]) -> Indicator:
        payload = services.IndicatorInput(
            name=data.get("name") or "",
            dimension=data.get("dimension") or "",
            impact_family=data.get("impact_family") or "",
            unit=data.get("unit") or "",
            baseline=data.get("baseline"),
            target=data.get("target"),
            description=data.get("description") or "",
        )
        if self.indicator is None:
            return services.indicator_create(
                partnership=self.partnership, data=payload, user=self.user
            )
        return services.indicator_update(indicator=self.indicator, data=payload, user=self.user)


class MeasurementForm(ServiceForm):
    measured_on = _date(_lazy("Date de la mesure"), required=True)
    value = _number(_lazy("Valeur"))
    note = forms.CharField(label=_lazy("Source ou commentaire"), required=False, max_length=300)

    def __init__(self, *args: Any, indicator: Indicator, user: User, **kwargs: Any) -> None:
        self.indicator, self.user = indicator, user
        super().__init__(*args, **kwargs)
        self.fields["value"].help_text = indicator.unit

    def perform(self, data: dict[str, Any]) -> Measurement:
        return services.measurement_record(
            indicator=self.indicator,
            measured_on=data.get("measured_on"),
            value=data.get("value"),
            note=data.get("note") or "",
            user=self.user,
        )


class PeriodForm(ServiceForm):
    label = forms.CharField(
        label=_lazy("Bilan"),
        max_length=120,
        help_text=_lazy("Par exemple « Bilan à six mois » ou « Bilan final »."),
    )
    starts_on = _date(_lazy("Période évaluée : du"), required=True)
    ends_on = _date(_lazy("jusqu’au"), required=True)

    def __init__(self, *args: Any, partnership: Partnership, user: User, **kwargs: Any) -> None:
        self.partnership, self.user = partnership, user
        super().__init__(*args, **kwargs)

    def perform(self, data: dict[str, Any]) -> AssessmentPeriod:
        return services.period_create(
            partnership=self.partnership,
            label=data.get("label") or "",
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            user=self.user,
        )


class AssessmentForm(ServiceForm):
    """A party's answers: for each criterion a rating from 1 to 5 and its evidence. The
    button pressed (``submit``) says whether it is a draft or the final answer."""

    summary = forms.CharField(
        label=_lazy("Le partenariat en une phrase, pour votre structure"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        period: AssessmentPeriod,
        party: Party,
        user: User,
        answers: dict[str, AssessmentAnswer],
        summary: str = "",
        submit: bool = False,
        **kwargs: Any,
    ) -> None:
        self.period, self.party, self.user, self.submit = period, party, user, submit
        initial: dict[str, Any] = {"summary": summary}
        for criterion, answer in answers.items():
            initial[f"rating_{criterion}"] = str(answer.rating) if answer.rating else ""
            initial[f"evidence_{criterion}"] = answer.evidence
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for criterion in (*REQUIRED_CRITERIA, *IMPACT_CRITERIA):
            label = Criterion(criterion).label
            required = criterion in REQUIRED_CRITERIA
            choices: list[tuple[Any, Any]] = list(Rating.choices)
            if not required:
                choices.insert(0, ("", _lazy("Sans avis")))
            self.fields[f"rating_{criterion}"] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=IMPACT_HELP.get(criterion, ""),
            )
            self.fields[f"evidence_{criterion}"] = forms.CharField(
                label=_lazy("Éléments de preuve") if required else _lazy("Commentaire"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.order_fields(
            [
                name
                for criterion in (*REQUIRED_CRITERIA, *IMPACT_CRITERIA)
                for name in (f"rating_{criterion}", f"evidence_{criterion}")
            ]
            + ["summary"]
        )

    def add_domain_error(self, field: str | None, message: str) -> None:
        if field and field.endswith(":evidence"):
            field = f"evidence_{field.removesuffix(':evidence')}"
        elif field in Criterion.values:
            field = f"rating_{field}"
        super().add_domain_error(field, message)

    def perform(self, data: dict[str, Any]) -> Any:
        answers = {
            criterion: services.AnswerInput(
                rating=data.get(f"rating_{criterion}"),
                evidence=data.get(f"evidence_{criterion}") or "",
            )
            for criterion in (*REQUIRED_CRITERIA, *IMPACT_CRITERIA)
        }
        return services.assessment_save(
            period=self.period,
            party=self.party,
            user=self.user,
            answers=answers,
            summary=data.get("summary") or "",
            submit=self.submit,
        )

    def criterion_fields(self) -> list[tuple[str, bool, forms.BoundField, forms.BoundField]]:
        """(criterion, required, rating field, evidence field), in order, for the page."""
        return [
            (
                criterion,
                criterion in REQUIRED_CRITERIA,
                self[f"rating_{criterion}"],
                self[f"evidence_{criterion}"],
            )
            for criterion in (*REQUIRED_CRITERIA, *IMPACT_CRITERIA)
        ]
