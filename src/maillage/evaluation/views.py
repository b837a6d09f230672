"""Evaluation pages of a partnership: indicators and their measurements, the assessment
periods (each party answers; answers side by side), the printable report and its
one-page « utilité sociale » summary.

Access as for the partnership (``evaluation.permissions``): 404 for whoever may not see
it; only a party's own members answer its assessment.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.core.errors import DomainError
from maillage.evaluation import services
from maillage.evaluation.forms import AssessmentForm, IndicatorForm, MeasurementForm, PeriodForm
from maillage.evaluation.models import AssessmentPeriod, Indicator, Measurement
from maillage.evaluation.permissions import (
    access_party_for_answer,
    can_manage_indicators,
    parties_user_answers_for,
)
from maillage.evaluation.selectors import (
    assessment_answers,
    evaluation_report,
    indicators_overview,
    period_overview,
    periods_overview,
)
from maillage.partnerships.models import Partnership
from maillage.partnerships.permissions import (
    access_partnership_for_edit,
    access_partnership_for_view,
)
from maillage.partnerships.views.common import (
    object_or_404,
    partnership_context,
    report_error,
    saved,
)


def _overview_url(partnership: Partnership, anchor: str = "") -> str:
    url = reverse("evaluation:overview", kwargs={"pk": partnership.pk})
    return f"{url}#{anchor}" if anchor else url


@login_required
def overview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_view(request.user, pk)
    context = partnership_context(request.user, partnership, "evaluation")
    context.update(
        indicators=indicators_overview(partnership=partnership),
        periods=periods_overview(
            partnership=partnership, user=request.user, parties=context["parties"]
        ),
        can_manage=can_manage_indicators(request.user, partnership),
        own_parties=parties_user_answers_for(request.user, partnership),
    )
    return render(request, "evaluation/overview.html", context)


# --------------------------------------------------------------------------- indicators


def _indicator_of(partnership: Partnership, indicator_pk: int) -> Indicator:
    return object_or_404(Indicator, pk=indicator_pk, partnership=partnership)


@login_required
def indicator_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    form = IndicatorForm(request.POST or None, partnership=partnership, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved(request, _("Indicateur ajouté."))
        return redirect(_overview_url(partnership, "indicators"))
    context = partnership_context(
        request.user, partnership, "evaluation", form=form, indicator=None
    )
    return render(request, "evaluation/indicator_form.html", context)


@login_required
def indicator_edit(request: AuthenticatedRequest, pk: int, indicator_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    indicator = _indicator_of(partnership, indicator_pk)
    form = IndicatorForm(
        request.POST or None, partnership=partnership, user=request.user, indicator=indicator
    )
    if request.method == "POST" and form.is_valid():
        saved(request)
        return redirect(
            reverse("evaluation:indicator", kwargs={"pk": pk, "indicator_pk": indicator.pk})
        )
    context = partnership_context(
        request.user, partnership, "evaluation", form=form, indicator=indicator
    )
    return render(request, "evaluation/indicator_form.html", context)


@login_required
def indicator_delete(request: AuthenticatedRequest, pk: int, indicator_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    indicator = _indicator_of(partnership, indicator_pk)
    if request.method == "POST":
        try:
            services.indicator_delete(indicator=indicator, user=request.user)
        except DomainError as error:
            return report_error(request, error, _overview_url(partnership, "indicators"))
        saved(request, _("Indicateur supprimé."))
        return redirect(_overview_url(partnership, "indicators"))
    context = partnership_context(request.user, partnership, "evaluation", indicator=indicator)
    return render(request, "evaluation/indicator_delete.html", context)


def _indicator_page(
    request: AuthenticatedRequest,
    partnership: Partnership,
    indicator: Indicator,
    form: MeasurementForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = partnership_context(request.user, partnership, "evaluation")
    view = next(
        item
        for item in indicators_overview(partnership=partnership)
        if item.indicator.pk == indicator.pk
    )
    context.update(
        view=view,
        indicator=indicator,
        can_manage=can_manage_indicators(request.user, partnership),
        form=form or MeasurementForm(indicator=indicator, user=request.user),
    )
    return render(request, "evaluation/indicator.html", context, status=status)


@login_required
def indicator(request: AuthenticatedRequest, pk: int, indicator_pk: int) -> HttpResponse:
    partnership = access_partnership_for_view(request.user, pk)
    return _indicator_page(request, partnership, _indicator_of(partnership, indicator_pk))


@login_required
@require_POST
def measurement_add(request: AuthenticatedRequest, pk: int, indicator_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    found = _indicator_of(partnership, indicator_pk)
    form = MeasurementForm(request.POST, indicator=found, user=request.user)
    if form.is_valid():
        saved(request, _("Mesure enregistrée."))
        return redirect(
            reverse("evaluation:indicator", kwargs={"pk": pk, "indicator_pk": found.pk})
        )
    return _indicator_page(request, partnership, found, form=form, status=400)


@login_required
@require_POST
def measurement_delete(
    request: AuthenticatedRequest, pk: int, indicator_pk: int, measurement_pk: int
) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    found = _indicator_of(partnership, indicator_pk)
    measurement = object_or_404(Measurement, pk=measurement_pk, indicator=found)
    target = reverse("evaluation:indicator", kwargs={"pk": pk, "indicator_pk": found.pk})
    try:
        services.measurement_delete(measurement=measurement, user=request.user)
    except DomainError as error:
        return report_error(request, error, target)
    saved(request, _("Mesure supprimée."))
    return redirect(target)


# --------------------------------------------------------------------------- assessments


def _period_of(partnership: Partnership, period_pk: int) -> AssessmentPeriod:
    return object_or_404(
        AssessmentPeriod.objects.select_related("partnership"),
        pk=period_pk,
        partnership=partnership,
    )


@login_required
def period_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    form = PeriodForm(request.POST or None, partnership=partnership, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved(request, _("Bilan ouvert : chaque partie peut maintenant remplir son évaluation."))
        return redirect(
            reverse("evaluation:period", kwargs={"pk": pk, "period_pk": form.result.pk})
        )
    context = partnership_context(request.user, partnership, "evaluation", form=form)
    return render(request, "evaluation/period_form.html", context)


@login_required
def period(request: AuthenticatedRequest, pk: int, period_pk: int) -> HttpResponse:
    partnership = access_partnership_for_view(request.user, pk)
    found = _period_of(partnership, period_pk)
    context = partnership_context(
        request.user,
        partnership,
        "evaluation",
        view=period_overview(period=found, user=request.user),
    )
    return render(request, "evaluation/period.html", context)


@login_required
def assessment(
    request: AuthenticatedRequest, pk: int, period_pk: int, party_pk: int
) -> HttpResponse:
    """A party answers for itself: only its active members reach this page."""
    partnership = access_partnership_for_view(request.user, pk)
    found = _period_of(partnership, period_pk)
    party = access_party_for_answer(request.user, found, party_pk)
    current, answers = assessment_answers(period=found, party=party)
    period_url = reverse("evaluation:period", kwargs={"pk": pk, "period_pk": found.pk})
    if current is not None and current.is_submitted:
        return redirect(period_url)
    submit = "submit" in request.POST
    form = AssessmentForm(
        request.POST or None,
        period=found,
        party=party,
        user=request.user,
        answers=answers,
        summary=current.summary if current else "",
        submit=submit,
    )
    if request.method == "POST" and form.is_valid():
        if submit:
            saved(
                request,
                _(
                    "Évaluation soumise : vous voyez maintenant les réponses des autres "
                    "parties qui ont soumis la leur."
                ),
            )
            return redirect(period_url)
        saved(
            request, _("Brouillon enregistré. Il n'est visible que des membres de votre structure.")
        )
        return redirect(request.path)
    context = partnership_context(
        request.user, partnership, "evaluation", form=form, period=found, party=party
    )
    return render(request, "evaluation/assessment_form.html", context)


# --------------------------------------------------------------------------- report


@login_required
def report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_view(request.user, pk)
    context = partnership_context(request.user, partnership, "evaluation")
    context["report"] = evaluation_report(partnership=partnership, user=request.user)
    return render(request, "evaluation/report.html", context)


@login_required
def summary(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_view(request.user, pk)
    context = partnership_context(request.user, partnership, "evaluation")
    context["report"] = evaluation_report(partnership=partnership, user=request.user)
    return render(request, "evaluation/summary.html", context)
