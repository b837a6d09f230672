"""``/api/v1/evaluations``: the evaluation of a partnership's social utility, as on the
site: indicators and measurements, assessment periods and each party's assessment.

Same policy as the pages (``evaluation.permissions``): whoever may see the partnership
reads its evaluation (a party's members see the other parties' answers once their own are
submitted); its parties' members manage indicators; only a party's own members answer
for it. Everyone else gets a 404; signed-out callers a 403.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router, Status

from maillage.api.auth import require_signed_in as _signed_in
from maillage.api.errors import ErrorOut
from maillage.api.schemas.evaluations import (
    AnswerOut,
    AssessmentIn,
    EvaluationOut,
    IndicatorIn,
    IndicatorOut,
    MeasurementIn,
    MeasurementOut,
    PartyAssessmentOut,
    PeriodIn,
    PeriodOut,
)
from maillage.evaluation import services
from maillage.evaluation.models import AssessmentPeriod, Indicator
from maillage.evaluation.permissions import access_indicator_for_edit, access_period_for_view
from maillage.evaluation.selectors import (
    IndicatorView,
    PeriodView,
    indicators_overview,
    period_overview,
    periods_overview,
)
from maillage.partnerships.models import Party
from maillage.partnerships.permissions import (
    access_partnership_for_edit,
    access_partnership_for_view,
    valid_id,
)

router = Router(tags=["evaluations"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _indicator_out(view: IndicatorView) -> IndicatorOut:
    indicator = view.indicator
    return IndicatorOut(
        id=indicator.pk,
        name=indicator.name,
        dimension=indicator.dimension,
        impact_family=indicator.impact_family,
        unit=indicator.unit,
        baseline=indicator.baseline,
        target=indicator.target,
        progress_percent=view.progress.percent,
        measurements=[
            MeasurementOut(id=m.pk, measured_on=m.measured_on, value=m.value, note=m.note)
            for m in view.measurements
        ],
    )


def _period_out(view: PeriodView) -> PeriodOut:
    parties = []
    for status in view.parties:
        answers = None
        if status.visible:
            answers = [
                AnswerOut(criterion=row.criterion, rating=cell.rating, evidence=cell.evidence)
                for row in view.rows
                for cell in row.cells
                if cell.party.pk == status.party.pk
            ]
        parties.append(
            PartyAssessmentOut(
                party=status.party.pk,
                actor=status.party.actor.name,
                submitted=status.submitted,
                visible=status.visible,
                summary=status.assessment.summary
                if status.visible and status.assessment is not None
                else None,
                answers=answers,
            )
        )
    return PeriodOut(
        id=view.period.pk,
        label=view.period.label,
        starts_on=view.period.starts_on,
        ends_on=view.period.ends_on,
        parties=parties,
        divergences=[row.criterion for row in view.divergences],
    )


@router.get(
    "/partnerships/{partnership_id}",
    response={200: EvaluationOut, **ERRORS},
    operation_id="evaluation_get",
    summary="L'évaluation d'un partenariat",
    description="Indicateurs (avec leurs mesures et leur progression vers la cible) et "
    "bilans, avec les réponses que vous pouvez voir.",
)
def evaluation_get(request: HttpRequest, partnership_id: int) -> EvaluationOut:
    _signed_in(request)
    partnership = access_partnership_for_view(request.user, partnership_id)
    return EvaluationOut(
        partnership=partnership.pk,
        indicators=[_indicator_out(v) for v in indicators_overview(partnership=partnership)],
        periods=[
            _period_out(view)
            for view in periods_overview(partnership=partnership, user=request.user)
        ],
    )


@router.post(
    "/partnerships/{partnership_id}/indicators",
    response={201: IndicatorOut, **ERRORS},
    operation_id="evaluation_indicator_create",
    summary="Définir un indicateur",
    description="Avec sa dimension, son unité, sa situation de départ et sa cible (différente).",
)
def evaluation_indicator_create(
    request: HttpRequest, partnership_id: int, payload: IndicatorIn
) -> Status:
    _signed_in(request)
    partnership = access_partnership_for_edit(request.user, partnership_id)
    indicator = services.indicator_create(
        partnership=partnership,
        data=services.IndicatorInput(**payload.model_dump()),
        user=request.user,  # type: ignore[arg-type]
    )
    return Status(201, _view_of(indicator))


def _view_of(indicator: Indicator) -> IndicatorOut:
    view = next(
        item
        for item in indicators_overview(partnership=indicator.partnership)
        if item.indicator.pk == indicator.pk
    )
    return _indicator_out(view)


@router.post(
    "/indicators/{indicator_id}/measurements",
    response={201: IndicatorOut, **ERRORS},
    operation_id="evaluation_measurement_create",
    summary="Enregistrer une mesure",
    description="Une mesure par jour, jamais datée dans le futur.",
)
def evaluation_measurement_create(
    request: HttpRequest, indicator_id: int, payload: MeasurementIn
) -> Status:
    _signed_in(request)
    indicator = access_indicator_for_edit(request.user, indicator_id)
    services.measurement_record(
        indicator=indicator,
        measured_on=payload.measured_on,
        value=payload.value,
        note=payload.note,
        user=request.user,  # type: ignore[arg-type]
    )
    return Status(201, _view_of(indicator))


@router.post(
    "/partnerships/{partnership_id}/periods",
    response={201: PeriodOut, **ERRORS},
    operation_id="evaluation_period_create",
    summary="Ouvrir un bilan",
)
def evaluation_period_create(
    request: HttpRequest, partnership_id: int, payload: PeriodIn
) -> Status:
    _signed_in(request)
    partnership = access_partnership_for_edit(request.user, partnership_id)
    period = services.period_create(
        partnership=partnership,
        label=payload.label,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        user=request.user,  # type: ignore[arg-type]
    )
    return Status(201, _period_out(period_overview(period=period, user=request.user)))


@router.put(
    "/periods/{period_id}/assessments/{party_id}",
    response={200: PeriodOut, **ERRORS},
    operation_id="evaluation_assessment_save",
    summary="Répondre à un bilan pour une partie",
    description="Réservé aux membres de cette partie. Un brouillon se modifie ; une "
    "évaluation soumise est définitive. Après soumission, vous voyez les réponses des "
    "autres parties qui ont soumis la leur.",
)
def evaluation_assessment_save(
    request: HttpRequest, period_id: int, party_id: int, payload: AssessmentIn
) -> PeriodOut:
    _signed_in(request)
    period: AssessmentPeriod = access_period_for_view(request.user, period_id)
    party = (
        Party.objects.select_related("actor")
        .filter(pk=party_id, partnership=period.partnership)
        .first()
        if valid_id(party_id)
        else None
    )
    if party is None:
        raise Http404
    services.assessment_save(
        period=period,
        party=party,
        user=request.user,  # type: ignore[arg-type]
        answers={
            criterion: services.AnswerInput(rating=answer.rating, evidence=answer.evidence)
            for criterion, answer in payload.answers.items()
        },
        summary=payload.summary,
        submit=payload.submit,
    )
    return _period_out(period_overview(period=period, user=request.user))
