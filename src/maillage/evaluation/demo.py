"""The demo territory's share of this app, called by ``demo.services.demo_seed`` after the
partnerships' (``partnerships.demo``).

MUST be idempotent (a second run creates nothing) and deterministic; MUST write through
the services only. One partnership is fully evaluated (IRIS and Orange: indicators
measured over fifteen months, two assessment rounds answered by both parties, one
divergence discussed); two others are being evaluated. Figures are invented for the demo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.evaluation import services
from maillage.evaluation.models import Indicator
from maillage.partnerships.demo import IRIS_ORANGE, ORANGE_ADIE, POSTE_MEDIATION, demo_actor
from maillage.partnerships.models import Partnership


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    dimension: str
    unit: str
    baseline: str
    target: str
    impact_family: str = ""
    description: str = ""
    measures: tuple[tuple[dt.date, str], ...] = ()


@dataclass(frozen=True)
class AnswerSpec:
    party: str  # demo key
    user: str  # persona e-mail
    ratings: dict[str, tuple[int, str]]
    summary: str = ""


@dataclass(frozen=True)
class PeriodSpec:
    label: str
    starts_on: dt.date
    ends_on: dt.date
    answers: tuple[AnswerSpec, ...] = ()


@dataclass(frozen=True)
class EvaluationSpec:
    title: str
    indicators: tuple[IndicatorSpec, ...]
    periods: tuple[PeriodSpec, ...] = ()


IRIS = "iris"
ORANGE = "orange-poitou-charentes"
ASSOCIATION = "association@demo.example"
COMPANY = "entreprise@demo.example"

EVALUATIONS: tuple[EvaluationSpec, ...] = (
    EvaluationSpec(
        title=IRIS_ORANGE,
        indicators=(
            IndicatorSpec(
                "Heures de travail en insertion",
                "valeur_association",
                "heures",
                "0",
                "6000",
                "performance",
                "Heures payées aux salariés en parcours pour la collecte, le tri et le "
                "reconditionnement (relevés des SIAE).",
                (
                    (dt.date(2024, 3, 31), "2400"),
                    (dt.date(2024, 9, 30), "4700"),
                    (dt.date(2024, 12, 31), "6300"),
                ),
            ),
            IndicatorSpec(
                "Mobiles usagés collectés",
                "retour_entreprise",
                "appareils",
                "0",
                "10000",
                "",
                "Appareils déposés dans les bornes des boutiques.",
                (
                    (dt.date(2024, 3, 31), "3100"),
                    (dt.date(2024, 9, 30), "7800"),
                    (dt.date(2024, 12, 31), "11200"),
                ),
            ),
            IndicatorSpec(
                "Part des achats de la délégation confiée à l'ESS",
                "retour_entreprise",
                "%",
                "1.5",
                "4",
                "performance",
                "",
                (
                    (dt.date(2024, 3, 31), "2.2"),
                    (dt.date(2024, 9, 30), "3.1"),
                    (dt.date(2024, 12, 31), "3.6"),
                ),
            ),
            IndicatorSpec(
                "Salariés en insertion accompagnés",
                "impact_bien_commun",
                "personnes",
                "0",
                "24",
                "confiance",
                "",
                (
                    (dt.date(2024, 3, 31), "9"),
                    (dt.date(2024, 9, 30), "18"),
                    (dt.date(2024, 12, 31), "26"),
                ),
            ),
            IndicatorSpec(
                "Sorties vers l'emploi ou la formation",
                "impact_bien_commun",
                "%",
                "38",
                "50",
                "confiance",
                "Part des salariés sortis du parcours vers un emploi ou une formation "
                "qualifiante (moyenne régionale de départ).",
                ((dt.date(2024, 6, 30), "46"), (dt.date(2024, 12, 31), "52")),
            ),
            IndicatorSpec(
                "Appareils reconditionnés revendus à prix solidaire",
                "impact_bien_commun",
                "appareils",
                "0",
                "1500",
                "innovation",
                "",
                ((dt.date(2024, 6, 30), "400"), (dt.date(2024, 12, 31), "1350")),
            ),
        ),
        periods=(
            PeriodSpec(
                "Bilan à six mois",
                dt.date(2023, 9, 1),
                dt.date(2024, 2, 29),
                (
                    AnswerSpec(
                        IRIS,
                        ASSOCIATION,
                        {
                            "valeur_association": (
                                4,
                                "2 400 heures de travail en six mois, "
                                "un nouveau métier appris par les équipes.",
                            ),
                            "retour_entreprise": (
                                4,
                                "3 100 appareils collectés, au-delà de nos prévisions.",
                            ),
                            "impact_bien_commun": (
                                3,
                                "Neuf salariés accompagnés ; trop tôt pour juger des sorties.",
                            ),
                            "confiance": (
                                4,
                                "Les encadrants disent que les salariés sont fiers du travail.",
                            ),
                        },
                        "Un démarrage plus rapide que prévu.",
                    ),
                    AnswerSpec(
                        ORANGE,
                        COMPANY,
                        {
                            "valeur_association": (4, "Les ateliers ont embauché deux encadrants."),
                            "retour_entreprise": (
                                2,
                                "La traçabilité des appareils reste insuffisante pour nos équipes.",
                            ),
                            "impact_bien_commun": (3, "Des parcours engagés, à confirmer."),
                            "innovation": (3, "Le reconditionnement local est une piste."),
                        },
                        "Prometteur, mais la traçabilité doit progresser.",
                    ),
                ),
            ),
            PeriodSpec(
                "Bilan final",
                dt.date(2023, 9, 1),
                dt.date(2024, 12, 31),
                (
                    AnswerSpec(
                        IRIS,
                        ASSOCIATION,
                        {
                            "valeur_association": (
                                5,
                                "6 300 heures de travail, deux ateliers "
                                "consolidés, un savoir-faire reconnu.",
                            ),
                            "retour_entreprise": (
                                4,
                                "Objectif de collecte dépassé (11 200 appareils).",
                            ),
                            "impact_bien_commun": (
                                5,
                                "26 salariés accompagnés, 52 % de "
                                "sorties vers l'emploi ou la formation.",
                            ),
                            "confiance": (
                                5,
                                "Deux autres entreprises veulent nous confier leurs appareils.",
                            ),
                            "performance": (
                                4,
                                "Un modèle hybride : des recettes d'activité, "
                                "moins de dépendance aux subventions.",
                            ),
                            "innovation": (4, "Une filière locale de reconditionnement."),
                        },
                        "Un partenariat qui a fait grandir nos ateliers.",
                    ),
                    AnswerSpec(
                        ORANGE,
                        COMPANY,
                        {
                            "valeur_association": (
                                4,
                                "Les ateliers ont gagné un métier et des clients.",
                            ),
                            "retour_entreprise": (
                                4,
                                "Collecte doublée par rapport aux "
                                "boutiques hors dispositif ; traçabilité "
                                "réglée par le tableau partagé.",
                            ),
                            "impact_bien_commun": (
                                4,
                                "Des emplois locaux et des appareils remis en circulation.",
                            ),
                            "confiance": (4, "Nos équipes en boutique en parlent aux clients."),
                            "performance": (
                                4,
                                "Des achats responsables mesurables pour notre bilan RSE.",
                            ),
                        },
                        "Une démarche RSE concrète, que nous voulons étendre.",
                    ),
                ),
            ),
        ),
    ),
    EvaluationSpec(
        title=POSTE_MEDIATION,
        indicators=(
            IndicatorSpec(
                "Personnes accompagnées dans leurs démarches en ligne",
                "impact_bien_commun",
                "personnes",
                "0",
                "600",
                "confiance",
                "",
                ((dt.date(2025, 4, 30), "140"), (dt.date(2025, 7, 15), "310")),
            ),
            IndicatorSpec(
                "Volontaires ayant suivi la formation à l'accès aux droits",
                "valeur_association",
                "volontaires",
                "0",
                "8",
                "",
                "",
                ((dt.date(2025, 2, 28), "8"),),
            ),
            IndicatorSpec(
                "Clients satisfaits de l'accueil",
                "retour_entreprise",
                "%",
                "71",
                "85",
                "performance",
                "Enquête de satisfaction des bureaux concernés.",
                ((dt.date(2025, 7, 15), "79"),),
            ),
        ),
        periods=(PeriodSpec("Bilan à six mois", dt.date(2025, 1, 6), dt.date(2025, 7, 6)),),
    ),
    EvaluationSpec(
        title=ORANGE_ADIE,
        indicators=(
            IndicatorSpec(
                "Micro-entrepreneurs accompagnés",
                "impact_bien_commun",
                "personnes",
                "0",
                "30",
                "",
                "",
                ((dt.date(2025, 9, 30), "12"),),
            ),
            IndicatorSpec(
                "Salariés engagés en mécénat de compétences",
                "retour_entreprise",
                "salariés",
                "0",
                "15",
                "",
                "",
                ((dt.date(2025, 9, 30), "9"),),
            ),
        ),
        periods=(
            PeriodSpec(
                "Bilan d'étape",
                dt.date(2025, 3, 3),
                dt.date(2025, 9, 30),
                (
                    AnswerSpec(
                        ORANGE,
                        COMPANY,
                        {
                            "valeur_association": (4, "Douze créateurs outillés."),
                            "retour_entreprise": (
                                5,
                                "Neuf salariés volontaires, très satisfaits de leurs missions.",
                            ),
                            "impact_bien_commun": (
                                3,
                                "Trop tôt pour mesurer l'effet sur les entreprises créées.",
                            ),
                        },
                    ),
                ),
            ),
        ),
    ),
)


def _seed(spec: EvaluationSpec, partnership: Partnership) -> None:
    for item in spec.indicators:
        indicator = services.indicator_create(
            partnership=partnership,
            data=services.IndicatorInput(
                name=item.name,
                dimension=item.dimension,
                unit=item.unit,
                baseline=Decimal(item.baseline),
                target=Decimal(item.target),
                impact_family=item.impact_family,
                description=item.description,
            ),
            user=None,
        )
        for measured_on, value in item.measures:
            services.measurement_record(
                indicator=indicator, measured_on=measured_on, value=Decimal(value), user=None
            )
    for period_spec in spec.periods:
        period = services.period_create(
            partnership=partnership,
            label=period_spec.label,
            starts_on=period_spec.starts_on,
            ends_on=period_spec.ends_on,
            user=None,
        )
        for answer in period_spec.answers:
            actor = demo_actor(answer.party)
            user = User.objects.filter(email__iexact=answer.user).first()
            party = partnership.parties.filter(actor=actor).first()
            if actor is None or user is None or party is None:
                continue
            services.assessment_save(
                period=period,
                party=party,
                user=user,
                answers={
                    criterion: services.AnswerInput(rating=rating, evidence=evidence)
                    for criterion, (rating, evidence) in answer.ratings.items()
                },
                summary=answer.summary,
                submit=True,
            )


def demo_seed_evaluation(*, say: Callable[[str], None]) -> dict[str, Any]:
    """Create what is missing of this app's demo data; return counts for the summary."""
    created = 0
    for spec in EVALUATIONS:
        partnership = Partnership.objects.filter(title=spec.title).order_by("id").first()
        if partnership is None or partnership.indicators.exists():
            continue
        _seed(spec, partnership)
        created += 1
    if created:
        say(_("Évaluations de démonstration créées : %(n)d.") % {"n": created})
    titles = [spec.title for spec in EVALUATIONS]
    return {
        "evaluation_indicators": Indicator.objects.filter(partnership__title__in=titles).count(),
        "evaluations_created": created,
    }
