"""Reads of the evaluation: indicators against their targets, assessments side by side
(as the reader may see them), and the figures of the report and of the one-page
« utilité sociale » summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils import timezone

from maillage.actors.permissions import AnyUser
from maillage.evaluation.charts import (
    BarChart,
    LineChart,
    Progress,
    RatingChart,
    horizontal_bars,
    line_chart,
    progress_of,
    rating_chart,
)
from maillage.evaluation.enums import (
    DIVERGENCE_GAP,
    IMPACT_CRITERIA,
    REQUIRED_CRITERIA,
    Criterion,
    Dimension,
)
from maillage.evaluation.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentPeriod,
    Indicator,
    Measurement,
)
from maillage.evaluation.permissions import parties_user_answers_for, visible_party_ids
from maillage.partnerships.models import Partnership, Party
from maillage.partnerships.selectors import (
    ContributionTotals,
    StatusChange,
    contribution_totals,
    partnership_parties,
    status_history,
)


def format_number(value: Decimal | float | int | None, *, decimals: int = 2) -> str:
    """« 12 500 », « 3,5 »: French grouping and comma, no useless zeros."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    amount = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{amount:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def progress_percent(*, baseline: Decimal, target: Decimal, value: Decimal | None) -> int | None:
    """How far ``value`` went from the baseline towards the target, in percent (may be
    below 0 or above 100; works for targets below the baseline too)."""
    if value is None or target == baseline:
        return None
    ratio = (value - baseline) / (target - baseline) * 100
    return int(ratio.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --------------------------------------------------------------------------- indicators


@dataclass
class IndicatorView:
    indicator: Indicator
    measurements: list[Measurement]
    progress: Progress
    chart: LineChart | None

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None


def indicators_overview(*, partnership: Partnership) -> list[IndicatorView]:
    indicators = list(
        Indicator.objects.filter(partnership=partnership)
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id"))
        )
        .order_by("position", "id")
    )
    views = []
    for indicator in indicators:
        measurements = list(indicator.measurements.all())
        latest = measurements[-1].value if measurements else None
        percent = progress_percent(
            baseline=indicator.baseline, target=indicator.target, value=latest
        )
        chart = None
        if measurements:
            chart = line_chart(
                [(m.measured_on, m.value) for m in measurements],
                baseline=indicator.baseline,
                target=indicator.target,
                labels=[
                    f"{m.measured_on:%d/%m/%Y} : {format_number(m.value)} {indicator.unit}"
                    for m in measurements
                ],
            )
        views.append(
            IndicatorView(
                indicator=indicator,
                measurements=measurements,
                progress=progress_of(percent),
                chart=chart,
            )
        )
    return views


# --------------------------------------------------------------------------- assessments


@dataclass
class AnswerCell:
    party: Party
    series: int
    visible: bool
    submitted: bool
    rating: int | None = None
    evidence: str = ""


@dataclass
class CriterionRow:
    criterion: str
    label: str
    is_required: bool
    cells: list[AnswerCell]

    @property
    def ratings(self) -> list[int]:
        return [cell.rating for cell in self.cells if cell.visible and cell.rating is not None]

    @property
    def spread(self) -> int | None:
        ratings = self.ratings
        return max(ratings) - min(ratings) if len(ratings) > 1 else None

    @property
    def divergent(self) -> bool:
        spread = self.spread
        return spread is not None and spread >= DIVERGENCE_GAP

    @property
    def average(self) -> Decimal | None:
        ratings = self.ratings
        if not ratings:
            return None
        return (Decimal(sum(ratings)) / len(ratings)).quantize(Decimal("0.1"))


@dataclass
class PartyStatus:
    party: Party
    series: int
    assessment: Assessment | None
    visible: bool
    is_own: bool

    @property
    def submitted(self) -> bool:
        return self.assessment is not None and self.assessment.is_submitted


@dataclass
class PeriodView:
    period: AssessmentPeriod
    parties: list[PartyStatus]
    rows: list[CriterionRow]
    own_pending: list[Party]
    chart: RatingChart | None

    @property
    def submitted_count(self) -> int:
        return sum(1 for status in self.parties if status.submitted)

    @property
    def complete(self) -> bool:
        return all(status.submitted for status in self.parties)

    @property
    def divergences(self) -> list[CriterionRow]:
        return [row for row in self.rows if row.divergent]

    @property
    def hidden_count(self) -> int:
        """Submitted answers of other parties the reader will see after submitting."""
        return sum(1 for s in self.parties if s.submitted and not s.visible)


def _period_view(period: AssessmentPeriod, parties: list[Party], own_ids: set[int]) -> PeriodView:
    assessments = list(period.assessments.all())
    by_party = {assessment.party_id: assessment for assessment in assessments}
    visible = visible_party_ids(own_party_ids=own_ids, assessments=assessments)
    statuses = [
        PartyStatus(
            party=party,
            series=index,
            assessment=by_party.get(party.pk),
            visible=party.pk in visible,
            is_own=party.pk in own_ids,
        )
        for index, party in enumerate(parties)
    ]
    answers: dict[tuple[int, str], AssessmentAnswer] = {
        (assessment.party_id, answer.criterion): answer
        for assessment in assessments
        for answer in assessment.answers.all()
    }
    rows = []
    for criterion in (*REQUIRED_CRITERIA, *IMPACT_CRITERIA):
        cells = []
        for status in statuses:
            answer = answers.get((status.party.pk, criterion)) if status.visible else None
            cells.append(
                AnswerCell(
                    party=status.party,
                    series=status.series,
                    visible=status.visible,
                    submitted=status.submitted,
                    rating=answer.rating if answer else None,
                    evidence=answer.evidence if answer else "",
                )
            )
        rows.append(
            CriterionRow(
                criterion=criterion,
                label=str(Criterion(criterion).label),
                is_required=criterion in REQUIRED_CRITERIA,
                cells=cells,
            )
        )
    shown = [row for row in rows if row.ratings]
    chart = None
    if shown:
        chart = rating_chart(
            [
                (
                    row.label,
                    [
                        (cell.series, cell.party.actor.name, cell.rating)
                        for cell in row.cells
                        if cell.visible
                    ],
                    row.divergent,
                )
                for row in shown
            ]
        )
    own_pending = [s.party for s in statuses if s.is_own and not s.submitted]
    return PeriodView(
        period=period, parties=statuses, rows=rows, own_pending=own_pending, chart=chart
    )


def periods_overview(
    *, partnership: Partnership, user: AnyUser, parties: list[Party] | None = None
) -> list[PeriodView]:
    """Every assessment period, most recent first, as ``user`` may see it."""
    parties = parties if parties is not None else partnership_parties(partnership=partnership)
    own_ids = {party.pk for party in parties_user_answers_for(user, partnership)}
    periods = (
        AssessmentPeriod.objects.filter(partnership=partnership)
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.prefetch_related("answers").order_by("party_id"),
            )
        )
        .order_by("-ends_on", "-id")
    )
    return [_period_view(period, parties, own_ids) for period in periods]


def period_overview(*, period: AssessmentPeriod, user: AnyUser) -> PeriodView:
    parties = partnership_parties(partnership=period.partnership)
    own_ids = {party.pk for party in parties_user_answers_for(user, period.partnership)}
    period = (
        AssessmentPeriod.objects.filter(pk=period.pk)
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.prefetch_related("answers").order_by("party_id"),
            )
        )
        .get()
    )
    return _period_view(period, parties, own_ids)


def assessment_answers(
    *, period: AssessmentPeriod, party: Party
) -> tuple[Assessment | None, dict[str, AssessmentAnswer]]:
    """A party's own assessment for a period (for its form)."""
    assessment = (
        Assessment.objects.filter(period=period, party=party).prefetch_related("answers").first()
    )
    if assessment is None:
        return None, {}
    return assessment, {answer.criterion: answer for answer in assessment.answers.all()}


# --------------------------------------------------------------------------- report


@dataclass
class DimensionSummary:
    dimension: str
    label: str
    indicators: list[IndicatorView]
    average: Decimal | None

    @property
    def reached(self) -> int:
        return sum(1 for view in self.indicators if view.progress.reached)


@dataclass
class EvaluationReport:
    partnership: Partnership
    parties: list[Party]
    totals: ContributionTotals
    contributions_by_party_chart: BarChart | None
    contributions_by_kind_chart: BarChart | None
    indicators: list[IndicatorView]
    periods: list[PeriodView]
    dimensions: list[DimensionSummary]
    history: list[StatusChange]
    generated_at: dt.datetime
    duration_months: int | None = None
    quotes: list[tuple[str, str]] = field(default_factory=list)
    impacts: list[tuple[str, Decimal | None]] = field(default_factory=list)

    @property
    def latest_period(self) -> PeriodView | None:
        """The most recent period with answers the reader may see."""
        for view in self.periods:
            if any(row.ratings for row in view.rows):
                return view
        return None

    @property
    def indicators_reached(self) -> int:
        return sum(1 for view in self.indicators if view.progress.reached)


def _months(start: dt.date | None, end: dt.date | None) -> int | None:
    if start is None:
        return None
    end = end or timezone.localdate()
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


def evaluation_report(*, partnership: Partnership, user: AnyUser) -> EvaluationReport:
    """Everything the report and the summary show, computed once."""
    parties = partnership_parties(partnership=partnership)
    totals = contribution_totals(partnership=partnership, parties=parties)
    by_party_chart = None
    if totals.all.amount_eur:
        by_party_chart = horizontal_bars(
            [
                (
                    row.party.actor.name,
                    row.totals.amount_eur,
                    f"{format_number(row.totals.amount_eur, decimals=0)} €",
                )
                for row in totals.by_party
            ]
        )
    by_kind_chart = None
    if totals.by_kind and totals.all.amount_eur:
        by_kind_chart = horizontal_bars(
            [
                (
                    row.label,
                    row.totals.amount_eur,
                    f"{format_number(row.totals.amount_eur, decimals=0)} €",
                )
                for row in totals.by_kind
            ],
            css=[f"kind-{row.kind}" for row in totals.by_kind],
        )
    indicators = indicators_overview(partnership=partnership)
    periods = periods_overview(partnership=partnership, user=user, parties=parties)
    latest = next((view for view in periods if any(row.ratings for row in view.rows)), None)
    averages = {row.criterion: row.average for row in latest.rows} if latest else {}
    dimensions = [
        DimensionSummary(
            dimension=code,
            label=str(label),
            indicators=[view for view in indicators if view.indicator.dimension == code],
            average=averages.get(code),
        )
        for code, label in Dimension.choices
    ]
    quotes = []
    if latest is not None:
        quotes = [
            (status.party.actor.name, status.assessment.summary)
            for status in latest.parties
            if status.visible and status.assessment is not None and status.assessment.summary
        ]
    return EvaluationReport(
        partnership=partnership,
        parties=parties,
        totals=totals,
        contributions_by_party_chart=by_party_chart,
        contributions_by_kind_chart=by_kind_chart,
        indicators=indicators,
        periods=periods,
        dimensions=dimensions,
        history=status_history(partnership=partnership),
        generated_at=timezone.now(),
        duration_months=_months(partnership.starts_on, partnership.ends_on),
        quotes=quotes,
        impacts=[(str(Criterion(code).label), averages.get(code)) for code in IMPACT_CRITERIA],
    )
