"""Library pages: the public search (case studies, good practices, practical sheets), a
case study (public once published; a draft for the people concerned, with its consents),
proposing, editing, agreeing, publishing, taking out; good practices.

Access: drafts answer 404 to anyone who may not see them, as a missing page
(``library.permissions``); writing pages need sign-in.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.actors.models import Actor, PartnershipType, Theme
from maillage.core.errors import DomainError
from maillage.library import services
from maillage.library.enums import EntryKind, PracticeStatus
from maillage.library.forms import CaseStudyForm, PracticeForm
from maillage.library.permissions import (
    access_case_study_for_consent,
    access_case_study_for_edit,
    access_case_study_for_view,
    access_practice_for_edit,
    access_practice_for_view,
    can_edit_practice,
    can_propose_case_study,
    can_write_practices,
    consent_actors_for,
)
from maillage.library.selectors import (
    case_studies_in_preparation,
    case_study_page,
    eligible_partnerships,
    filters_from_params,
    library_search,
    practices_of,
)
from maillage.partnerships.models import Partnership
from maillage.partnerships.selectors import sheet_blocks
from maillage.territories.selectors import territory_get


@login_not_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The library: search by words, theme, partnership type and territory (public)."""
    filters, errors = filters_from_params(request.GET.dict())
    territory = territory_get(filters.territory) if filters.territory else None
    return render(
        request,
        "library/index.html",
        {
            "results": library_search(filters=filters),
            "filters": filters,
            "errors": errors,
            "territory": territory,
            "themes": list(Theme.objects.order_by("position", "code").values_list("code", "name")),
            "types": list(
                PartnershipType.objects.order_by("position", "code").values_list("code", "name")
            ),
            "kinds": EntryKind.choices,
        },
    )


@login_not_required
@require_GET
def case_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    case_study = access_case_study_for_view(request.user, pk)
    if slug != case_study.slug and case_study.slug and request.method == "GET":
        return redirect(case_study.get_absolute_url(), permanent=case_study.is_published)
    page = case_study_page(case_study=case_study, user=request.user)
    territory = territory_get(case_study.territory_code) if case_study.territory_code else None
    return render(
        request,
        "library/case_detail.html",
        {"page": page, "case": case_study, "territory": territory},
    )


@login_required
def case_propose(request: AuthenticatedRequest, partnership_pk: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership, pk=partnership_pk)
    if not can_propose_case_study(request.user, partnership):
        raise Http404
    existing = getattr(partnership, "case_study", None)
    if existing is not None:
        return redirect(existing.get_absolute_url())
    reason = services.case_study_eligibility(partnership)
    if request.method == "POST" and not reason:
        try:
            case_study = services.case_study_create_draft(
                partnership=partnership, user=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(reverse("library:propose", kwargs={"partnership_pk": partnership.pk}))
        messages.success(
            request,
            _(
                "L'étude de cas est créée à partir du partenariat et de son évaluation. "
                "Relisez-la, complétez-la, puis chaque partie donnera son accord."
            ),
        )
        return redirect(case_study.get_absolute_url())
    return render(request, "library/propose.html", {"partnership": partnership, "reason": reason})


@login_required
def case_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case_study = access_case_study_for_edit(request.user, pk)
    form = CaseStudyForm(request.POST or None, case_study=case_study, user=request.user)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("L'étude de cas est enregistrée."))
        return redirect(form.result.get_absolute_url())
    return render(request, "library/case_form.html", {"form": form, "case": case_study})


def _actor_of(request: AuthenticatedRequest) -> Actor:
    try:
        return get_object_or_404(Actor, pk=int(request.POST.get("actor", "")))
    except ValueError as error:
        raise Http404 from error


@login_required
@require_POST
def case_consent(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Give (``decision=accord``) or withdraw (``decision=retrait``) a party's consent."""
    case_study = access_case_study_for_consent(request.user, pk)
    actor = _actor_of(request)
    if actor not in consent_actors_for(request.user, case_study):
        raise Http404
    note = request.POST.get("note", "")[:2000]
    decision = request.POST.get("decision", "")
    try:
        if decision == "accord":
            services.case_consent_give(
                case_study=case_study, actor=actor, user=request.user, note=note
            )
            messages.success(request, _("Accord de %(name)s enregistré.") % {"name": actor.name})
        elif decision == "retrait":
            services.case_consent_withdraw(
                case_study=case_study, actor=actor, user=request.user, note=note
            )
            messages.success(request, _("Accord de %(name)s retiré.") % {"name": actor.name})
        else:
            messages.error(request, _("Choisissez de donner ou de retirer l'accord."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(case_study.get_absolute_url())


@login_required
@require_POST
def case_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case_study = access_case_study_for_edit(request.user, pk)
    try:
        services.case_study_publish(case_study=case_study, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("L'étude de cas est publiée dans la bibliothèque."))
    return redirect(case_study.get_absolute_url())


@login_required
@require_POST
def case_unpublish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case_study = access_case_study_for_consent(request.user, pk)
    actor = _actor_of(request)
    if actor not in consent_actors_for(request.user, case_study):
        raise Http404
    try:
        services.case_study_unpublish(
            case_study=case_study,
            actor=actor,
            user=request.user,
            note=request.POST.get("note", "")[:2000],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("L'étude de cas est retirée de la bibliothèque."))
    return redirect(case_study.get_absolute_url())


@login_required
def case_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case_study = access_case_study_for_edit(request.user, pk)
    if request.method == "POST":
        try:
            services.case_study_delete(case_study=case_study, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(case_study.get_absolute_url())
        messages.success(request, _("Le projet d'étude de cas est supprimé."))
        return redirect("library:mine")
    return render(request, "library/case_delete.html", {"case": case_study})


@login_required
@require_GET
def mine(request: AuthenticatedRequest) -> HttpResponse:
    """« Mes études de cas »: drafts to read and agree to, partnerships ready to tell,
    good practices one writes."""
    return render(
        request,
        "library/mine.html",
        {
            "drafts": case_studies_in_preparation(user=request.user),
            "eligible": eligible_partnerships(user=request.user),
            "practices": practices_of(user=request.user),
            "can_write_practices": can_write_practices(request.user),
        },
    )


# --------------------------------------------------------------------------- practices


@login_not_required
@require_GET
def practice_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    practice = access_practice_for_view(request.user, pk)
    if slug != practice.slug and practice.slug:
        return redirect(practice.get_absolute_url(), permanent=practice.is_published)
    return render(
        request,
        "library/practice_detail.html",
        {
            "practice": practice,
            "blocks": sheet_blocks(practice.body),
            "themes": list(practice.themes.order_by("position", "code")),
            "types": list(practice.partnership_types.order_by("position", "code")),
            "territory": territory_get(practice.territory_code)
            if practice.territory_code
            else None,
            "can_edit": can_edit_practice(request.user, practice),
        },
    )


@login_required
def practice_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_write_practices(request.user):
        raise Http404
    form = PracticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("La bonne pratique est enregistrée (brouillon)."))
        return redirect(form.result.get_absolute_url())
    return render(request, "library/practice_form.html", {"form": form, "practice": None})


@login_required
def practice_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = access_practice_for_edit(request.user, pk)
    form = PracticeForm(request.POST or None, user=request.user, practice=practice)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("La bonne pratique est enregistrée."))
        return redirect(practice.get_absolute_url())
    return render(request, "library/practice_form.html", {"form": form, "practice": practice})


@login_required
@require_POST
def practice_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = access_practice_for_edit(request.user, pk)
    status = request.POST.get("status", "")
    try:
        services.good_practice_set_status(practice=practice, status=status, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("La bonne pratique est publiée.")
            if status == PracticeStatus.PUBLIEE
            else _("La bonne pratique est repassée en brouillon."),
        )
    return redirect(practice.get_absolute_url())
