"""The method's pages: the four steps and their checklists, the risk analysis, the legal
form with its guidance."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.core.errors import DomainError
from maillage.partnerships import services
from maillage.partnerships.enums import STEP_ORDER, MethodStep
from maillage.partnerships.forms import (
    AdvanceStepForm,
    ChecklistItemAddForm,
    LegalFormForm,
    RiskForm,
)
from maillage.partnerships.models import ChecklistItem, Partnership, Risk
from maillage.partnerships.permissions import (
    access_partnership_for_edit,
    access_partnership_for_view,
)
from maillage.partnerships.selectors import (
    legal_form_guidance,
    method_progress,
    risk_overview,
)
from maillage.partnerships.views.common import (
    is_htmx,
    object_or_404,
    partnership_context,
    report_error,
    saved,
)


def _method_url(partnership: Partnership) -> str:
    return reverse("partnerships:method", kwargs={"pk": partnership.pk})


def _method_page(
    request: AuthenticatedRequest,
    partnership: Partnership,
    *,
    add_form: ChecklistItemAddForm | None = None,
    advance_form: AdvanceStepForm | None = None,
) -> HttpResponse:
    context = partnership_context(request.user, partnership, "method")
    parties = context["parties"]
    current = STEP_ORDER.index(partnership.current_step)
    context.update(
        steps=method_progress(partnership=partnership),
        risks=risk_overview(partnership=partnership, parties=parties),
        next_step=MethodStep(STEP_ORDER[current + 1]).label
        if current + 1 < len(STEP_ORDER)
        else None,
        add_form=add_form or ChecklistItemAddForm(partnership=partnership, user=request.user),
        advance_form=advance_form or AdvanceStepForm(partnership=partnership, user=request.user),
    )
    return render(request, "partnerships/method.html", context)


@login_required
def method(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_view(request.user, pk)
    return _method_page(request, partnership)


def _item_of(partnership: Partnership, item_pk: int) -> ChecklistItem:
    return object_or_404(ChecklistItem, pk=item_pk, partnership=partnership)


@login_required
@require_POST
def checklist_toggle(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    item = _item_of(partnership, item_pk)
    done = request.POST.get("done") == "1"
    try:
        item = services.checklist_item_set_done(item=item, done=done, user=request.user)
    except DomainError as error:
        return report_error(request, error, _method_url(partnership))
    if is_htmx(request):
        return render(
            request,
            "partnerships/partials/checklist_item.html",
            {"item": item, "partnership": partnership, "can_edit": True},
        )
    return redirect(f"{_method_url(partnership)}#item-{item.pk}")


@login_required
@require_POST
def checklist_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    form = ChecklistItemAddForm(request.POST, partnership=partnership, user=request.user)
    if form.is_valid():
        saved(request, _("Action ajoutée."))
        return redirect(f"{_method_url(partnership)}#step-{form.result.step}")
    return _method_page(request, partnership, add_form=form)


@login_required
@require_POST
def checklist_delete(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    item = _item_of(partnership, item_pk)
    try:
        services.checklist_item_delete(item=item, user=request.user)
    except DomainError as error:
        return report_error(request, error, _method_url(partnership))
    saved(request, _("Action retirée."))
    return redirect(_method_url(partnership))


@login_required
@require_POST
def advance_step(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    form = AdvanceStepForm(request.POST, partnership=partnership, user=request.user)
    if form.is_valid():
        saved(
            request,
            _("Étape suivante : %(step)s.") % {"step": form.result.get_current_step_display()},
        )
        return redirect(f"{_method_url(partnership)}#step-{form.result.current_step}")
    return _method_page(request, partnership, advance_form=form)


# --------------------------------------------------------------------------- risks


def _risk_of(partnership: Partnership, risk_pk: int) -> Risk:
    return object_or_404(
        Risk.objects.select_related("party__actor"), pk=risk_pk, partnership=partnership
    )


@login_required
def risk_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    context = partnership_context(request.user, partnership, "method")
    initial = {
        key: request.GET[key]
        for key in ("party", "kind", "level", "description")
        if request.GET.get(key)
    }
    form = RiskForm(
        request.POST or None,
        initial=initial,
        partnership=partnership,
        parties=context["parties"],
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        saved(request, _("Risque ajouté à l'analyse."))
        return redirect(f"{_method_url(partnership)}#risks")
    context.update(form=form, risk=None)
    return render(request, "partnerships/risk_form.html", context)


@login_required
def risk_edit(request: AuthenticatedRequest, pk: int, risk_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    risk = _risk_of(partnership, risk_pk)
    context = partnership_context(request.user, partnership, "method")
    form = RiskForm(
        request.POST or None,
        partnership=partnership,
        parties=context["parties"],
        user=request.user,
        risk=risk,
    )
    if request.method == "POST" and form.is_valid():
        saved(request)
        return redirect(f"{_method_url(partnership)}#risks")
    context.update(form=form, risk=risk)
    return render(request, "partnerships/risk_form.html", context)


@login_required
def risk_delete(request: AuthenticatedRequest, pk: int, risk_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    risk = _risk_of(partnership, risk_pk)
    if request.method == "POST":
        services.risk_delete(risk=risk, user=request.user)
        saved(request, _("Risque retiré de l'analyse."))
        return redirect(f"{_method_url(partnership)}#risks")
    context = partnership_context(request.user, partnership, "method", risk=risk)
    return render(request, "partnerships/risk_delete.html", context)


# --------------------------------------------------------------------------- legal form


@login_required
def legal_form(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The guidance on every legal form for this partnership; its parties choose one."""
    if request.method == "POST":
        partnership = access_partnership_for_edit(request.user, pk)
    else:
        partnership = access_partnership_for_view(request.user, pk)
    form = LegalFormForm(request.POST or None, partnership=partnership, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved(request, _("Forme juridique enregistrée."))
        return redirect(reverse("partnerships:legal_form", kwargs={"pk": partnership.pk}))
    context = partnership_context(request.user, partnership, "method", form=form)
    context["advice"] = legal_form_guidance(partnership=partnership, parties=context["parties"])
    return render(request, "partnerships/legal_form.html", context)
