"""Code sets of the evaluation of social utility (domain.md §6 and §9)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class Dimension(models.TextChoices):
    """The three dimensions to evaluate every partnership on (seed 2011)."""

    VALEUR_ASSOCIATION = "valeur_association", _("Valeur ajoutée pour l'association")
    RETOUR_ENTREPRISE = "retour_entreprise", _("Retour sur engagement pour l'entreprise")
    IMPACT_BIEN_COMMUN = "impact_bien_commun", _("Impact pour le bien commun")


class ImpactFamily(models.TextChoices):
    """The alliances' impacts on the ecosystem (seed 2022)."""

    CONFIANCE = "confiance", _("Confiance")
    PERFORMANCE = "performance", _("Performance")
    INNOVATION = "innovation", _("Innovation")


IMPACT_HELP: dict[str, StrPromise] = {
    ImpactFamily.CONFIANCE: _(
        "Des personnes, qui ont envie de s'engager ; des territoires, "
        "qui reprennent confiance en leur capacité à agir."
    ),
    ImpactFamily.PERFORMANCE: _(
        "Des entreprises par une RSE vivante, des structures "
        "d'intérêt général par l'hybridation de leurs modèles, des "
        "acteurs publics par la co-construction des politiques."
    ),
    ImpactFamily.INNOVATION: _(
        "Territoriale, pour répondre en proximité aux besoins ; "
        "sociétale, pour inventer des solutions transformatrices."
    ),
}


class Criterion(models.TextChoices):
    """What a party rates in an assessment: the three dimensions (required) and the three
    impact families (optional)."""

    VALEUR_ASSOCIATION = Dimension.VALEUR_ASSOCIATION.value, Dimension.VALEUR_ASSOCIATION.label
    RETOUR_ENTREPRISE = Dimension.RETOUR_ENTREPRISE.value, Dimension.RETOUR_ENTREPRISE.label
    IMPACT_BIEN_COMMUN = Dimension.IMPACT_BIEN_COMMUN.value, Dimension.IMPACT_BIEN_COMMUN.label
    CONFIANCE = ImpactFamily.CONFIANCE.value, ImpactFamily.CONFIANCE.label
    PERFORMANCE = ImpactFamily.PERFORMANCE.value, ImpactFamily.PERFORMANCE.label
    INNOVATION = ImpactFamily.INNOVATION.value, ImpactFamily.INNOVATION.label


REQUIRED_CRITERIA: tuple[str, ...] = tuple(Dimension.values)
IMPACT_CRITERIA: tuple[str, ...] = tuple(ImpactFamily.values)


class Rating(models.IntegerChoices):
    TRES_INSUFFISANT = 1, _("1 — Très insuffisant")
    INSUFFISANT = 2, _("2 — Insuffisant")
    CORRECT = 3, _("3 — Correct")
    BON = 4, _("4 — Bon")
    EXCELLENT = 5, _("5 — Excellent")


# Ratings of two parties on one criterion that differ by this much or more are a
# divergence worth discussing.
DIVERGENCE_GAP = 2


class AssessmentStatus(models.TextChoices):
    DRAFT = "brouillon", _("Brouillon")
    SUBMITTED = "soumise", _("Soumise")
