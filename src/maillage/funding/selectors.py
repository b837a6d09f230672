"""Reads of funding envelopes: the list a user may see, an envelope's totals (budget,
allocated, spent), its allocations with the funded partnerships' status and a summary of
their evaluation, and the rows of the CSV export.

The evaluation summaries are computed for all the funded partnerships at once (a fixed
number of queries, whatever the number of allocations), with the evaluation app's own
progress rule (``evaluation.selectors.progress_percent``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.urls import reverse

from maillage.actors.models import Actor
from maillage.actors.permissions import AnyUser
from maillage.evaluation.charts import progress_of
from maillage.evaluation.enums import Dimension
from maillage.evaluation.models import AssessmentAnswer, Indicator, Measurement
from maillage.evaluation.selectors import progress_percent
from maillage.exports.canonical import join_values
from maillage.funding.enums import ViewScope
from maillage.funding.models import ZERO, Allocation, Envelope, Expense
from maillage.funding.permissions import (
    allocations_visible_to,
    can_manage_envelope,
    envelope_view_scope,
    envelopes_visible_to,
)
from maillage.partnerships.enums import PARTNER_STATUSES
from maillage.partnerships.models import Partnership, Party
from maillage.partnerships.permissions import partnerships_visible_to
from maillage.territories.codes import parse_territory_code


def percent(part: Decimal, whole: Decimal) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass
class EnvelopeTotals:
    budget: Decimal
    allocated: Decimal
    spent: Decimal
    allocations: int

    @property
    def to_allocate(self) -> Decimal:
        return self.budget - self.allocated

    @property
    def to_spend(self) -> Decimal:
        return self.allocated - self.spent

    @property
    def allocated_percent(self) -> int:
        return percent(self.allocated, self.budget)

    @property
    def spent_percent(self) -> int:
        """Spent, as a share of the budget."""
        return percent(self.spent, self.budget)

    @property
    def spent_of_allocated_percent(self) -> int:
        return percent(self.spent, self.allocated)


def envelope_totals(*, envelope: Envelope) -> EnvelopeTotals:
    """Budget, allocated and spent (two aggregate queries)."""
    allocated = Allocation.objects.filter(envelope=envelope).aggregate(
        total=Sum("amount_eur"), n=Count("id")
    )
    spent = Expense.objects.filter(allocation__envelope=envelope).aggregate(total=Sum("amount_eur"))
    return EnvelopeTotals(
        budget=envelope.budget_eur,
        allocated=allocated["total"] or ZERO,
        spent=spent["total"] or ZERO,
        allocations=allocated["n"],
    )


# --------------------------------------------------------------------------- list


@dataclass
class EnvelopeRow:
    envelope: Envelope
    scope: str
    totals: EnvelopeTotals | None  # None for a reader who sees only their own allocations


def envelopes_for_user(*, user: AnyUser) -> list[EnvelopeRow]:
    """The envelopes the user may see, most recent period first, each with its totals
    when the user may see the whole envelope."""
    envelopes = list(
        envelopes_visible_to(user)
        .select_related("funder", "programme")
        .annotate(allocated=Sum("allocations__amount_eur"), n=Count("allocations"))
        .order_by("-starts_on", "title", "id")[:200]
    )
    spent = dict(
        Expense.objects.filter(allocation__envelope__in=envelopes)
        .values("allocation__envelope_id")
        .annotate(total=Sum("amount_eur"))
        .order_by()
        .values_list("allocation__envelope_id", "total")
    )
    rows = []
    for envelope in envelopes:
        scope = envelope_view_scope(user, envelope) or ViewScope.OWN
        totals = None
        if scope == ViewScope.FULL:
            totals = EnvelopeTotals(
                budget=envelope.budget_eur,
                allocated=envelope.allocated or ZERO,
                spent=spent.get(envelope.pk) or ZERO,
                allocations=envelope.n,
            )
        rows.append(EnvelopeRow(envelope=envelope, scope=scope, totals=totals))
    return rows


# --------------------------------------------------------------------------- evaluation


@dataclass
class DimensionAverage:
    dimension: str
    label: str
    average: Decimal | None


@dataclass
class EvaluationSummary:
    """What a funder wants to know of a funded partnership's evaluation."""

    indicators_total: int = 0
    indicators_reached: int = 0
    indicators_measured: int = 0
    average_progress: int | None = None  # mean progress of measured indicators, capped at 100
    dimensions: list[DimensionAverage] = field(default_factory=list)
    assessments: int = 0  # submitted assessments, all periods
    report_url: str = ""
    summary_url: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.indicators_total and not self.assessments


def evaluation_summaries(
    *, partnerships: list[Partnership], user: AnyUser, with_ratings: bool = True
) -> dict[int, EvaluationSummary]:
    """Per partnership id: its indicators against their targets and, with
    ``with_ratings``, the average rating of each dimension over its submitted assessments
    (drafts never count). Links to the report and the summary are given when the user may
    open them. A fixed number of queries."""
    ids = [p.pk for p in partnerships]
    summaries = {pk: EvaluationSummary() for pk in ids}
    indicators = Indicator.objects.filter(partnership_id__in=ids).prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id"))
    )
    progress: dict[int, list[int]] = defaultdict(list)
    for indicator in indicators.order_by("partnership_id", "position", "id"):
        summary = summaries[indicator.partnership_id]
        summary.indicators_total += 1
        measurements = list(indicator.measurements.all())
        if not measurements:
            continue
        summary.indicators_measured += 1
        value = progress_percent(
            baseline=indicator.baseline, target=indicator.target, value=measurements[-1].value
        )
        if progress_of(value).reached:
            summary.indicators_reached += 1
        if value is not None:
            progress[indicator.partnership_id].append(max(0, min(value, 100)))
    for pk, values in progress.items():
        summaries[pk].average_progress = round(sum(values) / len(values))
    if with_ratings:
        answers = (
            AssessmentAnswer.objects.filter(
                assessment__period__partnership_id__in=ids,
                assessment__status="soumise",
                criterion__in=Dimension.values,
                rating__isnull=False,
            )
            .values("assessment__period__partnership_id", "criterion")
            .annotate(total=Sum("rating"), n=Count("id"))
            .order_by()
        )
        averages: dict[tuple[int, str], Decimal] = {}
        for row in answers:
            averages[(row["assessment__period__partnership_id"], row["criterion"])] = (
                Decimal(row["total"]) / row["n"]
            ).quantize(Decimal("0.1"))
        submitted = (
            AssessmentAnswer.objects.filter(
                assessment__period__partnership_id__in=ids, assessment__status="soumise"
            )
            .values("assessment__period__partnership_id")
            .annotate(n=Count("assessment_id", distinct=True))
            .order_by()
        )
        for row in submitted:
            summaries[row["assessment__period__partnership_id"]].assessments = row["n"]
        for pk in ids:
            summaries[pk].dimensions = [
                DimensionAverage(dimension=code, label=str(label), average=averages.get((pk, code)))
                for code, label in Dimension.choices
            ]
    # The evaluation is seen by whoever sees the partnership (evaluation.permissions):
    # the queryset form of that rule, once for all.
    readable = set(partnerships_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    for partnership in partnerships:
        if partnership.pk in readable:
            summaries[partnership.pk].report_url = reverse(
                "evaluation:report", kwargs={"pk": partnership.pk}
            )
            summaries[partnership.pk].summary_url = reverse(
                "evaluation:summary", kwargs={"pk": partnership.pk}
            )
    return summaries


# --------------------------------------------------------------------------- one envelope


@dataclass
class AllocationRow:
    allocation: Allocation
    partnership: Partnership
    parties: list[Party]
    spent: Decimal
    expenses: list[Expense]
    evaluation: EvaluationSummary

    @property
    def remaining(self) -> Decimal:
        return self.allocation.amount_eur - self.spent

    @property
    def spent_percent(self) -> int:
        return percent(self.spent, self.allocation.amount_eur)


@dataclass
class EnvelopeOverview:
    envelope: Envelope
    scope: str
    can_manage: bool
    totals: EnvelopeTotals | None  # None in the « own » scope
    rows: list[AllocationRow]

    @property
    def is_full(self) -> bool:
        return self.scope == ViewScope.FULL


def _allocation_rows(
    allocations: QuerySet[Allocation], *, user: AnyUser, with_ratings: bool
) -> list[AllocationRow]:
    found = list(
        allocations.select_related("partnership", "partnership__partnership_type")
        .prefetch_related(
            Prefetch("expenses", queryset=Expense.objects.order_by("spent_on", "id")),
            Prefetch(
                "partnership__parties",
                queryset=Party.objects.select_related("actor").order_by("id"),
            ),
        )
        .order_by("decided_on", "id")
    )
    partnerships = [allocation.partnership for allocation in found]
    summaries = evaluation_summaries(
        partnerships=partnerships, user=user, with_ratings=with_ratings
    )
    rows = []
    for allocation in found:
        expenses = list(allocation.expenses.all())
        rows.append(
            AllocationRow(
                allocation=allocation,
                partnership=allocation.partnership,
                parties=list(allocation.partnership.parties.all()),
                spent=sum((e.amount_eur for e in expenses), ZERO),
                expenses=expenses,
                evaluation=summaries[allocation.partnership_id],
            )
        )
    return rows


def envelope_overview(*, envelope: Envelope, user: AnyUser) -> EnvelopeOverview:
    """The envelope as ``user`` may see it: everything for its managers and the funder's
    members; only their own allocations, without the envelope's totals, for the parties
    of funded partnerships. Call after ``access_envelope_for_view``."""
    scope = envelope_view_scope(user, envelope) or ViewScope.OWN
    full = scope == ViewScope.FULL
    rows = _allocation_rows(
        allocations_visible_to(user, envelope),
        user=user,
        # A party reads the other parties' ratings on its own evaluation pages, under
        # the evaluation's visibility rules; the funder's view shows the averages.
        with_ratings=full,
    )
    return EnvelopeOverview(
        envelope=envelope,
        scope=scope,
        can_manage=can_manage_envelope(user, envelope),
        totals=envelope_totals(envelope=envelope) if full else None,
        rows=rows,
    )


def fundable_partnerships(*, envelope: Envelope, user: AnyUser) -> list[Partnership]:
    """Partnerships the allocation form offers ``user``: those they may see
    (``partnerships_visible_to``: a funder's admin sees its own organisation's partnerships,
    a facilitator those of their territory), being built, active or finished, located in
    the envelope's territory, not yet funded by it (the service checks again)."""
    funded = Allocation.objects.filter(envelope=envelope).values("partnership_id")
    rows = partnerships_visible_to(user).filter(status__in=PARTNER_STATUSES).exclude(pk__in=funded)
    if envelope.territory_code != "fr":
        key = f"|{envelope.territory_code}|"
        seated = _seated_in(envelope.territory_code)
        rows = rows.filter(territory_keys__contains=key) | rows.filter(
            pk__in=Party.objects.filter(actor__in=seated.values("pk")).values("partnership_id")
        )
    return list(rows.distinct().order_by("title", "id")[:500])


def _seated_in(code: str) -> QuerySet[Actor]:
    level, value = parse_territory_code(code)
    column = {
        "com": "seat_commune_id",
        "epci": "epci_id",
        "dep": "departement_id",
        "reg": "region_id",
    }[level]
    return Actor.objects.filter(**{column: value})


# --------------------------------------------------------------------------- export


EXPORT_COLUMNS: tuple[str, ...] = (
    "allocation_id",
    "partnership_id",
    "partnership",
    "status",
    "partnership_type",
    "parties",
    "decided_on",
    "purpose",
    "allocated_eur",
    "spent_eur",
    "remaining_eur",
    "indicators_reached",
    "indicators_total",
    "url",
)
NUMERIC_EXPORT_COLUMNS = frozenset(
    {
        "allocation_id",
        "partnership_id",
        "allocated_eur",
        "spent_eur",
        "remaining_eur",
        "indicators_reached",
        "indicators_total",
    }
)


def envelope_export_rows(
    *, envelope: Envelope, user: AnyUser, base_url: str = ""
) -> list[dict[str, str]]:
    """One row per allocation (the whole envelope: call after
    ``access_envelope_for_full_view``), values as text, in ``EXPORT_COLUMNS``; the
    parties' names joined with ``|`` as in the canonical actor file."""
    rows = _allocation_rows(allocations_visible_to(user, envelope), user=user, with_ratings=False)
    return [
        {
            "allocation_id": str(row.allocation.pk),
            "partnership_id": str(row.partnership.pk),
            "partnership": row.partnership.title,
            "status": row.partnership.status,
            "partnership_type": row.partnership.partnership_type_id or "",
            "parties": join_values(party.actor.name for party in row.parties),
            "decided_on": row.allocation.decided_on.isoformat(),
            "purpose": row.allocation.purpose,
            "allocated_eur": f"{row.allocation.amount_eur:.2f}",
            "spent_eur": f"{row.spent:.2f}",
            "remaining_eur": f"{row.remaining:.2f}",
            "indicators_reached": str(row.evaluation.indicators_reached),
            "indicators_total": str(row.evaluation.indicators_total),
            "url": base_url.rstrip("/") + row.partnership.get_absolute_url(),
        }
        for row in rows
    ]
