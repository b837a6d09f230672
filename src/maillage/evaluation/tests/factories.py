"""Helpers of the evaluation tests: indicators, measurements, periods, answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from maillage.accounts.models import User
from maillage.evaluation import services
from maillage.evaluation.models import Assessment, AssessmentPeriod, Indicator
from maillage.partnerships.models import Partnership, Party

START = dt.date(2025, 1, 6)
EVIDENCE = {
    "valeur_association": "Douze bénévoles formés, une ressource nouvelle.",
    "retour_entreprise": "Trente salariés mobilisés, un baromètre interne en hausse.",
    "impact_bien_commun": "Quarante habitants accompagnés dans leurs démarches.",
}


def indicator(
    partnership: Partnership,
    *,
    name: str = "Personnes accompagnées",
    dimension: str = "impact_bien_commun",
    baseline: str = "0",
    target: str = "40",
    unit: str = "personnes",
    impact_family: str = "",
) -> Indicator:
    return services.indicator_create(
        partnership=partnership,
        data=services.IndicatorInput(
            name=name,
            dimension=dimension,
            unit=unit,
            baseline=Decimal(baseline),
            target=Decimal(target),
            impact_family=impact_family,
        ),
        user=None,
    )


def period(partnership: Partnership, label: str = "Bilan à six mois") -> AssessmentPeriod:
    return services.period_create(
        partnership=partnership,
        label=label,
        starts_on=START,
        ends_on=START + dt.timedelta(days=180),
        user=None,
    )


def answer(
    period_: AssessmentPeriod,
    party: Party,
    user: User,
    ratings: dict[str, int | None],
    *,
    submit: bool = True,
    summary: str = "",
) -> Assessment:
    return services.assessment_save(
        period=period_,
        party=party,
        user=user,
        answers={
            criterion: services.AnswerInput(rating=rating, evidence=EVIDENCE.get(criterion, ""))
            for criterion, rating in ratings.items()
        },
        summary=summary,
        submit=submit,
    )


def all_dimensions(rating: int) -> dict[str, int | None]:
    return dict.fromkeys(EVIDENCE, rating)
