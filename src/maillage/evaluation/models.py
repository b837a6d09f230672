"""The evaluation of a partnership's social utility.

Indicators (with their dimension, impact family, unit, baseline and target) are measured
over time; assessments are collaborative: for each period, each party rates every
dimension with its evidence, and sees the other parties' answers only once it has
submitted its own (``evaluation.permissions``). Writes go through
``evaluation.services``; the report's figures are computed by ``evaluation.selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import TimestampedModel
from maillage.evaluation.enums import AssessmentStatus, Criterion, Dimension, ImpactFamily
from maillage.partnerships.models import Partnership, Party


class Indicator(TimestampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicateur"), max_length=200)
    description = models.TextField(_("comment il se mesure"), blank=True)
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    impact_family = models.CharField(
        _("famille d'impact"), max_length=12, choices=ImpactFamily.choices, blank=True
    )
    unit = models.CharField(_("unité"), max_length=40)
    baseline = models.DecimalField(_("situation de départ"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("cible"), max_digits=14, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["partnership_id", "position", "id"]
        verbose_name = _("indicateur")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="indicator_unique_name_per_partnership"
            ),
            models.CheckConstraint(
                condition=Q(dimension__in=Dimension.values), name="indicator_dimension_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Measurement(TimestampedModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("date de la mesure"))
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    note = models.CharField(_("source ou commentaire"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["indicator_id", "measured_on", "id"]
        verbose_name = _("mesure")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="measurement_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.measured_on}: {self.value}"


class AssessmentPeriod(TimestampedModel):
    """A round of collaborative assessment (« bilan à six mois », « bilan final »)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="assessment_periods"
    )
    label = models.CharField(_("bilan"), max_length=120)
    starts_on = models.DateField(_("période du"))
    ends_on = models.DateField(_("au"))

    class Meta:
        ordering = ["partnership_id", "ends_on", "id"]
        verbose_name = _("période d'évaluation")
        verbose_name_plural = _("périodes d'évaluation")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "label"], name="assessment_period_unique_label"
            ),
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="assessment_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Assessment(TimestampedModel):
    """One party's assessment for one period: a draft until submitted, final afterwards."""

    period = models.ForeignKey(
        AssessmentPeriod, on_delete=models.CASCADE, related_name="assessments"
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(
        _("état"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    summary = models.TextField(_("en une phrase"), blank=True)
    submitted_at = models.DateTimeField(_("soumise le"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("soumise par"),
    )

    class Meta:
        ordering = ["period_id", "party_id"]
        verbose_name = _("évaluation d'une partie")
        verbose_name_plural = _("évaluations des parties")
        constraints = [
            models.UniqueConstraint(fields=["period", "party"], name="assessment_one_per_party"),
            models.CheckConstraint(
                condition=Q(status=AssessmentStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="assessment_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.party.actor}"

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED


class AssessmentAnswer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    criterion = models.CharField(_("critère"), max_length=20, choices=Criterion.choices)
    rating = models.PositiveSmallIntegerField(_("appréciation"), null=True, blank=True)
    evidence = models.TextField(_("éléments de preuve"), blank=True)

    class Meta:
        ordering = ["assessment_id", "id"]
        verbose_name = _("réponse")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="answer_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="answer_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.rating}"
