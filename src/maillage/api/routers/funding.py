"""``/api/v1/funding``: funding envelopes, as on the site (read only).

Signed-in callers only (403 otherwise). The same policy as the pages
(``funding.permissions``): an envelope's managers, the funder's members and staff see it
whole (``scope`` « full »: totals and every allocation); the members of a funded party see
only the allocations to their own partnerships (« own », no totals); everyone else gets a
404, as for a missing envelope.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from maillage.api.auth import require_signed_in as _signed_in
from maillage.api.errors import ErrorOut
from maillage.api.schemas.funding import (
    AllocationOut,
    DimensionOut,
    EnvelopeListOut,
    EnvelopeOut,
    EnvelopeSummaryOut,
    EvaluationSummaryOut,
    ExpenseOut,
    FundedPartnershipOut,
    RefOut,
    TotalsOut,
)
from maillage.funding.models import Envelope
from maillage.funding.permissions import access_envelope_for_view
from maillage.funding.selectors import (
    AllocationRow,
    EnvelopeTotals,
    envelope_overview,
    envelopes_for_user,
)

router = Router(tags=["funding"])


def _totals(totals: EnvelopeTotals | None) -> TotalsOut | None:
    if totals is None:
        return None
    return TotalsOut(
        budget_eur=totals.budget,
        allocated_eur=totals.allocated,
        spent_eur=totals.spent,
        to_allocate_eur=totals.to_allocate,
        allocations=totals.allocations,
    )


def _summary(
    request: HttpRequest, envelope: Envelope, scope: str, totals: EnvelopeTotals | None
) -> dict[str, Any]:
    return {
        "id": envelope.pk,
        "title": envelope.title,
        "status": envelope.status,
        "funder": RefOut(id=envelope.funder.pk, name=envelope.funder.name)
        if envelope.funder
        else None,
        "programme": RefOut(id=envelope.programme.pk, name=envelope.programme.title)
        if envelope.programme
        else None,
        "territory": envelope.territory_code,
        "starts_on": envelope.starts_on,
        "ends_on": envelope.ends_on,
        "scope": scope,
        "totals": _totals(totals),
        "url": request.build_absolute_uri(envelope.get_absolute_url()),
    }


def _allocation(request: HttpRequest, row: AllocationRow) -> AllocationOut:
    evaluation = row.evaluation
    return AllocationOut(
        id=row.allocation.pk,
        partnership=FundedPartnershipOut(
            id=row.partnership.pk,
            title=row.partnership.title,
            status=row.partnership.status,
            partnership_type=row.partnership.partnership_type_id,
            parties=[RefOut(id=party.actor_id, name=party.actor.name) for party in row.parties],
            url=request.build_absolute_uri(row.partnership.get_absolute_url()),
        ),
        amount_eur=row.allocation.amount_eur,
        spent_eur=row.spent,
        remaining_eur=row.remaining,
        decided_on=row.allocation.decided_on,
        purpose=row.allocation.purpose,
        expenses=[
            ExpenseOut(
                id=expense.pk,
                amount_eur=expense.amount_eur,
                spent_on=expense.spent_on,
                description=expense.description,
                evidence=expense.evidence,
            )
            for expense in row.expenses
        ],
        evaluation=EvaluationSummaryOut(
            indicators_total=evaluation.indicators_total,
            indicators_measured=evaluation.indicators_measured,
            indicators_reached=evaluation.indicators_reached,
            average_progress=evaluation.average_progress,
            assessments=evaluation.assessments,
            dimensions=[
                DimensionOut(dimension=d.dimension, average=d.average)
                for d in evaluation.dimensions
            ],
        ),
    )


@router.get(
    "/envelopes",
    response={200: EnvelopeListOut, 403: ErrorOut, 429: ErrorOut},
    operation_id="funding_envelopes_list",
    summary="Mes enveloppes de financement",
    description="Celles que vous gérez ou dont votre organisation est le financeur (vue "
    "« full », avec les totaux), et celles qui financent vos partenariats (vue « own »). "
    "Les plus récentes d'abord (200 au plus).",
)
def envelopes_list(request: HttpRequest) -> EnvelopeListOut:
    _signed_in(request)
    rows = envelopes_for_user(user=request.user)
    return EnvelopeListOut(
        count=len(rows),
        results=[
            EnvelopeSummaryOut(**_summary(request, row.envelope, row.scope, row.totals))
            for row in rows
        ],
    )


@router.get(
    "/envelopes/{int:envelope_id}",
    response={200: EnvelopeOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    operation_id="funding_envelope_get",
    summary="Une enveloppe : budget, attribué, dépensé, partenariats financés",
    description="Avec, pour chaque partenariat financé, son statut, ses dépenses et le "
    "résumé de son évaluation (indicateurs atteints ; moyennes des appréciations soumises "
    "pour une vue « full »).",
)
def envelope_get(request: HttpRequest, envelope_id: int) -> EnvelopeOut:
    _signed_in(request)
    envelope = access_envelope_for_view(request.user, envelope_id)
    overview = envelope_overview(envelope=envelope, user=request.user)
    return EnvelopeOut(
        **_summary(request, envelope, overview.scope, overview.totals),
        description=envelope.description,
        allocations=[_allocation(request, row) for row in overview.rows],
    )
