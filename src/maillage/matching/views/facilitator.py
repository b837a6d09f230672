"""Facilitators' pages: the dashboard (funnel, follow-ups, decline reasons, feedback), an
actor's suggestions, a territory's best pairs not yet in contact, introducing two actors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from maillage.accounts.http import AuthenticatedRequest
from maillage.accounts.models import FacilitatorScope
from maillage.actors.models import Actor
from maillage.actors.permissions import actors_covered_by
from maillage.core.errors import DomainError
from maillage.matching.forms import ActorSearchForm, BestPairsForm, FacilitateForm
from maillage.matching.models import BestPairsReport, Introduction
from maillage.matching.permissions import can_facilitate, can_view_facilitation
from maillage.matching.selectors import (
    best_pairs_report_latest,
    best_pairs_rows,
    feedback_counts,
    introduction_funnel,
    introductions_recent,
    pair_score_between,
)
from maillage.matching.services import best_pairs_report_request, introduction_facilitate
from maillage.territories.selectors import territory_get, territory_parents

SEARCH_LIMIT = 20


def _require_facilitator(request: HttpRequest) -> None:
    if not can_view_facilitation(request.user):
        raise Http404


def _scopes(request: AuthenticatedRequest) -> list[str]:
    return list(
        FacilitatorScope.objects.filter(user=request.user)
        .order_by("territory_code")
        .values_list("territory_code", flat=True)
    )


def territory_in_scope(request: AuthenticatedRequest, code: str) -> bool:
    """Staff anywhere; a facilitator inside one of their territories."""
    if request.user.is_staff:
        return True
    scopes = set(_scopes(request))
    if "fr" in scopes or code in scopes:
        return True
    return any(parent.code in scopes for parent in territory_parents(code=code))


@login_required
@require_GET
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    _require_facilitator(request)
    covered = actors_covered_by(request.user)
    introductions = Introduction.objects.filter(Q(from_actor__in=covered) | Q(to_actor__in=covered))
    funnel = introduction_funnel(introductions=introductions)
    funnel.feedback_relevant, funnel.feedback_not_relevant = feedback_counts(actors=covered)
    search = ActorSearchForm(request.GET or None)
    found: list[Actor] = []
    if search.is_valid() and search.cleaned_data["q"]:
        found = list(
            covered.filter(name__icontains=search.cleaned_data["q"])
            .select_related("kind", "seat_commune")
            .order_by("name", "id")[:SEARCH_LIMIT]
        )
    territories = [territory_get(code) for code in _scopes(request)]
    return render(
        request,
        "matching/facilitation.html",
        {
            "funnel": funnel,
            "recent": introductions_recent(introductions=introductions),
            "search": search,
            "found": found,
            "territories": [t for t in territories if t is not None],
            "pairs_form": BestPairsForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def best_pairs_page(request: AuthenticatedRequest) -> HttpResponse:
    _require_facilitator(request)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = BestPairsForm(data)
    report: BestPairsReport | None = None
    if form.is_valid():
        code = form.cleaned_data["territory"]
        if not territory_in_scope(request, code):
            form.add_error(
                "territory", _("Ce territoire n'est pas dans votre périmètre d'animation.")
            )
        elif request.method == "POST":
            try:
                report = best_pairs_report_request(territory_code=code, user=request.user)
            except DomainError as error:
                form.add_error("territory", error.message)
            else:
                return redirect(f"{request.path}?territory={code}")
        else:
            report = best_pairs_report_latest(territory_code=code)
    return render(request, "matching/best_pairs.html", _pairs_context(request, form, report))


def _pairs_context(
    request: HttpRequest, form: BestPairsForm, report: BestPairsReport | None
) -> dict[str, object]:
    rows = best_pairs_rows(report=report) if report is not None and report.status == "done" else []
    return {
        "form": form,
        "report": report,
        "rows": rows,
        "polling": report is not None and report.status in {"queued", "running"},
    }


@login_required
@require_GET
def best_pairs_state(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The report region (htmx polls it while the computation runs)."""
    _require_facilitator(request)
    report = BestPairsReport.objects.filter(pk=pk).first()
    if report is None or not territory_in_scope(request, report.territory_code):
        raise Http404
    form = BestPairsForm({"territory": report.territory_code})
    form.is_valid()
    return render(
        request, "matching/partials/best_pairs_report.html", _pairs_context(request, form, report)
    )


@login_required
@require_http_methods(["GET", "POST"])
def facilitate(request: AuthenticatedRequest, actor_a: int, actor_b: int) -> HttpResponse:
    """A facilitator introduces two actors (each side then accepts or declines)."""
    a = Actor.objects.select_related("kind", "seat_commune").filter(pk=actor_a).first()
    b = Actor.objects.select_related("kind", "seat_commune").filter(pk=actor_b).first()
    if a is None or b is None or not can_facilitate(request.user, a, b):
        raise Http404
    form = FacilitateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            introduction = introduction_facilitate(
                actor_a=a,
                actor_b=b,
                facilitator=request.user,
                message=form.cleaned_data["message"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Les deux structures ont reçu votre proposition."))
            return redirect(introduction)
    return render(
        request,
        "matching/facilitate.html",
        {"a": a, "b": b, "form": form, "pair": pair_score_between(actor=a, other=b)},
    )
