"""Funding pages: the envelopes one may see, creating and changing one, its page (totals,
allocations, expenses, what the funded partnerships' evaluation says), allocating,
recording expenses, and the CSV export.

Access: anonymous visitors are sent to the sign-in page; signed-in people who may not see
(or manage) an envelope get a 404, as for a missing one (``funding.permissions``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.core.errors import DomainError
from maillage.exports.formats import separator_parse
from maillage.funding import services
from maillage.funding.enums import EnvelopeStatus
from maillage.funding.export import allocations_csv
from maillage.funding.forms import AllocationForm, EnvelopeForm, ExpenseForm
from maillage.funding.models import Expense
from maillage.funding.permissions import (
    access_allocation_for_manage,
    access_envelope_for_full_view,
    access_envelope_for_manage,
    access_envelope_for_view,
    can_start_envelope,
)
from maillage.funding.selectors import (
    envelope_export_rows,
    envelope_overview,
    envelopes_for_user,
    fundable_partnerships,
)
from maillage.territories.selectors import territory_get


@login_required
@require_GET
def envelope_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "funding/list.html",
        {
            "rows": envelopes_for_user(user=request.user),
            "can_create": can_start_envelope(request.user),
        },
    )


@login_required
def envelope_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_start_envelope(request.user):
        raise Http404
    form = EnvelopeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("L'enveloppe est créée."))
        return redirect(form.result.get_absolute_url())
    return render(request, "funding/envelope_form.html", {"form": form, "envelope": None})


@login_required
@require_GET
def envelope_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    envelope = access_envelope_for_view(request.user, pk)
    overview = envelope_overview(envelope=envelope, user=request.user)
    return render(
        request,
        "funding/detail.html",
        {
            "envelope": envelope,
            "overview": overview,
            "territory": territory_get(envelope.territory_code),
        },
    )


@login_required
def envelope_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    envelope = access_envelope_for_manage(request.user, pk)
    form = EnvelopeForm(request.POST or None, user=request.user, envelope=envelope)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("L'enveloppe est enregistrée."))
        return redirect(envelope.get_absolute_url())
    return render(request, "funding/envelope_form.html", {"form": form, "envelope": envelope})


@login_required
@require_POST
def envelope_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    envelope = access_envelope_for_manage(request.user, pk)
    status = request.POST.get("status", "")
    try:
        services.envelope_set_status(envelope=envelope, status=status, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("L'enveloppe est clôturée.")
            if status == EnvelopeStatus.CLOTUREE
            else _("L'enveloppe est rouverte."),
        )
    return redirect(envelope.get_absolute_url())


@login_required
def allocation_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    envelope = access_envelope_for_manage(request.user, pk)
    form = AllocationForm(
        request.POST or None,
        user=request.user,
        envelope=envelope,
        partnerships=fundable_partnerships(envelope=envelope, user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("L'attribution est enregistrée."))
        return redirect(envelope.get_absolute_url())
    return render(
        request,
        "funding/allocation_form.html",
        {"form": form, "envelope": envelope, "allocation": None},
    )


@login_required
def allocation_edit(request: AuthenticatedRequest, pk: int, allocation_pk: int) -> HttpResponse:
    allocation = access_allocation_for_manage(request.user, pk, allocation_pk)
    envelope = allocation.envelope
    form = AllocationForm(
        request.POST or None, user=request.user, envelope=envelope, allocation=allocation
    )
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("L'attribution est enregistrée."))
        return redirect(envelope.get_absolute_url())
    return render(
        request,
        "funding/allocation_form.html",
        {"form": form, "envelope": envelope, "allocation": allocation},
    )


@login_required
def allocation_delete(request: AuthenticatedRequest, pk: int, allocation_pk: int) -> HttpResponse:
    allocation = access_allocation_for_manage(request.user, pk, allocation_pk)
    envelope = allocation.envelope
    if request.method == "POST":
        try:
            services.allocation_delete(allocation=allocation, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("L'attribution est retirée."))
        return redirect(envelope.get_absolute_url())
    return render(
        request, "funding/allocation_delete.html", {"envelope": envelope, "allocation": allocation}
    )


@login_required
def expense_add(request: AuthenticatedRequest, pk: int, allocation_pk: int) -> HttpResponse:
    allocation = access_allocation_for_manage(request.user, pk, allocation_pk)
    envelope = allocation.envelope
    form = ExpenseForm(request.POST or None, user=request.user, allocation=allocation)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("La dépense est enregistrée."))
        return redirect(envelope.get_absolute_url())
    return render(
        request,
        "funding/expense_form.html",
        {"form": form, "envelope": envelope, "allocation": allocation},
    )


@login_required
@require_POST
def expense_delete(
    request: AuthenticatedRequest, pk: int, allocation_pk: int, expense_pk: int
) -> HttpResponse:
    allocation = access_allocation_for_manage(request.user, pk, allocation_pk)
    expense = get_object_or_404(Expense, pk=expense_pk, allocation=allocation)
    try:
        services.expense_delete(expense=expense, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La dépense est supprimée."))
    return redirect(allocation.envelope.get_absolute_url())


@login_required
@require_GET
def envelope_export(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The allocations as CSV (the whole envelope: its managers, the funder's members)."""
    envelope = access_envelope_for_full_view(request.user, pk)
    try:
        separator = separator_parse(request.GET.get("sep"))
    except ValueError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    rows = envelope_export_rows(
        envelope=envelope, user=request.user, base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(
        allocations_csv(rows, separator=separator).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
    )
    name = f"enveloppe-{envelope.pk}-attributions-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
